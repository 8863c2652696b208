"""web/openapi.json, as /openapi.json serves it: a valid OpenAPI 3.1 description, describing
exactly the routes the web app answers, whose operations only refer to schemas it defines.

scripts/gen_openapi.py writes it from the protos and `make check-protos` keeps it current; these
checks catch a generator that writes something tools cannot read or that the app does not serve.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator
from starlette.testclient import TestClient

from web.app import OPENAPI, Api, create_app
from web.routes import Route
from web.settings import WebSettings

_METHODS = ("get", "put", "post", "delete", "patch")
_TEMPLATE_VARIABLE = re.compile(r"\{([a-z_][a-z0-9_.]*)(?:=([^}]+))?\}")
_PATH_PARAMETER = re.compile(r"\{[^}/]+\}")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def routes() -> list[Route]:
    return Api(None, WebSettings()).routes


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(HTTP verb, OpenAPI path, operation) for every operation of the description."""
    for path, item in document["paths"].items():
        for verb in _METHODS:
            if verb in item:
                yield verb.upper(), path, item[verb]


def _names_method(operation: dict[str, Any], route: Route) -> bool:
    """The generator's operationId is <Service>_<Method>, plus _<verb> for another binding."""
    service = route.method.containing_service
    named = operation["operationId"].split("_")[:2]
    return operation["tags"] == [service.full_name] and named == [service.name, route.method.name]


def test_the_description_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1.")
    errors = [
        f"{'/'.join(map(str, error.path))}: {error.message}"
        for error in OpenAPIV31SpecValidator(document).iter_errors()
    ]
    assert errors == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_every_described_operation_is_served_by_the_method_it_names(
    document: dict[str, Any], routes: list[Route]
) -> None:
    # No gateway listens: a path the app serves becomes a gRPC call that fails UNAVAILABLE (503);
    # one it does not is the app's own 404.
    settings = WebSettings(gateway_target=f"127.0.0.1:{_closed_port()}")
    with TestClient(create_app(settings)) as client:
        for verb, path, operation in _operations(document):
            concrete = _PATH_PARAMETER.sub("x1", path)
            body = b"{}" if "requestBody" in operation else None
            answer = client.request(verb, concrete, content=body)
            assert answer.status_code == 503, (verb, path, answer.text)
            assert answer.json()["error"]["status"] == "UNAVAILABLE"
            matched = [route for route in routes if route.match(verb, concrete) is not None]
            assert len(matched) == 1 and _names_method(operation, matched[0]), (verb, path)


def test_every_route_is_described(document: dict[str, Any], routes: list[Route]) -> None:
    for route in routes:
        concrete = _TEMPLATE_VARIABLE.sub(
            lambda found: re.sub(r"\*\*?", "x1", found.group(2) or "*"), route.template
        )
        described = [
            operation
            for verb, path, operation in _operations(document)
            if verb == route.verb and _openapi_pattern(path).fullmatch(concrete)
        ]
        assert len(described) == 1, f"{route.verb} {route.template}: {len(described)} operations"
        assert _names_method(described[0], route), (route.verb, route.template)


def _openapi_pattern(path: str) -> re.Pattern[str]:
    """An OpenAPI path as a regular expression: each {parameter} one segment (no custom verb)."""
    pieces = _PATH_PARAMETER.split(path)
    return re.compile(r"[^/:]+".join(re.escape(piece) for piece in pieces))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"{ref}: only references within the document are expected"
    node: Any = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"{ref} points to nothing"
        node = node[part]
    return node


def test_every_operation_refers_only_to_components_that_exist(document: dict[str, Any]) -> None:
    # The validator resolves neither security requirements nor header references itself.
    schemes = document.get("components", {}).get("securitySchemes", {})
    for verb, path, operation in _operations(document):
        for requirement in operation.get("security", document.get("security", [])):
            assert set(requirement) <= set(schemes), (verb, path, requirement)
        responses = operation["responses"]
        assert "200" in responses and "default" in responses, (verb, path)
        error = responses["default"]["content"]["application/json"]["schema"]
        assert _resolve(document, error["$ref"])["properties"]["error"]["type"] == "object"
        # Everything the operation refers to, and everything that refers to in turn.
        pending, seen = list(_refs(operation)), set()
        while pending:
            ref = pending.pop()
            if ref in seen:
                continue
            seen.add(ref)
            assert ref.startswith("#/components/"), (verb, path, ref)
            pending += _refs(_resolve(document, ref))
