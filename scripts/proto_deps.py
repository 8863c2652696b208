"""Copies the googleapis protos ours import (google.rpc.Status, google.type.Date,
google.longrunning.Operation), with everything they import in turn, from
googleapis-common-protos into DIR, for protoc and buf: the Buf registry that would normally
supply them is out of reach. The package ships google/longrunning/operations.proto as
operations_proto.proto; it is copied under its import name.

    python scripts/proto_deps.py [DIR]   (default: build/proto-deps)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from google.longrunning import operations_proto_pb2
from google.protobuf.descriptor import FileDescriptor
from google.rpc import status_pb2
from google.type import date_pb2

IMPORTED = (status_pb2.DESCRIPTOR, date_pb2.DESCRIPTOR, operations_proto_pb2.DESCRIPTOR)
SITE = Path(status_pb2.__file__).parents[2]  # where the google/ package lies


def _source(name: str) -> Path:
    path = SITE / name
    return path if path.exists() else path.with_name(f"{path.stem}_proto.proto")


def copy_deps(target: Path) -> None:
    pending: list[FileDescriptor] = list(IMPORTED)
    seen: set[str] = set()
    while pending:
        descriptor = pending.pop()
        # google/protobuf/* come with protoc (grpc_tools) and buf themselves.
        if descriptor.name in seen or descriptor.name.startswith("google/protobuf/"):
            continue
        seen.add(descriptor.name)
        destination = target / descriptor.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(_source(descriptor.name), destination)
        pending.extend(descriptor.dependencies)


if __name__ == "__main__":
    copy_deps(Path(sys.argv[1] if len(sys.argv) > 1 else "build/proto-deps"))
