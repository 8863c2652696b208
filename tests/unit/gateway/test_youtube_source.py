"""A YouTube video as a VideoSource: lazy parts, quota reports, the TTL cache."""

from __future__ import annotations

import asyncio

import pytest

from gateway.inputs import PARTS
from gateway.sources import resolve
from gateway.youtube.cache import FetchCache
from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions, YouTubeSource
from tests.fakes.youtube_server import FakeTrack, FakeVideo, make_threads
from tubelens.errors import FailedPrecondition

from .conftest import settings_for

ID = "dQw4w9WgXcQ"
JPEG = b"\xff\xd8\xff\xe0" + b"x" * 100 + b"\xff\xd9"
ALL = ("transcript", "comments", "thumbnail")


def _video(**changes) -> FakeVideo:
    fields = {
        "threads": make_threads(120, {0: 8}),
        "thumbnails": {"hqdefault": ("image/jpeg", JPEG)},
        "tracks": [FakeTrack("en", "English", cues=[(0.0, 2.0, "Hello there")])],
    }
    return FakeVideo(ID, **{**fields, **changes})


async def test_parts_load_only_when_a_task_asks(fake_youtube, fetcher) -> None:
    fake_youtube.add(_video())
    source = await resolve("url", f"https://youtu.be/{ID}?t=3", None, fetcher, FetchOptions())
    assert source.metadata.title == "A fake video"
    assert [path for _, path, _ in fake_youtube.requests] == ["/youtube/v3/videos"]
    assert await source.thumbnail() == JPEG
    assert not fake_youtube.calls("/youtube/v3/commentThreads")
    assert not fake_youtube.calls("/watch")


async def test_each_part_is_ready_without_waiting_for_the_others(fake_youtube, fetcher) -> None:
    fake_youtube.add(_video())
    source = await YouTubeSource.open(fetcher, ID, FetchOptions())
    fake_youtube.comments_open.clear()  # YouTube is slow with the comments
    comments = asyncio.ensure_future(source.comments())
    image, transcript = await asyncio.gather(source.thumbnail(), source.transcript())
    assert image == JPEG and transcript is not None and not comments.done()
    fake_youtube.comments_open.set()
    assert len(await comments) == 128


async def test_report_counts_quota_per_part_and_names_the_track(fake_youtube, fetcher) -> None:
    fake_youtube.add(_video())
    source = await YouTubeSource.open(fetcher, ID, FetchOptions(max_comments=500))
    transcript, comments, image = await asyncio.gather(
        source.transcript(), source.comments(), source.thumbnail()
    )
    assert transcript.text == "Hello there" and len(comments) == 128 and image == JPEG
    # videos.list 1 + two pages of threads + one comments.list for the thread with 8 replies
    assert source.report(ALL).quota_units == 4
    assert source.report(PARTS).quota_units == 4  # metadata counts once
    assert source.report(["thumbnail"]).quota_units == 1
    summary = source.report(["transcript", "comments"])
    assert summary.transcript_track == "en, uploaded by the creator"
    assert source.report(["thumbnail"]).notes == ("The largest thumbnail available was hqdefault.",)
    assert not summary.cached


async def test_a_second_analysis_spends_no_quota(fake_youtube, fetcher) -> None:
    fake_youtube.add(_video())
    for _ in range(2):
        source = await YouTubeSource.open(fetcher, ID, FetchOptions(max_comments=500))
        await asyncio.gather(source.transcript(), source.comments(), source.thumbnail())
    second = source.report(ALL)
    assert second.quota_units == 0 and second.cached
    assert len(fake_youtube.calls("/youtube/v3/videos")) == 1
    assert len(fake_youtube.calls("/watch")) == 1
    # A smaller comment cap is served by the cached read; only a larger one reads anew.
    smaller = await YouTubeSource.open(fetcher, ID, FetchOptions(max_comments=50))
    assert len(await smaller.comments()) == 50
    assert smaller.report(["comments"]).quota_units == 0
    larger = await YouTubeSource.open(fetcher, ID, FetchOptions(max_comments=501))
    await larger.comments()
    assert larger.report(["comments"]).quota_units == 3


async def test_concurrent_analyses_share_one_fetch(fake_youtube, fetcher) -> None:
    fake_youtube.add(_video())
    sources = await asyncio.gather(
        *(YouTubeSource.open(fetcher, ID, FetchOptions()) for _ in range(5))
    )
    await asyncio.gather(*(s.comments() for s in sources))
    assert len(fake_youtube.calls("/youtube/v3/videos")) == 1
    assert len(fake_youtube.calls("/youtube/v3/commentThreads")) == 2
    assert sum(s.report(ALL).quota_units for s in sources) == 1 + 2 + 1


async def test_cache_expires_after_its_ttl(fake_youtube) -> None:
    fake_youtube.add(_video())
    youtube = YouTubeFetcher(settings_for(fake_youtube, cache_ttl_seconds=0.05))
    try:
        await youtube.video(ID)
        await asyncio.sleep(0.1)
        assert (await youtube.video(ID)).quota_units == 1
    finally:
        await youtube.close()
    assert len(fake_youtube.calls("/youtube/v3/videos")) == 2


async def test_failed_comments_are_noted_and_not_cached(fake_youtube, fetcher) -> None:
    fake_youtube.add(_video(comments_disabled=True, captions_failure="blocked"))
    source = await YouTubeSource.open(fetcher, ID, FetchOptions())
    with pytest.raises(FailedPrecondition):
        await source.comments()
    assert await source.transcript() is None
    report = source.report(["transcript", "comments"])
    assert report.quota_units == 2  # videos.list, and the refused commentThreads.list
    assert any("COMMENTS_DISABLED" in note for note in report.notes)
    assert any("blocks caption requests" in note for note in report.notes)
    assert report.partial  # another call may get them: a result without them is not kept
    assert not source.report(["thumbnail"]).partial
    with pytest.raises(FailedPrecondition):
        await fetcher.comments(ID, "relevance", 2000)
    assert len(fake_youtube.calls("/youtube/v3/commentThreads")) == 2


async def test_cache_without_ttl_always_fetches() -> None:
    calls = []

    async def load() -> str:
        calls.append(1)
        return "value"

    cache = FetchCache(size=4, ttl_seconds=0)
    assert await cache.get("k", load) == ("value", False)
    assert await cache.get("k", load) == ("value", False)
    assert len(calls) == 2


async def test_an_entry_serves_what_it_holds_within_the_size_bound() -> None:
    calls = []

    async def load() -> int:
        calls.append(1)
        return len(calls)

    cache = FetchCache(size=1, ttl_seconds=60)
    assert await cache.get("a", load, holds=300) == (1, False)
    assert await cache.get("a", load, holds=100) == (1, True)  # holds less: served
    assert await cache.get("a", load, holds=301) == (2, False)  # holds more: fetched anew
    assert await cache.get("a", load, holds=300) == (2, True)
    assert await cache.get("b", load) == (3, False)  # one entry at most: "a" makes way
    assert await cache.get("a", load, holds=1) == (4, False)


async def test_links_are_refused_without_an_api_key() -> None:
    with pytest.raises(FailedPrecondition) as caught:
        await resolve("url", ID, None, None, FetchOptions())
    assert caught.value.reason == "YOUTUBE_NOT_CONFIGURED"
