"""DEPLOY.md lists every setting the code reads, each with the code's default."""

from __future__ import annotations

import re

from .deployfiles import ROOT
from .settings_catalog import settings_catalog, shown

ROW = re.compile(r"^\| `(TUBELENS_[A-Z0-9_]+)` \| `([^`]*)` \|")


def documented() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in (ROOT / "DEPLOY.md").read_text(encoding="utf-8").splitlines():
        if match := ROW.match(line):
            assert match.group(1) not in rows, f"{match.group(1)} is listed twice"
            rows[match.group(1)] = match.group(2)
    return rows


def test_every_setting_is_documented_and_nothing_else() -> None:
    catalog, rows = settings_catalog(), documented()
    assert sorted(set(catalog) - set(rows)) == [], "missing from DEPLOY.md"
    assert sorted(set(rows) - set(catalog)) == [], "in DEPLOY.md but not in the code"


def test_documented_defaults_are_the_codes() -> None:
    rows = documented()
    wrong = {
        env: (rows[env], shown(setting.default))
        for env, setting in settings_catalog().items()
        if env in rows and rows[env] != shown(setting.default)
    }
    assert wrong == {}
