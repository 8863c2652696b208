"""Opening a file inside a bundle: never through a symbolic link, only a regular file, its size
checked with fstat before a byte is read, and never more than limit + 1 bytes read.

A pipe or device must never block the gateway or be read, so files are opened non-blocking
and checked with fstat before anything else; the directory itself is opened without following
a link, and each file relative to it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from tubelens.bundles import problems
from tubelens.bundles.settings import FileLimit, ReadLimits, default_limits

METADATA_FILE = "video.json"
TRANSCRIPT_FILE = "transcript.vtt"
COMMENTS_FILE = "comments.jsonl"
THUMBNAIL_FILES = ("thumbnail.jpg", "thumbnail.jpeg", "thumbnail.png", "thumbnail.webp")
VIDEO_FILES = ("video.mp4", "video.webm", "video.mov", "video.mkv")  # optional
BUNDLE_FILES = frozenset({METADATA_FILE, TRANSCRIPT_FILE, COMMENTS_FILE, *THUMBNAIL_FILES})
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def open_bundle_file(bundle: Path, name: str, limit: FileLimit) -> BinaryIO | None:
    """The file `name` in `bundle`, open for binary reading, or None when the bundle has none.
    InvalidInput when it is not a regular file (a link, pipe, device or directory) or holds
    more than `limit`; the caller must still read at most limit.max_bytes + 1 bytes."""
    if name not in BUNDLE_FILES and name not in VIDEO_FILES:
        raise ValueError(f"{name!r} is not a bundle file")  # names come from this module only
    descriptor = _open_inside(bundle, name)
    if descriptor is None:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise problems.not_regular(name)
        if info.st_size > limit.max_bytes:
            raise problems.too_large(name, info.st_size, limit)
        os.set_blocking(descriptor, True)
        return open(descriptor, "rb", closefd=True)  # the caller closes it
    except BaseException:
        os.close(descriptor)
        raise


def read_bundle_file(bundle: Path, name: str, limit: FileLimit) -> bytes | None:
    """The whole of a bundle file (None when absent), refused if over `limit`."""
    file = open_bundle_file(bundle, name, limit)
    if file is None:
        return None
    with file:
        try:
            # Reading exactly what fstat reported avoids allocating the whole limit up front;
            # a file that grew since then is read on, but never past limit + 1 bytes.
            size = min(os.fstat(file.fileno()).st_size, limit.max_bytes)
            data = file.read(size + 1)
            if len(data) > size:
                data += file.read(limit.max_bytes + 1 - len(data))
        except OSError as exc:
            raise problems.unreadable(name, exc) from None
    if len(data) > limit.max_bytes:
        raise problems.too_large(name, None, limit)
    return data


def find_video(bundle: Path, limits: ReadLimits | None = None) -> Path | None:
    """The bundle's video file: a regular file (not a link) within TUBELENS_BUNDLE_MAX_VIDEO_MB,
    or None when the bundle has none. A video that is a link, a pipe or too large is refused
    (InvalidInput), never skipped silently. Whoever reads it should open it again with
    open_bundle_file, which repeats these checks on the file it actually reads."""
    limit = (limits or default_limits()).files.video
    for name in VIDEO_FILES:
        file = open_bundle_file(bundle, name, limit)
        if file is not None:
            file.close()
            return bundle / name
    return None


def _open_inside(bundle: Path, name: str) -> int | None:
    try:
        directory = os.open(bundle, _DIR_FLAGS)
    except OSError:
        raise problems.bundle_not_found(None) from None  # gone since it was resolved
    try:
        return os.open(name, _FILE_FLAGS, dir_fd=directory)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a symbolic link
            raise problems.not_regular(name) from None
        raise problems.unreadable(name, exc) from None
    finally:
        os.close(directory)
