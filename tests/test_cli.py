"""The CLI: exit codes, the JSON contract, markdown rendering, bad inputs as one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from tests.conftest import EXAMPLES

BILINGUAL = EXAMPLES / "tianlan_q3_2025_bilingual.txt"
ENGLISH = EXAMPLES / "halvorsen_q3_2025.txt"

CLEAN = """Operator
Good morning and welcome to the Corvid Mining call.
Ada Pell - Chief Executive Officer
As of March 31, 2025, we operated four mines. Thank you.
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def clean_file(tmp_path: Path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_exit_0_when_nothing_at_or_above_fail_on(clean_file: Path):
    result = run("audit", str(clean_file), "--select", "dates")
    assert result.exit_code == 0, result.output
    assert "No findings." in result.output


def test_exit_1_on_error_finding_and_fail_on_levels():
    assert run("audit", str(ENGLISH), "--select", "dates").exit_code == 1
    assert run("audit", str(ENGLISH), "--select", "dates", "--fail-on", "never").exit_code == 0


def test_warning_threshold(tmp_path: Path):
    path = tmp_path / "w.txt"
    path.write_text("Ada Pell - CEO\nFor the second quarter ended September 30, 2025, sales rose.\n", encoding="utf-8")
    assert run("audit", str(path), "--select", "dates.period_mismatch").exit_code == 0
    assert run("audit", str(path), "--select", "dates.period_mismatch", "--fail-on", "warning").exit_code == 1


def test_json_contract():
    result = run("audit", str(BILINGUAL), "--format", "json", "--select", "dates", "--select", "layout")
    data = json.loads(result.output)
    assert data["version"] == 1
    assert set(data) == {"version", "findings", "summary"}
    keys = ["check", "severity", "confidence", "file", "line", "end_line", "speaker", "message", "evidence",
            "suggestion", "related", "rank"]
    assert data["findings"], "expected findings in the example"
    for f in data["findings"]:
        assert list(f) == keys
        assert f["severity"] in ("error", "warning", "info")
        assert 0 <= f["confidence"] <= 1
        assert isinstance(f["line"], int) and f["line"] >= 1 and f["end_line"] >= f["line"]
        for r in f["related"]:
            assert set(r) == {"line", "text"}
    assert [f["rank"] for f in data["findings"]] == list(range(1, len(data["findings"]) + 1))
    top = data["findings"][0]
    assert top["check"] == "dates.impossible" and top["line"] == 47 and top["end_line"] == 48
    assert top["speaker"] == "Shen Lixia"
    assert any(r["line"] == 45 for r in top["related"])
    summary = data["summary"]
    assert summary["by_severity"]["error"] >= 1 and summary["files"] == 1


def test_markdown_report_sections():
    out = run("audit", str(BILINGUAL), "--select", "dates").output
    assert out.startswith("# Transcript audit: tianlan_q3_2025_bilingual.txt\n")
    for heading in ("## Summary", "## Findings", "## Details"):
        assert heading in out
    assert re.search(r"\|\s+rank \| severity\s+\| line\s+\| speaker\s+\| check\s+\| message\s+\| suggestion", out)
    # side by side source and translation, and the related line
    assert "| source " in out and "| translation " in out
    assert "line 45:" in out
    assert "**Suggestion:** September 30, 2025" in out


def test_csv_format():
    out = run("audit", str(ENGLISH), "--format", "csv", "--select", "dates").output
    header, first = out.splitlines()[:2]
    assert header.startswith("rank,severity,confidence,check,file,line")
    assert ",dates.impossible," in first


def test_output_file_written_and_input_untouched(tmp_path: Path):
    source = tmp_path / "in.txt"
    source.write_bytes(ENGLISH.read_bytes())
    before = source.read_bytes()
    out = tmp_path / "reports" / "r.json"
    result = run("audit", str(source), "--format", "json", "--output", str(out), "--select", "dates")
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert source.read_bytes() == before
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_reports_are_byte_identical_across_runs():
    a = run("audit", str(BILINGUAL), "--format", "json").output
    b = run("audit", str(BILINGUAL), "--format", "json").output
    assert a == b
    assert run("audit", str(BILINGUAL)).output == run("audit", str(BILINGUAL)).output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("Operator\nCaf\xe9 cr\xe8me.\n".encode("latin-1"), "not UTF-8"),
        (b"just prose without any speaker\nand another line\n", "unrecognised layout"),
    ],
)
def test_bad_inputs_exit_2_with_one_line(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["audit", str(path)])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_missing_file_and_unknown_check_exit_2(tmp_path: Path):
    assert CliRunner().invoke(cli, ["audit", str(tmp_path / "nope.txt")]).exit_code == 2
    result = CliRunner().invoke(cli, ["audit", str(ENGLISH), "--select", "no.such.check"])
    assert result.exit_code == 2 and "unknown check" in result.stderr


def test_bilingual_missing_translation_is_a_finding_not_a_crash():
    result = run("audit", str(BILINGUAL), "--format", "json", "--select", "layout")
    findings = json.loads(result.output)["findings"]
    assert [(f["check"], f["line"]) for f in findings] == [("layout.line_pairing", 44)]


def test_checks_and_explain_commands():
    listing = run("checks").output
    assert "dates.impossible" in listing and "error" in listing
    text = run("explain", "dates.impossible").output
    assert "Anti-pattern" in text and "Best practice" in text
    assert CliRunner().invoke(cli, ["explain", "nope"]).exit_code == 2


def test_no_traceback_from_the_console_entry(tmp_path: Path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x00\x00")
    proc = subprocess.run([sys.executable, "-m", "auditor.cli", "audit", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
