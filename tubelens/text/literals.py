"""Literal strings a regular expression cannot match without, read from the pattern itself.

`needle in text` is a fast C scan; a search with many alternatives is not. A pattern whose every
match must contain one of a few literals can be skipped, exactly, on a text holding none of them.
"""

from __future__ import annotations

import re
from re import _constants as sre  # CPython's own parse of a pattern: what the engine matches
from re import _parser
from typing import Any

_REPEATS = tuple(
    op
    for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
    if op is not None
)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains; None when the pattern has no
    such set (or is case-insensitive, where a literal stands for several spellings)."""
    options = literal_options(pattern)
    return max(options, key=rank) if options else None


def literal_options(pattern: str) -> list[frozenset[str]]:
    """Every such set found in `pattern` (each alone suffices): a caller screening many
    patterns can pick sets they share."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return []
    return _options(list(parsed))


def _options(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The required sets among the items matched one after another."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))  # consecutive literals match consecutive characters
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = value
            if not add_flags and not del_flags:
                found += _options(list(inner))
        elif op is sre.BRANCH:
            options = [_best(list(branch)) for branch in value[1]]
            if all(options):
                found.append(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in _REPEATS and value[0] >= 1:  # matched at least once
            found += _options(list(value[2]))
    if run:
        found.append(frozenset({"".join(run)}))
    return [option for option in found if option]


def _best(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    options = _options(items)
    return max(options, key=rank) if options else None


def rank(needles: frozenset[str]) -> tuple[int, int]:
    """How selective a set of literals is, higher better."""
    # Longer needles are rarer in ordinary text; fewer of them are cheaper to look for.
    return min(map(len, needles)), -len(needles)
