"""Writes web/openapi.json, the OpenAPI 3.1 description of the HTTP/JSON API, from the protos:
the google.api.http rules give the paths, the messages (in the proto3 JSON mapping) the schemas,
the .proto comments the descriptions. `make protos` runs it and `make check-protos` fails when
the committed file differs, so the description never drifts from the contract.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from gen_proto_docs import descriptor_set  # scripts/gen_proto_docs.py, beside this script
from google.longrunning import operations_pb2
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tubelens.v1 import gateway_pb2  # noqa: E402 - after the repository is on the path
from web.routes import routes_of  # noqa: E402

OUT = ROOT / "web" / "openapi.json"
_WELL_KNOWN: dict[str, dict[str, Any]] = {
    "google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    "google.protobuf.Duration": {"type": "string", "description": 'seconds, e.g. "1.5s"'},
    "google.protobuf.Empty": {"type": "object"},
    "google.protobuf.Any": {
        "type": "object",
        "properties": {"@type": {"type": "string"}},
        "additionalProperties": True,
    },
}
_RETRY_AFTER = {
    "description": "On a 429 or 503 whose details carry a google.rpc.RetryInfo: its delay in "
    "whole seconds, rounded up.",
    "schema": {"type": "integer", "minimum": 0},
}
_INTS = {FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_SINT32,
         FieldDescriptor.TYPE_FIXED32, FieldDescriptor.TYPE_SFIXED32}  # fmt: skip
_LONGS = {FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_SINT64,
          FieldDescriptor.TYPE_FIXED64, FieldDescriptor.TYPE_SFIXED64}  # fmt: skip


def _comment(by_path: dict[tuple[int, ...], str], *path: int) -> str:
    lines = (line.strip() for line in by_path.get(path, "").strip().splitlines())
    return " ".join(line for line in lines if not line.startswith("buf:lint:"))


def comments() -> dict[str, str]:
    """Full name (message, message.field, enum, service.method) -> its leading comment."""
    found: dict[str, str] = {}
    for file in descriptor_set().file:
        by_path = {tuple(loc.path): loc.leading_comments for loc in file.source_code_info.location}
        for i, message in enumerate(file.message_type):
            name = f"{file.package}.{message.name}"
            found[name] = _comment(by_path, 4, i)
            for j, field in enumerate(message.field):
                found[f"{name}.{field.name}"] = _comment(by_path, 4, i, 2, j)
        for i, enum in enumerate(file.enum_type):
            found[f"{file.package}.{enum.name}"] = _comment(by_path, 5, i)
        for i, service in enumerate(file.service):
            for j, method in enumerate(service.method):
                found[f"{file.package}.{service.name}.{method.name}"] = _comment(
                    by_path, 6, i, 2, j
                )
    return found


class Schemas:
    def __init__(self, described: dict[str, str]) -> None:
        self.described = described
        self.components: dict[str, Any] = {}

    def ref(self, descriptor: Descriptor | EnumDescriptor) -> dict[str, Any]:
        name = descriptor.full_name
        if name in _WELL_KNOWN:
            return dict(_WELL_KNOWN[name])
        if name not in self.components:
            self.components[name] = {}  # placed first: messages may refer to themselves
            self.components[name] = self._schema(descriptor)
        return {"$ref": f"#/components/schemas/{name}"}

    def _schema(self, descriptor: Descriptor | EnumDescriptor) -> dict[str, Any]:
        schema: dict[str, Any]
        if isinstance(descriptor, EnumDescriptor):
            schema = {"type": "string", "enum": [value.name for value in descriptor.values]}
        else:
            properties = {f.json_name: self.field(f) for f in descriptor.fields}
            schema = {"type": "object", "properties": properties}
        if self.described.get(descriptor.full_name):
            schema["description"] = self.described[descriptor.full_name]
        return schema

    def field(self, field: FieldDescriptor) -> dict[str, Any]:
        message = field.message_type
        if message is not None and message.GetOptions().map_entry:
            value = self._single(message.fields_by_name["value"])
            schema: dict[str, Any] = {"type": "object", "additionalProperties": value}
        elif field.is_repeated:
            schema = {"type": "array", "items": self._single(field)}
        else:
            schema = self._single(field)
        said = self.described.get(f"{field.containing_type.full_name}.{field.name}")
        return {**schema, "description": said} if said and "$ref" not in schema else schema

    def _single(self, field: FieldDescriptor) -> dict[str, Any]:
        if field.message_type is not None:
            return self.ref(field.message_type)
        if field.enum_type is not None:
            return self.ref(field.enum_type)
        if field.type in _INTS:
            return {"type": "integer", "format": "int32"}
        if field.type in _LONGS:
            return {"type": "string", "format": "int64"}
        if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
            return {"type": "number"}
        if field.type == FieldDescriptor.TYPE_BOOL:
            return {"type": "boolean"}
        if field.type == FieldDescriptor.TYPE_BYTES:
            return {"type": "string", "format": "byte"}
        return {"type": "string"}


def query_parameters(message: Descriptor, prefix: str = "", depth: int = 0) -> list[dict]:
    """The request's scalar fields as query parameters (nested ones as a.b), two levels deep."""
    found = []
    for field in message.fields:
        name = prefix + field.json_name
        if field.message_type is not None and not field.message_type.GetOptions().map_entry:
            if depth < 2 and field.message_type.full_name not in _WELL_KNOWN:
                found += query_parameters(field.message_type, name + ".", depth + 1)
            continue
        schema = {"type": "string"}
        if field.enum_type is not None:
            schema = {"type": "string", "enum": [v.name for v in field.enum_type.values]}
        if field.is_repeated:
            schema = {"type": "array", "items": schema}
        found.append({"name": name, "in": "query", "required": False, "schema": schema})
    return found


