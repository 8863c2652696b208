"""Which directory a VideoRef.bundle names: a sample name or a path, allowed only inside the
configured roots (TUBELENS_BUNDLE_ROOTS).

A reference is tried as a path relative to each root in turn (so a name is a root's direct
child), or taken as it is when absolute; the directory it names, with every symbolic link
resolved, must lie inside a root and hold a video.json that is a regular file. Whatever else
it names (missing, outside the roots, unreadable, a loop of links) gets one and the same
NotFound, which shows no server path.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from tubelens.bundles import problems
from tubelens.bundles.files import METADATA_FILE
from tubelens.errors import InvalidInput
from tubelens.limits import too_many

SAMPLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", re.ASCII)
_SCANNED = 200  # entries of a root looked at to list them, so a huge root costs little


def find_bundle(reference: str, roots: Sequence[Path], max_chars: int) -> Path:
    """The bundle directory `reference` names, fully resolved and inside one of `roots`."""
    text = reference.strip()
    if not text:
        raise InvalidInput(
            "The bundle reference is empty; give a sample name or a bundle directory.",
            reason="INVALID_BUNDLE",
        )
    if len(text) > max_chars:
        raise too_many(
            "characters in video.bundle", len(text), max_chars, "BUNDLE_MAX_REFERENCE_CHARS"
        )
    allowed = _resolved(roots)
    if "\x00" not in text:
        path = Path(text)
        candidates = [path] if path.is_absolute() else [root / path for root in allowed]
        for candidate in candidates:
            found = _bundle_inside(candidate, allowed)
            if found is not None:
                return found
    raise problems.bundle_not_found(available_samples(allowed))


def available_samples(roots: Iterable[Path]) -> list[str]:
    """Names of the bundles directly under the roots, sorted."""
    names: set[str] = set()
    for root in roots:
        try:
            with os.scandir(root) as entries:
                for entry in itertools.islice(entries, _SCANNED):
                    if SAMPLE_NAME.fullmatch(entry.name) and _is_bundle(Path(entry.path)):
                        names.add(entry.name)
        except OSError:
            continue
    return sorted(names)


def _resolved(roots: Iterable[Path]) -> list[Path]:
    allowed = []
    for root in roots:
        try:
            allowed.append(Path(os.path.realpath(root)))
        except (OSError, ValueError):
            continue  # a root that cannot be resolved holds nothing
    return allowed


def _bundle_inside(candidate: Path, roots: list[Path]) -> Path | None:
    try:
        resolved = Path(os.path.realpath(candidate))  # every link resolved, /proc's included
    except (OSError, ValueError):
        return None
    if not any(resolved.is_relative_to(root) for root in roots):
        return None
    return resolved if _is_bundle(resolved) else None


def _is_bundle(directory: Path) -> bool:
    """A real directory (not a link) holding a video.json that is a regular file."""
    try:
        return stat.S_ISDIR(os.lstat(directory).st_mode) and stat.S_ISREG(
            os.lstat(directory / METADATA_FILE).st_mode
        )
    except (OSError, ValueError):
        return False
