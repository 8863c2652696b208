#!/usr/bin/env bash
# `make load`: `tubelens load` against the gateway at TUBELENS_TARGET (default 127.0.0.1:50051);
# when nothing answers there, a local stack is started for the run and stopped after it.
# Arguments go to `tubelens load` (LOAD_ARGS in make), e.g. --concurrency 16 --seconds 60.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${TUBELENS_TARGET:-127.0.0.1:50051}"
tubelens=.venv/bin/tubelens
if ! "$tubelens" health --target "$target" >/dev/null 2>&1; then
  echo "Nothing answers at $target: starting a local stack for this run."
  "$tubelens" up --port "${target##*:}" >/dev/null 2>&1 &
  stack=$!
  trap 'kill "$stack" 2>/dev/null; wait "$stack" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    "$tubelens" health --target "$target" >/dev/null 2>&1 && break
    sleep 1
  done
fi
"$tubelens" load --target "$target" "$@"
