"""The registry: explicit built-ins, plugins, and check ids renamed without breaking users (aliases)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from auditor import registry as registry_module
from auditor.baseline import build_baseline, load_baseline
from auditor.check import ParagraphCheck
from auditor.config import parse_config
from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript
from tests.conftest import run_audit


class ShoutedFigures(ParagraphCheck):
    """Figures written in capitals.

    Anti-pattern: "REVENUE WAS RMB2.1 BILLION".

    Best practice: figures are in sentence case.
    """

    id = "style.shouted_figures"
    title = "Figures written in capitals"
    severity = Severity.INFO
    groups = ("style",)
    aliases = ("style.capitals",)

    def check_paragraph(self, paragraph: Paragraph, transcript: Transcript) -> Iterator[Finding]:
        if paragraph.quantities and paragraph.text.isupper():
            yield self.finding(transcript, paragraph.line, "This paragraph is in capitals.", paragraph.text)


TEXT = "Operator\nREVENUE WAS RMB2.1 BILLION.\n"


@pytest.fixture
def with_plugin(monkeypatch):
    monkeypatch.setattr(registry_module, "plugin_checks", lambda: [ShoutedFigures])
    monkeypatch.setattr(registry_module, "_REGISTRY", None)
    monkeypatch.setattr(registry_module, "_ALIASES", {})
    yield
    registry_module._REGISTRY = None


def test_builtins_are_listed_explicitly():
    from auditor.checks import BUILTIN_CHECKS

    assert list(registry_module.builtin_checks()) == list(BUILTIN_CHECKS)
    assert len({c.id for c in BUILTIN_CHECKS}) == len(BUILTIN_CHECKS)


def test_a_paragraph_check_implements_one_method(with_plugin):
    report = run_audit(TEXT, checks=["style"])
    assert [(f.check, f.line) for f in report.findings] == [("style.shouted_figures", 2)]


def test_a_former_id_still_selects_ignores_and_overrides(with_plugin):
    assert [f.check for f in run_audit(TEXT, checks=["style.capitals"]).findings] == ["style.shouted_figures"]
    config = parse_config({"severity": {"style.capitals": "error"}})
    report = run_audit(TEXT, checks=["style.shouted_figures"], config=config)
    assert report.findings[0].severity is Severity.ERROR
    assert not run_audit(TEXT, checks=["style"], config=parse_config({"ignore": ["style.capitals"]})).findings


def test_a_baseline_written_under_a_former_id_still_matches(with_plugin, tmp_path):
    from auditor.api import audit

    call = tmp_path / "call.txt"
    call.write_text(TEXT, encoding="utf-8")
    report = audit([call], checks=["style"])
    renamed = [f.with_changes(check="style.capitals") for f in report.findings]
    baseline = tmp_path / "accepted.json"
    baseline.write_text(build_baseline(renamed), encoding="utf-8")
    again = audit([call], checks=["style"], baseline=load_baseline(baseline))
    assert not again.findings and again.baseline is not None and again.baseline.suppressed == 1
