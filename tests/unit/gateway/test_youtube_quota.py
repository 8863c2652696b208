"""YouTube quota per call: a cached larger comment read serves a smaller cap, and no call spends
more Data API units than the bound, whatever YouTube answers (short pages, endless tokens)."""

from __future__ import annotations

import asyncio
import math

import pytest

from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.paging import max_comment_units
from gateway.youtube.source import FetchOptions, YouTubeSource
from tests.fakes.youtube_server import FakeVideo, FakeYouTube, make_threads

from .conftest import settings_for

ID = "dQw4w9WgXcQ"


def bound(cap: int, reply_threads: int) -> int:
    """The most Data API units one Analyze may spend, as the docs state it: videos.list,
    ceil(cap/100) commentThreads pages and, when replies are read, ceil(cap/100) +
    reply_threads comments.list pages."""
    pages = math.ceil(cap / 100)
    return 1 + pages + (pages + reply_threads if reply_threads else 0)


def test_the_code_keeps_the_documented_bound() -> None:
    for cap, reply_threads in [(1, 0), (100, 20), (101, 20), (2000, 3), (30_000, 20)]:
        assert 1 + max_comment_units(cap, reply_threads) == bound(cap, reply_threads)
    assert bound(10_000, 20) == 221  # the figure the docs give for the default settings


def data_api_units(fake: FakeYouTube) -> int:
    return len(fake.calls("/youtube/v3/"))  # every Data API request costs one unit


async def _analyse_comments(fetcher: YouTubeFetcher, cap: int) -> tuple[int, bool, int]:
    """(units reported, inputs cached, comments) for one call asking for `cap` comments."""
    source = await YouTubeSource.open(fetcher, ID, FetchOptions(max_comments=cap))
    comments = await asyncio.wait_for(source.comments(), timeout=30)  # never hangs the suite
    report = source.report(["comments"])
    return report.quota_units, report.cached, len(comments)


async def test_a_smaller_cap_is_served_by_the_larger_cached_read(fake_youtube, fetcher) -> None:
    # The reviewer's case: 30,000 then 29,999 comments of a video that has that many.
    fake_youtube.add(FakeVideo(ID, threads=make_threads(30_000)))
    assert await _analyse_comments(fetcher, 30_000) == (301, False, 30_000)
    assert await _analyse_comments(fetcher, 29_999) == (0, True, 29_999)
    assert data_api_units(fake_youtube) == 301


# (threads, replies by thread, reply_threads, order, the larger cap, smaller caps)
EXACT = {
    "threads only": (450, {0: 40, 7: 3}, 20, "relevance", 400, [1, 5, 99, 100, 101, 150, 399]),
    "newest first": (450, {0: 40, 7: 3}, 20, "time", 400, [1, 44, 120, 399]),
    # 45 comments from the threads, then 255 more replies of thread 9 and 125 of thread 2
    "replies read": (30, {2: 130, 5: 12, 9: 260}, 2, "time", 600, [10, 45, 46, 299, 300, 424]),
}


@pytest.mark.parametrize("case", EXACT.values(), ids=EXACT.keys())
async def test_a_cached_smaller_cap_equals_a_fresh_read(fake_youtube, case) -> None:
    count, replies, reply_threads, order, larger, smaller = case
    fake_youtube.add(FakeVideo(ID, threads=make_threads(count, replies)))
    cached = YouTubeFetcher(settings_for(fake_youtube, reply_threads=reply_threads))
    fresh = YouTubeFetcher(  # no cache: every call reads YouTube
        settings_for(fake_youtube, reply_threads=reply_threads, cache_ttl_seconds=0)
    )
    try:
        whole = await cached.comments(ID, order, larger)
        assert not whole.cached
        for cap in smaller:
            served = await cached.comments(ID, order, cap)
            read = await fresh.comments(ID, order, cap)
            assert (served.cached, served.quota_units) == (True, 0)
            assert served.value == read.value, f"cap {cap}"
            assert len(served.value) == min(cap, len(whole.value))
    finally:
        await cached.close()
        await fresh.close()


async def test_a_smaller_cap_waits_for_a_larger_read_in_flight(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, threads=make_threads(600)))
    fake_youtube.comments_open.clear()  # the first page of the larger read is held back
    larger = asyncio.ensure_future(fetcher.comments(ID, "relevance", 500))
    while not fake_youtube.calls("/youtube/v3/commentThreads"):
        await asyncio.sleep(0.01)
    smaller = asyncio.ensure_future(fetcher.comments(ID, "relevance", 300))
    await asyncio.sleep(0.1)  # long enough to have started a read of its own, if it would
    fake_youtube.comments_open.set()
    big, small = await asyncio.gather(larger, smaller)
    assert (big.quota_units, big.cached) == (5, False)
    assert (small.quota_units, small.cached) == (0, True)
    assert small.value == big.value[:300]
    assert len(fake_youtube.calls("/youtube/v3/commentThreads")) == 5


