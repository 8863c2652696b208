"""The result cache on the whole local stack: a repeat is answered by the gateway alone, `fresh`
and anything that changes a result compute again, and identical calls share one computation.

Downstream work is counted from the services' own access logs (one `rpc_done` line a call)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest

from tests.conftest import SAMPLES
from tests.fakes.youtube_server import FakeYouTube, fake_from_bundle
from tubelens.bundles import load_bundle
from tubelens.cli.stack import Stack
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc

from .conftest import free_base_port, start_stack

pytestmark = pytest.mark.integration
SERVICES = ("summary", "comments", "thumbnail")
EN_ID = "q7Rk2vLm9Xa"  # the English sample's id
CACHE_ON = {"TUBELENS_RESULT_CACHE_URL": "", "TUBELENS_RESULT_CACHE_MAX_MB": "64"}


def calls(stack: Stack) -> dict[str, int]:
    """Calls each analysis service has answered so far."""
    counts = {}
    for service in SERVICES:
        text = (stack.log_dir / f"{service}.log").read_text(encoding="utf-8")
        lines = [json.loads(line) for line in text.splitlines() if '"rpc_done"' in line]
        counts[service] = sum(1 for line in lines if "Health" not in line.get("method", ""))
    return counts


def more(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {service: after[service] - before[service] for service in SERVICES}


def analyze(gateway, bundle: Path, **options: object) -> gateway_pb2.AnalyzeResponse:
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(bundle=str(bundle)),
        options=gateway_pb2.AnalysisOptions(**options),
    )
    response = gateway.Analyze(request, timeout=60)
    assert [r.status.message for r in response.results if r.status.code] == []
    return response


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own with the in-process result cache on, whatever the other tests use."""
    running = start_stack(tmp_path_factory.mktemp("result-cache-logs"), CACHE_ON)
    yield running
    running.stop()


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle of its own, so no other test's results are in the cache for it."""
    return Path(shutil.copytree(SAMPLES / "en-sourdough", tmp_path / "bundle"))


def test_a_repeat_is_served_by_the_gateway_alone(gateway, stack: Stack, bundle: Path) -> None:
    first = analyze(gateway, bundle)
    assert [r.provenance.cached for r in first.results] == [False] * 3
    assert all(r.provenance.HasField("computed_at") for r in first.results)

    before = calls(stack)
    again = analyze(gateway, bundle)
    assert more(before, calls(stack)) == {"summary": 0, "comments": 0, "thumbnail": 0}
    assert [r.provenance.cached for r in again.results] == [True] * 3
    for old, new in zip(first.results, again.results, strict=True):
        assert new.provenance.computed_at == old.provenance.computed_at
        assert getattr(new, new.WhichOneof("result")) == getattr(old, old.WhichOneof("result"))
    assert again.video == first.video

    streamed = list(
        gateway.AnalyzeStream(
            gateway_pb2.AnalyzeStreamRequest(video=gateway_pb2.VideoRef(bundle=str(bundle))),
            timeout=60,
        )
    )
    assert [m.task_result.provenance.cached for m in streamed[:3]] == [True] * 3
    assert streamed[-1].completed.succeeded_tasks == 3
    assert more(before, calls(stack)) == {"summary": 0, "comments": 0, "thumbnail": 0}


