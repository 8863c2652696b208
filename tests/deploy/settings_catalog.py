"""Every TUBELENS_* variable the code reads, found in its pydantic-settings classes.

`python -m tests.deploy.settings_catalog` prints them as the Markdown table DEPLOY.md carries;
tests use the same catalogue to check that the deployment files name only real settings.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from tubelens.settings import ENV_PREFIX

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tubelens", "services", "gateway", "web")
SKIP = ("tubelens/v1/", "tubelens/cli/")


@dataclass(frozen=True, slots=True)
class Setting:
    env: str  # the variable, e.g. TUBELENS_PORT
    default: object
    owner: str  # module.Class that declares it


def _modules_declaring_settings() -> list[str]:
    """Modules whose source defines a class deriving from BaseSettings (directly or not)."""
    modules = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(SKIP) or "Settings" not in path.read_text(encoding="utf-8"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if any(isinstance(node, ast.ClassDef) and node.bases for node in tree.body):
                modules.append(relative.removesuffix(".py").replace("/", "."))
    return modules


def _env_names(cls: type[BaseSettings], field: str) -> list[str]:
    info = cls.model_fields[field]
    alias = info.validation_alias
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices if str(choice).startswith(ENV_PREFIX)]
    if isinstance(alias, str):
        return [alias.upper()]
    return [f"{cls.model_config.get('env_prefix', '')}{field}".upper()]


def settings_catalog() -> dict[str, Setting]:
    """TUBELENS_* name -> setting; a name inherited by subclasses keeps its first declarer."""
    catalog: dict[str, Setting] = {}
    for module_name in _modules_declaring_settings():
        module = importlib.import_module(module_name)
        for cls in vars(module).values():
            if not (isinstance(cls, type) and issubclass(cls, BaseSettings)):
                continue
            if cls.__module__ != module_name or cls is BaseSettings:
                continue
            if not str(cls.model_config.get("env_prefix", "")).startswith(ENV_PREFIX):
                continue
            for field, info in cls.model_fields.items():
                for env in _env_names(cls, field):
                    owner = f"{module_name}.{cls.__name__}"
                    catalog.setdefault(env, Setting(env, info.get_default(), owner))
    return dict(sorted(catalog.items()))


def shown(default: object) -> str:
    if default is None or default == "" or default == {}:
        return "(unset)"
    if isinstance(default, tuple) and default and all(isinstance(p, Path) for p in default):
        return ", ".join(shown(path) for path in default)  # a list of directories
    if isinstance(default, Path):
        return "the repository's samples/" if default.name == "samples" else str(default)
    return str(default)


if __name__ == "__main__":
    print("| variable | default | declared in |")
    print("|---|---|---|")
    for setting in settings_catalog().values():
        print(f"| `{setting.env}` | `{shown(setting.default)}` | `{setting.owner}` |")
