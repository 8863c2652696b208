"""Bundle text files (video.json, transcript.vtt, comments.jsonl) as str: UTF-8, no NUL bytes
(only binary data holds them), a leading byte-order mark dropped; InvalidInput naming the line
otherwise. comments.jsonl is read a line at a time, each line bounded, so no more than one line
is ever decoded or parsed at once."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tubelens.bundles import problems
from tubelens.bundles.files import open_bundle_file
from tubelens.bundles.settings import FileLimit

BOM = b"\xef\xbb\xbf"


def decode_text(name: str, data: bytes, first_line: int = 1) -> str:
    """`data` (the file, or one line of it starting at `first_line`) as str."""
    if first_line == 1:
        data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise problems.invalid(name, "not UTF-8 text.", line=line) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = first_line + text.count("\n", 0, nul)
        problem = "a NUL byte, as binary data holds; it must be text."
        raise problems.invalid(name, problem, line=line)
    return text


def bundle_lines(
    bundle: Path, name: str, limit: FileLimit, max_line_bytes: int
) -> Iterator[tuple[int, str]]:
    """(line number, text without its line break) for each line of a bundle file, none if it
    is absent. Stops with InvalidInput at a line over `max_line_bytes` or once the file passes
    `limit`."""
    file = open_bundle_file(bundle, name, limit)
    if file is not None:
        yield from _lines(file, name, limit, max_line_bytes)


def _lines(
    file: BinaryIO, name: str, limit: FileLimit, max_line_bytes: int
) -> Iterator[tuple[int, str]]:
    with file:
        total = 0
        for number in itertools.count(1):
            try:
                raw = file.readline(max_line_bytes + 1)
            except OSError as exc:
                raise problems.unreadable(name, exc) from None
            if not raw:
                return
            total += len(raw)
            if total > limit.max_bytes:  # it grew since fstat checked it
                raise problems.too_large(name, None, limit)
            if len(raw) > max_line_bytes:
                error = problems.invalid(
                    name,
                    f"a line longer than {max_line_bytes:,} bytes, the most one may hold.",
                    line=number,
                )
                error.metadata["limit"] = str(max_line_bytes)
                raise error
            yield number, decode_text(name, raw.rstrip(b"\r\n"), number)
