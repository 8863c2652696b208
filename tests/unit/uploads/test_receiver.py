"""Receiving uploads: checked as they stream in, stored whole as a bundle the analyses read,
or not at all; bounded per caller and in total; visible only to their owner."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gateway.uploads.receiver import receive_upload
from gateway.uploads.settings import UploadSettings
from gateway.uploads.store import UploadStore
from tests.conftest import SAMPLES
from tests.fakes.videos import write_video
from tubelens import bundles, convert
from tubelens.domain import Comment, Transcript, TranscriptCue
from tubelens.errors import InvalidInput, NotFound, QuotaExceeded, ResourceExhausted
from tubelens.v1 import uploads_pb2

CHUNK = 64 * 1024
THUMBNAIL = (SAMPLES / "en-sourdough" / "thumbnail.jpg").read_bytes()


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = write_video(tmp_path_factory.mktemp("video") / "film.mp4", grain="still")
    return path.read_bytes()


def _store(tmp_path: Path, **settings: object) -> UploadStore:
    return UploadStore(UploadSettings(dir=tmp_path / "uploads", **settings))


def _header(**fields: object) -> uploads_pb2.UploadVideoRequest:
    fields.setdefault("title", "Draft: three colours")
    fields.setdefault("video_mime_type", "video/mp4")
    return uploads_pb2.UploadVideoRequest(header=uploads_pb2.UploadHeader(**fields))


class Stream:
    """The messages of one upload, counting how many the receiver read."""

    def __init__(self, *messages: uploads_pb2.UploadVideoRequest) -> None:
        self.messages, self.read = list(messages), 0

    def __aiter__(self) -> AsyncIterator[uploads_pb2.UploadVideoRequest]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[uploads_pb2.UploadVideoRequest]:
        for message in self.messages:
            self.read += 1
            yield message


def _chunks(data: bytes, field: str = "video_chunk") -> list[uploads_pb2.UploadVideoRequest]:
    return [
        uploads_pb2.UploadVideoRequest(**{field: data[at : at + CHUNK]})
        for at in range(0, len(data), CHUNK)
    ]


def _leftovers(store: UploadStore) -> list[Path]:
    return list((store.root / ".incoming").iterdir())


async def test_a_whole_upload_is_stored_as_a_bundle_the_analyses_read(tmp_path, video) -> None:
    store = _store(tmp_path)
    transcript = Transcript("en", (TranscriptCue(0.0, 1.5, "Yellow first."),))
    comments = (Comment("c1", "Nice colours!", author="ann", like_count=3),)
    header = _header(
        description="0:00 Yellow\n0:01 Blue",
        language="en",
        video_size_bytes=len(video),
        thumbnail_mime_type="image/jpeg",
        transcript=convert.transcript_to_proto(transcript),
        comments=[convert.comment_to_proto(c) for c in comments],
    )
    thumbnail = _chunks(THUMBNAIL, "thumbnail_chunk")
    video_chunks = _chunks(video)
    interleaved = [video_chunks[0], *thumbnail, *video_chunks[1:]]
    stored = await receive_upload(store, "team-a", Stream(header, *interleaved))

    assert (stored.path / "video.mp4").read_bytes() == video
    assert (stored.path / "thumbnail.jpg").read_bytes() == THUMBNAIL
    metadata, language = bundles.load_header(stored.path)
    assert (metadata.title, metadata.video_id, language) == ("Draft: three colours", "", "en")
    assert bundles.load_transcript(stored.path, language).cues[0].text == "Yellow first."
    assert bundles.load_comments(stored.path)[0].text == "Nice colours!"
    assert stored.manifest["video_bytes"] == len(video)
    assert stored.manifest["thumbnail_bytes"] == len(THUMBNAIL)
    assert store.find("team-a", stored.upload_id).path == stored.path
    assert _leftovers(store) == []


async def test_the_first_message_must_be_the_header(tmp_path, video) -> None:
    with pytest.raises(InvalidInput) as refused:
        await receive_upload(_store(tmp_path), "team-a", Stream(*_chunks(video)))
    assert refused.value.reason == "UPLOAD_HEADER_MISSING"


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ({"video_mime_type": "video/avi"}, "UPLOAD_TYPE_UNSUPPORTED"),
        ({"thumbnail_mime_type": "image/gif"}, "UPLOAD_TYPE_UNSUPPORTED"),
    ],
)
async def test_a_type_not_accepted_is_refused_before_any_byte(tmp_path, video, header, reason):
    stream = Stream(_header(**header), *_chunks(video))
    with pytest.raises(InvalidInput) as refused:
        await receive_upload(_store(tmp_path), "team-a", stream)
    assert refused.value.reason == reason and stream.read == 1


async def test_bytes_that_are_not_the_declared_type_are_refused_at_the_first_chunk(tmp_path):
    store = _store(tmp_path)
    stream = Stream(_header(), *_chunks(THUMBNAIL * 4))  # a JPEG sent as video/mp4
    with pytest.raises(InvalidInput) as refused:
        await receive_upload(store, "team-a", stream)
    assert refused.value.reason == "UPLOAD_TYPE_MISMATCH"
    assert stream.read == 2  # the header and one chunk: the rest was never read
    assert _leftovers(store) == []


async def test_a_video_over_the_limit_is_refused_as_it_streams(
    tmp_path, video, monkeypatch, request
) -> None:
    monkeypatch.setenv("TUBELENS_BUNDLE_MAX_VIDEO_MB", "1")
    bundles.default_limits.cache_clear()  # read once per process
    request.addfinalizer(bundles.default_limits.cache_clear)
    store = _store(tmp_path)
    big = video * (2 * 1024 * 1024 // len(video) + 1)  # over 2 MiB
    stream = Stream(_header(), *_chunks(big))
    with pytest.raises(InvalidInput) as refused:
        await receive_upload(store, "team-a", stream)
    assert refused.value.reason == "UPLOAD_TOO_LARGE"
    assert stream.read < len(stream.messages)  # stopped at the limit, not at the end
    assert _leftovers(store) == []


async def test_a_cut_short_upload_is_refused_and_nothing_is_kept(tmp_path, video) -> None:
    store = _store(tmp_path)
    chunks = _chunks(video)
    with pytest.raises(InvalidInput) as refused:
        await receive_upload(
            store, "team-a", Stream(_header(video_size_bytes=len(video)), *chunks[:-1])
        )
    assert refused.value.reason == "UPLOAD_SIZE_MISMATCH"
    assert _leftovers(store) == []
    assert [p.name for p in store.root.iterdir()] == [".incoming"]


async def test_a_caller_that_leaves_mid_upload_leaves_nothing_behind(tmp_path, video) -> None:
    store = _store(tmp_path)

    async def leaving() -> AsyncIterator[uploads_pb2.UploadVideoRequest]:
        yield _header()
        yield _chunks(video)[0]
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await receive_upload(store, "team-a", leaving())
    assert _leftovers(store) == []


async def test_a_full_store_refuses_more_bytes(tmp_path, video) -> None:
    store = _store(tmp_path, max_total_gb=len(video) * 1.5 / 1024**3)
    await receive_upload(store, "team-a", Stream(_header(), *_chunks(video)))
    with pytest.raises(ResourceExhausted) as refused:
        await receive_upload(store, "team-b", Stream(_header(), *_chunks(video)))
    assert refused.value.reason == "UPLOAD_STORE_FULL"


async def test_a_caller_keeps_at_most_per_caller_uploads(tmp_path, video) -> None:
    store = _store(tmp_path, per_caller=1)
    await receive_upload(store, "team-a", Stream(_header(), *_chunks(video)))
    with pytest.raises(QuotaExceeded) as refused:
        await receive_upload(store, "team-a", Stream(_header(), *_chunks(video)))
    assert refused.value.subject == "caller:team-a"
    await receive_upload(store, "team-b", Stream(_header(), *_chunks(video)))  # others may


async def test_uploads_are_the_owners_alone_expire_and_can_be_deleted(tmp_path, video) -> None:
    store = _store(tmp_path, ttl_seconds=1)
    stored = await receive_upload(store, "team-a", Stream(_header(), *_chunks(video)))
    for owner, upload_id in (("team-b", stored.upload_id), ("team-a", "../etc"), ("team-a", "x")):
        with pytest.raises(NotFound):
            store.find(owner, upload_id)
    with pytest.raises(NotFound):
        store.delete("team-b", stored.upload_id)
    time.sleep(1.1)
    with pytest.raises(NotFound):
        store.find("team-a", stored.upload_id)  # expired
    assert [gone.upload_id for gone in store.sweep()] == [stored.upload_id]
    assert not stored.path.exists()

    kept = await receive_upload(_store(tmp_path), "team-a", Stream(_header(), *_chunks(video)))
    _store(tmp_path).delete("team-a", kept.upload_id)
    assert not kept.path.exists()


async def test_the_gemini_hand_over_sees_the_whole_file_and_is_recorded(tmp_path, video) -> None:
    seen: list[tuple[bytes, str]] = []

    async def send(path: Path, mime: str, name: str) -> dict[str, str]:
        seen.append((path.read_bytes(), mime))
        return {"name": "files/abc", "uri": "https://files.example/abc", "mime_type": mime}

    stored = await receive_upload(
        _store(tmp_path), "team-a", Stream(_header(), *_chunks(video)), send
    )
    assert seen == [(video, "video/mp4")]
    assert stored.manifest["gemini"]["uri"] == "https://files.example/abc"
