"""Uploading videos through the Files API: the real google-genai client against the fake, which
speaks the resumable upload protocol (start, 8 MB chunks with offsets, finalize) and the
files/{id} GET and DELETE, so what is checked here is what crosses the wire."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from google import genai

from tests.fakes.gemini_server import FakeGemini, Reply, error_reply
from tubelens.errors import DeadlineExceeded, FailedPrecondition, Unavailable
from tubelens.gemini.client import make_client
from tubelens.gemini.files import GeminiFile, delete_file, upload_video
from tubelens.gemini.settings import GeminiSettings

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini

MIME = "video/mp4"
CHUNK = 8 * 1024 * 1024  # the SDK's upload chunk size


@pytest.fixture
async def client(fake_gemini: FakeGemini) -> AsyncIterator[genai.Client]:
    made = make_client(GeminiSettings(api_key="fake-key", base_url=fake_gemini.base_url))
    yield made
    await made.aio.aclose()


def video(tmp_path: Path, size: int) -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = tmp_path / "clip.mp4"
    path.write_bytes(data)
    return path, data


async def upload(client: genai.Client, path: Path, **options: float) -> GeminiFile:
    return await upload_video(client, path, MIME, "Launch clip", poll_seconds=0.01, **options)


async def test_the_fake_receives_exactly_the_bytes_type_and_name(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    path, data = video(tmp_path, 3 * 1024 * 1024 + 123)
    uploaded = await upload(client, path)

    stored = fake_gemini.files[uploaded.name]
    assert fake_gemini.uploaded(uploaded.name) == data
    assert (stored.mime_type, stored.display_name) == (MIME, "Launch clip")
    assert uploaded == GeminiFile(
        name=uploaded.name,
        uri=f"{fake_gemini.base_url}/{stored.version}/files/{stored.id}",
        mime_type=MIME,
        size_bytes=len(data),
    )
    start = fake_gemini.file_requests("start")[0]
    assert start.headers["x-goog-upload-header-content-length"] == str(len(data))
    assert start.headers["x-goog-upload-header-content-type"] == MIME
    (chunk,) = fake_gemini.file_requests("upload")
    assert (chunk.headers["x-goog-upload-command"], chunk.size) == ("upload, finalize", len(data))


async def test_a_large_video_goes_up_in_chunks_at_the_right_offsets(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    path, data = video(tmp_path, CHUNK + 4321)
    uploaded = await upload(client, path)

    assert fake_gemini.uploaded(uploaded.name) == data
    chunks = [
        (c.headers["x-goog-upload-command"], c.headers["x-goog-upload-offset"], c.size)
        for c in fake_gemini.file_requests("upload")
    ]
    assert chunks == [("upload", "0", CHUNK), ("upload, finalize", str(CHUNK), 4321)]


async def test_polling_waits_through_processing_until_active(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    fake_gemini.processing_polls = 3
    path, _ = video(tmp_path, 50_000)
    uploaded = await upload(client, path)

    stored = fake_gemini.files[uploaded.name]
    assert stored.state == "ACTIVE"
    assert stored.polls == 4  # three answered PROCESSING, the fourth ACTIVE
    assert uploaded.uri.endswith(f"/files/{stored.id}")
    assert fake_gemini.deleted == []


@pytest.mark.parametrize("processing_polls", [0, 2])
async def test_a_file_that_fails_processing_is_failed_precondition_and_deleted(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path, processing_polls: int
) -> None:
    fake_gemini.processing_polls = processing_polls
    fake_gemini.file_end_state = "FAILED"
    path, _ = video(tmp_path, 50_000)
    with pytest.raises(FailedPrecondition) as caught:
        await upload(client, path)

    assert caught.value.reason == "GEMINI_FILE_FAILED"
    assert "could not process the video 'Launch clip'" in caught.value.message
    (name,) = fake_gemini.files
    assert caught.value.metadata["file"] == name
    assert fake_gemini.deleted == [name]


async def test_a_file_not_active_in_time_is_deadline_exceeded(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    fake_gemini.processing_polls = 1_000_000
    path, _ = video(tmp_path, 50_000)
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded) as caught:
        await upload_video(
            client, path, MIME, "Slow clip", ready_within_seconds=0.3, poll_seconds=0.05
        )

    assert caught.value.reason == "GEMINI_FILE_NOT_READY"
    assert "'Slow clip' after 0.3 s" in caught.value.message
    assert 0.3 <= time.monotonic() - started < 3
    assert len(fake_gemini.file_requests("get")) >= 3
    assert fake_gemini.deleted == list(fake_gemini.files)


@pytest.mark.parametrize(
    ("refusal", "error", "reason"),
    [
        (error_reply(400, "Unsupported MIME type."), FailedPrecondition, "GEMINI_FILE_REJECTED"),
        (error_reply(413, "File too large."), FailedPrecondition, "GEMINI_FILE_REJECTED"),
        (error_reply(429, retry_after="7"), Unavailable, "GEMINI_UNAVAILABLE"),
        (error_reply(503, "The service is overloaded."), Unavailable, "GEMINI_UNAVAILABLE"),
    ],
)
async def test_a_refused_upload_start_is_mapped(
    fake_gemini: FakeGemini,
    client: genai.Client,
    tmp_path: Path,
    refusal: Reply,
    error: type[Exception],
    reason: str,
) -> None:
    fake_gemini.enqueue_files("start", refusal)
    path, _ = video(tmp_path, 50_000)
    with pytest.raises(error) as caught:
        await upload(client, path)

    assert caught.value.reason == reason
    assert caught.value.metadata["http_status"] == str(refusal.status)
    assert refusal.body["error"]["message"] in caught.value.message
    assert fake_gemini.file_requests("upload") == []  # no byte went up, no second try
    assert len(fake_gemini.file_requests("start")) == 1
    if refusal.status == 429:
        assert caught.value.retry_after_seconds == 7


async def test_a_chunk_the_server_fails_is_unavailable(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    broken = error_reply(500, "Backend error.")
    broken.headers["X-Goog-Upload-Status"] = "final"
    fake_gemini.enqueue_files("upload", broken)
    path, _ = video(tmp_path, 50_000)
    with pytest.raises(Unavailable) as caught:
        await upload(client, path)
    assert caught.value.reason == "GEMINI_UNAVAILABLE"
    assert "Backend error." in caught.value.message


async def test_a_failing_poll_is_unavailable(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    fake_gemini.processing_polls = 5
    fake_gemini.enqueue_files("get", error_reply(503))
    path, _ = video(tmp_path, 50_000)
    with pytest.raises(Unavailable) as caught:
        await upload(client, path)
    assert caught.value.reason == "GEMINI_UNAVAILABLE"


async def test_no_connection_is_unavailable(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = GeminiSettings(api_key="fake-key", base_url=f"http://127.0.0.1:{port}")
    path, _ = video(tmp_path, 1000)
    with pytest.raises(Unavailable) as caught:
        await upload(make_client(settings), path)
    assert caught.value.reason == "GEMINI_UNAVAILABLE"
    assert "could not be reached (ConnectError)" in caught.value.message
    assert str(port) not in caught.value.message


async def test_delete_removes_the_file_and_twice_is_fine(
    fake_gemini: FakeGemini, client: genai.Client, tmp_path: Path
) -> None:
    path, data = video(tmp_path, 50_000)
    uploaded = await upload(client, path)

    await delete_file(client, uploaded.name)
    await delete_file(client, uploaded.name)
    await delete_file(client, "files/neverexisted")

    assert fake_gemini.deleted == [uploaded.name]
    assert [c.status for c in fake_gemini.file_requests("delete")] == [200, 404, 404]
    assert fake_gemini.uploaded(uploaded.name) == data  # the fake still remembers the bytes
    with pytest.raises(Exception, match="404"):
        await client.aio.files.get(name=uploaded.name)


async def test_a_delete_the_server_fails_is_unavailable(
    fake_gemini: FakeGemini, client: genai.Client
) -> None:
    fake_gemini.enqueue_files("delete", error_reply(503))
    with pytest.raises(Unavailable):
        await delete_file(client, "files/abc")


async def test_the_fake_refuses_a_chunk_at_the_wrong_offset(fake_gemini: FakeGemini) -> None:
    """The fake's own protocol check, spoken with plain HTTP as the SDK would."""
    start_headers = {
        "X-Goog-Upload-Protocol": "resumable",
        "X-Goog-Upload-Command": "start",
        "X-Goog-Upload-Header-Content-Length": "10",
        "X-Goog-Upload-Header-Content-Type": MIME,
    }
    async with httpx.AsyncClient(base_url=fake_gemini.base_url) as http:
        started = await http.post(
            "/upload/v1beta/files", headers=start_headers, json={"file": {"mimeType": MIME}}
        )
        assert started.headers["x-goog-upload-status"] == "active"
        url = started.headers["x-goog-upload-url"]
        assert url.startswith(f"{fake_gemini.base_url}/upload/v1beta/files?upload_id=")

        first = await http.post(
            url,
            content=b"12345",
            headers={"X-Goog-Upload-Command": "upload", "X-Goog-Upload-Offset": "0"},
        )
        wrong = await http.post(
            url,
            content=b"67890",
            headers={"X-Goog-Upload-Command": "upload, finalize", "X-Goog-Upload-Offset": "3"},
        )
    assert (first.status_code, first.headers["x-goog-upload-status"]) == (200, "active")
    assert (wrong.status_code, wrong.headers["x-goog-upload-status"]) == (400, "final")
    assert wrong.json()["error"]["status"] == "INVALID_ARGUMENT"
