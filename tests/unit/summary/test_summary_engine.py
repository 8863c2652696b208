"""The local engine end to end on small hand-made videos."""

from __future__ import annotations

import pytest

from services.summary.domain import ChapterOrigin, SummaryRequest, SummarySource
from services.summary.engines.local import LocalSummaryEngine
from services.summary.engines.local.sentences import split_text
from tubelens.domain import Comment, Transcript, TranscriptCue, VideoMetadata
from tubelens.errors import FailedPrecondition

STEPS = [
    ("Welcome to the kitchen, today we bake a sourdough loaf together.", 0),
    ("A sourdough loaf needs only flour, water, salt and a lively starter.", 0),
    ("Feed the starter the night before so it is bubbly and active.", 60),
    ("A good starter doubles in the jar within a few hours of feeding.", 60),
    ("Mix the flour and water first and let the dough rest for thirty minutes.", 120),
    ("Add the salt and the starter and squeeze them into the dough.", 120),
    ("Stretch and fold the dough every half hour to build its strength.", 180),
    ("After four folds the dough feels smooth, springy and full of air.", 180),
    ("Shape the dough into a tight round loaf and set it in a floured basket.", 240),
    ("Let the loaf proof overnight in the fridge for a tangy flavour.", 240),
    ("Bake the loaf in a hot dutch oven with the lid on for twenty minutes.", 300),
    ("Remove the lid and bake until the crust of the loaf turns deep brown.", 300),
    ("Cool the bread for an hour before slicing so the crumb can set.", 300),
]
CHAPTER_LINES = (
    "0:00 Intro\n1:00 Feeding the starter\n2:00 Mixing\n3:00 Folds\n4:00 Shaping\n5:00 Baking"
)
PROSE = (
    "An easy sourdough loaf for beginners, baked in a dutch oven.\n"
    "The starter, the folds and the overnight proof are explained step by step.\n"
    "Follow me on Instagram: @hearth"
)


def video(description: str = f"{PROSE}\n\n{CHAPTER_LINES}") -> VideoMetadata:
    return VideoMetadata(
        video_id="abc123def45",
        title="Sourdough loaf for beginners",
        channel_title="Hearth",
        description=description,
        duration_seconds=360.0,
        default_language="en",
    )


def transcript() -> Transcript:
    """Each step spoken in its chapter's minute, four seconds per sentence."""
    cues, clock = [], {}
    for text, minute_start in STEPS:
        start = minute_start + 4.0 * clock.get(minute_start, 0)
        clock[minute_start] = clock.get(minute_start, 0) + 1
        cues.append(TranscriptCue(start, start + 4.0, text))
    return Transcript("en", tuple(cues))


async def summarize(request: SummaryRequest):
    return await LocalSummaryEngine().summarize(request)


async def test_transcript_summary_with_description_chapters():
    summary, provenance = await summarize(SummaryRequest(video(), transcript()))
    assert summary.source is SummarySource.TRANSCRIPT and summary.language == "en"
    assert summary.chapter_origin is ChapterOrigin.DESCRIPTION
    assert [(c.title, c.start, c.end) for c in summary.chapters] == [
        ("Intro", 0, 60),
        ("Feeding the starter", 60, 120),
        ("Mixing", 120, 180),
        ("Folds", 180, 240),
        ("Shaping", 240, 300),
        ("Baking", 300, 360),
    ]
    assert len(summary.key_points) == 5
    spoken = {text: start for text, start in ((c.text, c.start) for c in transcript().cues)}
    for point in summary.key_points:
        assert spoken[point.text] == point.start
    assert summary.comment_summary is None and summary.notes == ()
    assert (provenance.engine, provenance.model) == ("local", "tubelens-local")
    assert provenance.prompt_version.startswith("summary-local-")


