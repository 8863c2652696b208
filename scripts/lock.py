"""The hash-pinned lock files, made from pyproject.toml with pip-compile (pip-tools):
requirements/lock.txt for everything `make test` installs (the `dev` extra), and
requirements/<extra>.txt for each image, one per server (and the web front) declared in
tubelens/servers.py.

    python scripts/lock.py          # regenerate them all (`make lock`; needs PyPI)
    python scripts/lock.py --check  # fail when pyproject.toml's dependencies changed since

Each file starts with a digest of pyproject.toml's dependency lists, so the check needs no
network: CI and the images never install from a lock older than the dependencies.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tubelens.servers import IMAGES  # noqa: E402 - after the path is set

LOCKS = ROOT / "requirements"
PREFIX = "# pyproject-dependencies-sha256: "
PIP_COMPILE = [
    "--quiet",
    "--generate-hashes",
    "--strip-extras",
    "--no-emit-index-url",  # this machine's package mirrors stay out of the file
    "--no-emit-find-links",
    "--unsafe-package=tubelens",  # the project itself is installed from the tree
]


def lock_files() -> dict[str, Path]:
    """Extra -> its lock file."""
    extras = {"dev": LOCKS / "lock.txt"}
    extras.update({image.extra: LOCKS / f"{image.extra}.txt" for image in IMAGES})
    return extras


def dependencies_digest() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lists = {
        "python": project.get("requires-python", ""),
        "dependencies": project.get("dependencies", []),
        "optional": project.get("optional-dependencies", {}),
    }
    return hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()


def regenerate() -> None:
    digest = dependencies_digest()
    for extra, path in lock_files().items():
        command = [sys.executable, "-m", "piptools", "compile", *PIP_COMPILE, f"--extra={extra}"]
        subprocess.run([*command, f"--output-file={path}", "pyproject.toml"], cwd=ROOT, check=True)
        text = path.read_text(encoding="utf-8")
        path.write_text(f"{PREFIX}{digest}\n{text}", encoding="utf-8")


def stale() -> list[str]:
    digest, found = dependencies_digest(), []
    for path in lock_files().values():
        first = path.read_text(encoding="utf-8").split("\n", 1)[0] if path.exists() else ""
        if first != PREFIX + digest:
            found.append(str(path.relative_to(ROOT)))
    return found


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        if old := stale():
            print(
                f"{', '.join(old)}: older than pyproject.toml's dependencies. Run `make lock` "
                "and commit the result.",
                file=sys.stderr,
            )
            return 1
        return 0
    regenerate()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
