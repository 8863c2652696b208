"""Upload settings: TUBELENS_UPLOADS_*. The largest video and thumbnail are the bundle limits
(TUBELENS_BUNDLE_MAX_VIDEO_MB, _MAX_THUMBNAIL_MB), so whatever is accepted can be analysed."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from gateway.access.settings import state_dir
from tubelens.settings import ENV_PREFIX


class UploadSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}UPLOADS_", env_file=None, extra="ignore"
    )

    dir: Path | None = None  # None: $XDG_STATE_HOME/tubelens/uploads
    ttl_seconds: float = Field(default=86400.0, gt=0)  # an upload is deleted after this
    max_total_gb: float = Field(default=20.0, gt=0)  # every stored upload together, per replica
    per_caller: int = Field(default=20, ge=1)  # uploads one caller may keep at once
    # Also hand each uploaded video to the Gemini Files API (with the gateway's
    # TUBELENS_GEMINI_* settings), so the gemini engine watches it, not only its transcript.
    gemini_files: bool = False
    # s3://bucket/prefix: uploads kept in an object store every replica shares (boto3; the
    # directory above then only caches them); empty: in the directory alone.
    bucket_url: str = ""
    s3_endpoint_url: str = ""  # another S3-compatible service (GCS XML API, MinIO); empty: AWS

    def root(self) -> Path:
        return (self.dir or state_dir() / "uploads").expanduser().absolute()
