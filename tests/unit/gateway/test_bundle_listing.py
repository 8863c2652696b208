"""ListBundles: what a caller may name in VideoRef.bundle, read from the bundles themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

from gateway.access.gate import PERMISSION_OF
from gateway.bundle_listing import offered_bundles
from tubelens.settings import DEFAULT_SAMPLES_DIR
from tubelens.v1 import gateway_pb2


def test_the_samples_are_offered_with_what_their_video_json_says() -> None:
    listed = offered_bundles([DEFAULT_SAMPLES_DIR]).bundles
    by_name = {bundle.name: bundle for bundle in listed}
    assert [bundle.name for bundle in listed] == sorted(by_name)
    assert {"en-sourdough", "ko-homecafe"} <= set(by_name)
    assert "portrait" not in by_name  # a photo for the booth, not a bundle
    korean = by_name["ko-homecafe"]
    assert korean.language == "ko" and korean.title and korean.duration.seconds > 0
    assert by_name["en-sourdough"].language == "en"


def test_a_broken_bundle_is_left_out_and_the_others_still_listed(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_SAMPLES_DIR / "en-sourdough", tmp_path / "good")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "video.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "not-a-bundle").mkdir()
    (tmp_path / "film").mkdir()
    shutil.copy(DEFAULT_SAMPLES_DIR / "en-sourdough" / "video.json", tmp_path / "film")
    (tmp_path / "film" / "video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    listed = offered_bundles([tmp_path]).bundles
    assert [(b.name, b.has_video) for b in listed] == [("film", True), ("good", False)]


def test_a_name_in_two_roots_is_listed_once_as_the_first_root_serves_it(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_SAMPLES_DIR / "ko-homecafe", tmp_path / "en-sourdough")
    listed = offered_bundles([DEFAULT_SAMPLES_DIR, tmp_path]).bundles
    names = [bundle.name for bundle in listed]
    assert names.count("en-sourdough") == 1
    assert next(b for b in listed if b.name == "en-sourdough").language == "en"


def test_callers_need_the_analyze_right_to_list_them() -> None:
    service = gateway_pb2.DESCRIPTOR.services_by_name["GatewayService"].full_name
    assert PERMISSION_OF[f"/{service}/ListBundles"] == "analyze"
