"""The prose of a video description: what is left once chapter lists, links and tags go."""

from __future__ import annotations

import re

from services.summary.engines.local.description_chapters import is_chapter_line
from services.summary.engines.local.sentences import split_text

# Lines that promote rather than describe: links, handles, e-mail addresses, hashtag rows.
_PROMOTION = re.compile(r"https?://|www\.|\S+@\S+\.\S+|(?:^|\s)@\w", re.I)
_HASHTAG_ROW = re.compile(r"^(?:#\w+\s*)+$")
_BULLETS = "-*•·▶►▸>→ \t"
_MIN_LETTERS = 10  # "Links:" or "❤️ Thanks!" carry nothing to summarise


def description_sentences(description: str) -> list[str]:
    kept = [
        line.strip().lstrip(_BULLETS)
        for line in description.splitlines()
        if line.strip()
        and not is_chapter_line(line)
        and not _PROMOTION.search(line)
        and not _HASHTAG_ROW.match(line.strip())
    ]
    return [
        sentence
        for sentence in split_text("\n".join(kept))
        if sum(character.isalpha() for character in sentence) >= _MIN_LETTERS
    ]
