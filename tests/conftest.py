"""Shared test helpers: the repository's paths and the real evaluation data beside it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from PIL import ImageFile

from tubelens.observability import tracing

ROOT = Path(__file__).resolve().parents[1]
# Worker processes (tubelens.workers) import a job's module by name, as the test run imported
# it: tests.fakes.jobs and the like must be importable from the repository root.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))
SAMPLES = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def own_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Gateways started by tests (in this process or as processes) keep their usage ledger in
    a directory of the run's own, not in the home directory of whoever runs the tests."""
    state = tmp_path_factory.mktemp("state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(state))
        yield state


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or a skip that says why when this clone has none beside it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the evaluation data {SHARED_DATA} is absent (it lives beside the clone)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def decoded_sizes(monkeypatch) -> list[tuple[int, int]]:
    """The size of every bitmap Pillow decodes from a file (after any JPEG draft scaling)."""
    sizes, load = [], ImageFile.ImageFile.load

    def recording(self):
        if self.tile:
            sizes.append(self.size)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording)
    return sizes


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Tracing on for the test, every finished span kept by the SDK's in-memory exporter."""
    exporter = InMemorySpanExporter()
    assert tracing.configure_tracing("test", exporter=exporter)
    yield exporter
    tracing.stop_tracing()
