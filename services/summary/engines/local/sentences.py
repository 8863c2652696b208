"""Sentences out of caption cues, each keeping the time of the cue where it begins.

Captions cut speech at arbitrary points, so cues are first joined into one word stream and
then split again at sentence ends: punctuation, Korean sentence endings, long pauses, and for
unpunctuated auto-captions, cue boundaries once a sentence is long enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.summary.engines.local.endings import ends_korean_sentence, ends_with_terminal
from tubelens.domain import Transcript, TranscriptCue

# Non-speech markers auto-captions insert: [Music], (applause), ♪, speaker arrows.
_MARKERS = r"\((?:music|applause|laughter|laughs|inaudible)\)|♪+|>>"
_NOISE = re.compile(rf"\[[^\]]*\]|{_MARKERS}", re.I)
_MARKERS_ONLY = re.compile(_MARKERS, re.I)
LONG_PAUSE = 1.5  # seconds of silence that end a sentence even in punctuated captions
SHORT_PAUSE = 0.6  # enough to end a sentence when captions carry no punctuation
SOFT_WORDS = 16  # unpunctuated: close the sentence at the next cue boundary after this
HARD_WORDS = 40  # never let a sentence run longer than this
MIN_OVERLAP_WORDS = 3  # rolling auto-captions repeat the previous cue's tail


@dataclass(frozen=True, slots=True)
class TimedSentence:
    text: str
    start: float  # start of the cue the sentence begins in
    end: float  # end of the cue the sentence finishes in


def split_transcript(transcript: Transcript) -> list[TimedSentence]:
    cues = _clean_cues(transcript.cues)
    words = [(word, index) for index, cue in enumerate(cues) for word in cue.text.split()]
    punctuated = _is_punctuated([word for word, _ in words])
    sentences: list[TimedSentence] = []
    current: list[tuple[str, int]] = []
    for position, (word, cue_index) in enumerate(words):
        current.append((word, cue_index))
        next_cue = words[position + 1][1] if position + 1 < len(words) else None
        if next_cue is None or _ends_here(
            word, len(current), cue_index, next_cue, cues, punctuated
        ):
            sentences.append(
                TimedSentence(
                    text=" ".join(w for w, _ in current),
                    start=cues[current[0][1]].start,
                    end=cues[current[-1][1]].end,
                )
            )
            current = []
    return sentences


def split_text(text: str) -> list[str]:
    """Sentences of plain text (a description); every line break also ends a sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        current: list[str] = []
        for word in line.split():
            current.append(word)
            if ends_with_terminal(word) or ends_korean_sentence(word):
                sentences.append(" ".join(current))
                current = []
        if current:
            sentences.append(" ".join(current))
    return sentences


def _ends_here(
    word: str,
    length: int,
    cue_index: int,
    next_cue: int,
    cues: list[TranscriptCue],
    punctuated: bool,
) -> bool:
    if ends_with_terminal(word) or ends_korean_sentence(word):
        return True
    if length >= HARD_WORDS:
        return True
    if next_cue == cue_index:
        return False
    pause = cues[next_cue].start - cues[cue_index].end
    if pause >= LONG_PAUSE and length >= 3:
        return True
    return not punctuated and (pause >= SHORT_PAUSE or length >= SOFT_WORDS)


def _is_punctuated(words: list[str]) -> bool:
    # Hand-made captions end a sentence every 10-25 words; auto-captions almost never do.
    marks = sum(1 for word in words if ends_with_terminal(word))
    return bool(words) and marks * 50 >= len(words)


def _clean_cues(cues: tuple[TranscriptCue, ...]) -> list[TranscriptCue]:
    cleaned: list[TranscriptCue] = []
    previous_words: list[str] = []
    for cue in cues:
        words = _without_noise(cue.text).split()
        fresh = words[_repeated_prefix(previous_words, words) :]
        if fresh:
            cleaned.append(TranscriptCue(start=cue.start, end=cue.end, text=" ".join(fresh)))
        previous_words = words or previous_words
    return cleaned


def _without_noise(text: str) -> str:
    # A "[" with no "]" after it never matches, but the pattern would scan from each one to the
    # end of the text, quadratic in a long cue; past the last "]" only the markers can match.
    end = text.rfind("]") + 1
    return _NOISE.sub(" ", text[:end]) + _MARKERS_ONLY.sub(" ", text[end:])


def _repeated_prefix(previous: list[str], words: list[str]) -> int:
    """How many leading words of a cue merely repeat the end of the previous cue."""
    if words == previous:
        return len(words)
    size = min(len(previous), len(words))
    if size < MIN_OVERLAP_WORDS:
        return 0
    # The longest prefix of `words` that is also a suffix of `previous`, in linear time: the
    # Knuth-Morris-Pratt border of words + separator + previous (trying every length, longest
    # first, is quadratic in a long cue).
    sequence: list[str | None] = [*words[:size], None, *previous[-size:]]
    border = [0] * len(sequence)
    for position in range(1, len(sequence)):
        length = border[position - 1]
        while length and sequence[position] != sequence[length]:
            length = border[length - 1]
        border[position] = length + (sequence[position] == sequence[length])
    return border[-1] if border[-1] >= MIN_OVERLAP_WORDS else 0


def readable(sentence: str) -> str:
    """A caption sentence as a reader expects it: capitalised and closed with punctuation."""
    text = " ".join(sentence.split())
    if not text:
        return text
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text if ends_with_terminal(text) else text.rstrip(",;:-–—") + "."
