"""Regression tests for bugs found in review: each reproduces one failure through the CLI or parser."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from auditor.dates import find_dates
from auditor.headers import parse_header
from auditor.reader import parse_text
from tests.conftest import EXAMPLES

ENGLISH = EXAMPLES / "halvorsen_q3_2025.txt"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_output_may_not_overwrite_the_input(tmp_path: Path):
    source = tmp_path / "v.txt"
    source.write_bytes(ENGLISH.read_bytes())
    for flag in ("--output", "--write-baseline"):
        result = invoke("audit", str(source), flag, str(source))
        assert result.exit_code == 2 and "input file" in result.stderr
    assert source.read_bytes() == ENGLISH.read_bytes()


def test_sentences_with_a_dash_are_not_speaker_headers():
    for line in ("Great - thanks, John. As of June 30, 2025 cash was $5 million.", "Okay - thank you.",
                 "Sure - go ahead.", "Yes - that's right, and margins improved.", "Revenue - as we said - grew."):
        assert parse_header(line) is None, line
    for line, name, role in (("Jane Roe - Chief Financial Officer", "Jane Roe", "Chief Financial Officer"),
                             ("Bo Lind - Analyst, Northgate Securities Co.", "Bo Lind", "Analyst, Northgate Securities Co.")):
        header = parse_header(line)
        assert header is not None and (header.name, header.role) == (name, role)


def test_deeply_nested_json_is_an_input_error_in_serial_and_parallel(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (folder / "good.txt").write_bytes(ENGLISH.read_bytes())
    outputs = []
    for jobs in ("1", "2"):
        result = invoke("audit", str(folder), "--format", "json", "--jobs", jobs, "--select", "dates")
        assert result.exit_code == 2
        outputs.append(result.stdout)
        data = json.loads(result.stdout)
        assert data["findings"] and len(data["summary"]["errors"]) == 1
    assert outputs[0] == outputs[1]


def test_missing_model_with_jobs_is_one_line(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(ENGLISH.read_bytes())
    b.write_bytes(ENGLISH.read_bytes())
    result = invoke("audit", str(a), str(b), "--model", "no_such_pipeline_xyz", "--jobs", "2")
    assert result.exit_code == 2
    assert "not installed" in result.stderr and "Traceback" not in result.stderr


def test_baseline_rewritten_with_itself_keeps_every_entry(tmp_path: Path):
    base = tmp_path / "b.json"
    invoke("audit", str(ENGLISH), "--write-baseline", str(base))
    first = json.loads(base.read_text(encoding="utf-8"))["entries"]
    invoke("audit", str(ENGLISH), "--baseline", str(base), "--write-baseline", str(base))
    assert len(json.loads(base.read_text(encoding="utf-8"))["entries"]) == len(first)
    result = invoke("audit", str(ENGLISH), "--baseline", str(base), "--format", "json")
    assert json.loads(result.stdout)["findings"] == [] and result.exit_code == 0


def test_iso_month_13_is_not_a_date_and_does_not_crash():
    assert find_dates("As of 2025-13-45 we had cash.") == []
    text = "Jane Roe - CFO\nAs of 2025-13-45 cash rose. On 2025-02-30 we met. As of September 31, 2025 too.\n"
    from auditor.api import audit_text

    checks = [f.check for f in audit_text(text, checks=["dates"]).findings]
    assert "internal.check_failed" not in checks and checks.count("dates.impossible") == 2


def test_per_file_report_names_never_collide(tmp_path: Path):
    folder = tmp_path / "coll"
    folder.mkdir()
    (folder / "call.txt").write_bytes(ENGLISH.read_bytes())
    turns = [{"speaker": "Jane Roe", "role": "CFO", "text": "As of June 31, 2025 we held cash."}]
    (folder / "call.json").write_text(json.dumps(turns), encoding="utf-8")
    out = tmp_path / "out"
    invoke("audit", str(folder), "--output-dir", str(out), "--format", "json", "--select", "dates")
    assert len(list(out.iterdir())) == 2


def test_json_line_numbers_do_not_depend_on_key_order():
    raw = '[\n  {\n    "text": "As of June 31, 2025 we held cash.",\n    "speaker": "Jane Roe",\n    "role": "CFO"\n  }\n]\n'
    t = parse_text(raw, "k.json")
    assert t.paragraphs[0].line == 3 and t.turns[0].header_line == 4


def test_reports_are_readable_by_others(tmp_path: Path):
    out = tmp_path / "r.md"
    invoke("audit", str(ENGLISH), "--output", str(out), "--select", "dates")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_missing_glossary_and_unknown_severity_key_exit_2(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_bytes(ENGLISH.read_bytes())
    (tmp_path / "auditor.toml").write_text('glossary = ["nope.txt"]\n', encoding="utf-8")
    result = invoke("audit", str(call))
    assert result.exit_code == 2 and "nope.txt" in result.stderr
    (tmp_path / "auditor.toml").write_text('[severity]\n"no.such" = "info"\n', encoding="utf-8")
    result = invoke("audit", str(call))
    assert result.exit_code == 2 and "no.such" in result.stderr


def test_rerun_with_output_dir_inside_the_input_folder(tmp_path: Path):
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ENGLISH.read_bytes())
    for _ in range(2):
        result = invoke("audit", str(folder), "--output-dir", str(folder / "reports"), "--format", "json")
        assert result.exit_code == 1, result.stderr


def test_bracketed_first_line_is_text_not_json():
    t = parse_text("[Transcript begins]\nOperator\nWelcome to the call.\n", "t.txt")
    assert t.layout == "english"


def test_bilingual_header_without_its_pair_is_a_layout_finding():
    text = "Operator\nOperator\nWelcome.\n歡迎。\nJane Roe - CFO\nRevenue rose.\n營收成長。\n"
    t = parse_text(text, "b.txt")
    assert [(i.kind, i.line) for i in t.layout_issues] == [("unpaired_header", 5)]
