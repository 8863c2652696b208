"""The usage ledger against what the upstream fakes counted: the whole stack on the gemini
engine (fake Gemini), YouTube links read from the fake YouTube, the ledger in a real
redis-server, and one registered caller doing an analysis of a link, a streamed analysis of a
bundle and a photo card."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from gateway.access.callers import key_digest
from tests.conftest import SAMPLES
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.model_like import ModelLike
from tests.fakes.youtube_server import FakeYouTube, fake_from_bundle
from tubelens.bundles import load_bundle
from tubelens.v1 import gateway_pb2, gateway_pb2_grpc, photocard_pb2, usage_pb2

from .conftest import gemini_env, start_stack

pytestmark = pytest.mark.integration
pytest_plugins = ["tests.fakes.redis_server"]
EN_ID = "q7Rk2vLm9Xa"  # the English sample's id
KEY = "tlk_team-a-key"
ACCESS = f'[callers.team-a]\napi_key_sha256 = ["{key_digest(KEY)}"]\n'
AS_TEAM_A = (("authorization", f"Bearer {KEY}"),)


@pytest.fixture(scope="module")
def fakes() -> Iterator[tuple[FakeGemini, FakeYouTube]]:
    gemini = FakeGemini(ModelLike()).start()
    youtube = FakeYouTube().start()
    youtube.add(fake_from_bundle(load_bundle(SAMPLES / "en-sourdough")))
    yield gemini, youtube
    gemini.stop()
    youtube.stop()


@pytest.fixture(scope="module")
def gateway(
    fakes, redis_url: str, tmp_path_factory
) -> Iterator[gateway_pb2_grpc.GatewayServiceStub]:
    gemini, youtube = fakes
    env = {
        **gemini_env(gemini.base_url, RETRY_INITIAL_SECONDS="0.01"),
        **youtube.settings_env(),
        "TUBELENS_ACCESS_CONFIG": ACCESS,
        "TUBELENS_USAGE_URL": redis_url,
    }
    stack = start_stack(tmp_path_factory.mktemp("ledger-logs"), env)
    with grpc.insecure_channel(stack.address("gateway")) as channel:
        yield gateway_pb2_grpc.GatewayServiceStub(channel)
    stack.stop()


def test_the_ledger_totals_equal_what_gemini_and_youtube_counted(gateway, fakes) -> None:
    gemini, youtube = fakes
    link = gateway.Analyze(
        gateway_pb2.AnalyzeRequest(video=gateway_pb2.VideoRef(url=EN_ID)),
        timeout=90,
        metadata=AS_TEAM_A,
    )
    stream = list(
        gateway.AnalyzeStream(
            gateway_pb2.AnalyzeStreamRequest(video=gateway_pb2.VideoRef(bundle="en-sourdough")),
            timeout=90,
            metadata=AS_TEAM_A,
        )
    )
    card = gateway.CreatePhotoCard(
        photocard_pb2.CreatePhotoCardRequest(
            photo=(SAMPLES / "portrait" / "astronaut.png").read_bytes(), prompt="a poster"
        ),
        timeout=90,
        metadata=AS_TEAM_A,
    )
    assert [r.status.code for r in link.results] == [0, 0, 0]
    assert stream[-1].completed.succeeded_tasks == 3
    assert card.card_png

    (record,) = gateway.GetUsage(
        usage_pb2.GetUsageRequest(), timeout=30, metadata=AS_TEAM_A
    ).records
    billed = gemini.billed()
    data_api_calls = [path for _, path, _ in youtube.requests if path.startswith("/youtube/v3/")]

    assert record.caller == "team-a"
    assert (record.analyses, record.tasks, record.failed_tasks, record.photo_cards) == (2, 6, 0, 1)
    assert record.gemini_tokens == billed["total"] > 0
    assert sum(model.model_calls for model in record.models) == billed["requests"]
    assert sum(model.input_tokens for model in record.models) == billed["prompt"]
    assert record.youtube_quota_units == len(data_api_calls) == link.youtube_quota_units > 0
    # A photo card names both its models ("text+image"): its tokens are counted under the pair.
    named = {name for model in record.models for name in model.model.split("+")}
    assert named == {call.model for call in gemini.calls()}
    assert record.estimated_cost_usd == pytest.approx(
        sum(model.estimated_cost_usd for model in record.models)
    )
    assert record.estimated_cost_usd > 0
