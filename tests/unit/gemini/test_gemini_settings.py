"""Choosing the engine, refusing to start without credentials, Developer API and Vertex AI."""

from __future__ import annotations

import pytest
from google.genai import types
from google.oauth2.credentials import Credentials
from pydantic import BaseModel

from services.summary.engines import build_engine as build_summary_engine
from tests.fakes.gemini_server import FakeGemini, json_reply
from tubelens.gemini import GeminiCaller, GeminiSettings, Prompt
from tubelens.gemini.client import client_arguments, make_client
from tubelens.settings import ServiceSettings, StartupError

pytest_plugins = ["tests.fakes.fixtures"]  # fake_gemini, make_caller

PROMPT = Prompt("probe", "probe-1", "You answer probes.", "Answer.")


class ProbeOut(BaseModel):
    answer: str


@pytest.fixture(autouse=True)
def no_ambient_credentials(monkeypatch, tmp_path) -> None:
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "TUBELENS_GEMINI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "absent.json"))


def test_gemini_without_a_key_refuses_to_start_naming_the_variable() -> None:
    with pytest.raises(StartupError) as caught:
        build_summary_engine(ServiceSettings(engine="gemini"))
    assert "TUBELENS_GEMINI_API_KEY" in str(caught.value)


def test_the_engine_is_chosen_per_service(monkeypatch) -> None:
    monkeypatch.setenv("TUBELENS_ENGINE", "local")
    monkeypatch.setenv("TUBELENS_SUMMARY_ENGINE", "gemini")
    settings = ServiceSettings()
    assert settings.engine_for("summary") == "gemini"
    assert settings.engine_for("comments") == "local"
    with pytest.raises(StartupError):
        build_summary_engine(settings)


def test_a_key_makes_a_gemini_engine(monkeypatch) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", "from-the-standard-variable")
    from tubelens.gemini.caller import process_caller

    process_caller.cache_clear()
    engine = build_summary_engine(ServiceSettings(engine="gemini"))
    assert type(engine).__name__ == "GeminiSummaryEngine"
    assert process_caller() is process_caller()  # one client per process
    process_caller.cache_clear()


def test_vertex_settings_make_a_vertex_client_config() -> None:
    settings = GeminiSettings(use_vertex=True, project="my-proj", location="europe-west4")
    arguments = client_arguments(settings)
    assert arguments["vertexai"] is True
    assert (arguments["project"], arguments["location"]) == ("my-proj", "europe-west4")
    assert arguments["http_options"].retry_options.attempts == 1  # we retry, not the SDK


def test_vertex_without_a_project_or_adc_refuses_naming_what_to_set() -> None:
    with pytest.raises(StartupError) as caught:
        make_client(GeminiSettings(use_vertex=True))
    assert "TUBELENS_GEMINI_PROJECT" in str(caught.value)
    with pytest.raises(StartupError) as caught:
        make_client(GeminiSettings(use_vertex=True, project="my-proj"))
    assert "GOOGLE_APPLICATION_CREDENTIALS" in str(caught.value)


async def test_vertex_calls_reach_the_publisher_model_path(fake_gemini: FakeGemini) -> None:
    fake_gemini.enqueue("gemini-2.5-flash", json_reply({"answer": "vertex"}))
    settings = GeminiSettings(
        use_vertex=True, project="my-proj", location="us-central1", base_url=fake_gemini.base_url
    )
    client = make_client(settings, credentials=Credentials(token="adc-token"))
    caller = GeminiCaller(settings, client)
    out, _ = await caller.structured("gemini-2.5-flash", PROMPT, [types.Part(text="hi")], ProbeOut)
    assert out.answer == "vertex"
    (call,) = fake_gemini.calls()
    assert call.path == (
        "/v1beta1/projects/my-proj/locations/us-central1/publishers/google/models/"
        "gemini-2.5-flash:generateContent"
    )
    assert call.headers["authorization"] == "Bearer adc-token"


@pytest.mark.parametrize("version", ["v1beta", "v1"])
async def test_the_api_version_is_a_setting(fake_gemini: FakeGemini, make_caller, version) -> None:
    fake_gemini.enqueue("m", json_reply({"answer": "ok"}))
    await make_caller(api_version=version).structured(
        "m", PROMPT, [types.Part(text="hi")], ProbeOut
    )
    assert fake_gemini.calls()[0].path == f"/{version}/models/m:generateContent"
