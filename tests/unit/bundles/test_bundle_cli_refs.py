"""`tubelens analyze REF`: a local directory travels as its absolute path, anything else as
typed; odd references never crash the CLI before the gateway can answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tubelens.cli.refs import video_ref


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
