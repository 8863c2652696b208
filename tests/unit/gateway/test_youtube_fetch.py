"""The YouTube fetcher against the loopback fake: metadata, comments, thumbnails, failures."""

from __future__ import annotations

import httpx
import pytest

from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.source import FetchOptions, YouTubeSource
from gateway.youtube.thumbnails import fetch_thumbnail
from tests.fakes.youtube_server import FakeVideo, make_threads
from tubelens.errors import FailedPrecondition, NotFound, ResourceExhausted

from .conftest import settings_for

ID = "dQw4w9WgXcQ"
JPEG = b"\xff\xd8\xff\xe0" + b"x" * 2000 + b"\xff\xd9"


async def test_metadata_comes_from_videos_list_for_one_unit(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, title="Sourdough", duration="PT1H2M3S", audio_language="en-GB"))
    fetched = await fetcher.video(ID)
    meta = fetched.value.metadata
    assert (meta.video_id, meta.title, meta.channel_title) == (ID, "Sourdough", "Fake Channel")
    assert meta.duration_seconds == 3723
    assert meta.default_language == "en-GB"
    assert (meta.view_count, meta.like_count) == (12345, 678)
    assert meta.published_at is not None and meta.published_at.year == 2024
    assert fetched.quota_units == 1 and not fetched.cached
    [query] = fake_youtube.calls("/youtube/v3/videos")
    assert query["part"] == "snippet,contentDetails,statistics"
    assert "key" not in query  # the key travels in a header, never in the URL


async def test_paging_and_replies_beyond_the_embedded_five(fake_youtube, fetcher) -> None:
    # 250 threads: three pages of commentThreads; thread 3 has 130 replies (two pages of
    # comments.list), thread 7 has 4 (all embedded, so no extra call).
    fake_youtube.add(FakeVideo(ID, threads=make_threads(250, {3: 130, 7: 4})))
    fetched = await fetcher.comments(ID, "relevance", cap=5000)
    comments = fetched.value
    assert len(comments) == 250 + 130 + 4
    thread_pages = fake_youtube.calls("/youtube/v3/commentThreads")
    reply_pages = fake_youtube.calls("/youtube/v3/comments")
    assert [q.get("pageToken") for q in thread_pages] == [None, "100", "200"]
    assert all(q["maxResults"] == "100" for q in thread_pages + reply_pages)
    assert [q["parentId"] for q in reply_pages] == ["Ugz000003topAaABAg"] * 2
    assert fetched.quota_units == 3 + 2
    replies = [c for c in comments if c.parent_id == "Ugz000003topAaABAg"]
    assert len(replies) == 130
    # Replies follow the comment they answer, oldest first, with likes, authors and times.
    start = [c.id for c in comments].index("Ugz000003topAaABAg")
    assert comments[start + 1 : start + 131] == tuple(replies)
    assert replies == sorted(replies, key=lambda c: c.published_at)
    first = comments[0]
    assert (first.author, first.like_count, first.parent_id) == ("viewer0", 750, "")


async def test_the_cap_stops_paging_early(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, threads=make_threads(450, {0: 40})))
    fetched = await fetcher.comments(ID, "time", cap=150)
    assert len(fetched.value) == 150
    thread_pages = fake_youtube.calls("/youtube/v3/commentThreads")
    assert len(thread_pages) == 2 and thread_pages[0]["order"] == "time"
    assert fake_youtube.calls("/youtube/v3/comments") == []  # the cap was reached already


async def test_disabled_comments_are_failed_precondition(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, comments_disabled=True))
    with pytest.raises(FailedPrecondition) as caught:
        await fetcher.comments(ID, "relevance", cap=100)
    assert caught.value.reason == "COMMENTS_DISABLED"
    assert caught.value.metadata["quota_units"] == "1"


