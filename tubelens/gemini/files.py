"""Uploading a video to the Gemini Files API, and deleting it afterwards.

A video too large to send inline goes up once through the Files API and is then named in
prompts by its URI. Gemini processes a video after the upload (PROCESSING) before a prompt may
use it (ACTIVE), so `upload_video` waits for that. The file is the caller's, so Gemini refusing
it is FAILED_PRECONDITION, not a bug of ours; an outage is UNAVAILABLE. Retrying is the
caller's decision: nothing here retries.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from pathlib import Path

from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from tubelens.errors import (
    DeadlineExceeded,
    FailedPrecondition,
    TubeLensError,
    Unavailable,
)
from tubelens.gemini.retries import RETRYABLE_CODES, TRANSPORT_ERRORS, retry_after_seconds


@dataclass(frozen=True)
class GeminiFile:
    """An uploaded file Gemini is ready to read: put `uri` and `mime_type` in a FileData part."""

    name: str  # files/<id>, for delete_file
    uri: str
    mime_type: str
    size_bytes: int


async def upload_video(
    client: genai.Client,
    path: Path,
    mime_type: str,
    display_name: str,
    ready_within_seconds: float = 300,
    poll_seconds: float = 2,
) -> GeminiFile:
    """Upload `path` and wait until Gemini has processed it (ACTIVE), polling every
    `poll_seconds` for up to `ready_within_seconds` after the upload. A file that fails
    processing or is not ready in time is deleted before the error is raised."""
    config = types.UploadFileConfig(mime_type=mime_type, display_name=display_name)
    loop = asyncio.get_running_loop()
    try:
        file = await client.aio.files.upload(file=path, config=config)
        deadline = loop.time() + ready_within_seconds
        while file.state != types.FileState.ACTIVE:
            remaining = deadline - loop.time()
            if file.state == types.FileState.FAILED or remaining <= 0:
                await _forget(client, file.name)
                raise _not_usable(file, display_name, ready_within_seconds)
            await asyncio.sleep(min(poll_seconds, remaining))
            file = await client.aio.files.get(name=str(file.name))
    except (genai_errors.APIError, *TRANSPORT_ERRORS) as exc:
        raise _domain_error(exc, display_name) from exc
    except (ValueError, KeyError) as exc:  # the SDK's own "upload not finalized", no upload URL
        raise Unavailable(
            f"Gemini's file service answered the upload of {display_name!r} in a way the SDK "
            f"could not follow ({type(exc).__name__}); retry later.",
            reason="GEMINI_UNAVAILABLE",
        ) from exc
    if not file.name or not file.uri:
        raise Unavailable(
            f"Gemini reported the video {display_name!r} ready but did not say where it is.",
            reason="GEMINI_UNAVAILABLE",
        )
    size = file.size_bytes if file.size_bytes is not None else path.stat().st_size
    return GeminiFile(file.name, file.uri, file.mime_type or mime_type, size)


async def delete_file(client: genai.Client, name: str) -> None:
    """Delete the uploaded file `name` ("files/<id>"); one that is already gone is fine."""
    try:
        await client.aio.files.delete(name=name)
    except genai_errors.APIError as exc:
        if exc.code != 404:
            raise _domain_error(exc, name) from exc
    except TRANSPORT_ERRORS as exc:
        raise _domain_error(exc, name) from exc


async def _forget(client: genai.Client, name: str | None) -> None:
    """Delete a file nobody will use (it would expire after two days anyway)."""
    if name:
        with contextlib.suppress(TubeLensError):
            await delete_file(client, name)


def _not_usable(file: types.File, display_name: str, waited: float) -> TubeLensError:
    meta = {"file": str(file.name)}
    if file.state == types.FileState.FAILED:
        said = file.error.message if file.error and file.error.message else "no reason given"
        return FailedPrecondition(
            f"Gemini could not process the video {display_name!r}: {said}",
            reason="GEMINI_FILE_FAILED",
            metadata=meta,
        )
    return DeadlineExceeded(
        f"Gemini had not finished processing the video {display_name!r} after {waited:g} s.",
        reason="GEMINI_FILE_NOT_READY",
        metadata=meta,
    )


def _domain_error(exc: BaseException, what: str) -> TubeLensError:
    if not isinstance(exc, genai_errors.APIError):  # no connection: only its kind goes out
        return Unavailable(
            f"Gemini's file service could not be reached ({type(exc).__name__}) for {what!r}.",
            reason="GEMINI_UNAVAILABLE",
        )
    said = exc.message or exc.status or "no message"
    meta = {"http_status": str(exc.code)}
    if exc.code in RETRYABLE_CODES or exc.code >= 500:
        return Unavailable(
            f"Gemini's file service is unavailable (HTTP {exc.code}) for {what!r}: {said}",
            reason="GEMINI_UNAVAILABLE",
            metadata=meta,
            retry_after_seconds=retry_after_seconds(exc),
        )
    if exc.code in (401, 403):
        return FailedPrecondition(
            f"Gemini refused the credentials or access for {what!r}: {said}",
            reason="GEMINI_PERMISSION_DENIED",
            metadata=meta,
        )
    return FailedPrecondition(
        f"Gemini refused the video file {what!r} (HTTP {exc.code}): {said}",
        reason="GEMINI_FILE_REJECTED",
        metadata=meta,
    )
