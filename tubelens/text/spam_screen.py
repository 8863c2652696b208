"""How the spam signs are searched fast, with the verdicts of their plain patterns.

Each alternative of a sign is searched only when the text holds one of the literals every match
of it holds (literals.py); most comments hold none. The literals are chosen across all signs to
share as many as possible: each distinct literal is one scan of every text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tubelens.text.literals import literal_options, rank

Sign = tuple[str, float, tuple[str, ...]]  # (reason, weight, alternatives) as spam_signs.py


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what the regex engine counts as \w


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A pattern that starts with \\b is searched without it and the boundary checked at each
    match's start: the engine finds a leading literal fast but tries every position of the
    text for a leading \\b (the verdicts are the same, at a tenth of the cost)."""

    pattern: re.Pattern[str]
    at_boundary: bool

    def search(self, text: str) -> bool:
        match = self.pattern.search(text)
        while match is not None and self.at_boundary:
            start = match.start()
            before = start > 0 and _is_word(text[start - 1])
            if before != (start < len(text) and _is_word(text[start])):
                return True
            match = self.pattern.search(text, start + 1)
        return match is not None


@dataclass(frozen=True, slots=True)
class _Sign:
    """A sign's alternatives, each with the literals every match of it holds: an alternative is
    searched only when the text holds one of them (most comments hold none, and the search is
    the costly part). Alternatives without such literals are always searched, together."""

    reason: str
    weight: float
    needles: frozenset[str]  # all the guarded alternatives' literals
    by_needle: dict[str, tuple[_Pattern, ...]]  # the alternatives each literal guards
    unguarded: re.Pattern[str] | None

    def found_in(self, lowered: str, present: frozenset[str]) -> bool:
        """Whether the sign is in `lowered`, which holds exactly the needles in `present`."""
        for needle in present.intersection(self.needles):
            for pattern in self.by_needle[needle]:
                if pattern.search(lowered):
                    return True
        return self.unguarded is not None and self.unguarded.search(lowered) is not None


def _sign(
    reason: str, weight: float, alternatives: tuple[str, ...], chosen: dict[str, frozenset[str]]
) -> _Sign:
    by_needle: dict[str, list[_Pattern]] = {}
    unguarded: list[str] = []
    for alternative in alternatives:
        literals = chosen.get(alternative)
        if not literals:
            unguarded.append(alternative)
            continue
        if alternative.startswith(r"\b") and not alternative.startswith(r"\b\b"):
            pattern = _Pattern(re.compile(alternative[2:]), True)
        else:
            pattern = _Pattern(re.compile(alternative), False)
        for literal in literals:
            by_needle.setdefault(literal, []).append(pattern)
    either = re.compile("|".join(unguarded)) if unguarded else None
    index = {needle: tuple(patterns) for needle, patterns in by_needle.items()}
    return _Sign(reason, weight, frozenset(index), index, either)


class Needles:
    """Which of many literals a text holds, looking for most of them only when a shorter one
    they contain is there ("checkout" only when "check" is): the same answer, fewer scans."""

    def __init__(self, needles: frozenset[str]) -> None:
        roots = [n for n in needles if not any(o != n and o in n for o in needles)]
        self.roots = tuple(sorted(roots))
        children: dict[str, list[str]] = {}
        for needle in sorted(needles.difference(roots)):
            root = max((r for r in roots if r in needle), key=len)
            children.setdefault(root, []).append(needle)
        self.children = {root: tuple(found) for root, found in children.items()}

    def present(self, text: str) -> frozenset[str]:
        found = [root for root in self.roots if root in text]
        for root in found[:]:
            found += [child for child in self.children.get(root, ()) if child in text]
        return frozenset(found)


def _choose(alternatives: list[str]) -> dict[str, frozenset[str]]:
    """A literal set for each alternative, chosen to add the fewest new scans: a literal costs
    one unless another alternative already uses it or a shorter literal inside it (then it is
    looked for only where that one is found); a set with a literal of fewer than three letters
    ("my", "su") costs one more, as its search would run on most texts."""
    options = {alt: literal_options(alt) for alt in alternatives}
    chosen = {alt: max(found, key=rank) for alt, found in options.items() if found}
    every = {needle for found in options.values() for needles in found for needle in needles}
    inside = {needle: [other for other in every if other in needle] for needle in every}
    used = Counter(needle for needles in chosen.values() for needle in needles)

    def cost(needles: frozenset[str]) -> tuple[int, ...]:
        new = sum(all(used[other] <= 0 for other in inside[needle]) for needle in needles)
        weak = min(len(needle.strip()) for needle in needles) < 3
        return (new + weak, *(-x for x in rank(needles)))

    for _ in range(2):  # the second round sees every other alternative's first choice
        for alternative, found in options.items():
            if found:
                used.subtract(chosen[alternative])
                chosen[alternative] = min(found, key=cost)
                used.update(chosen[alternative])
    return chosen


def signs(table: tuple[Sign, ...]) -> list[_Sign]:
    """The signs of `table`, ready to search."""
    chosen = _choose([alternative for _, _, alternatives in table for alternative in alternatives])
    return [_sign(reason, weight, alternatives, chosen) for reason, weight, alternatives in table]
