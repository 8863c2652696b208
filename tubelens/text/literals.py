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
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _of_sequence(list(parsed))


def _of_sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The most selective required set among the items matched one after another."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or _rank(candidate) > _rank(best)):
            best = candidate

    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))  # consecutive literals match consecutive characters
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = value
            if not add_flags and not del_flags:
                consider(_of_sequence(list(inner)))
        elif op is sre.BRANCH:
            options = [_of_sequence(list(branch)) for branch in value[1]]
            if all(options):
                consider(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in _REPEATS and value[0] >= 1:  # matched at least once
            consider(_of_sequence(list(value[2])))
    if run:
        consider(frozenset({"".join(run)}))
    return best


def _rank(needles: frozenset[str]) -> tuple[int, int]:
    # Longer needles are rarer in ordinary text; fewer of them are cheaper to look for.
    return min(map(len, needles)), -len(needles)
