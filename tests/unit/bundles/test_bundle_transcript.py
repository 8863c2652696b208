"""transcript.vtt: text only, well-formed cues, times that run forwards within 30 days, and no
more cues or characters than the shared input limits allow."""

from __future__ import annotations

import pytest

from tubelens import bundles
from tubelens.bundles import ReadLimits
from tubelens.errors import InvalidInput

from .conftest import MakeBundle

GOOD_CUE = "00:00:01.000 --> 00:00:02.500\nhello there"


def vtt(*cues: str) -> str:
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def transcript_error(
    make_bundle: MakeBundle, content: str | bytes, limits: ReadLimits | None = None
) -> InvalidInput:
    bundle = make_bundle(transcript_vtt=content)
    with pytest.raises(InvalidInput) as caught:
        bundles.load_transcript(bundle, "en", limits)
    assert caught.value.message.startswith("The bundle's transcript.vtt")
    assert str(bundle) not in caught.value.message
    return caught.value


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 1: not UTF-8 text"),
        (b"WEBVTT\n\n\x00\x01\x02\x03", "line 3: a NUL byte"),
        ("hello, no header", "not a WebVTT file"),
        (vtt(GOOD_CUE, "00:61:00.000 --> 00:62:00.000\nbad minutes"), "line 6: a malformed cue"),
        (vtt(GOOD_CUE, "-00:00:01.000 --> 00:00:02.000\nnegative"), "a malformed cue"),
        (vtt(GOOD_CUE, "00:00:05.000 --> 00:00:04.000\nbackwards"), "line 6: a cue ends before"),
        (
            vtt(GOOD_CUE, "9999999999:00:00.000 --> 9999999999:00:01.000\nhuge"),
            "line 6: a cue ends after 720:00:00.000",
        ),
        (vtt("721:00:00.000 --> 721:00:01.000\nhuge"), "line 3: a cue ends after"),
    ],
)
def test_a_broken_transcript_is_invalid_input(
    make_bundle: MakeBundle, content: str | bytes, words: str
) -> None:
    error = transcript_error(make_bundle, content)
    assert error.reason == "BUNDLE_INVALID"
    assert words in error.message


def test_too_many_cues_are_refused_before_parsing(
    make_bundle: MakeBundle, small_limits: ReadLimits
) -> None:
    cues = [f"00:00:{n:02d}.000 --> 00:00:{n:02d}.500\ncue {n}" for n in range(6)]
    error = transcript_error(make_bundle, vtt(*cues), small_limits)
    assert "6 cues; at most 5" in error.message and "TUBELENS_LIMIT_CUES" in error.message


def test_too_many_characters_are_refused(make_bundle: MakeBundle, small_limits: ReadLimits) -> None:
    cues = [f"00:00:0{n}.000 --> 00:00:0{n}.500\n{'x' * 90}" for n in range(3)]
    error = transcript_error(make_bundle, vtt(*cues), small_limits)
    assert (
        "line 9" in error.message
    )  # the third cue's timings and "TUBELENS_LIMIT_TRANSCRIPT_CHARS" in error.message


def test_a_transcript_over_its_size_is_refused(
    make_bundle: MakeBundle, small_limits: ReadLimits
) -> None:
    error = transcript_error(make_bundle, vtt(GOOD_CUE) + "NOTE " + "x" * (1 << 20), small_limits)
    assert error.reason == "BUNDLE_FILE_TOO_LARGE"
    assert "TUBELENS_BUNDLE_MAX_TRANSCRIPT_MB" in error.message


def test_a_good_transcript_is_read(make_bundle: MakeBundle) -> None:
    content = "\ufeff" + vtt("intro\n" + GOOD_CUE, "00:00:03.000 --> 00:00:04.000\n  two\nlines ")
    transcript = bundles.load_transcript(make_bundle(transcript_vtt=content), "ko")
    assert transcript is not None and transcript.language == "ko"
    assert [(c.start, c.end, c.text) for c in transcript.cues] == [
        (1, 2, "hello there"),
        (3, 4, "two lines"),
    ]


def test_too_many_lines_are_refused_before_parsing(
    make_bundle: MakeBundle, small_limits: ReadLimits
) -> None:
    """webvtt-py holds every line, so short lines by the million would cost memory: ten lines
    for each allowed cue is the bound (50 with small_limits' 5 cues)."""
    error = transcript_error(make_bundle, vtt(GOOD_CUE) + "ab\r\n" * 50, small_limits)
    assert "55 lines; at most 50" in error.message
    assert "TUBELENS_LIMIT_CUES" in error.message
