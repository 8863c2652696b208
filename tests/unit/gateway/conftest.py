"""A fake YouTube on loopback and a fetcher pointed at it, for the gateway's YouTube tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from gateway.youtube.fetcher import YouTubeFetcher
from gateway.youtube.settings import YouTubeSettings
from tests.fakes.youtube_server import FakeYouTube


@pytest.fixture
def fake_youtube() -> Iterator[FakeYouTube]:
    fake = FakeYouTube().start()
    yield fake
    fake.stop()


def settings_for(fake: FakeYouTube, **overrides: object) -> YouTubeSettings:
    env = {
        key.removeprefix("TUBELENS_YOUTUBE_").lower(): value
        for key, value in fake.settings_env().items()
    }
    return YouTubeSettings(**{**env, "timeout_seconds": 5, **overrides})


@pytest.fixture
async def fetcher(fake_youtube: FakeYouTube) -> AsyncIterator[YouTubeFetcher]:
    youtube = YouTubeFetcher(settings_for(fake_youtube))
    yield youtube
    await youtube.close()
