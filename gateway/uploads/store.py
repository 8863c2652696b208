"""The upload store: one bundle directory per upload under a root, plus `upload.json` (owner,
expiry, the video's type, its Gemini file). Uploads are written under `.incoming/` and moved
into place only when complete, so a half-received upload is never visible or analysed.

Blocking file work: async callers run these methods in a thread.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gateway.uploads.bucket import UploadBucket
from gateway.uploads.settings import UploadSettings
from tubelens.errors import NotFound, QuotaExceeded, ResourceExhausted

MANIFEST = "upload.json"
_ID = re.compile(r"^[0-9a-f]{32}$")
_INCOMING = ".incoming"


@dataclass(frozen=True, slots=True)
class StoredUpload:
    upload_id: str
    path: Path  # the bundle directory
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def owner(self) -> str:
        return str(self.manifest.get("owner", ""))

    @property
    def expire_at(self) -> float:
        return float(self.manifest.get("expire_at", 0))


class UploadStore:
    def __init__(self, settings: UploadSettings, bucket: UploadBucket | None = None) -> None:
        self.settings = settings
        self._bucket = bucket  # None: the directory is the store; else it caches the bucket
        self.root = settings.root()
        (self.root / _INCOMING).mkdir(parents=True, exist_ok=True)
        self._max_bytes = int(settings.max_total_gb * 1024**3)
        self._receiving = 0  # bytes being received right now, not yet on disk in place
        self._on_disk = self._used()  # refreshed as each upload begins

    def begin(self, owner: str) -> Path:
        """A fresh directory to receive an upload into; refused when the caller already keeps
        as many uploads as allowed (expired ones are swept before: Uploads.receive)."""
        if self._bucket is not None:
            self._on_disk = self._bucket.used_bytes()
            kept = self._bucket.count(owner)
        else:
            self._on_disk = self._used()
            kept = sum(1 for upload in self._all() if upload.owner == owner)
        if kept >= self.settings.per_caller:
            raise QuotaExceeded(
                f"Caller {owner!r} keeps {kept} uploads, the most allowed "
                "(TUBELENS_UPLOADS_PER_CALLER); delete one (DeleteUpload) or wait for one to "
                "expire.",
                subject=f"caller:{owner}",
                description=f"uploads kept = {self.settings.per_caller}",
                reason="UPLOADS_PER_CALLER",
            )
        incoming = self.root / _INCOMING / uuid.uuid4().hex
        incoming.mkdir()
        return incoming

    def take_room(self, size: int) -> None:
        """Counts `size` more bytes being received; ResourceExhausted when the store is full."""
        if self._on_disk + self._receiving + size > self._max_bytes:
            raise ResourceExhausted(
                "The upload store is full (TUBELENS_UPLOADS_MAX_TOTAL_GB); retry once uploads "
                "expire or are deleted.",
                reason="UPLOAD_STORE_FULL",
                retry_after_seconds=300,
            )
        self._receiving += size

    def give_back(self, size: int) -> None:
        self._receiving -= size

    def commit(self, incoming: Path, manifest: dict[str, Any], size: int) -> StoredUpload:
        """Moves a complete upload into place; its `size` bytes now count as stored."""
        self._on_disk += size
        upload_id = incoming.name
        manifest = {**manifest, "created": time.time()}
        manifest["expire_at"] = manifest["created"] + self.settings.ttl_seconds
        (incoming / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        if self._bucket is not None:
            self._bucket.put(manifest["owner"], upload_id, incoming, manifest)
        final = self.root / upload_id
        incoming.rename(final)
        return StoredUpload(upload_id, final, manifest)

    def discard(self, incoming: Path) -> None:
        shutil.rmtree(incoming, ignore_errors=True)

    def find(self, owner: str, upload_id: str) -> StoredUpload:
        """The owner's upload; NotFound for another caller's, an expired or unknown one."""
        if self._bucket is not None and _ID.match(upload_id):
            self._mirror(owner, upload_id)
        upload = self._read(upload_id) if _ID.match(upload_id) else None
        if upload is None or upload.owner != owner or upload.expire_at < time.time():
            raise NotFound(
                f"No upload {upload_id!r} (it may have expired or been deleted).",
                reason="UPLOAD_NOT_FOUND",
            )
        return upload

    def delete(self, owner: str, upload_id: str) -> StoredUpload:
        upload = self.find(owner, upload_id)
        if self._bucket is not None:
            self._bucket.delete(owner, upload_id)
        shutil.rmtree(upload.path, ignore_errors=True)
        return upload

    def sweep(self) -> list[StoredUpload]:
        """Deletes expired uploads (and receptions abandoned a day ago); returns them."""
        now, expired = time.time(), []
        for upload in self._all():
            if upload.expire_at < now:
                shutil.rmtree(upload.path, ignore_errors=True)
                expired.append(upload)
        if self._bucket is not None:
            for upload_id, manifest in self._bucket.manifests():
                if float(manifest.get("expire_at", 0)) < now:
                    self._bucket.delete(str(manifest.get("owner", "")), upload_id)
                    shutil.rmtree(self.root / upload_id, ignore_errors=True)
                    expired.append(StoredUpload(upload_id, self.root / upload_id, manifest))
        for incoming in (self.root / _INCOMING).iterdir():
            if incoming.stat().st_mtime < now - 86400:
                shutil.rmtree(incoming, ignore_errors=True)
        return expired

    def _mirror(self, owner: str, upload_id: str) -> None:
        """Makes the local copy agree with the bucket: fetched when missing, dropped when the
        bucket no longer has it (deleted on another replica) or it is not the owner's."""
        manifest = self._bucket.manifest(owner, upload_id) if self._bucket else None
        local = self.root / upload_id
        if manifest is None:
            cached = self._read(upload_id)
            if cached is not None and cached.owner == owner:
                shutil.rmtree(local, ignore_errors=True)  # gone from the bucket
            return
        if local.exists():
            return
        incoming = self.root / _INCOMING / upload_id
        shutil.rmtree(incoming, ignore_errors=True)
        incoming.mkdir()
        try:
            self._bucket.fetch(upload_id, incoming)  # type: ignore[union-attr]
            incoming.rename(local)
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise

    def _read(self, upload_id: str) -> StoredUpload | None:
        path = self.root / upload_id
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return StoredUpload(upload_id, path, manifest)

    def _all(self) -> list[StoredUpload]:
        found = (self._read(p.name) for p in self.root.iterdir() if _ID.match(p.name))
        return [upload for upload in found if upload is not None]

    def _used(self) -> int:
        return sum(f.stat().st_size for f in self.root.rglob("*") if f.is_file())
