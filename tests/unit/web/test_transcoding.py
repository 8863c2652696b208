"""HTTP rules to routes, HTTP requests to protobuf requests, gRPC errors to HTTP errors."""

from __future__ import annotations

import pytest
from google.longrunning import operations_pb2
from google.protobuf import any_pb2
from google.rpc import error_details_pb2

from tubelens.v1 import gateway_pb2
from web.routes import compile_template, routes_of
from web.transcode import BadRequest, build_request, error_body

ROUTES = routes_of(
    gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"],
    operations_pb2.DESCRIPTOR.services_by_name["Operations"],
)


def _route(verb: str, path: str):
    for route in ROUTES:
        fields = route.match(verb, path)
        if fields is not None:
            return route, fields
    return None, None


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("/v1/uploads/{upload_id}", "/v1/uploads/abc123", {"upload_id": "abc123"}),
        ("/v1/{name=operations/**}", "/v1/operations/9f/2c", {"name": "operations/9f/2c"}),
        ("/v1/{name=operations/**}:cancel", "/v1/operations/9f:cancel", {"name": "operations/9f"}),
        ("/v1/videos:analyze", "/v1/videos:analyze", {}),
    ],
)
def test_templates_match_paths_and_fill_their_fields(template, path, expected) -> None:
    pattern, fields = compile_template(template)
    found = pattern.fullmatch(path)
    assert found is not None and dict(zip(fields, found.groups(), strict=True)) == expected


def test_every_annotated_method_has_a_route_and_client_streams_none() -> None:
    names = {(route.verb, route.method.name) for route in ROUTES}
    assert ("POST", "Analyze") in names and ("GET", "AnalyzeStream") in names
    assert ("POST", "AnalyzeStream") in names  # the additional binding
    assert ("DELETE", "DeleteUpload") in names and ("GET", "GetOperation") in names
    assert not any(name == "UploadVideo" for _, name in names)
    assert _route("GET", "/v1/operations/abc")[0].method.name == "GetOperation"
    assert _route("GET", "/v1/operations")[0].method.name == "ListOperations"
    assert _route("POST", "/v1/operations/abc:cancel")[0].method.name == "CancelOperation"


def test_the_query_string_fills_nested_repeated_enum_and_bool_fields() -> None:
    route, fields = _route("GET", "/v1/videos:analyzeStream")
    query = [
        ("video.bundle", "ko-homecafe"),
        ("tasks", "TASK_SUMMARY"),
        ("tasks", "2"),
        ("options.fresh", "true"),
        ("options.maxComments", "50"),
    ]
    request = build_request(route, fields, query, b"")
    assert request.video.bundle == "ko-homecafe"
    assert list(request.tasks) == [gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS]
    assert request.options.fresh and request.options.max_comments == 50


def test_the_body_is_read_in_the_proto3_json_mapping_and_path_fields_are_set() -> None:
    route, fields = _route("POST", "/v1/videos:analyze")
    body = b'{"video": {"url": "dQw4w9WgXcQ"}, "options": {"commentOrder": "COMMENT_ORDER_TIME"}}'
    request = build_request(route, fields, [], body)
    assert request.video.url == "dQw4w9WgXcQ"
    assert request.options.comment_order == gateway_pb2.COMMENT_ORDER_TIME
    route, fields = _route("DELETE", "/v1/uploads/abc")
    assert build_request(route, fields, [], b"").upload_id == "abc"


@pytest.mark.parametrize(
    ("verb", "path", "query", "body"),
    [
        ("POST", "/v1/videos:analyze", [], b'{"video": {"bundel": "x"}}'),
        ("POST", "/v1/videos:analyze", [], b"not json"),
        ("GET", "/v1/videos:analyzeStream", [("options.fresh", "yes")], b""),
        ("GET", "/v1/videos:analyzeStream", [("nothing", "1")], b""),
        ("GET", "/v1/videos:analyzeStream", [("video", "x")], b""),
    ],
)
def test_a_request_that_does_not_fit_is_bad_request(verb, path, query, body) -> None:
    route, fields = _route(verb, path)
    with pytest.raises(BadRequest):
        build_request(route, fields, query, body)


def test_errors_are_http_statuses_with_google_error_bodies() -> None:
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.ErrorInfo(reason="QUOTA_EXCEEDED", domain="tubelens"))
    status, body = error_body("RESOURCE_EXHAUSTED", "Over quota.", [detail])
    assert status == 429
    assert body["error"]["status"] == "RESOURCE_EXHAUSTED" and body["error"]["code"] == 429
    assert body["error"]["details"] == [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "QUOTA_EXCEEDED",
            "domain": "tubelens",
        }
    ]
    assert error_body("NOT_FOUND", "x")[0] == 404 and error_body("UNAUTHENTICATED", "x")[0] == 401
