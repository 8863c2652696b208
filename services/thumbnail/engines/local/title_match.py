"""Does the thumbnail's text echo the title, add to it, or just repeat it?

Words are compared after case folding; a Korean word also matches when its stem does (the
title's "라떼를" and the thumbnail's "라떼" are one word), by comparing the first syllables.
- echoes: at least half of the thumbnail's words are in the title: the two tell one story;
- repeats_title: it also carries most of the title (six words or more): the space is wasted
  on what viewers read right below it;
- complements: it says something the title does not: often good, if it is a hook.
"""

from __future__ import annotations

import re

from services.thumbnail.domain import ThumbnailText, TitleMatch

_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+|[\uac00-\ud7a3]+")
ECHO_SHARE = 0.5
REPEAT_WORDS = 6


def match_title(texts: tuple[ThumbnailText, ...], title: str) -> TitleMatch:
    on_image = _words(" ".join(t.text for t in texts))
    if not on_image:
        return TitleMatch(verdict="no_text", shared_words=(), overlap=0.0)
    in_title = _words(title)
    shared = [w for w in on_image if any(_same(w, t) for t in in_title)]
    overlap = len(shared) / len(on_image)
    title_covered = sum(any(_same(t, w) for w in on_image) for t in in_title) / max(
        1, len(in_title)
    )
    if overlap >= ECHO_SHARE and len(on_image) >= REPEAT_WORDS and title_covered >= 0.7:
        verdict = "repeats_title"
    elif overlap >= ECHO_SHARE:
        verdict = "echoes"
    else:
        verdict = "complements"
    return TitleMatch(verdict=verdict, shared_words=tuple(shared), overlap=round(overlap, 2))


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text) if len(w) > 1 or not w.isascii()]


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    hangul = "\uac00" <= a[0] <= "\ud7a3" and "\uac00" <= b[0] <= "\ud7a3"
    if hangul and min(len(a), len(b)) >= 2:  # particles attach to the end of a Korean word
        stem = min(len(a), len(b))
        return a[:stem] == b[:stem]
    return False
