"""Handing uploads to the Gemini Files API (TUBELENS_UPLOADS_GEMINI_FILES), so the summary's
gemini engine watches the uploaded video itself, and taking them back when the upload goes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tubelens.errors import TubeLensError
from tubelens.gemini.client import make_client
from tubelens.gemini.files import delete_file, upload_video
from tubelens.gemini.settings import GeminiSettings
from tubelens.logs import get_logger

log = get_logger("tubelens.gateway")


class GeminiFiles:
    def __init__(self, settings: GeminiSettings) -> None:
        self._client = make_client(settings)

    async def send(self, path: Path, mime_type: str, display_name: str) -> dict[str, str]:
        """The manifest entry of the video, once Gemini has processed it."""
        sent = await upload_video(self._client, path, mime_type, display_name)
        log.info("upload_sent_to_gemini", file=sent.name, bytes=sent.size_bytes)
        return {"name": sent.name, "uri": sent.uri, "mime_type": sent.mime_type}

    async def forget(self, manifest: dict[str, Any]) -> None:
        """Deletes the Gemini copy of an upload, if any; a failure is logged (Gemini deletes
        files after two days anyway)."""
        name = manifest.get("gemini", {}).get("name")
        if not name:
            return
        try:
            await delete_file(self._client, name)
        except TubeLensError as exc:
            log.warning("gemini_file_not_deleted", file=name, error=exc.message)
