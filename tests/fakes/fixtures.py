"""Pytest fixtures around the fake Gemini server; test modules import the ones they use."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.fakes.gemini_server import FakeGemini
from tubelens.gemini import GeminiCaller, GeminiSettings


@pytest.fixture
def fake_gemini() -> Iterator[FakeGemini]:
    fake = FakeGemini().start()
    yield fake
    fake.stop()


@pytest.fixture
def make_caller(fake_gemini: FakeGemini) -> Callable[..., GeminiCaller]:
    """A caller with the real SDK pointed at the fake; fast retries unless overridden."""

    def make(**overrides: object) -> GeminiCaller:
        values: dict[str, object] = {
            "api_key": "test-key",
            "base_url": fake_gemini.base_url,
            "retry_initial_seconds": 0.01,
            "retry_max_seconds": 2.0,
            "timeout_seconds": 10.0,
        }
        values.update(overrides)
        return GeminiCaller(GeminiSettings(**values))

    return make
