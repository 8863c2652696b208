"""Hostile bundle references and bundle contents, through a real gateway process whose only
bundle root is a temporary directory. Resolution and reading happen before any service is
called, so the gateway runs alone: every answer is checked for its gRPC code, its ErrorInfo
reason, and that its message shows no server path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tubelens.cli.stack import Stack
from tubelens.server.status import error_reason, status_from_rpc_error
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

from .conftest import free_base_port

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "en-sourdough"
INVALID, NOT_FOUND = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND
SUMMARY, COMMENTS, THUMBNAIL = (
    gateway_pb2.TASK_SUMMARY,
    gateway_pb2.TASK_COMMENTS,
    gateway_pb2.TASK_THUMBNAIL,
)


def header_bundle(root: Path, name: str, content: str | bytes) -> None:
    (root / name).mkdir()
    data = content.encode() if isinstance(content, str) else content
    (root / name / "video.json").write_bytes(data)


def sample_copy(root: Path, name: str) -> Path:
    return Path(shutil.copytree(SAMPLE, root / name))


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile")
    root, outside = base / "root", sample_copy(base, "outside")
    root.mkdir()
    (root / "escape").symlink_to(outside)
    header_bundle(root, "count-2-70", '{"title": "t", "view_count": 1180591620717411303424}')
    header_bundle(root, "float-1e999", '{"title": "t", "like_count": 1e999}')
    header_bundle(root, "title-list", '{"title": ["a", "b"]}')
    header_bundle(root, "tags-object", '{"title": "t", "tags": {"a": 1}}')
    header_bundle(root, "nested", '{"title": "t", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    header_bundle(root, "not-utf8", b'{"title": "caf\xe9"}')
    header_bundle(root, "long-duration", '{"title": "t", "duration": "P99999999999999D"}')
    header_bundle(root, "far-time", '{"title": "t", "published_at": "9999-12-31T23:00:00-05:00"}')
    header_bundle(root, "huge-header", b"")
    with (root / "huge-header" / "video.json").open("wb") as file:
        file.truncate(1 << 30)  # sparse: no disk, and the gateway must not read it either

    (sample_copy(root, "linked-transcript") / "transcript.vtt").unlink()
    secret = base / "secret.vtt"
    secret.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nthe secret line\n")
    (root / "linked-transcript" / "transcript.vtt").symlink_to(secret)
    (sample_copy(root, "binary-transcript") / "transcript.vtt").write_bytes(b"\x00\x01\xff" * 99)
    (sample_copy(root, "bad-comments") / "comments.jsonl").write_bytes(
        b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "\xc3\x28"}\n'
    )
    big = sample_copy(root, "big-thumbnail") / "thumbnail.jpg"
    with big.open("wb") as file:
        file.truncate(1 << 30)
    (sample_copy(root, "fifo-comments") / "comments.jsonl").unlink()
    os.mkfifo(root / "fifo-comments" / "comments.jsonl")
    return {"base": base, "root": root, "outside": outside}


@pytest.fixture(scope="module")
def gateway(places: dict[str, Path], tmp_path_factory) -> Iterator:
    own = Stack(
        base_port=free_base_port(),
        only=("gateway",),
        extra_env={"TUBELENS_BUNDLE_ROOTS": str(places["root"]), "TUBELENS_GRACE_SECONDS": "1"},
        log_dir=tmp_path_factory.mktemp("hostile-gateway"),
    )
    own.start(60)
    with grpc.insecure_channel(own.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)
    own.stop()


def assert_shows_no_server_path(message: str, places: dict[str, Path]) -> None:
    for shown in (str(places["base"]), str(REPO), "/root", "/home", "/tmp"):
        assert shown not in message, message


def refused(gateway, reference: str) -> grpc.RpcError:
    request = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=reference))
    with pytest.raises(grpc.RpcError) as caught:
        gateway.Analyze(request, timeout=30)
    return caught.value


@pytest.mark.parametrize(
    "reference",
    ["/etc", "/nope", "{outside}", "../outside", "escape", "/proc/1/root", "a\x00b", "x" * 300],
)
def test_references_outside_the_roots_all_get_one_not_found(gateway, places, reference) -> None:
    error = refused(gateway, reference.format(outside=places["outside"]))
    assert error.code() == NOT_FOUND
    assert error_reason(status_from_rpc_error(error)) == "BUNDLE_NOT_FOUND"
    assert_shows_no_server_path(error.details(), places)
    assert error.details() == refused(gateway, "/nope").details()


def test_a_10_kb_reference_names_the_limit(gateway, places) -> None:
    error = refused(gateway, "/" + "x" * 10_240)
    assert error.code() == INVALID
    assert error_reason(status_from_rpc_error(error)) == "INPUT_TOO_LARGE"
    assert "1,024" in error.details()
    assert_shows_no_server_path(error.details(), places)


@pytest.mark.parametrize(
    ("name", "reason", "words"),
    [
        ("count-2-70", "BUNDLE_INVALID", "field view_count"),
        ("float-1e999", "BUNDLE_INVALID", "field like_count"),
        ("title-list", "BUNDLE_INVALID", "field title: must be a string (found a list)"),
        ("tags-object", "BUNDLE_INVALID", "field tags"),
        ("nested", "BUNDLE_INVALID", "recursion limit"),
        ("not-utf8", "BUNDLE_INVALID", "not UTF-8"),
        ("long-duration", "BUNDLE_INVALID", "field duration"),
        ("far-time", "BUNDLE_INVALID", "field published_at"),
        ("huge-header", "BUNDLE_FILE_TOO_LARGE", "TUBELENS_BUNDLE_MAX_METADATA_KB"),
    ],
)
def test_a_malformed_video_json_is_invalid_argument(gateway, places, name, reason, words) -> None:
    error = refused(gateway, name)
    assert error.code() == INVALID, error.details()
    assert error_reason(status_from_rpc_error(error)) == reason
    assert "video.json" in error.details() and words in error.details()
    assert_shows_no_server_path(error.details(), places)


@pytest.mark.parametrize(
    ("name", "task", "reason", "words"),
    [
        ("linked-transcript", SUMMARY, "BUNDLE_INVALID", "transcript.vtt: not a regular file"),
        ("binary-transcript", SUMMARY, "BUNDLE_INVALID", "transcript.vtt, line 1"),
        ("bad-comments", COMMENTS, "BUNDLE_INVALID", "comments.jsonl, line 2: not UTF-8"),
        ("fifo-comments", COMMENTS, "BUNDLE_INVALID", "comments.jsonl: not a regular file"),
        ("big-thumbnail", THUMBNAIL, "BUNDLE_FILE_TOO_LARGE", "thumbnail.jpg has 1,073,741,824"),
    ],
)
def test_a_broken_part_fails_its_task_as_invalid_argument(
    gateway, places, name, task, reason, words
) -> None:
    request = gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle=name), tasks=[task])
    (result,) = gateway.Analyze(request, timeout=30).results
    assert result.status.code == INVALID.value[0], result.status.message
    assert error_reason(result.status) == reason
    assert words in result.status.message
    assert "secret" not in result.status.message
    assert_shows_no_server_path(result.status.message, places)
