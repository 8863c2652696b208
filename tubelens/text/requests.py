"""Whether a comment asks the creator for something: a video, a topic, a change next time.

"Please make a video on", "can you do", "next time, show ...", "you should", "다음엔 ...
해주세요", "다뤄 주세요", "~면 좋겠어요". Thanks, plain questions and "please report this"
are not requests.
"""

from __future__ import annotations

import re

from tubelens.text.language import detect_language

_EN_REQUEST = re.compile(
    r"\b(?:please|pls|plz)\s+(?:make|do|show|upload|post|film|try|cover|review|explain|add|"
    r"consider|bring)\b"
    r"|\b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:make|do|show|upload|post|film|try|"
    r"cover|review|explain|add|consider)\b"
    r"|\b(?:make|do)\s+(?:a|an|another|more)\s+(?:\w+\s+){0,2}(?:video|episode|tutorial|part|"
    r"series|follow[- ]?up)\b"
    r"|\b(?:next time|next video)\b[^.!?]{0,40}\b(?:please|pls|could you|can you|show|make|"
    r"do|explain|cover)\b"
    r"|\b(?:please|pls|could you|can you)\b[^.!?]{0,60}\b(?:next time|next video)\b"
    r"|\byou\s+should\s+(?:make|do|try|show|cover|review|add|film)\b"
    r"|\b(?:i|we)(?:'d| would)\s+love\s+(?:to see|a video|a tutorial|more)\b"
    r"|\b(?:i wish you would|i hope you (?:make|do|cover)|waiting for (?:a|the) part)\b"
    r"|\bpart\s*(?:2|two)\s*(?:please|pls|plz|\?|!)",
    re.IGNORECASE,
)
_KO_REQUEST = re.compile(
    r"(?:해|다뤄|만들어|올려|보여|찍어|알려|설명해|리뷰해|추천해|소개해|가르쳐)\s?주(?:세요|셨으면|시면|실\s?수)"
    r"|(?:영상|리뷰|편|주제|콘텐츠|레시피)\s?(?:도\s?|좀\s?)?부탁(?:드려요|드립니다|해요|합니다|드릴게요)"
    r"|(?:다음엔|다음에는|다음\s?영상|다음\s?편|다음번)"
    r"|(?:[았었했]으면|[면]|해도)\s?좋겠(?:어요|습니다|네요|다)"
    r"|(?:보고|배우고|듣고)\s?싶어요"
    r"|2편|후속\s?(?:영상|편)",
)


def is_request(text: str, language: str | None = None) -> bool:
    """True when the comment asks the creator to make, show or change something."""
    language = language or detect_language(text)
    if language == "ko":
        return bool(_KO_REQUEST.search(text))
    return bool(_EN_REQUEST.search(text))
