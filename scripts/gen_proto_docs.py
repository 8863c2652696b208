"""Writes docs/api.md, the reference of the gRPC contract, from protos/ and their comments.

`make protos` runs it beside the code generation, and `make check-protos` fails when the
committed file differs, so the reference cannot drift from the contract. protoc (from the
pinned grpcio-tools) parses the files with their source info; the comments are read from it.
"""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

from google.protobuf import descriptor_pb2
from grpc_tools import protoc
from proto_deps import copy_deps  # scripts/proto_deps.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "api.md"
PACKAGE = "tubelens.v1"
# Field numbers in descriptor.proto: the paths SourceCodeInfo uses to point at a declaration.
_FILE_MESSAGES, _FILE_ENUMS, _FILE_SERVICES = 4, 5, 6
_MESSAGE_FIELDS, _MESSAGE_NESTED, _MESSAGE_ENUMS = 2, 3, 4
_ENUM_VALUES, _SERVICE_METHODS = 2, 2
_TYPE_NAMES = {
    value: name.removeprefix("TYPE_").lower()
    for name, value in descriptor_pb2.FieldDescriptorProto.Type.items()
}


def descriptor_set() -> descriptor_pb2.FileDescriptorSet:
    sources = sorted(
        str(p.relative_to(ROOT / "protos")) for p in (ROOT / "protos").rglob("*.proto")
    )
    googleapis = ROOT / "build" / "proto-deps"
    copy_deps(googleapis)
    well_known = resources.files("grpc_tools") / "_proto"
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "set.binpb"
        code = protoc.main(
            [
                "grpc_tools.protoc",
                f"-I{ROOT / 'protos'}",
                f"-I{googleapis}",
                f"-I{well_known}",
                "--include_source_info",
                f"--descriptor_set_out={target}",
                *sources,
            ]
        )
        if code:
            raise SystemExit(f"protoc failed with code {code}")
        return descriptor_pb2.FileDescriptorSet.FromString(target.read_bytes())


class _Comments:
    def __init__(self, file: descriptor_pb2.FileDescriptorProto) -> None:
        self.maps = _map_entries(file)
        self._by_path = {
            tuple(location.path): location.leading_comments
            for location in file.source_code_info.location
        }

    def of(self, *path: int) -> str:
        text = self._by_path.get(path, "")
        lines = (line.strip() for line in text.strip().splitlines())
        return " ".join(line for line in lines if not line.startswith("buf:lint:"))


def _type(field: descriptor_pb2.FieldDescriptorProto, maps: dict[str, str]) -> str:
    if field.type_name in maps:
        return maps[field.type_name]
    name = field.type_name.removeprefix(".").removeprefix(PACKAGE + ".")
    shown = f"`{name}`" if name else _TYPE_NAMES[field.type]
    if field.label == descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED:
        return f"repeated {shown}"
    return shown


def _map_entries(file: descriptor_pb2.FileDescriptorProto) -> dict[str, str]:
    """Full name of each map field's entry type -> "map<key, value>", as the .proto says it."""
    found: dict[str, str] = {}

    def visit(message: descriptor_pb2.DescriptorProto, scope: str) -> None:
        for nested in message.nested_type:
            name = f"{scope}.{nested.name}"
            if nested.options.map_entry:
                key, value = (_type(field, found) for field in nested.field)
                found[name] = f"map<{key}, {value}>"
            visit(nested, name)

    for message in file.message_type:
        visit(message, f".{file.package}.{message.name}")
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _message(
    lines: list[str],
    message: descriptor_pb2.DescriptorProto,
    comments: _Comments,
    path: tuple[int, ...],
    prefix: str,
) -> None:
    name = f"{prefix}{message.name}"
    lines += [f"### {name}", "", comments.of(*path), ""]
    if message.field:
        lines += ["| field | number | type | description |", "|---|---|---|---|"]
        for index, field in enumerate(message.field):
            about = comments.of(*path, _MESSAGE_FIELDS, index)
            shown = _type(field, comments.maps)
            lines.append(f"| `{field.name}` | {field.number} | {shown} | {_cell(about)} |")
        lines.append("")
    for index, enum in enumerate(message.enum_type):
        _enum(lines, enum, comments, (*path, _MESSAGE_ENUMS, index), f"{name}.")
    for index, nested in enumerate(message.nested_type):
        if not nested.options.map_entry:
            _message(lines, nested, comments, (*path, _MESSAGE_NESTED, index), f"{name}.")


def _enum(
    lines: list[str],
    enum: descriptor_pb2.EnumDescriptorProto,
    comments: _Comments,
    path: tuple[int, ...],
    prefix: str,
) -> None:
    lines += [f"### {prefix}{enum.name} (enum)", "", comments.of(*path), ""]
    lines += ["| value | number | description |", "|---|---|---|"]
    for index, value in enumerate(enum.value):
        about = comments.of(*path, _ENUM_VALUES, index)
        lines.append(f"| `{value.name}` | {value.number} | {_cell(about)} |")
    lines.append("")


def render(files: list[descriptor_pb2.FileDescriptorProto]) -> str:
    lines = [
        "# TubeLens gRPC API reference",
        "",
        "Generated from `protos/` by `scripts/gen_proto_docs.py` (`make protos`); do not edit.",
        "",
    ]
    for file in files:
        comments = _Comments(file)
        lines += [f"## {file.name}", ""]
        for index, service in enumerate(file.service):
            lines += [f"### service {service.name}", "", comments.of(_FILE_SERVICES, index), ""]
            for number, method in enumerate(service.method):
                request = method.input_type.rsplit(".", 1)[-1]
                response = method.output_type.rsplit(".", 1)[-1]
                streams = (
                    "stream " if method.client_streaming else "",
                    "stream " if method.server_streaming else "",
                )
                about = comments.of(_FILE_SERVICES, index, _SERVICE_METHODS, number)
                lines += [
                    f"- `{method.name}({streams[0]}{request}) returns ({streams[1]}{response})`: "
                    f"{about}",
                ]
            lines.append("")
        for index, message in enumerate(file.message_type):
            _message(lines, message, comments, (_FILE_MESSAGES, index), "")
        for index, enum in enumerate(file.enum_type):
            _enum(lines, enum, comments, (_FILE_ENUMS, index), "")
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def main() -> int:
    files = [file for file in descriptor_set().file if file.package == PACKAGE]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(files), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
