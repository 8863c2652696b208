"""Content words of a text, for keywords and themes (not for sentiment, which needs all words)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kiwipiepy import Token

from tubelens.text._data import tsv_pairs, word_set
from tubelens.text.korean import is_hangul_syllable, korean_stem, particles
from tubelens.text.language import detect_language
from tubelens.text.morphology import analyse_many, korean_content_morphemes

_URL = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+\s?\.\s?(?:com|net|org|ly|io|tv|co|me|kr|gg)\b(?:/\S*)?",
    re.IGNORECASE,
)
_MENTION = re.compile(r"[@#]\w+")
# Letter runs, with an inner apostrophe kept so "don't" matches the stopword list.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_HANGUL = re.compile("[\uac00-\ud7a3]")  # korean.is_hangul_syllable, one C scan per text
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")


@cache  # one set per language, not one per text
def _stopwords(language: str) -> frozenset[str]:
    words = set(word_set("stopwords_en.txt"))
    for lang, markers in tsv_pairs("language_markers.tsv"):
        if lang == language and lang != "en":
            words.update(markers.split())
    return frozenset(words)


def _english_singular(word: str) -> str:
    """Fold regular plurals so "loaves"/"loaf" stay apart but "starters"/"starter" merge."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def _cjk_tokens(run: str) -> list[str]:
    # No segmenter for Chinese/Japanese: overlapping character pairs stand in for words.
    return [run] if len(run) <= 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(text: str, language: str | None = None, morphemes: bool = False) -> list[str]:
    """Lowercase content words in order: stopwords, numbers, links and mentions removed.

    Korean words are stemmed by suffix stripping (fast, no model), or with `morphemes` by the
    kiwipiepy analyser, which reads the whole text and gives nouns and adjectives; those
    come after the other words.
    """
    cleaned = _cleaned(text)
    analysed = morphemes and _HANGUL.search(cleaned) is not None
    return _content_words(cleaned, language or detect_language(text), analysed, None)


# Texts whose morphemes are analysed together: kiwipiepy's threads stay busy, and one chunk's
# tokens at a time are held.
_CHUNK = 2048
# Content morphemes analysed ahead (label_texts(..., for_themes=True) analyses them in its
# analyser thread while the main thread reads features): cleaned text -> morphemes. Taken out
# by tokenize_many; at most _AHEAD_MAX entries (a few tens of MB) are held.
_AHEAD: dict[str, list[str]] = {}
_AHEAD_MAX = 1 << 16


def analyse_ahead(texts: Sequence[str]) -> None:
    """Analyse the texts' Korean morphemes now for a later tokenize_many(morphemes=True)."""
    cleaned = [
        text
        for text in dict.fromkeys(map(_cleaned, texts))
        if text not in _AHEAD and _HANGUL.search(text) is not None
    ][: max(_AHEAD_MAX - len(_AHEAD), 0)]
    stopwords = word_set("stopwords_ko.txt")
    for text, analysis in zip(cleaned, analyse_many(cleaned), strict=True):
        _AHEAD[text] = [form for _, form in korean_content_morphemes(text, stopwords, analysis)]


def tokenize_many(
    texts: Sequence[str], languages: Sequence[str], morphemes: bool = False
) -> list[list[str]]:
    """tokenize() of every text (with its language), the Korean ones analysed in parallel."""
    found: list[list[str]] = []
    used: set[str] = set()
    for start in range(0, len(texts), _CHUNK):
        cleaned = [_cleaned(text) for text in texts[start : start + _CHUNK]]
        analysed = [morphemes and _HANGUL.search(text) is not None for text in cleaned]
        korean = [text for text, yes in zip(cleaned, analysed, strict=True) if yes]
        ahead = {text: ready for text in korean if (ready := _AHEAD.get(text)) is not None}
        used.update(ahead)
        missing = [text for text in dict.fromkeys(korean) if text not in ahead]
        analyses = dict(zip(missing, analyse_many(missing), strict=True))
        found.extend(
            _content_words(text, language, yes, analyses.get(text), ahead.get(text))
            for text, language, yes in zip(
                cleaned, languages[start : start + _CHUNK], analysed, strict=True
            )
        )
    for text in used:
        _AHEAD.pop(text, None)
    return found


def _cleaned(text: str) -> str:
    return _MENTION.sub(" ", _URL.sub(" ", text)).lower().replace("’", "'")


def _content_words(
    cleaned: str,
    language: str,
    analysed: bool,
    analysis: Sequence[Token] | None,
    morphemes: list[str] | None = None,
) -> list[str]:
    stop_latin = _stopwords(language)
    stop_korean = word_set("stopwords_ko.txt")
    tokens: list[str] = []
    for word in _WORD.findall(cleaned):
        if is_hangul_syllable(word[0]):
            stem = "" if analysed else korean_stem(word)
            if stem and _is_korean_content(word, stem) and stem not in stop_korean:
                tokens.append(stem)
        elif _CJK_RUN.fullmatch(word):
            tokens.extend(_cjk_tokens(word))
        elif len(word) >= 2 and word not in stop_latin and not _is_laughter(word):
            singular = _english_singular(word) if language in ("en", "und") else word
            if singular not in stop_latin:
                tokens.append(singular)
    if analysed and morphemes is not None:
        tokens.extend(morphemes)
    elif analysed:
        content = korean_content_morphemes(cleaned, stop_korean, analysis)
        tokens.extend(morpheme for _, morpheme in content)
    return tokens


def _is_korean_content(word: str, stem: str) -> bool:
    if not stem or not all(map(is_hangul_syllable, stem)):
        return False
    # A one-syllable stem is a noun only when nothing but a particle came off (빵을 -> 빵);
    # after an ending it is a bare verb stem (쓰세요 -> 쓰) that names no topic.
    return len(stem) > 1 or word == stem or word[1:] in particles()


def _is_laughter(word: str) -> bool:
    """ "hahaha", "lolol", "kkkk", "ㅋㅋㅋ" and the like."""
    return bool(re.fullmatch(r"(?:ha|he|hi|lo|xd)+h?|k{3,}|[ㅋㅎㅠㅜ]+|a*h+a+h*[ah]*", word))
