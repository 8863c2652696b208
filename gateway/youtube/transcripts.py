"""A video's transcript through youtube-transcript-api, choosing the track the way a viewer
would: the asked-for language, then the video's own, creator captions before auto-generated
ones, and a machine translation only as a last resort. The library is synchronous, so the
fetch runs in a worker thread with its own Session (the library's objects are not thread-safe).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import requests
from youtube_transcript_api import YouTubeTranscriptApi
from youtube_transcript_api import _errors as yta_errors

from gateway.youtube.fixed_host import fixed_host_session
from tubelens.domain import Transcript, TranscriptCue


@dataclass(frozen=True, slots=True)
class TranscriptFetch:
    transcript: Transcript | None
    track: str = ""  # e.g. "en, uploaded by the creator"; "" when there is no transcript
    problem: str = ""  # why there is no transcript, for the result's notes


def languages_wanted(requested: str, own: Iterable[str]) -> list[str]:
    """Primary language codes in order of preference, without repeats or blanks."""
    codes = [requested, *own]
    return list(dict.fromkeys(_primary(code) for code in codes if code))


def choose_track(tracks: Sequence[Any], wanted: list[str]) -> tuple[Any, str] | None:
    """(track to fetch, its description) or None. `tracks` are the library's Transcript objects
    (language_code, is_generated, translation_languages, translate())."""
    for language in wanted:
        for generated in (False, True):
            for track in tracks:
                if track.is_generated == generated and _primary(track.language_code) == language:
                    return track, _describe(track)
    ranked = sorted(tracks, key=lambda track: track.is_generated)
    for language in wanted:
        for track in ranked:
            offered = {
                _primary(t.language_code): t.language_code for t in track.translation_languages
            }
            if language in offered:
                translated = track.translate(offered[language])
                return translated, f"{_describe(track)}, translated to {offered[language]}"
    if ranked:
        return ranked[0], _describe(ranked[0])
    return None


def fetch_transcript_sync(
    video_id: str, wanted: list[str], base_url: str, timeout: float
) -> TranscriptFetch:
    session = fixed_host_session(base_url, timeout)
    try:
        tracks = list(YouTubeTranscriptApi(http_client=session).list(video_id))
        chosen = choose_track(tracks, wanted)
        if chosen is None:
            return TranscriptFetch(None, problem="the video has no caption tracks")
        track, description = chosen
        fetched = track.fetch()
    except yta_errors.CouldNotRetrieveTranscript as exc:
        return TranscriptFetch(None, problem=_problem(exc))
    except requests.RequestException as exc:
        return TranscriptFetch(None, problem=f"YouTube could not be reached ({type(exc).__name__})")
    finally:
        session.close()
    cues = tuple(
        TranscriptCue(start=s.start, end=s.start + s.duration, text=" ".join(s.text.split()))
        for s in fetched
        if s.text.strip()
    )
    if not cues:
        return TranscriptFetch(None, problem=f"the caption track ({description}) is empty")
    return TranscriptFetch(Transcript(language=fetched.language_code, cues=cues), track=description)


async def fetch_transcript(
    video_id: str, wanted: list[str], base_url: str, timeout: float
) -> TranscriptFetch:
    return await asyncio.to_thread(fetch_transcript_sync, video_id, wanted, base_url, timeout)


def _problem(exc: yta_errors.CouldNotRetrieveTranscript) -> str:
    if isinstance(exc, yta_errors.TranscriptsDisabled):
        return "captions are turned off for this video"
    if isinstance(exc, yta_errors.RequestBlocked):  # IpBlocked too
        return "YouTube blocks caption requests from this server (common for cloud hosts)"
    if isinstance(exc, yta_errors.AgeRestricted):
        return "the video is age-restricted, so its captions need a signed-in viewer"
    if isinstance(exc, yta_errors.VideoUnavailable):
        return "YouTube reports the video as unavailable"
    if isinstance(exc, yta_errors.NoTranscriptFound):
        return "no caption track matches the wanted languages"
    if isinstance(exc, yta_errors.YouTubeRequestFailed):
        return f"the caption request failed ({exc.reason.split(' for url')[0]})"
    return f"the captions could not be read ({type(exc).__name__})"


def _describe(track: Any) -> str:
    kind = "auto-generated" if track.is_generated else "uploaded by the creator"
    return f"{track.language_code}, {kind}"


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()
