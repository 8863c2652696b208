"""Which directory a VideoRef.bundle may name: only a bundle inside the allowed roots, with one
and the same NotFound for everything else, which never shows a server path."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from tubelens.bundles import find_bundle
from tubelens.errors import InvalidInput, NotFound

MAX_CHARS = 1024


def refused(reference: str, roots: list[Path]) -> NotFound:
    with pytest.raises(NotFound) as caught:
        find_bundle(reference, roots, MAX_CHARS)
    assert caught.value.reason == "BUNDLE_NOT_FOUND"
    return caught.value


def assert_no_server_path(message: str, *paths: Path) -> None:
    for path in (*paths, ROOT, Path.home()):
        assert str(path) not in message
    assert "/root" not in message and "/home" not in message


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A root holding one bundle, "mine", copied from the English sample."""
    shutil.copytree(SAMPLES / "en-sourdough", tmp_path / "root" / "mine")
    return tmp_path / "root"


def test_a_name_and_a_path_inside_a_root_are_found(root: Path) -> None:
    assert find_bundle("mine", [root], MAX_CHARS) == (root / "mine").resolve()
    assert find_bundle(str(root / "mine"), [root], MAX_CHARS) == (root / "mine").resolve()
    assert find_bundle(" mine/ ", [root], MAX_CHARS) == (root / "mine").resolve()
    assert find_bundle("en-sourdough", [root, SAMPLES], MAX_CHARS) == SAMPLES / "en-sourdough"


def test_the_first_root_holding_a_name_wins(root: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(SAMPLES / "ko-homecafe", other / "mine")
    assert find_bundle("mine", [other, root], MAX_CHARS) == (other / "mine").resolve()
    assert find_bundle("mine", [root, other], MAX_CHARS) == (root / "mine").resolve()


def test_existing_and_missing_directories_outside_the_roots_get_the_same_answer(
    root: Path, tmp_path: Path
) -> None:
    outside = shutil.copytree(SAMPLES / "en-sourdough", tmp_path / "outside")
    answers = {
        refused(reference, [root]).message
        for reference in ("/etc", "/nope", str(outside), "/", "../outside", "/proc/1/root")
    }
    assert len(answers) == 1
    assert_no_server_path(answers.pop(), root, outside)


def test_proc_root_links_resolve_before_the_check(root: Path) -> None:
    """/proc/1/root/<root>/mine is the bundle itself; /proc/1/root alone is "/"."""
    refused("/proc/1/root", [root])
    refused("/proc/self/root/etc", [root])


def test_a_symbolic_link_out_of_the_root_is_refused(root: Path, tmp_path: Path) -> None:
    outside = shutil.copytree(SAMPLES / "en-sourdough", tmp_path / "outside")
    (root / "escape").symlink_to(outside)
    (root / "inner").symlink_to(root / "mine")  # a link that stays inside is followed
    assert_no_server_path(refused("escape", [root]).message, outside)
    assert find_bundle("inner", [root], MAX_CHARS) == (root / "mine").resolve()


def test_a_directory_without_video_json_or_with_a_linked_one_is_no_bundle(root: Path) -> None:
    (root / "empty").mkdir()
    (root / "linked").mkdir()
    (root / "linked" / "video.json").symlink_to(root / "mine" / "video.json")
    refused("empty", [root])
    refused("linked", [root])


@pytest.mark.parametrize(
    "reference",
    [
        "a\x00b",
        "mine\x00/../../etc",
        "x" * 300,  # one component past NAME_MAX: ENAMETOOLONG
        "/".join(["a"] * 500),
        "loop",
    ],
)
def test_odd_references_are_not_found_never_an_os_error(root: Path, reference: str) -> None:
    os.symlink("loop", root / "loop")  # a link to itself: ELOOP
    assert_no_server_path(refused(reference, [root]).message, root)


def test_an_over_long_reference_names_the_limit(root: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        find_bundle("/" + "x" * 10_240, [root], MAX_CHARS)
    assert "1,024" in caught.value.message
    assert "TUBELENS_BUNDLE_MAX_REFERENCE_CHARS" in caught.value.message
    assert caught.value.reason == "INPUT_TOO_LARGE"


def test_an_empty_reference_is_invalid(root: Path) -> None:
    with pytest.raises(InvalidInput):
        find_bundle("  ", [root], MAX_CHARS)


def test_no_roots_means_no_bundles() -> None:
    refused("en-sourdough", [])
    refused(str(SAMPLES / "en-sourdough"), [])


def test_the_answer_lists_the_samples_available(root: Path) -> None:
    (root / "stray").mkdir()  # not a bundle: not listed
    message = refused("nothing-here", [root, SAMPLES]).message
    assert "Available samples: en-sourdough, ko-homecafe, mine." in message