def test_fresh_options_and_edits_compute_again(gateway, stack: Stack, bundle: Path) -> None:
    first = analyze(gateway, bundle)

    before = calls(stack)
    fresh = analyze(gateway, bundle, fresh=True)
    assert more(before, calls(stack)) == {"summary": 1, "comments": 1, "thumbnail": 1}
    assert [r.provenance.cached for r in fresh.results] == [False] * 3
    assert fresh.results[0].provenance.computed_at.ToNanoseconds() > (
        first.results[0].provenance.computed_at.ToNanoseconds()
    )
    # The fresh results replaced the cached ones.
    after_fresh = analyze(gateway, bundle)
    assert after_fresh.results[0].provenance.computed_at == fresh.results[0].provenance.computed_at

    before = calls(stack)
    fewer = analyze(gateway, bundle, max_comments=50)
    assert more(before, calls(stack)) == {"summary": 1, "comments": 1, "thumbnail": 1}
    assert fewer.results[1].comments.analyzed_comments <= 50
    assert [r.provenance.cached for r in analyze(gateway, bundle, max_comments=50).results] == [
        True
    ] * 3

    before = calls(stack)
    analyze(gateway, bundle, language="ko")
    assert more(before, calls(stack)) == {"summary": 1, "comments": 1, "thumbnail": 1}

    comments = bundle / "comments.jsonl"
    info = comments.stat()
    os.utime(comments, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    before = calls(stack)
    edited = analyze(gateway, bundle)
    assert more(before, calls(stack)) == {"summary": 1, "comments": 1, "thumbnail": 1}
    assert [r.provenance.cached for r in edited.results] == [False] * 3


def test_identical_calls_in_flight_share_one_computation(
    gateway, stack: Stack, bundle: Path
) -> None:
    before = calls(stack)
    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda _: analyze(gateway, bundle), range(4)))
    assert more(before, calls(stack)) == {"summary": 1, "comments": 1, "thumbnail": 1}
    tldrs = {r.results[0].summary.tldr for r in responses}
    assert len(tldrs) == 1


def test_a_bad_bundle_is_still_refused(gateway) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        gateway.Analyze(
            gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(bundle="no-such-bundle")),
            timeout=30,
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.fixture(scope="module")
def youtube_gateway(stack: Stack, tmp_path_factory) -> Iterator[tuple[object, FakeYouTube]]:
    """A gateway of its own on a fake YouTube, with the YouTube input cache off: whatever a
    repeat saves is the result cache's doing."""
    fake = FakeYouTube().start()
    fake.add(fake_from_bundle(load_bundle(SAMPLES / "en-sourdough")))
    targets = {f"TUBELENS_{name.upper()}_TARGET": stack.address(name) for name in SERVICES}
    env = {**CACHE_ON, **fake.settings_env(), **targets, "TUBELENS_YOUTUBE_CACHE_TTL_SECONDS": "0"}
    own = Stack(
        base_port=free_base_port(),
        only=("gateway",),
        extra_env=env,
        log_dir=tmp_path_factory.mktemp("result-cache-youtube"),
    )
    own.start(60)
    with grpc.insecure_channel(own.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel), fake
    own.stop()
    fake.stop()


def test_a_youtube_repeat_spends_no_unit_and_no_model_call(youtube_gateway, stack: Stack) -> None:
    gateway, fake = youtube_gateway
    request = gateway_pb2.AnalyzeRequest(
        video=gateway_pb2.VideoRef(url=f"https://youtu.be/{EN_ID}"),
        options=gateway_pb2.AnalysisOptions(max_comments=300),
    )
    first = gateway.Analyze(request, timeout=90)
    assert [r.status.message for r in first.results if r.status.code] == []
    assert first.youtube_quota_units > 0

    requests_to_youtube, before = len(fake.requests), calls(stack)
    again = gateway.Analyze(request, timeout=30)
    assert again.youtube_quota_units == 0 and len(fake.requests) == requests_to_youtube
    assert more(before, calls(stack)) == {"summary": 0, "comments": 0, "thumbnail": 0}
    assert [r.provenance.cached for r in again.results] == [True] * 3
    assert [r.provenance.youtube_quota_units for r in again.results] == [0] * 3
    assert again.video == first.video

    other_order = gateway_pb2.AnalyzeRequest()
    other_order.CopyFrom(request)
    other_order.options.comment_order = gateway_pb2.COMMENT_ORDER_TIME
    changed = gateway.Analyze(other_order, timeout=90)
    assert changed.youtube_quota_units > 0
    assert [r.provenance.cached for r in changed.results] == [False] * 3
