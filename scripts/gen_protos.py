"""Regenerates the Python code for protos/ into tubelens/v1 (`make protos`).

The output depends only on the .proto files and the pinned grpcio-tools, so CI can regenerate
and fail on any difference.
"""

from __future__ import annotations

import shutil
import sys
from importlib import resources
from pathlib import Path

from grpc_tools import protoc
from proto_deps import copy_deps  # scripts/proto_deps.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tubelens" / "v1"


def main() -> int:
    sources = sorted(
        str(p.relative_to(ROOT / "protos")) for p in (ROOT / "protos").rglob("*.proto")
    )
    well_known = resources.files("grpc_tools") / "_proto"  # google/protobuf/*.proto
    # The googleapis protos ours import, as buf sees them too (scripts/proto_deps.py).
    googleapis = ROOT / "build" / "proto-deps"
    copy_deps(googleapis)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    code = protoc.main(
        [
            "grpc_tools.protoc",
            f"-I{ROOT / 'protos'}",
            f"-I{googleapis}",
            f"-I{well_known}",
            f"--python_out={ROOT}",
            f"--pyi_out={ROOT}",
            f"--grpc_python_out={ROOT}",
            *sources,
        ]
    )
    (OUT / "__init__.py").write_text(
        '"""Generated from protos/tubelens/v1 by `make protos`; do not edit."""\n'
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
