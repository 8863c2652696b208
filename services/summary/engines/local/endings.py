"""Whether a word closes a sentence: terminal punctuation, or a Korean sentence ending.

Korean auto-captions carry no punctuation, but Korean sentences end in a small set of verb
endings (-습니다, -어요, -죠, -다), so the last syllables of a word say a lot on their own.
"""

from __future__ import annotations

import re

_TERMINAL = re.compile(r"[.!?…。！？]+[\"'”’)\]」』]*$")
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "e.g.", "i.e.", "approx.", "no.", "fig."}
)
_HANGUL = re.compile(r"^[가-힣]+$")
# Polite and plain declarative/interrogative endings.
_KOREAN_ENDINGS = ("요", "죠", "다")
# Nouns and particles that happen to end like a sentence: 필요 (need), 생각보다 (than), 날마다.
_NOT_ENDINGS = ("필요", "중요", "주요", "수요", "요요", "보다", "마다", "바다")
_JONG_BIEUP = 17  # index of the final consonant ㅂ in a Hangul syllable
_TRAILING = ".,!?…\"'”’)]」』~"


def ends_with_terminal(word: str) -> bool:
    return bool(_TERMINAL.search(word)) and word.lower() not in _ABBREVIATIONS


def ends_korean_sentence(word: str) -> bool:
    """True for words like 넣어요, 맛있죠, 좋습니다, 했다, 됩니까; False for 필요, 그러니까."""
    if word.endswith((",", "，")):
        return False
    core = word.rstrip(_TRAILING)
    if len(core) < 2 or not _HANGUL.match(core) or core.endswith(_NOT_ENDINGS):
        return False
    if core.endswith(_KOREAN_ENDINGS):
        return True
    # -ㅂ니까 asks a formal question; a bare -니까 means "because" and goes on.
    return core.endswith("니까") and len(core) >= 3 and _final_consonant(core[-3]) == _JONG_BIEUP


def _final_consonant(syllable: str) -> int:
    return (ord(syllable) - 0xAC00) % 28
