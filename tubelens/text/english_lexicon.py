"""VADER's word list with its main rules in one pass: an English lexicon score at a tenth of
VADER's cost.

VADER (Hutto & Gilbert 2014) spends ~220 us a text in per-word Python rules. This reads the
same 7,500 rated words and applies the rules that move most scores: negation up to the
clause end, boosters ("very", "barely"), emphasis in capitals, "but" shifting weight to what
follows, and exclamation marks. Emoji and emoticons count with their valence from
lexicons/emoji_sentiment.tsv (VADER reads emoji through their descriptions); idioms are left
out.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from importlib.resources import files

from vaderSentiment.vaderSentiment import B_INCR, BOOSTER_DICT, C_INCR, N_SCALAR, NEGATE

from tubelens.text.emoji import emoji_signals

# Words and the punctuation that ends a negation's scope; "!" is counted separately.
_TOKENS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[.,;:!?]")
_CLAUSE_END = frozenset(".,;:!?")
_NEGATORS = frozenset(NEGATE) | {"no", "nothing", "nobody", "none", "hardly", "barely"}
_EXCLAMATION_STEP = 0.292  # VADER's amplifier per "!" (up to 4)
_ALPHA = 15.0  # VADER's normalisation: score / sqrt(score² + alpha)


@cache
def _lexicon() -> dict[str, float]:
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    pairs = (line.split("\t")[:2] for line in text.splitlines() if "\t" in line)
    return {word: float(value) for word, value in pairs if word.isalpha() or "'" in word}


@lru_cache(maxsize=16)  # the model and the decision rule both ask about the same text
def english_lexicon_extras(text: str) -> dict[str, float]:
    """{"lex": compound in (-1, 1), "lex+": positive mass, "lex-": negative mass}."""
    lexicon = _lexicon()
    shouting = text.isupper()  # capitals only stand out when the rest is lower case
    values: list[float] = []
    negated, boost, but_at = False, 0.0, -1
    for token in _TOKENS.findall(text.replace("’", "'")):
        if token in _CLAUSE_END:
            negated, boost = False, 0.0
            continue
        word = token.lower()
        if word == "but":
            but_at, negated = len(values), False
            continue
        value = lexicon.get(word, 0.0)
        if value:
            value += math.copysign(boost, value)
            if not shouting and token.isupper() and len(token) > 1:
                value += math.copysign(C_INCR, value)
            values.append(N_SCALAR * value if negated else value)
        boost = abs(BOOSTER_DICT.get(word, 0.0)) if word in BOOSTER_DICT else 0.0
        if BOOSTER_DICT.get(word, 0.0) < 0:
            boost = -B_INCR  # "barely", "slightly" soften what follows
        if word in _NEGATORS or word.endswith("n't"):
            negated = True
    if but_at >= 0:
        values = [v * 0.5 for v in values[:but_at]] + [v * 1.5 for v in values[but_at:]]
    emoji = emoji_signals(text).valence  # after "but": a closing 😍 is not halved
    if emoji:
        values.append(emoji)
    total = sum(values)
    if total:
        total += math.copysign(_EXCLAMATION_STEP * min(text.count("!"), 4), total)
    positive = sum(v for v in values if v > 0)
    negative = -sum(v for v in values if v < 0)
    return {
        "lex": total / math.sqrt(total * total + _ALPHA),
        "lex+": positive / (positive + 4.0),
        "lex-": negative / (negative + 4.0),
    }
