"""`tubelens analyze REF`: a local directory travels as its absolute path, anything else as
typed; odd references never crash the CLI before the gateway can answer; `--fresh` reaches the
request's options."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLES
from tubelens.cli import main as cli_main
from tubelens.cli.refs import video_ref
from tubelens.v1 import gateway_pb2


def test_a_local_directory_is_sent_as_its_absolute_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES)
    assert video_ref("./en-sourdough").bundle == str(SAMPLES / "en-sourdough")


def test_names_and_links_are_sent_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert video_ref(" en-sourdough ").bundle == "en-sourdough"
    assert video_ref("https://youtu.be/dQw4w9WgXcQ").url == "https://youtu.be/dQw4w9WgXcQ"


@pytest.mark.parametrize("reference", ["x" * 10_240, "a\x00b", "/" + "n" * 300 + "/x"])
def test_odd_references_go_to_the_gateway_unchanged(reference: str) -> None:
    assert video_ref(reference).bundle == reference


@pytest.mark.parametrize(("flags", "fresh"), [([], False), (["--fresh"], True)])
def test_analyze_fresh_asks_the_gateway_to_bypass_its_result_cache(
    monkeypatch: pytest.MonkeyPatch, flags: list[str], fresh: bool
) -> None:
    sent: list[gateway_pb2.AnalyzeStreamRequest] = []

    async def fake_stream(
        request: gateway_pb2.AnalyzeStreamRequest, target: str, timeout: float, live: bool
    ) -> tuple[list[gateway_pb2.TaskResult], gateway_pb2.StreamCompleted]:
        sent.append(request)
        return [], gateway_pb2.StreamCompleted()

    monkeypatch.setattr(cli_main, "_stream", fake_stream)  # no gateway: capture the request
    args = ["analyze", "en-sourdough", "--json", "--language", "ko", *flags]
    outcome = CliRunner().invoke(cli_main.app, args)
    assert outcome.exit_code == 0, outcome.output
    (request,) = sent
    assert request.options.fresh is fresh
    assert request.options.language == "ko"  # the other options still travel beside it
