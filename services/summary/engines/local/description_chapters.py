"""Chapters the uploader wrote into the description, read the way YouTube reads them.

A chapter line holds a timestamp ("0:00", "12:30", "1:02:03", optionally in brackets) at its
start or its end and a title beside it. YouTube only shows chapters when the list starts at
0:00, goes up, and has at least three entries; the same rules apply here.
"""

from __future__ import annotations

import re

from services.summary.domain import Chapter

MIN_CHAPTERS = 3
_STAMP = r"(?:(?P<h>\d{1,2}):(?P<m>[0-5]?\d)|(?P<mm>\d{1,3})):(?P<s>[0-5]\d)"
_BULLET = r"[\s\-*•·▶►▸>]*"
_LEADING = re.compile(
    rf"^{_BULLET}[(\[]?{_STAMP}(?!\d)[)\]]?"
    r"(?:\s*[-–~]\s*[(\[]?\d{1,2}(?::\d{1,2})?:\d{2}[)\]]?)?"  # "0:00 - 1:25 Intro" ranges
    r"(?P<title>.*)$"
)
# Written so that nothing is tried twice (the plain ^bullets(.*?)[\s(\[]*stamp is cubic on a
# long line of spaces): bullets and the gap before the stamp are possessive, as a match needs
# them whole anyway, and the title steps over a run of gap characters in one go.
_TRAILING = re.compile(
    rf"^{_BULLET}+(?P<title>(?:[^\s(\[]|(?:[^\S\n]|[(\[])++)*?)[\s(\[]*+{_STAMP}[)\]]?\s*$"
)
_TITLE_EDGES = " \t-–—:|.·•"


def parse_chapter_line(line: str) -> tuple[float, str] | None:
    """(start seconds, title) for a chapter line, None for any other line."""
    match = _LEADING.match(line) or _TRAILING.match(line)
    if not match:
        return None
    # Separators around the title go; brackets only when left unpaired by the timestamp.
    title = match.group("title").strip(_TITLE_EDGES).lstrip(")] ").rstrip("([ ")
    if not re.search(r"\w", title):
        return None
    return _seconds(match), title


def description_chapters(description: str, duration_seconds: float = 0.0) -> list[Chapter]:
    """The description's chapters, or [] when it has no list YouTube would accept."""
    entries = [entry for line in description.splitlines() if (entry := parse_chapter_line(line))]
    first = next((i for i, (start, _) in enumerate(entries) if start == 0), None)
    if first is None:
        return []
    run = [entries[first]]
    for start, title in entries[first + 1 :]:
        if start <= run[-1][0] or (duration_seconds and start >= duration_seconds):
            break  # the list is over (or a later, unrelated list of times begins)
        run.append((start, title))
    if len(run) < MIN_CHAPTERS:
        return []
    ends = [start for start, _ in run[1:]] + [max(duration_seconds, run[-1][0])]
    return [
        Chapter(title=title, start=start, end=end)
        for (start, title), end in zip(run, ends, strict=True)
    ]


def is_chapter_line(line: str) -> bool:
    return parse_chapter_line(line) is not None


def _seconds(match: re.Match[str]) -> float:
    hours = int(match.group("h") or 0)
    minutes = int(match.group("m") or match.group("mm") or 0)
    return float(hours * 3600 + minutes * 60 + int(match.group("s")))
