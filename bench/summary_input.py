"""Summary requests for bench/memory_summary.py: long speech-like transcripts, and hostile inputs.

The transcript is synthetic but speech-like: sentences of 5-30 words mixing everyday spoken
English (words drawn by their frequency in the English sample's captions), the words of a topic
that changes every few minutes, and a long tail of rare words; cues a few seconds apart; a
description without chapter lines, so chapters are inferred from the transcript. Comments are
the English sample's real ones, numbered so that they stay distinct.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from itertools import accumulate
from pathlib import Path

from services.summary.domain import SummaryRequest
from tubelens.bundles import Bundle, load_bundle
from tubelens.domain import Comment, Transcript, TranscriptCue

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "en-sourdough"
TOPICS = (
    "flour water starter dough loaf crust crumb oven proof yeast salt knead bake bread",
    "telescope mirror lens planet moon star galaxy orbit eyepiece tripod night sky focus",
    "chain gear brake tyre pedal wheel spoke saddle frame derailleur cable bolt bicycle",
    "garden soil seed compost tomato root leaf water sunlight pot prune harvest mulch",
    "camera shutter aperture exposure lens tripod light shadow portrait frame focus edit",
    "engine piston oil filter spark plug battery coolant belt torque wrench garage",
    "guitar chord string fret tuning pick strum melody rhythm amp pedal song chorus",
    "budget saving interest loan rent salary invest stock fund tax account spending",
    "coffee bean grind roast espresso milk foam latte brew filter kettle cup barista",
    "workout muscle squat deadlift stretch protein rest sleep cardio weight rep set",
)
SYLLABLES = ("ka", "ro", "mi", "tel", "van", "sor", "dun", "pe", "li", "zar", "mo", "quen")
# Inputs within the limits (2,000,000 transcript characters, 50,000 in a description) that
# a pattern with nested or overlapping repeats can take minutes or hours over.
HOSTILE = (
    "description of 50,000 spaces",
    "description of 50,000 '@'",
    "two cues of 1,000,000 characters",
    "two cues of 1,000,000 '['",
    "one word said 400,000 times",
)


def speech(cues: int, words_per_cue: int = 8, seed: int = 7) -> list[TranscriptCue]:
    rng = random.Random(seed)
    common, running_counts = _spoken_words()
    rare = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
    topic, topic_left, stream = rng.choice(TOPICS).split(), 0, []
    while len(stream) < cues * (words_per_cue + words_per_cue // 2):
        if topic_left <= 0:  # a new subject every 40-120 sentences
            topic, topic_left = rng.choice(TOPICS).split(), rng.randint(40, 120)
        topic_left -= 1
        sentence = []
        for _ in range(min(30, max(5, int(rng.gammavariate(4, 3.5))))):
            draw = rng.random()
            if draw < 0.3:
                sentence.append(rng.choice(topic))
            elif draw < 0.35:  # names, jargon, one-off words: a long tail of rare ones
                sentence.append(rare[min(int(rng.paretovariate(0.4)), len(rare)) - 1])
            else:
                sentence.append(rng.choices(common, cum_weights=running_counts)[0])
        sentence[0] = sentence[0].capitalize()
        sentence[-1] += "?" if rng.random() < 0.1 else "."
        stream += sentence
    timed, clock, position = [], 0.0, 0
    while len(timed) < cues:
        size = rng.randint(max(1, words_per_cue // 2), words_per_cue + words_per_cue // 2)
        words = stream[position : position + size]
        position += size
        length = 0.35 * len(words) + rng.uniform(0.3, 1.2)
        timed.append(TranscriptCue(clock, clock + length, " ".join(words)))
        clock += length + rng.uniform(0.05, 0.8)
    return timed


def synthetic_request(
    cues: int, comments: int, comment_chars: int = 0, words_per_cue: int = 8, seed: int = 7
) -> SummaryRequest:
    timed = speech(cues, words_per_cue, seed)
    sample = load_bundle(SAMPLE)
    video = replace(
        sample.metadata,
        description="A long talk about many things.\nEverything we covered, in one place.",
        duration_seconds=timed[-1].end,
    )
    return SummaryRequest(
        video, Transcript("en", tuple(timed)), numbered(sample, comments, comment_chars)
    )


def numbered(sample: Bundle, count: int, chars: int) -> tuple[Comment, ...]:
    """`count` of the sample's comments, each with a serial number, lengthened to `chars` with
    words of other comments drawn at random (so it reads as one long comment, not spam)."""
    words = [word for comment in sample.comments for word in comment.text.split()]
    rng = random.Random(count)
    made = []
    for index in range(count):
        base = sample.comments[index % len(sample.comments)]
        parts = [base.text, f"#{index}"]
        length = len(base.text) + len(parts[1])
        while length < chars:
            parts.append(rng.choice(words))
            length += len(parts[-1]) + 1
        made.append(replace(base, id=f"s{index:06d}", text=" ".join(parts)[: chars or None]))
    return tuple(made)


def hostile_request(name: str) -> SummaryRequest:
    """A short ordinary request, with the description or the transcript of HOSTILE `name`."""
    base = synthetic_request(300, 20)
    description = {HOSTILE[0]: " " * 50_000 + "x", HOSTILE[1]: "@" * 50_000}
    if name in description:
        return replace(base, video=replace(base.video, description=description[name]))
    talk = " ".join(cue.text for cue in speech(20_000, 17))[:1_000_000]
    texts = {HOSTILE[2]: [talk, talk[::-1]], HOSTILE[3]: ["[" * 1_000_000] * 2}
    texts[HOSTILE[4]] = ["word " * 200_000] * 2
    cues = [TranscriptCue(i * 3.0, i * 3.0 + 3.0, text) for i, text in enumerate(texts[name])]
    return replace(base, transcript=Transcript("en", tuple(cues)))


def _spoken_words() -> tuple[list[str], list[int]]:
    """Words of the English sample's captions and their running counts, for frequency draws."""
    vtt = (SAMPLE / "transcript.vtt").read_text(encoding="utf-8")
    lines = [line for line in vtt.splitlines() if line and "-->" not in line and line != "WEBVTT"]
    counts = Counter(re.findall(r"[a-z']+", " ".join(lines).lower()))
    words = sorted(counts)
    return words, list(accumulate(counts[word] for word in words))
