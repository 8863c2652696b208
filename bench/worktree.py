"""Another revision of this repository, checked out beside it for a before/after benchmark."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def checked_out(revision: str, scratch: Path | str) -> Iterator[Path]:
    """`revision` as a detached git worktree at `scratch/before`, removed when the block ends."""
    tree = Path(scratch) / "before"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), revision],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
