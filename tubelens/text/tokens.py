"""Content words of a text, for keywords and themes (not for sentiment, which needs all words)."""

from __future__ import annotations

import re

from tubelens.text._data import tsv_pairs, word_set
from tubelens.text.korean import is_hangul_syllable, korean_stem, particles
from tubelens.text.language import detect_language
from tubelens.text.morphology import korean_content_morphemes

_URL = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+\s?\.\s?(?:com|net|org|ly|io|tv|co|me|kr|gg)\b(?:/\S*)?",
    re.IGNORECASE,
)
_MENTION = re.compile(r"[@#]\w+")
# Letter runs, with an inner apostrophe kept so "don't" matches the stopword list.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")


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
    language = language or detect_language(text)
    stop_latin = _stopwords(language)
    stop_korean = word_set("stopwords_ko.txt")
    cleaned = _MENTION.sub(" ", _URL.sub(" ", text)).lower().replace("’", "'")
    tokens: list[str] = []
    analysed = morphemes and any(map(is_hangul_syllable, cleaned))
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
    if analysed:
        tokens.extend(morpheme for _, morpheme in korean_content_morphemes(cleaned, stop_korean))
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