async def test_quota_exhaustion_is_resource_exhausted(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, threads=make_threads(300)))
    fake_youtube.quota_left = 2  # videos.list and one page, then the quota is gone
    await fetcher.video(ID)
    with pytest.raises(ResourceExhausted) as caught:
        await fetcher.comments(ID, "relevance", cap=1000)
    assert caught.value.reason == "QUOTA_EXCEEDED"
    assert "quota" in caught.value.message and "<" not in caught.value.message


async def test_private_video_is_not_found(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, private=True))
    with pytest.raises(NotFound) as caught:
        await YouTubeSource.open(fetcher, ID, FetchOptions())
    assert caught.value.reason == "VIDEO_UNAVAILABLE"
    with pytest.raises(NotFound):  # never cached: the next call asks YouTube again
        await fetcher.video("aaaaaaaaaaa")
    assert len(fake_youtube.calls("/youtube/v3/videos")) == 2


@pytest.mark.parametrize(
    ("video", "reason"),
    [
        (FakeVideo(ID, broadcast="live", duration="P0D"), "VIDEO_LIVE"),
        (FakeVideo(ID, broadcast="upcoming", duration="P0D"), "VIDEO_LIVE"),
        (FakeVideo(ID, age_restricted=True), "VIDEO_AGE_RESTRICTED"),
    ],
)
async def test_live_and_age_restricted_videos_have_their_own_reasons(
    fake_youtube, fetcher, video, reason
) -> None:
    fake_youtube.add(video)
    with pytest.raises(FailedPrecondition) as caught:
        await YouTubeSource.open(fetcher, ID, FetchOptions())
    assert caught.value.reason == reason


async def test_wrong_api_key_says_what_to_fix(fake_youtube) -> None:
    fake_youtube.add(FakeVideo(ID))
    youtube = YouTubeFetcher(settings_for(fake_youtube, api_key="wrong"))
    try:
        with pytest.raises(FailedPrecondition) as caught:
            await youtube.video(ID)
    finally:
        await youtube.close()
    assert caught.value.reason == "YOUTUBE_ACCESS_DENIED"
    assert "TUBELENS_YOUTUBE_API_KEY" in caught.value.message


async def test_thumbnail_falls_back_when_maxres_is_missing(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID, thumbnails={"sddefault": ("image/jpeg", JPEG)}))
    fetched = await fetcher.thumbnail(ID)
    assert (fetched.value.size_name, fetched.value.image) == ("sddefault", JPEG)
    paths = [path for _, path, _ in fake_youtube.requests if path.startswith("/vi/")]
    assert paths == [f"/vi/{ID}/maxresdefault.jpg", f"/vi/{ID}/sddefault.jpg"]


async def test_thumbnail_must_be_an_image_within_the_size_limit(fake_youtube, fetcher) -> None:
    fake_youtube.add(
        FakeVideo(
            ID,
            thumbnails={
                "maxresdefault": ("text/html", b"<html>not an image</html>"),
                "sddefault": ("image/jpeg", JPEG),
            },
        )
    )
    assert (await fetcher.thumbnail(ID)).value.size_name == "sddefault"
    http = fetcher._http
    with pytest.raises(ResourceExhausted) as caught:
        await fetch_thumbnail(http, fake_youtube.base_url, ID, max_bytes=1000)
    assert caught.value.reason == "THUMBNAIL_TOO_LARGE"


async def test_no_thumbnail_at_all_is_failed_precondition(fake_youtube, fetcher) -> None:
    fake_youtube.add(FakeVideo(ID))
    with pytest.raises(FailedPrecondition) as caught:
        await fetcher.thumbnail(ID)
    assert caught.value.reason == "THUMBNAIL_MISSING"


async def test_a_thumbnail_without_a_declared_size_is_cut_off_at_the_limit() -> None:
    async def endless():
        while True:
            yield b"\xff" * 1024

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "image/jpeg"}, content=endless())

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        with pytest.raises(ResourceExhausted) as caught:
            await fetch_thumbnail(http, "https://i.ytimg.com", ID, max_bytes=64 * 1024)
    assert caught.value.reason == "THUMBNAIL_TOO_LARGE"
