"""Whether a comment asks something: a question mark, or question words and endings.

Exclamations shaped like questions ("how amazing is this!!", "what a loaf!") are not asks.
"""

from __future__ import annotations

import re

from tubelens.text.korean import final_consonant
from tubelens.text.language import detect_language

_SENTENCE = re.compile(r"[^.!?。？！\n]+[.!?。？！]*")
_WH = frozenset(("what", "how", "why", "where", "when", "which", "who", "whom", "whose"))
_AUX = frozenset(
    re.findall(
        r"\S+",
        """
do does did is are was were can could would should will shall has have may might am
isn't aren't doesn't don't didn't can't won't
""",
    )
)
# "how long", "what kind": a wh-word followed by these asks for information.
_ASKING_AFTER_WH = _AUX | frozenset(
    re.findall(
        r"\S+",
        """
long much many often far old big come to about else kind type temperature brand size time
i you we they it this that
""",
    )
)
_REQUESTS = re.compile(
    r"\b(anyone know|does anyone|has anyone|any tips|any idea|can someone|could someone|"
    r"please tell|pls tell|i wonder if|i was wondering if)\b"
)
_KO_WH = (
    "어떻게",
    "어떤",
    "어디",
    "언제",
    "왜",
    "뭐",
    "뭘",
    "무엇",
    "무슨",
    "몇",
    "얼마",
    "누가",
    "어느",
)
# Sentence-final question endings; -니 and -냐 only count next to a question word.
_KO_ENDINGS = re.compile(r"(나요|까요|가요|는지요|을까|ㄹ까|냐|냐고|니)$")
_KO_EXCLAMATIVE = re.compile(r"(이렇게|저렇게|그렇게|왜 이리)")
# Statements that merely end like questions: 기억나요 (나다 verbs), 없으니까요 (because).
_KO_STATEMENTS = (
    "기억나요",
    "생각나요",
    "끝나요",
    "만나요",
    "떠나요",
    "신나요",
    "짜증나요",
    "화나요",
    "빛나요",
    "맛나요",
    "힘나요",
    "티나요",
    "눈물나요",
    "웃음나요",
    "소리나요",
    "니까요",
)
_KO_POLITE_ASKING = ("어요", "아요", "해요", "세요", "에요", "예요", "돼요", "되요")
_NIEUN = 4  # final-consonant index of ㄴ
_KO_REQUESTS = re.compile(r"(알려\s?주세요|알려\s?주실|궁금해요|궁금합니다|궁금하네요|여쭤)")


def _is_english_question(sentence: str) -> bool:
    words = re.findall(r"[a-z']+", sentence.lower())
    if not words:
        return False
    first, second = words[0], words[1] if len(words) > 1 else ""
    exclamative = (first == "how" and second not in _ASKING_AFTER_WH) or (
        first == "what" and second in ("a", "an")
    )
    if exclamative:
        return False  # "how cute is that?!", "what a crumb"
    if sentence.rstrip().endswith("?"):
        return True
    if sentence.rstrip().endswith("!"):
        return False
    # Without a "?", "why did I never think of that" is a sigh, not an ask.
    if first in _WH and first != "why" and second in _ASKING_AFTER_WH:
        return True
    return first in _AUX and second in ("you", "i", "it", "this", "there", "anyone", "we", "they")


def _is_korean_question(sentence: str) -> bool:
    stripped = sentence.rstrip(" .~!ㅋㅎㅠㅜ^")
    if sentence.rstrip().endswith("!") and "?" not in sentence:
        return False  # 어떻게 이렇게 예쁠 수가 있죠!
    if "?" in sentence or _KO_REQUESTS.search(sentence):
        return True
    has_wh = any(word in sentence for word in _KO_WH)
    ending = _KO_ENDINGS.search(stripped)
    if ending and not stripped.endswith(_KO_STATEMENTS):
        if ending.group(1) == "가요":
            # 인가요/한가요/는가요 ask; a bare 가요 is the verb "go".
            return len(stripped) >= 3 and final_consonant(stripped[-3]) == _NIEUN
        return ending.group(1) not in ("냐", "니") or has_wh
    # "얼마나 연습하셨어요": a polite statement ending after a question word asks,
    # unless it is the exclamative "어떻게 이렇게 ...".
    return (
        has_wh
        and stripped.endswith(_KO_POLITE_ASKING)
        and "왜" not in sentence
        and not _KO_EXCLAMATIVE.search(sentence)
    )


def _asks(sentence: str, language: str) -> bool:
    if language == "ko":
        return _is_korean_question(sentence)
    if language == "en":
        return _is_english_question(sentence)
    return sentence.rstrip().endswith(("?", "？"))


def _worded_sentences(text: str) -> list[str]:
    # "???" alone is bewilderment, not something to answer
    return [s for s in _SENTENCE.findall(text) if any(map(str.isalpha, s))]


def is_question(text: str, language: str | None = None) -> bool:
    """True when some sentence of the text asks for an answer."""
    language = language or detect_language(text)
    if _REQUESTS.search(text.lower()):
        return True
    return any(_asks(sentence, language) for sentence in _worded_sentences(text))


def only_asks(text: str, language: str | None = None) -> bool:
    """True when every sentence of the text asks (a question and nothing else)."""
    language = language or detect_language(text)
    sentences = _worded_sentences(text)
    return bool(sentences) and all(_asks(sentence, language) for sentence in sentences)
