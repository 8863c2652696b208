"""The lock files follow pyproject.toml: `scripts/lock.py --check` (part of `make test`) passes
on this tree and fails once a dependency list changes without `make lock`."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def lock(monkeypatch, tmp_path: Path):
    spec = importlib.util.spec_from_file_location("lock_script", ROOT / "scripts" / "lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "LOCKS", tmp_path / "requirements")
    return module


def test_every_lock_file_is_current_and_hash_pinned(lock) -> None:
    assert lock.stale() == []
    for path in lock.lock_files().values():
        pins = [line for line in path.read_text().splitlines() if "==" in line]
        assert pins and all(line.rstrip(" \\").split("==")[1] for line in pins)
        assert path.read_text().count("--hash=sha256:") >= len(pins)


def test_a_changed_dependency_makes_every_lock_stale(lock, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"pebble>=5.1,<6"', '"pebble>=5.2,<6"'))
    assert sorted(lock.stale()) == sorted(
        str(path.relative_to(tmp_path)) for path in lock.lock_files().values()
    )
    assert lock.main(["--check"]) == 1