async def test_a_larger_cap_reads_anew_and_then_serves_the_smaller_ones(
    fake_youtube, fetcher
) -> None:
    fake_youtube.add(FakeVideo(ID, threads=make_threads(600)))
    first = await fetcher.comments(ID, "relevance", 100)
    larger = await fetcher.comments(ID, "relevance", 300)
    assert (first.quota_units, larger.quota_units, larger.cached) == (1, 3, False)
    for cap in (100, 200, 300):
        again = await fetcher.comments(ID, "relevance", cap)
        assert (again.quota_units, again.cached, len(again.value)) == (0, True, cap)
    other_order = await fetcher.comments(ID, "time", 50)  # another order is another listing
    assert (other_order.quota_units, other_order.cached) == (1, False)
    assert len(fake_youtube.calls("/youtube/v3/commentThreads")) == 1 + 3 + 1


async def test_a_cached_read_expires_after_its_ttl(fake_youtube) -> None:
    fake_youtube.add(FakeVideo(ID, threads=make_threads(300)))
    youtube = YouTubeFetcher(settings_for(fake_youtube, cache_ttl_seconds=0.05))
    try:
        await youtube.comments(ID, "relevance", 300)
        await asyncio.sleep(0.1)
        again = await youtube.comments(ID, "relevance", 100)
    finally:
        await youtube.close()
    assert (again.quota_units, again.cached) == (1, False)


# Misbehaving listings: (threads, replies by thread, page size, thread paging, reply paging)
ADVERSARIAL = {
    "one thread a page": (1000, {}, 1, "honest", "honest"),
    "one reply a page": (3, {0: 400, 1: 400, 2: 400}, 1, "honest", "honest"),
    "empty pages forever": (50, {0: 30, 4: 9}, 100, "empty", "empty"),
    "made-up threads forever": (20, {0: 10}, 1, "endless", "honest"),
    "made-up replies forever": (2, {0: 10, 1: 7}, 1, "honest", "endless"),
    "token never moves": (50, {0: 30}, 100, "stuck", "stuck"),
    "many long threads": (400, {n: 150 + n for n in range(0, 400, 7)}, 100, "honest", "honest"),
}


@pytest.mark.parametrize("case", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
@pytest.mark.parametrize(("cap", "reply_threads"), [(250, 3), (2000, 20), (120, 0)])
async def test_no_call_spends_more_than_the_bound(fake_youtube, case, cap, reply_threads) -> None:
    count, replies, page_size, paging, reply_paging = case
    fake_youtube.add(
        FakeVideo(
            ID,
            threads=make_threads(count, replies),
            page_size=page_size,
            paging=paging,
            reply_paging=reply_paging,
        )
    )
    youtube = YouTubeFetcher(settings_for(fake_youtube, reply_threads=reply_threads))
    try:
        units, _, comments = await _analyse_comments(youtube, cap)
    finally:
        await youtube.close()
    assert units == data_api_units(fake_youtube) <= bound(cap, reply_threads)
    assert 0 < comments <= cap


async def test_the_worst_case_spends_exactly_the_bound(fake_youtube) -> None:
    # One thread or reply a page: the 3 threads end the listing on the last of its
    # ceil(250/100) = 3 pages, then all 3 + 3 reply pages go on the first long thread.
    threads = make_threads(3, {0: 400, 1: 400, 2: 400})
    fake_youtube.add(FakeVideo(ID, threads=threads, page_size=1))
    youtube = YouTubeFetcher(settings_for(fake_youtube, reply_threads=3))
    try:
        units, _, comments = await _analyse_comments(youtube, 250)
    finally:
        await youtube.close()
    assert units == bound(250, 3) == 1 + 3 + 6
    assert comments == 3 + 3 * 5 + 1  # the tops, their embedded replies, one reply more


# What ends each listing: (units, comments) for 5 threads a page each, thread 0 with 9 replies
NEVER_ENDING = {
    "empty": (1 + 6 + 10, 5 + 5 + 4),  # the first page that lists nothing new
    "stuck": (1 + 5 + 9, 5 + 5 + 4),  # the first token given twice
    "endless": (1 + 100, 100 + 5),  # the page bound: every page brings a new thread
}


@pytest.mark.parametrize("paging", NEVER_ENDING.keys())
async def test_a_never_ending_page_token_ends_within_the_page_bound(fake_youtube, paging) -> None:
    video = FakeVideo(ID, threads=make_threads(5, {0: 9}), page_size=1, paging=paging)
    video.reply_paging = paging
    fake_youtube.add(video)
    youtube = YouTubeFetcher(settings_for(fake_youtube, reply_threads=2))
    try:
        units, _, comments = await _analyse_comments(youtube, 10_000)
    finally:
        await youtube.close()
    assert (units, comments) == NEVER_ENDING[paging]
    assert units == data_api_units(fake_youtube) <= bound(10_000, 2)