async def test_tldr_names_the_video_and_quotes_its_central_sentences():
    summary, _ = await summarize(SummaryRequest(video(), transcript()))
    assert 2 <= len(split_text(summary.tldr)) <= 3
    assert "“Sourdough loaf for beginners”" in summary.tldr and "Hearth" in summary.tldr
    quoted = summary.tldr.split(".", 1)[1]
    assert any(text in quoted for text, _ in STEPS)


async def test_without_chapter_lines_the_transcript_is_segmented():
    summary, provenance = await summarize(SummaryRequest(video(PROSE), transcript()))
    assert summary.chapter_origin is ChapterOrigin.TRANSCRIPT
    starts = [c.start for c in summary.chapters]
    assert len(starts) >= 3 and starts[0] == 0 and starts == sorted(set(starts))
    assert summary.chapters[-1].end == 360.0
    assert any("topic" in note for note in provenance.notes)


async def test_no_transcript_summarises_the_description():
    for missing in (None, Transcript("en", ())):
        summary, provenance = await summarize(SummaryRequest(video(), missing))
        assert summary.source is SummarySource.DESCRIPTION
        assert any("transcript" in note.lower() for note in summary.notes)
        assert provenance.notes == summary.notes
        assert summary.chapter_origin is ChapterOrigin.DESCRIPTION
        description_points = [p for p in summary.key_points if p.start == 0]
        assert {p.text for p in description_points} <= {
            "An easy sourdough loaf for beginners, baked in a dutch oven.",
            "The starter, the folds and the overnight proof are explained step by step.",
            "Intro",
        }
        assert all(p.source is SummarySource.DESCRIPTION for p in summary.key_points)
        assert not any("@hearth" in p.text for p in summary.key_points)


async def test_chapters_alone_become_key_points_at_their_times():
    summary, _ = await summarize(SummaryRequest(video(CHAPTER_LINES)))
    last_two = [(p.text, p.start) for p in summary.key_points][-2:]
    assert last_two == [("Shaping", 240), ("Baking", 300)]


async def test_nothing_to_summarise_is_a_failed_precondition():
    with pytest.raises(FailedPrecondition) as raised:
        await summarize(SummaryRequest(video(""), None))
    assert raised.value.reason == "NO_SOURCE_TEXT"
    assert "neither a transcript nor a description" in raised.value.message


async def test_same_input_same_summary():
    request = SummaryRequest(
        video(PROSE),
        transcript(),
        comments=(
            Comment("c1", "Great loaf, thank you!", like_count=3),
            Comment("c2", "How long do I bake it?", like_count=9),
        ),
    )
    assert await summarize(request) == await summarize(request)


async def test_a_language_the_engine_cannot_write_is_noted():
    summary, _ = await summarize(SummaryRequest(video(), transcript(), language="ko"))
    assert summary.language == "en"
    assert any("'ko'" in note for note in summary.notes)


async def test_korean_transcript_gets_korean_frames():
    lines = [
        "오늘은 집에서 달고나 커피를 만들어 볼게요.",
        "달고나 커피는 인스턴트 커피와 설탕과 뜨거운 물로 만들어요.",
        "커피와 설탕과 물을 같은 양으로 그릇에 넣어요.",
        "거품기로 커피 거품이 단단해질 때까지 저어 주세요.",
        "컵에 얼음과 차가운 우유를 채워 주세요.",
        "우유 위에 커피 거품을 듬뿍 올려요.",
        "마지막으로 코코아 가루를 조금 뿌리면 완성이에요.",
        "달콤하고 부드러운 커피 맛이 정말 좋아요.",
    ]
    cues = tuple(TranscriptCue(i * 5.0, i * 5.0 + 5.0, line) for i, line in enumerate(lines))
    metadata = VideoMetadata(
        video_id="k1", title="달고나 커피 만들기", channel_title="홈카페", duration_seconds=40.0
    )
    summary, _ = await summarize(SummaryRequest(metadata, Transcript("ko", cues)))
    assert summary.language == "ko"
    assert summary.tldr.startswith("홈카페의 “달고나 커피 만들기” 영상은")
    assert all(point.text in lines for point in summary.key_points)
