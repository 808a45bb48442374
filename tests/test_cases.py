"""Per-check YAML cases (sqlfluff style) and the proselint-style meta-test.

Every registered check must have a file `tests/cases/<check id>.yml` with at least one transcript
where it must fire and one realistic transcript where it must stay silent.

A case gives either `text` (a whole transcript, any layout) or header-less `en:` (and `zh:`)
paragraphs: one string or a list each, laid out as a transcript of one Operator turn, so an English
paragraph stands on line 3 and its translation on line 4 (line 2 without `zh:`). A case may carry
`config:`, the `[tool.auditor]` table (`glossary` lists names inline; `severity`, `words`, ...), and
`reference:`, reference documents written beside the case: one text (an HTML release when it starts
with "<", else a text release or participant list) or a table of file name -> content.
Expectations: `lines`, `severity`, `suggestion`, `related`, `count`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.config import Config, parse_config
from auditor.registry import canonical_id, registry
from auditor.testing import transcript_text
from tests.conftest import run_audit

CASES_DIR = Path(__file__).resolve().parent / "cases"


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _all_cases() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = _load(path)
        for mode in ("fire", "silent"):
            for case in data.get(mode) or []:
                out.append((data["check"], mode, case))
    return out


def test_every_check_has_fire_and_silent_cases():
    missing = []
    for check_id in registry():
        path = CASES_DIR / f"{check_id}.yml"
        if not path.exists():
            missing.append(f"{check_id}: no {path.name}")
            continue
        data = _load(path)
        assert data.get("check") == check_id, f"{path.name} declares check {data.get('check')!r}"
        if not data.get("fire"):
            missing.append(f"{check_id}: no case where it must fire")
        if not data.get("silent"):
            missing.append(f"{check_id}: no case where it must stay silent")
    assert not missing, "\n".join(missing)


def test_case_files_name_registered_checks():
    unknown = [p.name for p in CASES_DIR.glob("*.yml") if canonical_id(_load(p).get("check", "")) not in registry()]
    assert not unknown, f"case files for unregistered checks: {unknown}"


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def case_text(case: dict) -> str:
    """The transcript of a case: its `text`, or its `en`/`zh` paragraphs under one Operator header."""
    if "text" in case:
        return case["text"]
    return transcript_text(_as_list(case["en"]), _as_list(case["zh"]) if "zh" in case else None)


def case_config(case: dict, folder: Path) -> Config | None:
    """The case's `config:` table as a Config; inline glossary names are written to a file first."""
    raw = dict(case.get("config") or {})
    if "reference" in case:
        refs = case["reference"]
        if isinstance(refs, str):
            refs = {"release.html" if refs.lstrip().startswith("<") else "release.txt": refs}
        for name, content in refs.items():
            (folder / name).write_text(content, encoding="utf-8")
        raw["reference"] = list(refs)
    if not raw:
        return None
    if "glossary" in raw:
        glossary = folder / "glossary.txt"
        glossary.write_text("\n".join(_as_list(raw["glossary"])) + "\n", encoding="utf-8")
        raw["glossary"] = [glossary.name]
    return parse_config(raw, folder / "auditor.toml")


@pytest.mark.parametrize(
    ("check_id", "mode", "case"),
    _all_cases(),
    ids=[f"{c}:{m}:{case['name']}" for c, m, case in _all_cases()],
)
def test_case(check_id: str, mode: str, case: dict, tmp_path: Path):
    report = run_audit(case_text(case), checks=[check_id], layout=case.get("layout"), config=case_config(case, tmp_path))
    found = [f for f in report.findings if f.check == check_id]
    crashed = [f for f in report.findings if f.check == "internal.check_failed"]
    assert not crashed, crashed[0].evidence
    if mode == "silent":
        assert not found, "must stay silent but found: " + "; ".join(f"line {f.line}: {f.message}" for f in found)
        return
    assert found, "must fire but found nothing"
    if "lines" in case:
        on_lines = [f for f in found if f.line in case["lines"] or f.last_line in case["lines"]]
        assert on_lines, f"expected a finding on lines {case['lines']}, got lines {[f.line for f in found]}"
        found = on_lines
    if "severity" in case:
        assert any(f.severity.value == case["severity"] for f in found), [f.severity.value for f in found]
    if "suggestion" in case:
        assert any(case["suggestion"] in (f.suggestion or "") for f in found), [f.suggestion for f in found]
    if "related" in case:
        assert any(case["related"] in [r.line for r in f.related] for f in found), [f.related for f in found]
    if "count" in case:
        assert len(found) == case["count"], [f"line {f.line}: {f.message}" for f in found]
