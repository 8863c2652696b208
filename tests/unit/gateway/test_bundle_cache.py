"""Parsed bundle parts are reused while the bundle's files are unchanged, and only then."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gateway.bundle_cache import BundleCache
from tubelens.bundles import load_comments
from tubelens.settings import DEFAULT_SAMPLES_DIR


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_SAMPLES_DIR / "en-sourdough", tmp_path / "bundle"))


def counting(loads: list[str], path: Path):
    def load():
        loads.append("comments")
        return load_comments(path)

    return load


def test_an_unchanged_bundle_is_parsed_once(bundle: Path) -> None:
    cache, loads = BundleCache(), []
    first = cache.get(bundle, "comments", counting(loads, bundle))
    again = cache.get(bundle, "comments", counting(loads, bundle))
    assert again is first and loads == ["comments"]


def test_a_changed_file_is_read_again(bundle: Path) -> None:
    cache, loads = BundleCache(), []
    first = cache.get(bundle, "comments", counting(loads, bundle))
    comments_file = bundle / "comments.jsonl"
    lines = comments_file.read_text().splitlines(keepends=True)
    comments_file.write_text("".join(lines[:-1]))  # one comment fewer
    changed = cache.get(bundle, "comments", counting(loads, bundle))
    assert len(loads) == 2 and len(changed) == len(first) - 1


def test_a_touched_file_counts_as_changed(bundle: Path) -> None:
    cache, loads = BundleCache(), []
    cache.get(bundle, "comments", counting(loads, bundle))
    stat = (bundle / "comments.jsonl").stat()
    os.utime(bundle / "comments.jsonl", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    cache.get(bundle, "comments", counting(loads, bundle))
    assert len(loads) == 2


def test_parts_and_keys_are_kept_apart(bundle: Path) -> None:
    cache = BundleCache()
    assert cache.get(bundle, "a", lambda: 1) == 1
    assert cache.get(bundle, "b", lambda: 2) == 2
    assert cache.get(bundle, "a", lambda: 3, extra_key="other limits") == 3
    assert cache.get(bundle, "a", lambda: 4) == 1


def test_a_bundle_larger_than_the_bound_is_not_kept(bundle: Path) -> None:
    cache, loads = BundleCache(max_source_bytes=1_000), []
    cache.get(bundle, "comments", counting(loads, bundle))
    cache.get(bundle, "comments", counting(loads, bundle))
    assert len(loads) == 2


def test_errors_are_not_cached(bundle: Path) -> None:
    cache = BundleCache()

    def broken():
        raise ValueError("bad bundle")

    with pytest.raises(ValueError):
        cache.get(bundle, "comments", broken)
    assert cache.get(bundle, "comments", lambda: "fixed") == "fixed"
