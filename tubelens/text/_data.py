"""Reading the plain-text word lists in `lexicons/` (cached: each file is parsed once)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def _lines(name: str) -> list[str]:
    text = files("tubelens.text.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_set(name: str) -> frozenset[str]:
    """Whitespace-separated words of a list file."""
    return frozenset(word for line in _lines(name) for word in line.split())


@cache
def tsv_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """(key, value) rows of a two-column tab-separated file."""
    rows = []
    for line in _lines(name):
        key, _, value = line.partition("\t")
        rows.append((key.strip(), value.strip()))
    return tuple(rows)
