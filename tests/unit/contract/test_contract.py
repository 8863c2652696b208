"""`buf breaking` against the committed contract (scripts/check-contract.sh): the protos of
this tree pass, and an incompatible change to a copy of them fails with buf's reason."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BUF = ROOT / "node_modules" / ".bin" / "buf"
CHECK = ROOT / "scripts" / "check-contract.sh"

pytestmark = pytest.mark.skipif(
    not BUF.exists(), reason="buf is not installed (scripts/lint-protos.sh runs npm ci)"
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the contract's workspace: buf.yaml, protos/ and the googleapis protos they
    import."""
    shutil.copy(ROOT / "buf.yaml", tmp_path)
    shutil.copytree(ROOT / "protos", tmp_path / "protos")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "proto_deps.py"),
            str(tmp_path / "build" / "proto-deps"),
        ],
        check=True,
    )
    return tmp_path


def _check(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(CHECK), str(tree)], capture_output=True, text=True, timeout=120
    )


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text()
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, pattern
    path.write_text(changed)


def test_the_tree_is_compatible_with_the_released_contract(tree: Path) -> None:
    result = _check(tree)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_added_field_is_compatible(tree: Path) -> None:
    common = tree / "protos/tubelens/v1/common.proto"
    _edit(common, r"^(message TokenUsage \{\n)", r"\1  // New.\n  int64 new_tokens = 99;\n")
    assert _check(tree).returncode == 0


@pytest.mark.parametrize(
    ("pattern", "replacement", "reason"),
    [
        (r"int64 output_tokens = 2;", "int64 output_tokens = 12;", 'field "2"'),
        (r"int64 output_tokens = 2;", "string output_tokens = 2;", "type"),
    ],
)
def test_a_breaking_change_fails(tree: Path, pattern: str, replacement: str, reason: str) -> None:
    _edit(tree / "protos/tubelens/v1/common.proto", pattern, replacement)
    result = _check(tree)
    assert result.returncode != 0
    assert "output_tokens" in result.stdout and reason in result.stdout, result.stdout
