"""Korean morphemes from kiwipiepy (its model ships in the kiwipiepy_model wheel).

Content morphemes only: nouns, proper nouns, roots and foreign words, plus adjective stems in
dictionary form ("맛있" -> "맛있다"), so theme keywords read as words. Verbs (쓰다, 나오다) are
left out: they recur across every topic and blur themes and chapter boundaries.
The analyser is loaded once per process (about a second, and its model's memory).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache, lru_cache

from kiwipiepy import Kiwi, Token

_NOUNS = frozenset({"NNG", "NNP", "XR", "SL", "SH"})
_PREDICATES = frozenset({"VA", "VA-R", "VA-I"})
# Stems too common to name a topic: 하다, 되다, 있다, 없다, 같다, 보다, 주다, 싶다, 않다.
_LIGHT_STEMS = frozenset({"하", "되", "있", "없", "같", "보", "주", "싶", "않", "이", "아니", "알"})


@cache
def _kiwi() -> Kiwi:
    # One text is analysed in the calling thread; a list (analyse_many) by worker threads
    # that release the GIL. One instance serves both: the model's memory is paid once.
    _made_in.append(os.getpid())
    return Kiwi(num_workers=min(os.cpu_count() or 1, 4))


_made_in: list[int] = []  # the process that built the analyser (and owns its threads)


def analyse_many(texts: Sequence[str]) -> list[tuple[Token, ...]]:
    """The tokens of every text, in order: the same as one text at a time, in parallel.

    Kiwi's worker threads do not survive a fork: a worker forked after the fork server loaded
    the model (to share its 530 MB) would wait forever on a batch, so a forked process
    analyses one text at a time (a second model per worker would cost its memory again).
    """
    kiwi = _kiwi()
    if len(texts) < 2 or _made_in[0] != os.getpid():
        return [_analysed(text) for text in texts]
    return [tuple(tokens) for tokens in kiwi.tokenize(list(texts))]


# The sentiment model, the toxicity model and the themes all ask about the same comment.
@lru_cache(maxsize=256)
def _analysed(text: str) -> tuple[Token, ...]:
    return tuple(_kiwi().tokenize(text))


def korean_content_morphemes(
    text: str, stopwords: frozenset[str] = frozenset(), tokens: Sequence[Token] | None = None
) -> list[tuple[int, str]]:
    """(offset in text, morpheme) of the nouns and dictionary-form predicates, in order.

    `stopwords` holds nouns and bare predicate stems ("좋", "나오") to leave out; `tokens`
    is the text's analysis when the caller has it (analyse_many).
    """
    morphemes: list[tuple[int, str]] = []
    for token in _analysed(text) if tokens is None else tokens:
        if not any("\uac00" <= char <= "\ud7a3" for char in token.form):
            continue  # Latin words, numbers and symbols are the caller's to read
        if token.form in stopwords:
            continue
        if token.tag in _NOUNS and (len(token.form) > 1 or token.tag == "NNP"):
            morphemes.append((token.start, token.form))
        elif token.tag in _PREDICATES and token.form not in _LIGHT_STEMS:
            morphemes.append((token.start, token.form + "다"))
    return morphemes


def tagged_morphemes(text: str, tokens: Sequence[Token] | None = None) -> list[str]:
    """Every morpheme as "form/tag" (tag cut to two letters: VV-R and VV read alike).

    Model features: negation (안/MAG, 못/MAG, 않/VX) and endings survive any spacing.
    """
    return [
        f"{token.form}/{token.tag[:2]}" for token in (_analysed(text) if tokens is None else tokens)
    ]
