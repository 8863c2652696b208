"""Result keys: equal when everything that determines a result is equal, different otherwise."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gateway.result_keys import (
    bundle_identity,
    engine_fingerprint,
    input_identity,
    result_key,
    youtube_identity,
)
from gateway.youtube.source import FetchOptions
from tests.conftest import SAMPLES
from tubelens.errors import InvalidInput, NotFound
from tubelens.v1 import common_pb2, gateway_pb2

SUMMARY, COMMENTS = gateway_pb2.TASK_SUMMARY, gateway_pb2.TASK_COMMENTS


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLES / "en-sourdough", tmp_path / "root" / "mine"))


def test_a_bundle_keeps_its_identity_until_a_file_changes(bundle: Path) -> None:
    first = bundle_identity(bundle)
    assert bundle_identity(bundle) == first

    comments = bundle / "comments.jsonl"
    info = comments.stat()
    os.utime(comments, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # same size, touched
    touched = bundle_identity(bundle)
    assert touched != first

    (bundle / "thumbnail.png").write_bytes(b"new")  # a file added
    assert bundle_identity(bundle) not in (first, touched)


def test_same_content_elsewhere_is_another_bundle(bundle: Path, tmp_path: Path) -> None:
    twin = Path(shutil.copytree(bundle, tmp_path / "root" / "twin"))
    assert bundle_identity(twin) != bundle_identity(bundle)


def test_input_identity_resolves_like_the_gateway(bundle: Path) -> None:
    roots = [bundle.parent]
    options = FetchOptions()
    by_name = input_identity("bundle", "mine", roots, options, None)
    assert by_name == bundle_identity(bundle.resolve())
    assert input_identity("bundle", str(bundle), roots, options, None) == by_name
    with pytest.raises(NotFound):
        input_identity("bundle", "../../etc", roots, options, None)


def test_youtube_identity_covers_the_fetch_options() -> None:
    link = "https://youtu.be/dQw4w9WgXcQ?t=3"
    base = input_identity("url", link, [], FetchOptions(max_comments=100), "True/20")
    assert base == youtube_identity("dQw4w9WgXcQ", FetchOptions(max_comments=100), "True/20")
    others = [
        youtube_identity("dQw4w9WgXcQ", FetchOptions(max_comments=200), "True/20"),
        youtube_identity("dQw4w9WgXcQ", FetchOptions(max_comments=100, language="ko"), "True/20"),
        youtube_identity(
            "dQw4w9WgXcQ", FetchOptions(max_comments=100, comment_order="time"), "True/20"
        ),
        youtube_identity("dQw4w9WgXcQ", FetchOptions(max_comments=100), "False/20"),
        youtube_identity("aaaaaaaaaaa", FetchOptions(max_comments=100), "True/20"),
    ]
    assert base not in others and len(set(others)) == len(others)
    # YouTube access off: not cacheable here; resolving refuses it with its own reason.
    assert input_identity("url", link, [], FetchOptions(), None) is None
    with pytest.raises(InvalidInput):
        input_identity("url", "https://example.com/watch?v=x", [], FetchOptions(), "True/20")


def test_result_key_changes_with_each_part() -> None:
    identity = youtube_identity("dQw4w9WgXcQ", FetchOptions(), "")
    base = result_key("", identity, SUMMARY, "en", 100, "e1")
    assert result_key("", identity, SUMMARY, "en", 100, "e1") == base
    variants = {
        result_key("v2", identity, SUMMARY, "en", 100, "e1"),
        result_key(
            "", youtube_identity("aaaaaaaaaaa", FetchOptions(), ""), SUMMARY, "en", 100, "e1"
        ),
        result_key("", identity, COMMENTS, "en", 100, "e1"),
        result_key("", identity, SUMMARY, "ko", 100, "e1"),
        result_key("", identity, SUMMARY, "en", 101, "e1"),
        result_key("", identity, SUMMARY, "en", 100, "e2"),
    }
    assert base not in variants and len(variants) == 6


def test_engine_fingerprint_tells_engines_models_and_prompts_apart() -> None:
    local = common_pb2.Provenance(engine=1, model="tubelens-local", prompt_version="summary-2")
    same = common_pb2.Provenance(engine=1, model="tubelens-local", prompt_version="summary-2")
    same.cached, same.notes[:] = True, ["notes do not matter"]
    assert engine_fingerprint(same) == engine_fingerprint(local)
    others = [
        common_pb2.Provenance(engine=2, model="tubelens-local", prompt_version="summary-2"),
        common_pb2.Provenance(engine=1, model="gemini-2.5-flash", prompt_version="summary-2"),
        common_pb2.Provenance(engine=1, model="tubelens-local", prompt_version="summary-3"),
    ]
    assert len({engine_fingerprint(p) for p in [local, *others]}) == 4
