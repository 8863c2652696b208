#!/usr/bin/env bash
# buf lint (STANDARD + COMMENTS rules, see buf.yaml) over protos/.
set -euo pipefail
cd "$(dirname "$0")/.."

# The googleapis protos ours import, for buf (scripts/proto_deps.py).
.venv/bin/python scripts/proto_deps.py build/proto-deps
if [ ! -x node_modules/.bin/buf ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/buf lint --path protos/tubelens
echo "buf lint: clean"
bash scripts/check-contract.sh
