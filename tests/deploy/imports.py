"""What a server imports, found by reading its source, and what its pyproject extra installs.

Together they show, without building an image, that `pip install -e ".[summary]"` is enough to
run the summary server: every library its code imports comes with that extra.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from functools import cache
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = ("tubelens", "services", "gateway", "web")


def _file_of(module: str) -> Path | None:
    base = ROOT / module.replace(".", "/")
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports_in(path: Path, module: str) -> set[str]:
    """Every module named by an import statement anywhere in the file (lazy imports too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # may name submodules
    return found


@cache
def _reachable(entry: str) -> tuple[frozenset[str], frozenset[str]]:
    """First-party files reachable from `entry`, and the other modules they import."""
    files: set[str] = set()
    external: set[str] = set()
    pending = [entry]
    seen: set[str] = set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        if module.split(".")[0] not in FIRST_PARTY:
            external.add(module)
            continue
        path = _file_of(module)
        if path is None:
            continue  # a name imported from a module, not a module itself
        files.add(path.relative_to(ROOT).as_posix())
        parts = module.split(".")
        pending += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent packages run
        pending += sorted(_imports_in(path, module))
    return frozenset(files), frozenset(external)


def first_party_modules(entry: str) -> set[str]:
    """Repository paths of every first-party module the entry module can import."""
    return set(_reachable(entry)[0])


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _top_level_index() -> dict[str, list[str]]:
    return metadata.packages_distributions()


@cache
def _distribution_of(module: str) -> str | None:
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return None
    candidates = _top_level_index().get(top, [])
    if len(candidates) > 1:  # a namespace package such as google.*: find who ships the path
        prefix = "/".join(module.split(".")[:2])
        candidates = [
            c for c in candidates if any(str(f).startswith(prefix) for f in metadata.files(c))
        ] or candidates
    return _normalize(candidates[0]) if candidates else f"<unknown module {module}>"


def third_party_distributions(entry: str) -> set[str]:
    """Distributions that provide what the entry module's first-party code imports."""
    external = _reachable(entry)[1]
    return {d for d in map(_distribution_of, sorted(external)) if d is not None}


def extra_distributions(extra: str) -> set[str]:
    """The base dependencies plus one extra, with everything they pull in (installed metadata)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    pending_extras, done_extras = [extra], set()
    while pending_extras:
        name = pending_extras.pop()
        done_extras.add(name)
        for requirement in map(Requirement, extras[name]):
            if _normalize(requirement.name) == _normalize(project["name"]):
                pending_extras += [e for e in requirement.extras if e not in done_extras]
            else:
                wanted.append(requirement)
    return _closure(tuple(wanted))


@cache
def _closure(requirements: tuple[Requirement, ...]) -> set[str]:
    wanted = list(requirements)
    closure: set[str] = set()
    while wanted:
        requirement = wanted.pop()
        name = _normalize(requirement.name)
        if name in closure:
            continue
        closure.add(name)
        for text in metadata.requires(requirement.name) or []:
            nested = Requirement(text)
            if nested.marker is None or nested.marker.evaluate({"extra": ""}):
                wanted.append(nested)
    return closure
