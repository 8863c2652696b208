"""The uploads the gateway keeps: receiving one, deleting one, and sweeping expired ones
(with their Gemini copies)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from gateway.uploads.gemini import GeminiFiles
from gateway.uploads.receiver import receive_upload
from gateway.uploads.store import StoredUpload, UploadStore
from tubelens.logs import get_logger
from tubelens.v1 import uploads_pb2

log = get_logger("tubelens.gateway")


class Uploads:
    def __init__(self, store: UploadStore, gemini: GeminiFiles | None = None) -> None:
        self.store = store
        self._gemini = gemini  # None: uploads stay on this gateway only

    async def receive(
        self, owner: str, messages: AsyncIterator[uploads_pb2.UploadVideoRequest]
    ) -> StoredUpload:
        await self.sweep()  # expired uploads no longer count against the caller or the store
        send = self._gemini.send if self._gemini is not None else None
        stored = await receive_upload(self.store, owner, messages, send)
        log.info(
            "upload_stored",
            upload=stored.upload_id,
            video_bytes=stored.manifest["video_bytes"],
            gemini="gemini" in stored.manifest,
        )
        return stored

    async def delete(self, owner: str, upload_id: str) -> None:
        stored = await asyncio.to_thread(self.store.delete, owner, upload_id)
        if self._gemini is not None:
            await self._gemini.forget(stored.manifest)

    async def sweep(self) -> None:
        """Deletes expired uploads and their Gemini copies."""
        for expired in await asyncio.to_thread(self.store.sweep):
            if self._gemini is not None:
                await self._gemini.forget(expired.manifest)

    async def sweep_every(self, seconds: float) -> None:
        """Sweeps now and every `seconds`, for as long as the gateway runs."""
        while True:
            try:
                await self.sweep()
            except OSError as exc:  # a disk problem must not end the loop
                log.error("upload_sweep_failed", error=str(exc))
            await asyncio.sleep(seconds)
