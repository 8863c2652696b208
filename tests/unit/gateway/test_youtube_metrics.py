"""YouTube Data API requests, quota units and the input cache as Prometheus counters (fake
YouTube on loopback), read back from prometheus_client's registry."""

from __future__ import annotations

from prometheus_client import REGISTRY

from tests.fakes.youtube_server import FakeVideo
from tubelens.observability import metrics

ID = "dQw4w9WgXcQ"


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, {"service": "gateway", **labels}) or 0.0


async def test_a_fetch_counts_its_request_units_and_the_cache(fake_youtube, fetcher) -> None:
    metrics.name_server("gateway")
    fake_youtube.add(FakeVideo(ID, title="Sourdough"))
    requests = {"upstream": "youtube", "endpoint": "videos.list", "outcome": "200"}
    before = {
        "requests": _sample("tubelens_upstream_requests_total", **requests),
        "units": _sample("tubelens_youtube_quota_units_total", endpoint="videos.list"),
        "hits": _sample("tubelens_cache_lookups_total", cache="youtube_input", outcome="hit"),
        "misses": _sample("tubelens_cache_lookups_total", cache="youtube_input", outcome="miss"),
    }
    await fetcher.video(ID)
    await fetcher.video(ID)  # from the input cache: no request, no units

    after = {
        "requests": _sample("tubelens_upstream_requests_total", **requests),
        "units": _sample("tubelens_youtube_quota_units_total", endpoint="videos.list"),
        "hits": _sample("tubelens_cache_lookups_total", cache="youtube_input", outcome="hit"),
        "misses": _sample("tubelens_cache_lookups_total", cache="youtube_input", outcome="miss"),
    }
    assert {key: after[key] - before[key] for key in after} == {
        "requests": 1,
        "units": 1,
        "hits": 1,
        "misses": 1,
    }
