"""Runner isolation, ranking and de-duplication, the Python API."""

from __future__ import annotations

import auditor
from auditor.config import Config
from auditor.findings import Finding, Severity
from auditor.ranking import rank
from auditor.reader import parse_text
from auditor.registry import Check, registry
from auditor.runner import run_checks
from tests.conftest import ENGLISH_TEXT


class Exploding(Check):
    """Raises on purpose."""

    id = "test.exploding"
    title = "explodes"

    def run(self, transcript):
        raise RuntimeError("boom")


class Quiet(Check):
    """Finds one thing."""

    id = "test.quiet"
    title = "one finding"

    def run(self, transcript):
        yield self.finding(transcript, 2, "Something.", "evidence", confidence=0.5)


def test_crashing_check_is_isolated():
    transcript = parse_text(ENGLISH_TEXT, "t.txt")
    result = run_checks(transcript, [Exploding, Quiet], Config())
    checks = [f.check for f in result.findings]
    assert checks == ["internal.check_failed", "test.quiet"]
    failed = result.findings[0]
    assert "test.exploding" in failed.message and "RuntimeError: boom" in failed.evidence


def test_severity_override_from_config():
    transcript = parse_text(ENGLISH_TEXT, "t.txt")
    result = run_checks(transcript, [Quiet], Config(severity={"test.quiet": Severity.ERROR}))
    assert result.findings[0].severity is Severity.ERROR


def _f(check: str, line: int, severity: Severity, confidence: float, evidence: str = "e", related=()) -> Finding:
    return Finding(check=check, severity=severity, confidence=confidence, file="f", line=line,
                   message=f"{check} at {line}", evidence=evidence, related=related)


def test_ranking_orders_by_score_and_merges_duplicates():
    from auditor.findings import Related

    findings = [
        _f("a.info", 3, Severity.INFO, 0.9),
        _f("b.err", 10, Severity.ERROR, 0.9, evidence="same span"),
        _f("b.warn", 10, Severity.WARNING, 0.9, evidence="Same  span"),  # same family, same span: merged
        _f("c.warn", 10, Severity.WARNING, 0.9, evidence="same span"),  # another family: kept
        _f("d.warn", 5, Severity.WARNING, 0.5, related=(Related(10, "x"),)),
    ]
    ranked = rank(findings)
    assert [r.finding.check for r in ranked] == ["b.err", "c.warn", "d.warn", "a.info"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    groups = {r.finding.check: r.group for r in ranked}
    assert groups["b.err"] == groups["d.warn"] != groups["a.info"]


def test_weights_change_the_order():
    findings = [_f("x", 1, Severity.WARNING, 0.8), _f("y", 2, Severity.WARNING, 0.8)]
    ranked = rank(findings, {"y": 2.0})
    assert [r.finding.check for r in ranked] == ["y", "x"]


def test_python_api_returns_dataframe_and_model(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(ENGLISH_TEXT.replace("June 30", "June 31"), encoding="utf-8")
    report = auditor.audit([path], checks=["dates"])
    frame = report.dataframe
    assert list(frame["check"]) == ["dates.impossible"]
    assert list(frame.columns[:3]) == ["rank", "score", "group"] and list(frame["rank"]) == [1]
    assert report.transcript.turns[0].speaker == "Operator"
    assert report.summary()["by_severity"]["error"] == 1


def test_registry_entries_are_documented():
    for cid, cls in registry().items():
        assert cls.id == cid and "." in cid
        assert cls.title, cid
        assert "Anti-pattern" in cls.doc() and "Best practice" in cls.doc(), cid
