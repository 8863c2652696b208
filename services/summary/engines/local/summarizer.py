"""One summary from a request: transcript first, the description when there is no transcript."""

from __future__ import annotations

import numpy as np

from services.summary.domain import (
    Chapter,
    ChapterOrigin,
    KeyPoint,
    Summary,
    SummaryRequest,
    SummarySource,
)
from services.summary.engines.local.comment_section import summarize_comments
from services.summary.engines.local.description import description_sentences
from services.summary.engines.local.description_chapters import description_chapters
from services.summary.engines.local.keypoints import key_point_count, pick_key_points
from services.summary.engines.local.phrasing import FRAME_LANGUAGES, frame_language
from services.summary.engines.local.sentences import TimedSentence, split_transcript
from services.summary.engines.local.similarity import build_space, textrank
from services.summary.engines.local.tldr import main_topics, pick_tldr_sentences, write_tldr
from services.summary.engines.local.topic_segments import topic_chapters
from services.summary.engines.local.video import video_part
from tubelens.domain import VideoMetadata
from tubelens.errors import FailedPrecondition
from tubelens.text import UNDETERMINED, detect_language

NO_TRANSCRIPT_NOTE = (
    "No transcript was available, so this summary draws on the title and description only."
)
TOPIC_CHAPTERS_NOTE = "Chapters were inferred from topic shifts in the transcript."


def build_summary(request: SummaryRequest) -> Summary:
    video = request.video
    spoken = split_transcript(request.transcript) if request.transcript else []
    duration = video.duration_seconds or max((s.end for s in spoken), default=0.0)
    chapters = description_chapters(video.description, duration)
    sentences, source, language, notes = _source_text(request, spoken, chapters)
    notes += _language_notes(request.language, language)
    texts = [s.text for s in sentences]
    analysis_language = None if language == UNDETERMINED else language
    space = build_space(texts, analysis_language) if texts else None
    centrality = textrank(space) if space else np.zeros(len(texts))
    count = key_point_count(duration)
    key_points = pick_key_points(sentences, space, centrality, count, source) if space else []
    if len(key_points) < 3 and source is SummarySource.DESCRIPTION:
        key_points = _with_chapter_points(key_points, chapters)
    origin = ChapterOrigin.DESCRIPTION if chapters else ChapterOrigin.NONE
    if not chapters and space and source is SummarySource.TRANSCRIPT:
        chapters = topic_chapters(sentences, space, duration, analysis_language)
        origin = ChapterOrigin.TRANSCRIPT if chapters else ChapterOrigin.NONE
        notes += [TOPIC_CHAPTERS_NOTE] if chapters else []
    gist = " ".join([video.title, *video.tags, *description_sentences(video.description)[:2]])
    quoted = [texts[i] for i in pick_tldr_sentences(texts, space, centrality, gist)]
    film = video_part(request.video_digest, chapters, video.duration_seconds)
    return Summary(
        tldr=write_tldr(video, quoted, main_topics(texts, video, analysis_language), language),
        key_points=tuple(key_points),
        chapters=tuple(chapters),
        chapter_origin=origin,
        source=source,
        language=language,
        comment_summary=summarize_comments(
            request.comments, language, video.channel_title, request.comment_labels
        ),
        notes=(*notes, *film.notes),
        shots=film.shots,
        key_frames=film.key_frames,
    )


def _source_text(
    request: SummaryRequest, spoken: list[TimedSentence], chapters: list[Chapter]
) -> tuple[list[TimedSentence], SummarySource, str, list[str]]:
    """The sentences to summarise, where they come from, their language, and notes on that."""
    video = request.video
    if spoken:
        declared = request.transcript.language if request.transcript else ""
        language = _language(declared, " ".join(s.text for s in spoken[:60]), video)
        return spoken, SummarySource.TRANSCRIPT, language, []
    prose = description_sentences(video.description)
    if not prose and not chapters:
        raise FailedPrecondition(
            f"The video {video.video_id or video.title!r} has neither a transcript nor a "
            "description to summarise.",
            reason="NO_SOURCE_TEXT",
        )
    language = _language("", video.description, video)
    # The description does not say when in the video it speaks of: its sentences sit at 0:00.
    timed = [TimedSentence(text, 0.0, 0.0) for text in prose]
    return timed, SummarySource.DESCRIPTION, language, [NO_TRANSCRIPT_NOTE]


def _language(declared: str, sample: str, video: VideoMetadata) -> str:
    """The declared language, else the detected one, else the video's default."""
    if declared:
        return declared
    detected = detect_language(sample)
    return (video.default_language or detected) if detected == UNDETERMINED else detected


def _with_chapter_points(points: list[KeyPoint], chapters: list[Chapter]) -> list[KeyPoint]:
    """A terse description still names what happens when: its chapter titles."""
    extra = [KeyPoint(c.title, c.start, SummarySource.DESCRIPTION) for c in chapters]
    return sorted(points + extra, key=lambda point: point.start)


def _language_notes(requested: str, language: str) -> list[str]:
    notes = []
    if requested and _primary(requested) != _primary(language):
        notes.append(
            f"Asked for {requested!r}, but the local engine only extracts sentences, so the "
            f"summary stays in the source language ({language!r})."
        )
    if frame_language(language) != _primary(language):
        notes.append(
            f"The connecting sentences are in English: there are frames for "
            f"{', '.join(FRAME_LANGUAGES)} only, not for {language!r}."
        )
    return notes


def _primary(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()
