"""What the video service takes, as plain data, and the limits on the files it accepts."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.errors import InvalidInput
from tubelens.settings import ENV_PREFIX

MiB = 1024 * 1024
MAX_NAME_CHARS = 255


@dataclass(frozen=True, slots=True)
class VideoFile:
    name: str  # for messages only; never a path
    size_bytes: int


class VideoLimits(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}VIDEO_", env_file=None, extra="ignore"
    )

    # The file is held on the service's scratch disk while it is scanned (one per worker at
    # most): 2 GiB covers a 4-hour 1080p upload at YouTube's recommended bitrate.
    max_file_mb: int = Field(default=2048, ge=1)
    # Only this much of the video is decoded; shots and stills come from that stretch.
    max_minutes: float = Field(default=240.0, gt=0)

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * MiB

    def check(self, file: VideoFile) -> None:
        """Refuses a file before any of its bytes are read."""
        if not file.name or len(file.name) > MAX_NAME_CHARS or "/" in file.name:
            raise InvalidInput(
                f"header.file_name must be a plain file name of 1 to {MAX_NAME_CHARS} characters.",
                reason="INVALID_VIDEO_HEADER",
            )
        if file.size_bytes <= 0:
            raise InvalidInput(
                "header.size_bytes must be the file's size, above 0.", reason="INVALID_VIDEO_HEADER"
            )
        if file.size_bytes > self.max_file_bytes:
            raise InvalidInput(
                f"{file.name} is {file.size_bytes / MiB:,.0f} MiB; this service scans files of at "
                f"most {self.max_file_mb:,} MiB ({ENV_PREFIX}VIDEO_MAX_FILE_MB).",
                reason="VIDEO_TOO_LARGE",
                metadata={"limit_mb": str(self.max_file_mb)},
            )
