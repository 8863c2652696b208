"""Transcripts through youtube-transcript-api, served by the fake at the library's HTTP layer."""

from __future__ import annotations

import pytest
import requests

from gateway.youtube.fixed_host import fixed_host_session
from gateway.youtube.transcripts import fetch_transcript, languages_wanted
from tests.fakes.youtube_server import FakeTrack, FakeVideo, FakeYouTube

ID = "dQw4w9WgXcQ"
CUES = [(0.0, 2.5, "Hello &amp; welcome"), (2.5, 3.0, "Today we bake bread"), (6.0, 1.0, " ")]


def _video(*tracks: FakeTrack, failure: str = "") -> FakeVideo:
    return FakeVideo(ID, tracks=list(tracks), captions_failure=failure)


def _track(code: str, generated: bool = False, translatable: bool = True) -> FakeTrack:
    kind = " (auto-generated)" if generated else ""
    return FakeTrack(code, f"{code}{kind}", generated, translatable, list(CUES))


async def _fetch(fake: FakeYouTube, wanted: list[str]):
    return await fetch_transcript(ID, wanted, fake.base_url, timeout=5)


async def test_creator_captions_come_before_generated_ones(fake_youtube) -> None:
    fake_youtube.add(_video(_track("en", generated=True), _track("en")))
    fetched = await _fetch(fake_youtube, ["en"])
    assert fetched.track == "en, uploaded by the creator"
    transcript = fetched.transcript
    assert transcript.language == "en"
    assert [(c.start, c.end, c.text) for c in transcript.cues] == [
        (0.0, 2.5, "Hello & welcome"),
        (2.5, 5.5, "Today we bake bread"),
    ]  # the blank cue is dropped
    [timedtext] = fake_youtube.calls("/api/timedtext")
    assert timedtext["lang"] == "en" and "kind" not in timedtext


async def test_requested_language_first_then_the_videos_own(fake_youtube) -> None:
    fake_youtube.add(_video(_track("en"), _track("ko", generated=True)))
    assert (await _fetch(fake_youtube, ["ko", "en"])).track == "ko, auto-generated"
    assert (await _fetch(fake_youtube, ["de", "en"])).track == "en, uploaded by the creator"


async def test_regional_tracks_match_their_language(fake_youtube) -> None:
    fake_youtube.add(_video(_track("en-GB")))
    fetched = await _fetch(fake_youtube, languages_wanted("", ["en-US"]))
    assert fetched.track == "en-GB, uploaded by the creator"


async def test_translation_is_the_last_resort(fake_youtube) -> None:
    fake_youtube.add(_video(_track("fr", generated=True), _track("fr")))
    fetched = await _fetch(fake_youtube, ["ko"])
    assert fetched.track == "fr, uploaded by the creator, translated to ko"
    assert fetched.transcript.language == "ko"
    assert fetched.transcript.cues[0].text.startswith("[ko] ")
    assert fake_youtube.calls("/api/timedtext")[0]["tlang"] == "ko"


async def test_an_untranslatable_track_in_another_language_is_used_as_it_is(fake_youtube) -> None:
    fake_youtube.add(_video(_track("fr", translatable=False)))
    fetched = await _fetch(fake_youtube, ["ko"])
    assert fetched.track == "fr, uploaded by the creator"
    assert fetched.transcript.language == "fr"


@pytest.mark.parametrize(
    ("failure", "problem"),
    [
        ("disabled", "captions are turned off"),
        ("blocked", "blocks caption requests from this server"),
        ("ip_blocked", "blocks caption requests from this server"),
        ("age_restricted", "age-restricted"),
    ],
)
async def test_failures_become_a_missing_transcript_with_the_reason(
    fake_youtube, failure, problem
) -> None:
    fake_youtube.add(_video(_track("en"), failure=failure))
    fetched = await _fetch(fake_youtube, ["en"])
    assert fetched.transcript is None and fetched.track == ""
    assert problem in fetched.problem


async def test_no_tracks_at_all(fake_youtube) -> None:
    fake_youtube.add(_video())
    fetched = await _fetch(fake_youtube, ["en"])
    assert fetched.transcript is None
    assert fetched.problem == "the video has no caption tracks"


async def test_an_unreachable_host_is_a_missing_transcript_not_a_crash() -> None:
    fetched = await fetch_transcript(ID, ["en"], "http://127.0.0.1:9", timeout=2)
    assert fetched.transcript is None
    assert "could not be reached" in fetched.problem


def test_the_session_reaches_the_fixed_host_only(fake_youtube) -> None:
    session = fixed_host_session(fake_youtube.base_url, timeout=5)
    with session:
        answer = session.get("https://www.youtube.com/watch?v=" + ID)
        assert answer.status_code == 200 and "INNERTUBE_API_KEY" in answer.text
        for url in (
            "https://evil.example/",
            "https://www.youtube.com.evil.example/watch",
            "http://www.youtube.com/watch",
            "http://169.254.169.254/latest/meta-data",
        ):
            with pytest.raises(requests.ConnectionError):
                session.get(url)
    assert [path for _, path, _ in fake_youtube.requests] == ["/watch"]
