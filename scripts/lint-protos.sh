#!/usr/bin/env bash
# buf lint (STANDARD + COMMENTS rules, see buf.yaml) over protos/.
set -euo pipefail
cd "$(dirname "$0")/.."

# google/rpc/status.proto is imported, not ours: take it from googleapis-common-protos, because
# the Buf registry that would normally supply it is out of reach.
deps=build/proto-deps/google/rpc
mkdir -p "$deps"
.venv/bin/python - "$deps" <<'PY'
import shutil, sys
from pathlib import Path
from google.rpc import status_pb2
shutil.copy(Path(status_pb2.__file__).with_name("status.proto"), sys.argv[1])
PY
if [ ! -x node_modules/.bin/buf ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node_modules/.bin/buf lint --path protos/tubelens
echo "buf lint: clean"
bash scripts/check-contract.sh
