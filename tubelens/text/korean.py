"""Light Korean morphology: strip particles (조사) and verb endings (어미) from an eojeol.

There is no dictionary here, so this is suffix stripping with guards: a suffix only comes off
when a stem long enough to be a word is left and the particle fits the syllable before it,
and a few nouns that merely end like a particle are kept whole. Good enough to group
"우유는"/"우유를" and "만들었어요"/"만들어요" for keywords.
"""

from __future__ import annotations

from functools import cache

from tubelens.text._data import tsv_pairs

_HANGUL_BASE = 0xAC00
_FINALS = 28
_RIEUL, _BIEUP = 8, 17  # final-consonant indexes of ㄹ and ㅂ


@cache
def _lists() -> dict[str, tuple[str, ...]]:
    return {name: tuple(items.split()) for name, items in tsv_pairs("ko_morphology.tsv")}


def _longest_first(words: tuple[str, ...] | set[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


@cache
def particles() -> frozenset[str]:
    return frozenset(_lists()["particles"])


@cache
def _suffixes() -> tuple[str, ...]:
    return _longest_first(set(_lists()["particles"]) | set(_lists()["endings"]))


def is_hangul_syllable(char: str) -> bool:
    return _HANGUL_BASE <= ord(char) <= 0xD7A3


def final_consonant(char: str) -> int:
    """Index of the syllable's final consonant (받침); 0 for none or a non-syllable."""
    return (ord(char) - _HANGUL_BASE) % _FINALS if is_hangul_syllable(char) else 0


def drop_final(char: str) -> str:
    """The syllable without its final consonant: 합 -> 하."""
    return chr(ord(char) - final_consonant(char)) if is_hangul_syllable(char) else char


def _particle_fits(stem: str, suffix: str) -> bool:
    final = final_consonant(stem[-1])
    if suffix in _lists()["after_consonant"]:
        return final != 0
    if suffix in _lists()["after_vowel"]:
        return final == 0 or (final == _RIEUL and suffix.startswith("로"))
    return True


def _strip_once(word: str, suffixes: tuple[str, ...]) -> str:
    needs_long_stem = _lists()["needs_long_stem"]
    for suffix in suffixes:
        if suffix == "ㅂ니다":
            # 합니다 / 갑니다: the ㅂ sits in the previous syllable's final.
            if word.endswith("니다") and len(word) >= 3 and final_consonant(word[-3]) == _BIEUP:
                return word[:-3] + drop_final(word[-3])
            continue
        if not word.endswith(suffix) or len(word) == len(suffix):
            continue
        stem = word[: -len(suffix)]
        if not is_hangul_syllable(stem[-1]) or not _particle_fits(stem, suffix):
            continue
        if len(stem) >= 2 or suffix not in needs_long_stem:
            return stem
    return word


def korean_stem(word: str) -> str:
    """The eojeol without its particle or ending; 라떼아트를 -> 라떼아트, 만들었어요 -> 만들."""
    keep_whole = _lists()["keep_whole"]
    if word in keep_whole:
        return word
    stem = _strip_once(word, _suffixes())
    if stem != word and stem not in keep_whole:
        stem = _strip_once(stem, _longest_first(particles()))  # stacked: 라떼아트만큼은
    if stem.endswith("했"):
        stem = stem[:-1] + "하"
    if len(stem) >= 3 and (stem[-1] in _lists()["hada"] or stem[-1] == "들"):
        stem = stem[:-1]  # 하다-verb to its noun, or a plural 들 (사람들 -> 사람)
    return stem
