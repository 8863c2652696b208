"""The summary with a video file's digest: its shots, and one key frame per chapter."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from services.summary.domain import Chapter, SummaryRequest
from services.summary.engines.local.summarizer import build_summary
from services.summary.engines.local.video import video_part
from services.summary.servicer import request_from_proto, summary_to_proto
from tubelens import convert
from tubelens.bundles import load_bundle
from tubelens.errors import InvalidInput
from tubelens.v1 import summary_pb2
from tubelens.vision.shots import Still, VideoScan
from tubelens.vision.stills import best_stills
from tubelens.vision.video_types import EncodedStill, Shot, VideoDigest

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "en-sourdough"
CHAPTER_STARTS = [0, 48, 115, 200, 305, 430, 545, 605]  # the sample's description chapters


def digest(duration: float = 754.0) -> VideoDigest:
    """A still every 10 s whose quality peaks 20 s into each minute, so the best still of a
    chapter is known; the bytes are labels (the summary passes them on, never decodes them)."""
    times = range(0, int(duration), 10)
    stills = tuple(
        EncodedStill(float(t), f"still-{t}".encode(), round(1 - abs(t % 60 - 20) / 60, 3))
        for t in times
    )
    cuts = [0.0, 48.0, 300.0, duration]
    shots = tuple(Shot(a, b) for a, b in pairwise(cuts))
    return VideoDigest(duration=duration, shots=shots, stills=stills)


@pytest.fixture(scope="module")
def request_() -> SummaryRequest:
    bundle = load_bundle(SAMPLE)
    return SummaryRequest(
        bundle.metadata, bundle.transcript, language="en"
    )  # comments: not the point


def test_each_chapter_gets_its_best_still_and_the_shots_pass_through(
    request_: SummaryRequest,
) -> None:
    summary = build_summary(replace(request_, video_digest=digest()))
    assert [round(c.start) for c in summary.chapters] == CHAPTER_STARTS
    assert summary.shots == digest().shots
    assert [f.chapter_index for f in summary.key_frames] == list(range(8))
    for frame, chapter in zip(summary.key_frames, summary.chapters, strict=True):
        assert chapter.start <= frame.time < chapter.end
        inside = [s for s in digest().stills if chapter.start <= s.time < chapter.end]
        assert frame.quality == max(s.quality for s in inside)
        assert frame.image_jpeg == f"still-{int(frame.time)}".encode()
    assert any("3 shots; 8 key frame(s), one per chapter" in n for n in summary.notes)


def test_without_a_digest_the_summary_has_no_shots_or_key_frames(
    request_: SummaryRequest,
) -> None:
    summary = build_summary(request_)
    assert summary.shots == () and summary.key_frames == ()
    assert not any("key frame" in note for note in summary.notes)


def test_a_file_shorter_than_the_metadata_says_so_and_skips_later_chapters() -> None:
    chapters = [Chapter("Intro", 0, 48), Chapter("Kit", 48, 115), Chapter("Starter", 115, 754)]
    part = video_part(digest(100.0), chapters, 754.0)
    assert [f.chapter_index for f in part.key_frames] == [0, 1]
    assert any("1 chapter(s) start after the video file ends (100 s)" in n for n in part.notes)
    assert any("lasts 100 s but the metadata says 754 s" in n for n in part.notes)


def test_without_chapters_the_video_is_cut_into_stretches() -> None:
    part = video_part(digest(300.0), [], 300.0)
    assert len(part.key_frames) == 5  # about a minute each
    assert {f.chapter_index for f in part.key_frames} == {-1}
    assert [f.time for f in part.key_frames] == [20.0, 80.0, 140.0, 200.0, 260.0]
    assert video_part(None, [], 300.0).key_frames == ()


def test_the_servicer_carries_the_digest_in_and_the_key_frames_out(
    request_: SummaryRequest,
) -> None:
    message = summary_pb2.SummarizeRequest(
        video=convert.metadata_to_proto(request_.video),
        transcript=convert.transcript_to_proto(request_.transcript),
        video_digest=summary_pb2.ShotDigest(
            duration=convert.duration(754),
            shots=[
                summary_pb2.Shot(start=convert.duration(s.start), end=convert.duration(s.end))
                for s in digest().shots
            ],
            stills=[
                summary_pb2.KeyFrame(
                    time=convert.duration(s.time),
                    chapter_index=-1,
                    image_jpeg=s.jpeg,
                    quality=s.quality,
                )
                for s in reversed(digest().stills)  # out of order: the servicer sorts them
            ],
        ),
    )
    domain = request_from_proto(message)
    assert domain.video_digest == digest()
    result = summary_to_proto(build_summary(domain))
    assert [convert.seconds_of(s.start) for s in result.shots] == [0.0, 48.0, 300.0]
    assert [f.chapter_index for f in result.key_frames] == list(range(8))
    assert result.key_frames[0].image_jpeg == b"still-20"
    assert not request_from_proto(summary_pb2.SummarizeRequest()).video_digest


def test_the_servicer_refuses_an_oversized_digest() -> None:
    stills = [summary_pb2.KeyFrame(time=convert.duration(i)) for i in range(121)]
    message = summary_pb2.SummarizeRequest(video_digest=summary_pb2.ShotDigest(stills=stills))
    with pytest.raises(InvalidInput) as caught:
        request_from_proto(message)
    assert caught.value.reason == "TOO_MANY_STILLS"


def test_the_scan_keeps_stills_of_every_stretch_even_dim_ones() -> None:
    """The key frame of a dim last chapter must come from inside it: the scan hands on the best
    still of each stretch first, not just the best-looking stills of the whole video."""
    image = np.zeros((18, 32, 3), np.uint8)
    stills = tuple(
        Still(
            float(t), image, sharpness=500.0, colorfulness=70.0, brightness=0.5 if t < 80 else 0.1
        )
        for t in range(0, 100, 5)
    )
    scan = VideoScan(duration=100.0, shots=(Shot(0.0, 100.0),), stills=stills)
    chosen = best_stills(scan, count=5)
    assert len(chosen) == 5 and [s.time for s in chosen] == sorted(s.time for s in chosen)
    assert any(s.time >= 80 for s in chosen)
    assert best_stills(scan, count=40) == list(stills)
