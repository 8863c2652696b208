"""Undo the disguises spam uses to slip past word filters, before the spam signs are matched.

The result is for matching only (it is lossy): lower case, NFKC (full-width and styled letters),
look-alike Cyrillic/Greek letters and invisible characters, stretched letters ("suuuubscribe"),
spaced-out letters ("c.h.e.c.k", "s u b s c r i b e"), digits standing for letters ("fr33",
"bi0") and disguised dots in links ("site dot com", "site(.)com", "bit . ly/x", "w w w .").
Each step runs only when a cheap test says it can change something: most comments pass through
with a lower() and two or three C-level scans.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that render like Latin ones (Cyrillic, Greek) and characters that render as nothing.
_LOOKALIKES = str.maketrans(
    "аеорсухіѕјԁοαν" + "АВЕКМНОРСТХ",
    "aeopcyxisjdoav" + "abekmhopctx",
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",
)
# Words spam stretches; a stretched word collapses to the one whose letters it repeats.
_LEXICON = (
    "subscribe subscribed sub subs please plz pls check channel free follow click link like "
    "likes visit watch my money cash win winner giveaway video videos music song new here "
    "now out me us our dm telegram whatsapp share support help www"
)


def _squeeze(word: str) -> str:
    """The word with every run of one letter written once ("channel" -> "chanel")."""
    return re.sub(r"(.)\1+", r"\1", word)


_SQUEEZED = {_squeeze(word): word for word in _LEXICON.split()}
_STRETCHED = re.compile(r"[a-z]*([a-z])\1\1[a-z]*")
_RUN = re.compile(r"([a-z])\1{2,}")
_RUN_HINT = re.compile(r"([a-z])\1\1")  # the same test, at half the cost
# Four or more single letters split by one separator each: "c.h.e.c.k", "s u b s c r i b e".
_SPACED = re.compile(r"(?<![\w.])(?:[a-z][ .*_-]){3,}[a-z](?![\w])")
_SPACED_HINT = re.compile(r"[ .*_-][a-z][ .*_-][a-z][ .*_-][a-z]\b")  # found faster
_SEPARATOR = re.compile(r"[ .*_-]")
_TLD = r"(?:com|net|org|info|biz|xyz|io|ly|gl|gg|me|tv|ru|co|shop|store|site|online|club|link)"
_ODD_TLD = r"(?:com|net|org|biz|xyz|io|ly|gl|gg|ru)"  # not words: "it. co-workers" stays
# Disguised dots before a common ending: "site(.)com", "site [dot] com", "site dot com",
# "site . com", "bit .ly". A dot with a space on one side only counts before an ending that is
# no English word, since that is how sentences end. Each pattern starts with its literal, which
# the regex engine finds fast; the word before is checked behind it.
_BRACKET_DOT = re.compile(r"[(\[{] ?(?:\.|dot) ?[)\]}] ?(?=" + _TLD + r"\b)")
_BRACKET_BEFORE = re.compile(r" (?=[(\[{] ?(?:\.|dot) ?[)\]}])")
_WORD_DOT = re.compile(r" dot (?<=\w dot )(?=" + _TLD + r"\b)| \. (?<=\w \. )(?=" + _TLD + r"\b)")
_DOT_SPACE = re.compile(r"\. (?<=\w\. )(?=" + _ODD_TLD + r"\b)")
_SPACE_DOT = re.compile(r" \.(?<=\w \.)(?=" + _ODD_TLD + r"\b)")
_SPACED_WWW = re.compile(r"\bw ?w ?w ?\. ?")
# A digit after a letter stands for the letter it looks like: "fr33", "bi0", "subscr1be".
_DIGIT_LETTER = re.compile(r"[013](?<=[a-z][013])[013]*")
_DIGIT_AS = str.maketrans("013", "oie")
# Characters the look-alike table changes: only texts holding one pay for the translation.
_LOOKALIKE_HINT = re.compile("[" + "".join(map(chr, _LOOKALIKES)) + "]")


def _unstretch(match: re.Match[str]) -> str:
    word = match.group()
    return _SQUEEZED.get(_squeeze(word)) or _RUN.sub(r"\1\1", word)


def normalise(text: str) -> str:
    """Lower-case `text` with the disguises above undone; for matching, not for display."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if _LOOKALIKE_HINT.search(text):
            text = text.translate(_LOOKALIKES)
    lowered = text.lower()
    if "  " in lowered or "\n" in lowered:
        lowered = " ".join(lowered.split())  # "plz  subscribe" reads as "plz subscribe"
    if _RUN_HINT.search(lowered):
        lowered = _STRETCHED.sub(_unstretch, lowered)
    if _SPACED_HINT.search(lowered):
        lowered = _SPACED.sub(lambda m: _SEPARATOR.sub("", m.group()), lowered)
    # Each look for a disguised dot first asks whether its literal is there at all.
    if "(" in lowered or "[" in lowered or "{" in lowered:
        lowered = _BRACKET_DOT.sub(".", _BRACKET_BEFORE.sub("", lowered))
    if " dot " in lowered or " . " in lowered:
        lowered = _WORD_DOT.sub(".", lowered)
    if ". " in lowered:
        lowered = _DOT_SPACE.sub(".", lowered)
    if " ." in lowered:
        lowered = _SPACE_DOT.sub(".", lowered)
    if "w w" in lowered or "www " in lowered or "www. " in lowered:
        lowered = _SPACED_WWW.sub("www.", lowered)
    if _DIGIT_LETTER.search(lowered):
        lowered = _DIGIT_LETTER.sub(lambda m: m.group().translate(_DIGIT_AS), lowered)
    return lowered
