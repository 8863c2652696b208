"""transcript.vtt -> Transcript, parsed by webvtt-py in strict mode and then bounded: the cue
count and the characters (TUBELENS_LIMIT_CUES, TUBELENS_LIMIT_TRANSCRIPT_CHARS), and each cue's
times, which must run forwards and end within the 30 days a video may last."""

from __future__ import annotations

import re

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from tubelens.bundles import problems
from tubelens.bundles.files import TRANSCRIPT_FILE
from tubelens.bundles.schema import MAX_VIDEO_SECONDS
from tubelens.bundles.text import decode_text
from tubelens.domain import Transcript, TranscriptCue
from tubelens.limits import InputLimits
from tubelens.settings import ENV_PREFIX

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what webvtt-py splits lines on
# A cue takes 3-5 lines (identifier, timings, text, blank); notes and styles take a few more.
LINES_PER_CUE = 10


def parse_transcript(data: bytes, language: str, limits: InputLimits) -> Transcript:
    text = decode_text(TRANSCRIPT_FILE, data)
    arrows = text.count("-->")  # every cue has one, so this bounds the cues before parsing
    if arrows > limits.cues:
        raise problems.over_limit(
            TRANSCRIPT_FILE, f"{arrows:,} cues", limits.cues, f"{ENV_PREFIX}LIMIT_CUES"
        )
    # webvtt-py holds every line as a string: ten million short lines would take ~0.5 GB.
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    most_lines = LINES_PER_CUE * limits.cues
    if breaks >= most_lines:
        raise problems.invalid(
            TRANSCRIPT_FILE,
            f"{breaks + 1:,} lines; at most {most_lines:,} are accepted ({LINES_PER_CUE} for "
            f"each cue that {ENV_PREFIX}LIMIT_CUES allows).",
        )
    lines = _LINE_BREAK.split(text)
    try:
        captions = webvtt.from_string(text, strict=True).captions
    except MalformedFileError:
        raise problems.invalid(
            TRANSCRIPT_FILE, "not a WebVTT file: its first line must be WEBVTT."
        ) from None
    except (MalformedCaptionError, ValueError):
        raise problems.invalid(
            TRANSCRIPT_FILE,
            "a malformed cue. A cue is an optional identifier line, a timings line such as "
            "00:01:02.500 --> 00:01:04.000 (minutes and seconds below 60), then its text, and "
            "cues are separated by empty lines.",
            line=_first_bad_timing(lines),
        ) from None
    # In strict mode each cue owns exactly one line with an arrow: its timings.
    timing_lines: list[int | None] = [n for n, line in enumerate(lines, 1) if "-->" in line]
    if len(timing_lines) != len(captions):
        timing_lines = [None] * len(captions)
    cues, chars = [], 0
    for caption, line in zip(captions, timing_lines, strict=True):
        start, end = caption.start_time.in_milliseconds(), caption.end_time.in_milliseconds()
        if end < start:
            raise problems.invalid(TRANSCRIPT_FILE, "a cue ends before it starts.", line=line)
        if end > MAX_VIDEO_SECONDS * 1000:
            raise problems.invalid(
                TRANSCRIPT_FILE,
                "a cue ends after 720:00:00.000, the 30 days a video may last.",
                line=line,
            )
        words = " ".join(caption.text.split())
        if not words:
            continue
        chars += len(words)
        if chars > limits.transcript_chars:
            raise problems.over_limit(
                TRANSCRIPT_FILE,
                f"more than {limits.transcript_chars:,} characters of text",
                limits.transcript_chars,
                f"{ENV_PREFIX}LIMIT_TRANSCRIPT_CHARS",
                line=line,
            )
        # Whole seconds, as this reader has always given them.
        cues.append(TranscriptCue(start=start // 1000, end=end // 1000, text=words))
    return Transcript(language=language, cues=tuple(cues))


def _first_bad_timing(lines: list[str]) -> int | None:
    """The line of the first timings line that webvtt-py refuses on its own, if any (only
    looked for once the file is known to be broken)."""
    for number, line in enumerate(lines, 1):
        if "-->" not in line:
            continue
        try:
            webvtt.from_string(f"WEBVTT\n\n{line}\nx", strict=True)
        except MalformedCaptionError:
            return number
    return None
