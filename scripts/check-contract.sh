#!/usr/bin/env bash
# buf breaking: the protos in this tree against the last released contract, a buf image
# committed at contract/tubelens-v1.binpb (FILE rules, buf.yaml). An incompatible change
# (a field removed or renumbered, a type changed, an RPC dropped) fails `make test`.
#   scripts/check-contract.sh [DIR]   check the protos under DIR (default: this repository)
#   scripts/check-contract.sh --release   make the current protos the new baseline
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
buf="$repo/node_modules/.bin/buf"
baseline="$repo/contract/tubelens-v1.binpb"
if [ ! -x "$buf" ]; then
  (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "${1:-}" = "--release" ]; then
  (cd "$repo" && "$buf" build --exclude-source-info -o "$baseline")
  echo "contract baseline updated: $baseline"
  exit 0
fi
tree="${1:-$repo}"
image="$(mktemp --suffix=.binpb)"
trap 'rm -f "$image"' EXIT
# Images on both sides: comparing a workspace directly to an image reports every file deleted.
(cd "$tree" && "$buf" build --exclude-source-info -o "$image")
"$buf" breaking "$image" --against "$baseline"
echo "buf breaking: compatible with contract/tubelens-v1.binpb"
