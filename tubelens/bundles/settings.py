"""How much of a bundle the gateway reads (TUBELENS_BUNDLE_*): every file is bounded before it
is opened for reading, so a refused file costs no memory.

The defaults are generous multiples of what real videos need; each says why beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.limits import InputLimits
from tubelens.settings import ENV_PREFIX

KIB = 1024
MIB = 1024 * KIB
BUNDLE_PREFIX = f"{ENV_PREFIX}BUNDLE_"


@dataclass(frozen=True, slots=True)
class FileLimit:
    """The most bytes one bundle file may hold, and the setting that says so."""

    max_bytes: int
    setting: str  # e.g. TUBELENS_BUNDLE_MAX_THUMBNAIL_MB
    shown: str  # the limit as people read it, e.g. "8 MiB"


class BundleLimits(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=BUNDLE_PREFIX, env_file=None, extra="ignore")

    # A reference is a name or a path; PATH_MAX is 4,096 bytes, and no real bundle needs a
    # quarter of that.
    max_reference_chars: int = Field(default=1024, ge=1, le=4096)
    # video.json: YouTube caps a description at 5,000 bytes; 256 KiB still holds a text field
    # at TUBELENS_LIMIT_TEXT_FIELD_CHARS written in 4-byte characters.
    max_metadata_kb: int = Field(default=256, ge=1)
    # transcript.vtt: TUBELENS_LIMIT_TRANSCRIPT_CHARS (2 million) at up to 3 bytes a character
    # plus the timings of TUBELENS_LIMIT_CUES cues come to about 7 MiB.
    max_transcript_mb: int = Field(default=10, ge=1)
    # comments.jsonl: a line takes ~220 bytes in the samples, so 32 MiB holds the line cap below.
    max_comments_mb: int = Field(default=32, ge=1)
    # Comments a bundle may hold; one call analyses at most TUBELENS_LIMIT_COMMENTS of them
    # (the most liked), so this only bounds how long reading the file may take.
    max_comment_lines: int = Field(default=100_000, ge=1)
    # The thumbnail service refuses images over 8 MiB, so more is never worth reading.
    max_thumbnail_mb: int = Field(default=8, ge=1)
    # The video is decoded frame by frame, never held whole; an hour of 1080p is 1-2 GiB.
    max_video_mb: int = Field(default=2048, ge=1)

    @property
    def metadata(self) -> FileLimit:
        return _limit(self.max_metadata_kb, KIB, "KiB", "MAX_METADATA_KB")

    @property
    def transcript(self) -> FileLimit:
        return _limit(self.max_transcript_mb, MIB, "MiB", "MAX_TRANSCRIPT_MB")

    @property
    def comments(self) -> FileLimit:
        return _limit(self.max_comments_mb, MIB, "MiB", "MAX_COMMENTS_MB")

    @property
    def thumbnail(self) -> FileLimit:
        return _limit(self.max_thumbnail_mb, MIB, "MiB", "MAX_THUMBNAIL_MB")

    @property
    def video(self) -> FileLimit:
        return _limit(self.max_video_mb, MIB, "MiB", "MAX_VIDEO_MB")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Everything that bounds reading a bundle: its files' sizes and the shared input limits
    (cues, characters per comment, characters per text field)."""

    files: BundleLimits = field(default_factory=BundleLimits)
    inputs: InputLimits = field(default_factory=InputLimits)


@lru_cache(maxsize=1)
def default_limits() -> ReadLimits:
    """The limits from this process's environment, read once."""
    return ReadLimits()


def _limit(amount: int, unit: int, unit_name: str, setting: str) -> FileLimit:
    return FileLimit(amount * unit, f"{BUNDLE_PREFIX}{setting}", f"{amount:,} {unit_name}")
