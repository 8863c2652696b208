"""Korean morphemes from kiwipiepy (its model ships in the kiwipiepy_model wheel).

Content morphemes only: nouns, proper nouns, roots and foreign words, plus adjective stems in
dictionary form ("맛있" -> "맛있다"), so theme keywords read as words. Verbs (쓰다, 나오다) are
left out: they recur across every topic and blur themes and chapter boundaries.
The analyser is loaded once per process (about a second, and its model's memory).
"""

from __future__ import annotations

from functools import cache, lru_cache

from kiwipiepy import Kiwi, Token

_NOUNS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
_PREDICATES = frozenset({"VA", "VA-R", "VA-I"})
# Stems too common to name a topic: 하다, 되다, 있다, 없다, 같다, 보다, 주다, 싶다, 않다.
_LIGHT_STEMS = frozenset({"하", "되", "있", "없", "같", "보", "주", "싶", "않", "이", "아니", "알"})


@cache
def _kiwi() -> Kiwi:
    return Kiwi(num_workers=-1)  # -1: no worker threads, analyse in the calling thread


# The sentiment model, the toxicity model and the themes all ask about the same comment.
@lru_cache(maxsize=256)
def _analysed(text: str) -> tuple[Token, ...]:
    return tuple(_kiwi().tokenize(text))


def korean_content_morphemes(
    text: str, stopwords: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    """(offset in text, morpheme) of the nouns and dictionary-form predicates, in order.

    `stopwords` holds nouns and bare predicate stems ("좋", "나오") to leave out.
    """
    morphemes: list[tuple[int, str]] = []
    for token in _analysed(text):
        if not any("\uac00" <= char <= "\ud7a3" for char in token.form):
            continue  # Latin words, numbers and symbols are the caller's to read
        if token.form in stopwords:
            continue
        if token.tag in _NOUNS and (len(token.form) > 1 or token.tag == "NNP"):
            morphemes.append((token.start, token.form))
        elif token.tag in _PREDICATES and token.form not in _LIGHT_STEMS:
            morphemes.append((token.start, token.form + "다"))
    return morphemes


def tagged_morphemes(text: str) -> list[str]:
    """Every morpheme as "form/tag" (tag cut to two letters: VV-R and VV read alike).

    Model features: negation (안/MAG, 못/MAG, 않/VX) and endings survive any spacing.
    """
    return [f"{token.form}/{token.tag[:2]}" for token in _analysed(text)]
