"""The prose of a video description: what is left once chapter lists, links and tags go."""

from __future__ import annotations

import re

from services.summary.engines.local.description_chapters import is_chapter_line
from services.summary.engines.local.sentences import split_text

# Lines that promote rather than describe: links, handles, e-mail addresses, hashtag rows.
_LINK_OR_HANDLE = re.compile(r"https?://|www\.|(?:^|\s)@\w", re.I)
_HASHTAG_ROW = re.compile(r"^(?:#\w+\s*)+$")
_BULLETS = "-*•·▶►▸>→ \t"
_MIN_LETTERS = 10  # "Links:" or "❤️ Thanks!" carry nothing to summarise


def description_sentences(description: str) -> list[str]:
    kept = [
        line.strip().lstrip(_BULLETS)
        for line in description.splitlines()
        if line.strip()
        and not is_chapter_line(line)
        and not _promotes(line)
        and not _HASHTAG_ROW.match(line.strip())
    ]
    return [
        sentence
        for sentence in split_text("\n".join(kept))
        if sum(character.isalpha() for character in sentence) >= _MIN_LETTERS
    ]


def _promotes(line: str) -> bool:
    return bool(_LINK_OR_HANDLE.search(line)) or any(map(_looks_like_email, line.split()))


def _looks_like_email(word: str) -> bool:
    """Something@something.something, as the pattern \\S+@\\S+\\.\\S+ would find it in the word,
    but in one pass: that pattern backtracks cubically over a long run of "@"."""
    at = word.find("@", 1)
    return at > 0 and "." in word[at + 2 : -1]
