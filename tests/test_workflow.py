"""Editorial workflow: configuration, baselines, SARIF/GitHub formats, batch runs, size limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.config import load_config
from auditor.errors import ConfigError
from tests.conftest import EXAMPLES

ENGLISH = EXAMPLES / "halvorsen_q3_2025.txt"
BILINGUAL = EXAMPLES / "tianlan_q3_2025_bilingual.txt"

DATED = """Operator
Welcome to the Corvid Mining call.
Ada Pell - Chief Executive Officer
As of June 30, 2025, we held US$41.5 million in cash.
Our position was strong as of June 31, so we kept buying back shares.
"""


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- configuration ----------------------------------------------------------------------------


def test_config_found_by_walking_up(tmp_path: Path):
    (tmp_path / "auditor.toml").write_text('ignore = ["dates.impossible"]\nfail-on = "warning"\n', encoding="utf-8")
    sub = tmp_path / "calls" / "2025"
    sub.mkdir(parents=True)
    call = sub / "call.txt"
    call.write_text(DATED, encoding="utf-8")
    config = load_config(start=call)
    assert config.ignore == ("dates.impossible",) and config.fail_on == "warning"
    result = invoke("audit", str(call), "--select", "dates", "--format", "json")
    assert json.loads(result.output)["findings"] == []
    assert result.exit_code == 0


def test_pyproject_tool_table_and_severity_override(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.auditor]\nselect = ["dates"]\n[tool.auditor.severity]\n"dates.impossible" = "warning"\n',
        encoding="utf-8",
    )
    call = tmp_path / "call.txt"
    call.write_text(DATED, encoding="utf-8")
    result = invoke("audit", str(call), "--format", "json")
    findings = json.loads(result.output)["findings"]
    assert [(f["check"], f["severity"]) for f in findings] == [("dates.impossible", "warning")]
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('fail_on = "warning"\n', "unknown config key 'fail_on'"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ('[severity]\n"dates.impossible" = "fatal"\n', "severity.dates.impossible"),
        ("select = [1, 2]\n", "'select' must be"),
        ("not toml at all [\n", "invalid TOML"),
    ],
)
def test_bad_config_is_an_error_naming_the_key(tmp_path: Path, content: str, message: str):
    (tmp_path / "auditor.toml").write_text(content, encoding="utf-8")
    call = tmp_path / "call.txt"
    call.write_text(DATED, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(start=call)
    result = CliRunner().invoke(cli, ["audit", str(call)])
    assert result.exit_code == 2 and message.split("'")[0] in result.stderr


# --- baseline ---------------------------------------------------------------------------------


def test_baseline_hides_accepted_findings_across_line_shifts(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(DATED, encoding="utf-8")
    base = tmp_path / "baseline.json"
    result = invoke("audit", str(call), "--select", "dates", "--write-baseline", str(base))
    assert result.exit_code == 0
    entries = json.loads(base.read_text(encoding="utf-8"))["entries"]
    assert [e["check"] for e in entries] == ["dates.impossible"]
    # an editor records why, then lines are inserted above the finding
    entries[0]["reason"] = "speaker's own words; kept verbatim"
    entries[0]["accepted_by"] = "desk editor"
    base.write_text(json.dumps({"version": 2, "entries": entries}), encoding="utf-8")
    call.write_text(DATED.replace("Operator\n", "Operator\nPlease stand by.\nThank you for waiting.\n", 1), encoding="utf-8")
    result = invoke("audit", str(call), "--select", "dates", "--baseline", str(base), "--format", "json")
    data = json.loads(result.output)
    assert data["findings"] == [] and result.exit_code == 0
    assert data["summary"]["baseline"] == {"suppressed": 1, "stale": []}
    # re-writing keeps the reason and who accepted it
    invoke("audit", str(call), "--select", "dates", "--write-baseline", str(base))
    kept = json.loads(base.read_text(encoding="utf-8"))["entries"][0]
    assert kept["reason"] == "speaker's own words; kept verbatim" and kept["accepted_by"] == "desk editor"


def test_baseline_reports_stale_entries(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(DATED, encoding="utf-8")
    base = tmp_path / "baseline.json"
    invoke("audit", str(call), "--select", "dates", "--write-baseline", str(base))
    call.write_text(DATED.replace("June 31", "June 30"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(call), "--select", "dates", "--baseline", str(base)])
    assert result.exit_code == 0
    assert "1 baseline entr(ies) no longer match" in result.stderr
    assert "1 entr(ies) no longer match" in result.output


def test_bad_baseline_file_exits_2(tmp_path: Path):
    base = tmp_path / "b.json"
    base.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(ENGLISH), "--baseline", str(base)])
    assert result.exit_code == 2 and "not an auditor baseline" in result.stderr


# --- formats for tools ------------------------------------------------------------------------


def test_sarif_report():
    data = json.loads(invoke("audit", str(BILINGUAL), "--format", "sarif", "--select", "dates").output)
    assert data["version"] == "2.1.0" and "sarif-2.1.0" in data["$schema"]
    run = data["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "dates.impossible" in rules and rules["dates.impossible"]["defaultConfiguration"]["level"] == "error"
    result = run["results"][0]
    assert result["ruleId"] == "dates.impossible" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (47, 48)
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "dates.impossible"
    assert 45 in [r["physicalLocation"]["region"]["startLine"] for r in result["relatedLocations"]]
    assert result["partialFingerprints"]["auditorFinding/v2"]


def test_github_annotations():
    out = invoke("audit", str(BILINGUAL), "--format", "github", "--select", "dates").output
    first = out.splitlines()[0]
    assert first.startswith("::error file=")
    assert "line=47,endLine=48,title=dates.impossible::" in first


def test_pre_commit_hook_definition_exists():
    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "auditor" and hooks[0]["entry"].startswith("auditor audit")


# --- batch ------------------------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(3):
        (folder / f"call_{i}.txt").write_text(DATED.replace("41.5", f"4{i}.5"), encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "bilingual.txt").write_bytes(BILINGUAL.read_bytes())
    return folder


def test_batch_is_identical_across_job_counts(archive: Path):
    one = invoke("audit", str(archive), "--format", "json", "--jobs", "1").output
    two = invoke("audit", str(archive), "--format", "json", "--jobs", "2").output
    assert one == two
    data = json.loads(one)
    assert data["summary"]["files"] == 4


def test_batch_goes_on_after_a_bad_file(archive: Path):
    (archive / "broken.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(cli, ["audit", str(archive), "--format", "json", "--jobs", "2"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 5
    assert [e["file"] for e in data["summary"]["errors"]] == [str(archive / "broken.txt")]
    assert data["findings"], "the good files were still audited"
    assert "binary" in result.stderr


def test_glob_and_output_dir(archive: Path, tmp_path: Path):
    out_dir = tmp_path / "out"
    result = invoke("audit", str(archive / "call_*.txt"), "--output-dir", str(out_dir), "--select", "dates")
    assert result.exit_code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["call_0.md", "call_1.md", "call_2.md"]
    assert "| file " in result.output  # the per-file summary table of the combined report
    assert "# Transcript audit: call_0.txt" in (out_dir / "call_0.md").read_text(encoding="utf-8")


def test_no_progress_bar_when_not_a_terminal(archive: Path):
    result = CliRunner().invoke(cli, ["audit", str(archive), "--select", "dates"])
    assert "auditing" not in result.stderr


# --- size limits ------------------------------------------------------------------------------


def test_oversized_file_is_refused(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("Operator\n")
        line = "Revenue was US$1.0 million this quarter and we remain confident. " * 20 + "\n"
        while fh.tell() < 21 * 1024 * 1024:
            fh.write(line)
    result = CliRunner().invoke(cli, ["audit", str(big)])
    assert result.exit_code == 2 and "MB" in result.stderr and "refused" in result.stderr


def test_one_huge_line_is_refused(tmp_path: Path):
    path = tmp_path / "line.txt"
    path.write_text("Operator\n" + "word " * 1_000_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(path)])
    assert result.exit_code == 2 and "characters long" in result.stderr
