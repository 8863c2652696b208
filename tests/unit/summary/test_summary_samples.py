"""The local engine on the shipped sample bundles, one English and one Korean video."""

from __future__ import annotations

import dataclasses
import re

import pytest

from services.summary.domain import ChapterOrigin, SummaryRequest, SummarySource
from services.summary.engines.local import LocalSummaryEngine
from tubelens.bundles import Bundle, load_bundle
from tubelens.domain import Transcript
from tubelens.text import detect_language

SAMPLES = ["en-sourdough", "ko-homecafe"]
CHAPTER_LINE = re.compile(r"^(\d+):(\d{2}) (.+)$")


@pytest.fixture(params=SAMPLES)
def bundle(request, samples) -> Bundle:
    path = samples / request.param
    if not (path / "video.json").is_file():
        pytest.skip(f"sample {request.param} is not there")
    return load_bundle(path)


def written_chapters(description: str) -> list[tuple[float, str]]:
    """The description's "m:ss Title" lines, read independently of the engine."""
    return [
        (int(m[1]) * 60 + int(m[2]), m[3].strip())
        for line in description.splitlines()
        if (m := CHAPTER_LINE.match(line.strip()))
    ]


def cue_starts_of(transcript: Transcript, sentence: str) -> set[float]:
    """Starts of the cues in which the sentence's first four words are spoken."""

    def plain(word: str) -> str:
        return re.sub(r"[^\w]", "", word.lower())

    words = [(plain(w), cue.start) for cue in transcript.cues for w in cue.text.split()]
    target = [plain(w) for w in sentence.split()[:4]]
    return {
        words[i][1]
        for i in range(len(words))
        if [w for w, _ in words[i : i + len(target)]] == target
    }


async def summarize(request: SummaryRequest):
    return await LocalSummaryEngine().summarize(request)


async def test_sample_summary(bundle: Bundle):
    summary, provenance = await summarize(
        SummaryRequest(bundle.metadata, bundle.transcript, bundle.comments)
    )
    duration = bundle.metadata.duration_seconds
    language = bundle.transcript.language
    assert summary.source is SummarySource.TRANSCRIPT and summary.language == language
    assert summary.chapter_origin is ChapterOrigin.DESCRIPTION
    assert [(c.start, c.title) for c in summary.chapters] == written_chapters(
        bundle.metadata.description
    )
    assert summary.chapters[-1].end == duration
    assert 5 <= len(summary.key_points) <= 8
    for point in summary.key_points:
        assert detect_language(point.text) == language
        assert 0 <= point.start < duration
        assert point.start in cue_starts_of(bundle.transcript, point.text)
    assert bundle.metadata.title in summary.tldr
    assert summary.comment_summary is not None
    assert 0 < summary.comment_summary.comments_considered < len(bundle.comments)  # spam left out
    assert provenance.engine == "local"


async def test_sample_without_chapter_lines_is_segmented_near_the_real_chapters(bundle: Bundle):
    written = written_chapters(bundle.metadata.description)
    description = "\n".join(
        line
        for line in bundle.metadata.description.splitlines()
        if not CHAPTER_LINE.match(line.strip())
    )
    video = dataclasses.replace(bundle.metadata, description=description)
    summary, _ = await summarize(SummaryRequest(video, bundle.transcript))
    assert summary.chapter_origin is ChapterOrigin.TRANSCRIPT
    starts = [c.start for c in summary.chapters]
    assert len(starts) >= 3 and starts[0] == 0 and starts == sorted(set(starts))
    for start in starts[1:]:  # every inferred boundary lies near one the uploader wrote
        assert min(abs(start - real) for real, _ in written) <= 25


async def test_sample_without_transcript_falls_back_to_the_description(bundle: Bundle):
    summary, provenance = await summarize(SummaryRequest(bundle.metadata, None))
    assert summary.source is SummarySource.DESCRIPTION
    assert provenance.notes and "transcript" in provenance.notes[0]
    description = " ".join(bundle.metadata.description.split())
    for point in summary.key_points:
        assert point.text.rstrip(".") in description or point.start > 0
