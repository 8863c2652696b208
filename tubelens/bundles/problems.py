"""The errors a bundle can cause. Each names the file by its name inside the bundle (never a
server path), the line and field when known, and the limit and setting when one was exceeded."""

from __future__ import annotations

import errno

from tubelens.bundles.settings import FileLimit
from tubelens.errors import InvalidInput, NotFound, Unavailable

INVALID = "BUNDLE_INVALID"
TOO_LARGE = "BUNDLE_FILE_TOO_LARGE"
NOT_FOUND = "BUNDLE_NOT_FOUND"
ROOTS_SETTING = "TUBELENS_BUNDLE_ROOTS"
_LISTED = 20  # sample names a NotFound shows
_TRANSIENT = {errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EIO, errno.EAGAIN, errno.EINTR}


def invalid(file: str, problem: str, *, line: int | None = None, field: str = "") -> InvalidInput:
    """E.g. "The bundle's comments.jsonl, line 12, field like_count: must be a whole number..."
    (`problem` reads after the colon)."""
    where = [file]
    metadata = {"file": file}
    if line is not None:
        where.append(f"line {line:,}")
        metadata["line"] = str(line)
    if field:
        where.append(f"field {field}")
        metadata["field"] = field
    return InvalidInput(
        f"The bundle's {', '.join(where)}: {problem}", reason=INVALID, metadata=metadata
    )


def over_limit(
    file: str, what: str, limit: int, setting: str, *, line: int | None = None
) -> InvalidInput:
    """A count inside a file (comments, cues, characters) beyond its limit."""
    error = invalid(file, f"{what}; at most {limit:,} are accepted ({setting}).", line=line)
    error.metadata.update(limit=str(limit), setting=setting)
    return error


def too_large(file: str, size: int | None, limit: FileLimit) -> InvalidInput:
    """A file over its size limit; `size` is None when it grew while being read."""
    has = f"has {size:,} bytes" if size is not None else "grew while being read"
    return InvalidInput(
        f"The bundle's {file} {has}; at most {limit.shown} ({limit.max_bytes:,} bytes) are "
        f"accepted ({limit.setting}).",
        reason=TOO_LARGE,
        metadata={"file": file, "limit": str(limit.max_bytes), "setting": limit.setting},
    )


def not_regular(file: str) -> InvalidInput:
    return invalid(
        file,
        "not a regular file. Bundle files are read only as plain files inside the bundle "
        "directory: symbolic links, directories, pipes and devices are refused.",
    )


def unreadable(file: str, error: OSError) -> InvalidInput | Unavailable:
    """A file that exists but cannot be read: the bundle's fault (permissions) unless the
    gateway itself is short of something, which retrying later may cure."""
    why = error.strerror or "I/O error"  # never str(error): that carries the server path
    if error.errno in _TRANSIENT:
        return Unavailable(
            f"The gateway could not read the bundle's {file} just now ({why}); retry later.",
            reason="BUNDLE_UNREADABLE",
            metadata={"file": file},
        )
    return invalid(file, f"unreadable ({why}).")


def bundle_not_found(available: list[str] | None) -> NotFound:
    """The one answer for every reference that does not name an allowed bundle, whether what it
    names is missing, outside the roots or unreadable: nothing here tells these apart.
    `available`: the sample names to list, None when the listing does not apply."""
    message = (
        "No bundle by that name or path is available on this gateway. Give the name of a sample "
        f"or the path of a bundle directory under the gateway's bundle roots ({ROOTS_SETTING})."
    )
    if available is not None:
        names = ", ".join(available[:_LISTED]) or "none"
        if len(available) > _LISTED:
            names += f" and {len(available) - _LISTED:,} more"
        message += f" Available samples: {names}."
    return NotFound(message, reason=NOT_FOUND, metadata={"setting": ROOTS_SETTING})
