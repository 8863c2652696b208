"""Offline bundles: a directory holding one video's metadata, transcript, comments and thumbnail.

The format is documented in the README ("Bundle format"). The modules: paths (which directory
a reference names, only inside the allowed roots), files (opening a file inside a bundle,
bounded), schema (what video.json and comments.jsonl may hold), transcript, reading, writing,
and settings (TUBELENS_BUNDLE_*).
"""

from tubelens.bundles.files import (
    COMMENTS_FILE,
    METADATA_FILE,
    THUMBNAIL_FILES,
    TRANSCRIPT_FILE,
    VIDEO_FILES,
    find_video,
    open_bundle_file,
    read_bundle_file,
)
from tubelens.bundles.paths import available_samples, find_bundle
from tubelens.bundles.reading import (
    Bundle,
    load_bundle,
    load_comments,
    load_header,
    load_thumbnail,
    load_transcript,
)
from tubelens.bundles.schema import MAX_COUNT, MAX_VIDEO_SECONDS, parse_iso_duration, parse_time
from tubelens.bundles.settings import BundleLimits, FileLimit, ReadLimits, default_limits
from tubelens.bundles.writing import format_iso_duration, write_bundle

__all__ = [
    "COMMENTS_FILE",
    "MAX_COUNT",
    "MAX_VIDEO_SECONDS",
    "METADATA_FILE",
    "THUMBNAIL_FILES",
    "TRANSCRIPT_FILE",
    "VIDEO_FILES",
    "Bundle",
    "BundleLimits",
    "FileLimit",
    "ReadLimits",
    "available_samples",
    "default_limits",
    "find_bundle",
    "find_video",
    "format_iso_duration",
    "load_bundle",
    "load_comments",
    "load_header",
    "load_thumbnail",
    "load_transcript",
    "open_bundle_file",
    "parse_iso_duration",
    "parse_time",
    "read_bundle_file",
    "write_bundle",
]
