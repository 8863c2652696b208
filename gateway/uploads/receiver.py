"""Receiving an UploadVideo stream: the header first, then chunks, each checked as it comes
(sizes against the limits and the store's room, the first bytes against the declared type),
written to disk off the event loop; nothing is kept unless the whole upload arrives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from gateway.uploads import formats
from gateway.uploads.store import StoredUpload, UploadStore
from tubelens import bundles, convert
from tubelens.bundles import default_limits
from tubelens.bundles.writing import write_bundle
from tubelens.domain import VideoMetadata
from tubelens.errors import InvalidInput
from tubelens.limits import InputLimits
from tubelens.v1 import uploads_pb2

# Hands the complete video to the Gemini Files API; returns what to keep in the manifest.
SendToGemini = Callable[[Path, str, str], Awaitable[dict[str, str]]]


@dataclass
class _File:
    """One file being received."""

    what: str  # "video" or "thumbnail", for messages
    path: Path
    mime: str
    limit: int
    size: int = 0
    head: bytes = b""
    handle: BinaryIO | None = field(default=None, repr=False)


async def receive_upload(
    store: UploadStore,
    owner: str,
    messages: AsyncIterable[uploads_pb2.UploadVideoRequest],
    send_to_gemini: SendToGemini | None = None,
) -> StoredUpload:
    messages = aiter(messages)
    first = await anext(messages, None)
    if first is None or not first.HasField("header"):
        raise InvalidInput(
            "An upload starts with its header (UploadVideoRequest.header), then the bytes.",
            reason="UPLOAD_HEADER_MISSING",
        )
    header = first.header
    limits = default_limits()
    video_name = formats.check_declared(header.video_mime_type, formats.VIDEO_FILES, "video")
    checks = InputLimits()
    checks.check_comments(header.comments)
    checks.check_cues(len(header.transcript.cues))
    incoming = await asyncio.to_thread(store.begin, owner)
    files = {"video": _File("video", incoming / video_name, header.video_mime_type,
                            limits.files.video.max_bytes)}  # fmt: skip
    if header.thumbnail_mime_type:
        name = formats.check_declared(
            header.thumbnail_mime_type, formats.THUMBNAIL_FILES, "thumbnail"
        )
        files["thumbnail"] = _File(
            "thumbnail", incoming / name, header.thumbnail_mime_type,
            limits.files.thumbnail.max_bytes,
        )  # fmt: skip
    received = 0
    try:
        async for message in messages:
            part = message.WhichOneof("part")
            if part == "header":
                raise InvalidInput("An upload has one header.", reason="UPLOAD_HEADER_REPEATED")
            target = files.get(part.removesuffix("_chunk") if part else "")
            if target is None:
                raise InvalidInput(
                    "A thumbnail chunk came without thumbnail_mime_type in the header.",
                    reason="UPLOAD_THUMBNAIL_UNDECLARED",
                )
            chunk = getattr(message, part)
            store.take_room(len(chunk))
            received += len(chunk)
            await asyncio.to_thread(_append, target, chunk)
        for target in files.values():
            await asyncio.to_thread(_close, target)
        _check_complete(files, header.video_size_bytes)
        await asyncio.to_thread(_write_bundle, incoming, header)
        thumbnail = files.get("thumbnail")
        manifest = {
            "owner": owner,
            "video_file": files["video"].path.name,
            "video_mime_type": header.video_mime_type,
            "video_bytes": files["video"].size,
            "thumbnail_bytes": thumbnail.size if thumbnail is not None else 0,
        }
        if send_to_gemini is not None:
            manifest["gemini"] = await send_to_gemini(
                files["video"].path, header.video_mime_type, header.title or incoming.name
            )
        return await asyncio.to_thread(store.commit, incoming, manifest, received)
    except BaseException:
        for target in files.values():
            await asyncio.to_thread(_close, target)
        await asyncio.to_thread(store.discard, incoming)
        raise
    finally:
        store.give_back(received)


def _append(target: _File, chunk: bytes) -> None:
    if target.size + len(chunk) > target.limit:
        raise InvalidInput(
            f"The {target.what} is larger than the {target.limit // 2**20} MiB allowed "
            "(TUBELENS_BUNDLE_MAX_VIDEO_MB / _MAX_THUMBNAIL_MB).",
            reason="UPLOAD_TOO_LARGE",
        )
    if len(target.head) < formats.SNIFF_BYTES:
        target.head += chunk[: formats.SNIFF_BYTES - len(target.head)]
        if len(target.head) >= formats.SNIFF_BYTES:
            formats.check_head(target.mime, target.head, target.what)
    if target.handle is None:
        target.handle = target.path.open("xb")
    target.handle.write(chunk)
    target.size += len(chunk)


def _close(target: _File) -> None:
    if target.handle is not None:
        target.handle.close()
        target.handle = None


def _check_complete(files: dict[str, _File], declared: int) -> None:
    video = files["video"]
    if video.size == 0:
        raise InvalidInput("The upload carried no video bytes.", reason="UPLOAD_VIDEO_MISSING")
    if declared and video.size != declared:
        raise InvalidInput(
            f"The header announced {declared:,} video bytes but {video.size:,} arrived; the "
            "upload was cut short or padded.",
            reason="UPLOAD_SIZE_MISMATCH",
        )
    for target in files.values():
        if target.size and len(target.head) < formats.SNIFF_BYTES:
            formats.check_head(target.mime, target.head, target.what)  # a tiny file
        if target.what == "thumbnail" and target.size == 0:
            raise InvalidInput(
                "The header declared a thumbnail but no thumbnail bytes came.",
                reason="UPLOAD_THUMBNAIL_MISSING",
            )


def _write_bundle(incoming: Path, header: uploads_pb2.UploadHeader) -> None:
    """Writes the header as the bundle's text files, then reads them back as every analysis
    will: whatever the reader refuses (a title too long, a bad time) is refused now."""
    metadata = VideoMetadata(
        video_id="",  # not a YouTube video: no link is ever made from it
        title=header.title,
        description=header.description,
        default_language=header.language,
        comment_count=len(header.comments),
    )
    transcript = convert.transcript_from_proto(header.transcript)
    comments = tuple(convert.comment_from_proto(comment) for comment in header.comments)
    write_bundle(incoming, metadata, transcript, comments, None)
    _, language = bundles.load_header(incoming)
    bundles.load_transcript(incoming, language)
    bundles.load_comments(incoming)
