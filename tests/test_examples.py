"""The bundled examples: every planted error is found, nothing else is flagged above info, and the
expected reports shipped in examples/expected/ are what the auditor prints today."""

from __future__ import annotations

import os
import tomllib
from functools import cache

import pytest
from auditor.reports import render

from auditor.api import audit
from auditor.config import Config
from tests.conftest import EXAMPLES, ROOT

LEVEL = {"info": 0, "warning": 1, "error": 2}
PLANTED = tomllib.loads((EXAMPLES / "planted.toml").read_text(encoding="utf-8"))["error"]
FILES = sorted({p["file"] for p in PLANTED})


@cache
def report_for(name: str):
    return audit([EXAMPLES / name], config=Config())


@pytest.mark.parametrize("planted", PLANTED, ids=[f"{p['file']}:{p['lines'][0]}:{p['family']}" for p in PLANTED])
def test_planted_error_is_found(planted):
    report = report_for(planted["file"])
    hits = [
        f for f in report.findings
        if f.check.startswith(planted["family"] + ".")
        and (f.line in planted["lines"] or f.last_line in planted["lines"])
        and LEVEL[f.severity.value] >= LEVEL[planted["severity"]]
    ]
    assert hits, f"not found: {planted['what']}"


@pytest.mark.parametrize("name", FILES)
def test_nothing_unplanted_above_info(name):
    planted = [p for p in PLANTED if p["file"] == name]
    stray = []
    for f in report_for(name).findings:
        if f.severity.value == "info":
            continue
        if not any(f.check.startswith(p["family"] + ".") and (f.line in p["lines"] or f.last_line in p["lines"])
                   for p in planted):
            stray.append(f"line {f.line} {f.check}: {f.message}")
    assert not stray, "\n".join(stray)


def test_bilingual_example_ranks_the_date_error_near_the_top():
    ranked = report_for("tianlan_q3_2025_bilingual.txt").findings
    top = [f.check for f in ranked[:8]]
    assert "dates.impossible" in top


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", "md"), ("json", "json")])
def test_expected_reports_are_current(name, fmt, suffix):
    """Regenerate with: python examples/make_expected.py"""
    expected = (EXAMPLES / "expected" / f"{name.rsplit('.', 1)[0]}.{suffix}").read_text(encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(ROOT)  # reports name files as given on the command line: examples/<name>
    try:
        actual = render(audit([f"examples/{name}"], config=Config()), fmt)
    finally:
        os.chdir(cwd)
    assert actual == expected, f"examples/expected is stale for {name} ({fmt}): run python examples/make_expected.py"
