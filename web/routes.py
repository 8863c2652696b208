"""HTTP routes read from the google.api.http rules of the gRPC services (AIP-127).

A path template such as `/v1/uploads/{upload_id}` or `/v1/{name=operations/**}` becomes a
regular expression whose groups fill the request's fields; `body` says which field the JSON
body fills ("*": the whole request); everything else comes from the query string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from google.api import annotations_pb2, http_pb2
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor

_VARIABLE = re.compile(r"\{([a-z_][a-z0-9_.]*)(?:=([^}]+))?\}")


@dataclass(frozen=True, slots=True)
class Route:
    verb: str  # GET, POST, DELETE, PATCH, PUT
    template: str
    pattern: re.Pattern[str]
    fields: tuple[str, ...]  # the path variables' field paths, in group order
    body: str  # "", "*" or a field name
    method: MethodDescriptor

    @property
    def streaming(self) -> bool:
        return bool(self.method.server_streaming)

    def match(self, verb: str, path: str) -> dict[str, str] | None:
        if verb != self.verb:
            return None
        found = self.pattern.fullmatch(path)
        if found is None:
            return None
        return dict(zip(self.fields, found.groups(), strict=True))


def compile_template(template: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The template's regular expression and the fields its variables fill."""
    fields: list[str] = []
    pattern, at = "", 0
    for variable in _VARIABLE.finditer(template):
        pattern += re.escape(template[at : variable.start()])
        fields.append(variable.group(1))
        pattern += f"({_segments(variable.group(2) or '*')})"
        at = variable.end()
    return re.compile(pattern + re.escape(template[at:])), tuple(fields)


def _segments(value_template: str) -> str:
    parts = []
    for segment in value_template.split("/"):
        if segment == "**":
            parts.append(r"[^:]+")  # any number of segments (not the custom verb)
        elif segment == "*":
            parts.append(r"[^/:]+")
        else:
            parts.append(re.escape(segment))
    return "/".join(parts)


def routes_of(*services: ServiceDescriptor) -> list[Route]:
    found = []
    for service in services:
        for method in service.methods:
            rule = method.GetOptions().Extensions[annotations_pb2.http]
            for binding in _bindings(rule):
                verb = binding.WhichOneof("pattern")
                if verb is None or verb == "custom":
                    continue
                template = getattr(binding, verb)
                pattern, fields = compile_template(template)
                found.append(Route(verb.upper(), template, pattern, fields, binding.body, method))
    return found


def _bindings(rule: http_pb2.HttpRule) -> Iterator[http_pb2.HttpRule]:
    if rule.WhichOneof("pattern") is not None:
        yield rule
    yield from rule.additional_bindings