def openapi_path(template: str) -> tuple[str, list[dict[str, Any]]]:
    """An OpenAPI path for a template, and its path parameters: `{upload_id}` stays, and a
    variable with a pattern shows its literal segments, `{name=operations/**}` becoming
    `operations/{operationsId}` (the field then holds "operations/<id>"), as Google's discovery
    documents write it."""
    parameters: list[dict[str, Any]] = []

    def parameter(name: str, description: str = "") -> str:
        entry = {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        parameters.append({**entry, "description": description} if description else entry)
        return "{" + name + "}"

    def variable(found: re.Match[str]) -> str:
        field, pattern = found.group(1), found.group(2)
        if not pattern:
            return parameter(field)
        segments, out = pattern.split("/"), []
        for index, segment in enumerate(segments):
            if segment in ("*", "**"):
                name = (segments[index - 1] if index else field) + "Id"
                out.append(parameter(name, f"the last part of {field} ({pattern})"))
            else:
                out.append(segment)
        return "/".join(out)

    return re.sub(r"\{([a-z_][a-z0-9_.]*)(?:=([^}]+))?\}", variable, template), parameters


def openapi() -> dict[str, Any]:
    described = comments()
    schemas = Schemas(described)
    error = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "code": {"type": "integer", "description": "the HTTP status"},
                    "message": {"type": "string"},
                    "status": {"type": "string", "description": "the gRPC code's name"},
                    "details": {"type": "array", "items": _WELL_KNOWN["google.protobuf.Any"]},
                },
            }
        },
    }
    paths: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    services = (
        gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"],
        operations_pb2.DESCRIPTOR.services_by_name["Operations"],
    )
    for route in routes_of(*services):
        method = route.method
        path, parameters = openapi_path(route.template)
        operation_id = f"{method.containing_service.name}_{method.name}"
        if operation_id in seen:  # an additional binding of the same method
            operation_id += "_" + route.verb.lower()
        seen.add(operation_id)
        operation: dict[str, Any] = {
            "operationId": operation_id,
            "tags": [method.containing_service.full_name],
            "summary": described.get(method.full_name, method.name),
            "parameters": parameters,
        }
        if route.body == "*":
            content = {"application/json": {"schema": schemas.ref(method.input_type)}}
            operation["requestBody"] = {"required": True, "content": content}
        elif route.verb == "GET":
            bound = set(route.fields)
            operation["parameters"] += [
                p for p in query_parameters(method.input_type) if p["name"] not in bound
            ]
        answer = schemas.ref(method.output_type)
        if route.streaming:
            ok = {
                "description": "Server-sent events: one per stream message, named by its set "
                "field (taskResult, completed), whose data is that field as JSON; an `error` "
                "event ends a stream that fails after it began.",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            }
            schemas.ref(method.output_type)
        else:
            ok = {"description": "OK", "content": {"application/json": {"schema": answer}}}
        operation["responses"] = {
            "200": ok,
            "default": {
                "description": "An error: google.rpc.Status as Google APIs send it over HTTP",
                "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        }
        paths.setdefault(path, {})[route.verb.lower()] = operation
    schemas.components["Error"] = error
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "TubeLens API",
            "version": "v1",
            "description": "Video analysis over HTTP/JSON, transcoded from the gRPC API "
            "(protos/tubelens/v1). Send `authorization: Bearer <API key>` when the gateway "
            "requires it, and `X-Server-Timeout: <seconds>` to set the call's deadline.",
        },
        # A key when the gateway's access control is on; none when it is off.
        "security": [{"apiKey": []}, {}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.components.items())),
            "headers": {"RetryAfter": _RETRY_AFTER},
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A TubeLens API key (`tubelens keys new`), sent as "
                    "`authorization: Bearer <key>`.",
                }
            },
        },
    }


def render() -> str:
    return json.dumps(openapi(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
