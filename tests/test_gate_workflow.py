"""Hardening the gate, continued: baseline scope, invisible characters, linear time, the pre-commit
hook, the language pair, and the conventions users of ruff and Vale expect.

Transcripts are fictional (Brindle Shipping, Mara Voss, Theo Lund).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.api import audit, audit_text
from auditor.cli import cli
from auditor.config import parse_config
from auditor.reader import parse_text
from auditor.textutil import original_offset, remove_characters
from tests.conftest import EXAMPLES, ROOT

BILINGUAL = EXAMPLES / "tianlan_q3_2025_bilingual.txt"

CALL = """Operator
Good morning and welcome to the Brindle Shipping third quarter call.
Mara Voss - Chief Financial Officer
As of June 30, 2025, cash stood at US$18.2 million.
Our balance sheet was strong as of June 31, so we bought back shares.
"""


def invoke(*args: str, input: str | None = None):  # noqa: A002 - click's name
    return CliRunner().invoke(cli, list(args), input=input)


# --- 4. baseline keyed by path ----------------------------------------------------------------


def test_a_finding_accepted_in_one_folder_stays_reported_in_another(tmp_path: Path):
    (tmp_path / "auditor.toml").write_text("", encoding="utf-8")  # the project root
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "call.txt").write_text(CALL, encoding="utf-8")
    base = tmp_path / "accepted.json"
    assert invoke("audit", str(tmp_path / "a" / "call.txt"), "--select", "dates", "--write-baseline", str(base)).exit_code == 0
    entry = json.loads(base.read_text(encoding="utf-8"))["entries"][0]
    assert entry["file"] == "a/call.txt"
    result = invoke("audit", str(tmp_path / "a"), str(tmp_path / "b"), "--select", "dates", "--baseline", str(base),
                    "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [Path(f["file"]).parent.name for f in findings] == ["b"] and result.exit_code == 1


def test_the_fingerprint_does_not_depend_on_the_working_folder_and_sarif_carries_it(tmp_path: Path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'desk'\n", encoding="utf-8")
    (tmp_path / "calls").mkdir()
    call = tmp_path / "calls" / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    base = tmp_path / "accepted.json"
    monkeypatch.chdir(tmp_path)
    invoke("audit", "calls/call.txt", "--select", "dates", "--write-baseline", str(base))
    fingerprint = json.loads(base.read_text(encoding="utf-8"))["entries"][0]["fingerprint"]
    monkeypatch.chdir(tmp_path / "calls")
    sarif = json.loads(invoke("audit", "call.txt", "--select", "dates", "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["partialFingerprints"] == {"auditorFinding/v2": fingerprint}
    result = invoke("audit", "call.txt", "--select", "dates", "--baseline", str(base), "--format", "json")
    assert json.loads(result.stdout)["findings"] == [] and result.exit_code == 0


def test_a_version_1_baseline_is_refused_clearly_and_rewriting_keeps_its_reasons(tmp_path: Path):
    from auditor.baseline import legacy_fingerprint
    from auditor.findings import Finding

    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    found = audit([call], checks=["dates"]).findings[0]
    assert isinstance(found, Finding)
    old = {"version": 1, "entries": [{"fingerprint": legacy_fingerprint(found), "check": found.check, "file": "call.txt",
                                      "evidence": found.evidence, "message": found.message,
                                      "reason": "quoted as spoken", "accepted_by": "desk editor"}]}
    base = tmp_path / "accepted.json"
    base.write_text(json.dumps(old), encoding="utf-8")
    result = invoke("audit", str(call), "--baseline", str(base))
    assert result.exit_code == 2 and "version 1" in result.stderr and "--write-baseline" in result.stderr
    assert invoke("audit", str(call), "--select", "dates", "--write-baseline", str(base)).exit_code == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["entries"][0]["reason"] == "quoted as spoken"


def test_stale_entries_are_one_summary_line(tmp_path: Path):
    call = tmp_path / "call.txt"
    question = "Theo Lund - Analyst, Harbor Securities\nDid the buyback start on April 31?\n"
    call.write_text(CALL + question, encoding="utf-8")
    base = tmp_path / "accepted.json"
    invoke("audit", str(call), "--select", "dates", "--write-baseline", str(base))
    assert len(json.loads(base.read_text(encoding="utf-8"))["entries"]) == 2
    call.write_text(CALL.replace("June 31", "June 30") + question.replace("April 31", "April 30"), encoding="utf-8")
    result = invoke("audit", str(call), "--select", "dates", "--baseline", str(base))
    assert [ln for ln in result.stderr.splitlines() if ln] == [
        "auditor: 2 baseline entr(ies) no longer match any finding (listed in the report); re-write the baseline to drop them"]


# --- 5. invisible characters ------------------------------------------------------------------


def test_a_zero_width_space_does_not_hide_an_impossible_date(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(CALL.replace("June 31", "June 3\u200b1"), encoding="utf-8")
    data = json.loads(invoke("audit", str(call), "--format", "json", "--select", "dates,layout").stdout)
    by_check = {f["check"]: f for f in data["findings"]}
    assert by_check["dates.impossible"]["line"] == 5
    assert "\u200b" not in by_check["dates.impossible"]["evidence"]
    hidden = by_check["layout.hidden_character"]
    assert hidden["line"] == 5 and "column 42" in hidden["message"] and "⟦U+200B⟧" in hidden["evidence"]


def test_a_bidi_override_does_not_hide_damaged_boilerplate_and_is_an_error():
    text = "Operator\nThis concludes the call. You may not \u202edisconnect\u202c.\n"
    findings = audit_text(text, checks=["boilerplate", "layout"]).findings
    assert "boilerplate.deviation" in [f.check for f in findings]
    assert [f.severity.value for f in findings if f.check == "layout.hidden_character"] == ["error", "error"]


def test_a_zero_width_character_in_a_header_keeps_the_speaker():
    transcript = parse_text(CALL.replace("Mara Voss", "Mara\u200d Voss"), "call.txt")
    assert [t.speaker for t in transcript.turns] == ["Operator", "Mara Voss"]
    assert [(h.line, h.column, h.codepoint) for h in transcript.hidden_characters] == [(3, 5, "U+200D")]


def test_bidi_marks_at_line_ends_do_not_break_line_pairing():
    lines = BILINGUAL.read_text(encoding="utf-8").splitlines()
    marked = "\n".join(line + "\u200f" if line.strip() else line for line in lines) + "\n"
    plain = audit_text("\n".join(lines) + "\n", checks=["layout.line_pairing"]).findings
    findings = audit_text(marked, checks=["layout"]).findings
    assert [f.line for f in findings if f.check == "layout.line_pairing"] == [f.line for f in plain]
    assert len([f for f in findings if f.check == "layout.hidden_character"]) == len([ln for ln in lines if ln.strip()])


def test_the_project_itself_holds_no_invisible_character():
    from auditor.reader import invisible_characters
    from auditor.words import default_words

    invisible = invisible_characters(default_words())
    sources = [*ROOT.glob("auditor/**/*.py"), *ROOT.glob("checks/**/*.py"), *ROOT.glob("reports/*.py"),
               *ROOT.glob("auditor/data/*.toml"), ROOT / "README.md"]
    bad = [str(p.relative_to(ROOT)) for p in sources if invisible & set(p.read_text(encoding="utf-8"))]
    assert not bad, bad


def test_removed_characters_map_back_to_their_original_columns():
    clean, removed = remove_characters("a\u200bb\u200e\u200ecd", frozenset("\u200b\u200e"))
    assert clean == "abcd" and removed == [1, 3, 4]
    assert [original_offset(removed, i) for i in range(4)] == [0, 2, 5, 6]


# --- 6. linear time on pathological lines -----------------------------------------------------


@pytest.mark.parametrize("run", ["(" * 195_000, "( " * 90_000, ")" * 150_000, "." * 190_000])
def test_long_runs_of_punctuation_are_audited_in_linear_time(tmp_path: Path, run: str):
    call = tmp_path / "call.txt"
    call.write_text(f"Operator\nWelcome.\nMara Voss - CFO\nRevenue rose. {run}\n", encoding="utf-8")
    audit_text("Operator\nWarm-up.\n")  # spaCy loaded before the clock starts
    start = time.perf_counter()
    result = invoke("audit", str(call), "--format", "json")
    assert time.perf_counter() - start < 20, "pathological line took too long"
    assert result.exit_code in (0, 1), result.stderr


def test_the_tokenizer_sees_the_same_text_cut_into_pieces():
    from auditor.nlp import _make_doc, get_pipeline

    nlp = get_pipeline("en")
    for text in ("a " + "(" * 300 + " b", "x" * 70, " lead " + "y" * 65 + "  tail "):
        assert _make_doc(nlp, text).text == text


# --- 9. the pre-commit hook, for real ---------------------------------------------------------


def test_the_readme_pins_a_commit_not_a_tag_that_does_not_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "rev: v0.1.0" not in readme and "autoupdate --freeze" in readme


@pytest.mark.skipif(shutil.which("pre-commit") is None and not (ROOT / ".venv" / "bin" / "pre-commit").exists(),
                    reason="pre-commit is not installed (it is in the test extra)")
def test_the_hook_passes_on_a_repository_of_other_files_and_fails_on_a_bad_transcript(tmp_path: Path, request):
    pre_commit = shutil.which("pre-commit") or str(ROOT / ".venv" / "bin" / "pre-commit")
    repo = tmp_path / "desk"
    repo.mkdir()
    git = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    (repo / "requirements.txt").write_text("requests==2.32.0\n", encoding="utf-8")
    (repo / "package.json").write_text('{"name": "desk", "version": "1.0.0"}\n', encoding="utf-8")
    (repo / "notes.txt").write_text("Remember to file the quarterly report.\n", encoding="utf-8")
    (repo / "brindle_q3.txt").write_text(CALL.replace("June 31", "June 30"), encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "desk"], cwd=repo, check=True)
    # the hook's environment is installed once per commit of this repository and kept across runs
    env = {**os.environ, "PRE_COMMIT_HOME": str(request.config.cache.mkdir("pre-commit-home"))}
    command = [pre_commit, "try-repo", str(ROOT), "auditor", "--all-files", "--verbose"]
    passed = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout and "Found 0 finding(s) in 1 file(s)." in passed.stdout
    assert "skipped 3 file(s) that are not transcripts" in passed.stdout
    (repo / "brindle_q3.txt").write_text(CALL, encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "a typo"], cwd=repo, check=True)
    failed = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "brindle_q3.txt:5: error [dates.impossible]" in failed.stdout


# --- 10. the language pair --------------------------------------------------------------------


def test_an_english_only_pair_turns_translation_checks_off_and_a_script_is_honoured():
    both = audit([BILINGUAL], checks=["translation"])
    english = audit([BILINGUAL], checks=["translation"], config=parse_config({"language-pair": "en"}))
    assert both.findings and english.findings == []
    simplified = audit([BILINGUAL], checks=["dates"], config=parse_config({"language-pair": "en-zh-hans"}))
    assert both.transcript is not None and both.transcript.target_lang == "zh-Hant"
    assert simplified.transcript is not None and simplified.transcript.target_lang == "zh-Hans"


# --- 11. smaller ------------------------------------------------------------------------------


def test_the_summary_does_not_count_refused_files_as_audited(tmp_path: Path):
    (tmp_path / "good.txt").write_text(CALL, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    result = invoke("audit", str(tmp_path), "--select", "dates")
    assert result.exit_code == 2 and "in 1 file(s) (1 more could not be read)" in result.stdout


def test_selecting_nothing_warns(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    result = invoke("audit", str(call), "--select", "dates", "--ignore", "dates")
    assert "warning: no check is selected" in result.stderr and result.exit_code == 0


def test_explain_takes_a_family_prefix():
    result = invoke("explain", "dates")
    assert result.exit_code == 0 and "dates.impossible:" in result.output and "dates.period_mismatch:" in result.output
    assert invoke("explain", "nosuchfamily").exit_code == 2


def test_the_markdown_report_renders_transcript_text_literally(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(CALL.replace("so we bought back shares.",
                                 "see <img src=x onerror=alert(1)> and [our site](https://brindle.example) *now*."),
                    encoding="utf-8")
    out = invoke("audit", str(call), "--select", "dates").stdout
    assert "dates.impossible" in out
    assert "<img" not in out and "](https://" not in out and "https://" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out and "\\[our site\\]" in out and "\\*now\\*" in out


def test_coverage_keys_have_one_naming_style():
    coverage = audit([BILINGUAL]).summary()["coverage"]
    keys = {key for counts in coverage.values() for key in counts}
    assert keys and all(re.fullmatch(r"[a-z0-9_]+", key) for key in keys), keys


def test_a_plugin_that_reuses_a_builtin_id_is_warned_about(monkeypatch):
    from auditor import api
    from auditor import registry as registry_module
    from auditor.registry import builtin_checks

    class Impostor(builtin_checks()[0]):  # type: ignore[misc,valid-type]
        pass

    monkeypatch.setattr(registry_module, "plugin_checks", lambda: [Impostor])
    api.shadowed_plugins.cache_clear()
    try:
        with pytest.warns(api.AuditorWarning, match="reuses a built-in id"):
            audit_text(CALL, checks=["dates"])
    finally:
        api.shadowed_plugins.cache_clear()


def test_sarif_uris_are_percent_encoded(tmp_path: Path):
    call = tmp_path / "q3 call #1.txt"
    call.write_text(CALL, encoding="utf-8")
    sarif = json.loads(invoke("audit", str(call), "--select", "dates", "--format", "sarif").stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/q3%20call%20%231.txt")


# --- 12. conventions --------------------------------------------------------------------------


def test_exit_zero_statistics_quiet_and_comma_separated_select(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    assert invoke("audit", str(call), "--select", "dates,layout").exit_code == 1
    assert invoke("audit", str(call), "--select", "dates", "--exit-zero").exit_code == 0
    stats = invoke("audit", str(call), "--select", "dates", "--statistics")
    assert stats.stdout.splitlines()[0].split()[:3] == ["1", "dates.impossible", "error"]
    quiet = invoke("audit", str(call), "--select", "dates", "--ignore", "dates", "-q")
    assert quiet.stderr == ""


def test_per_file_ignores_in_config(tmp_path: Path):
    (tmp_path / "auditor.toml").write_text('[per-file-ignores]\n"archive/*.txt" = ["dates"]\n', encoding="utf-8")
    for folder in ("archive", "current"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "call.txt").write_text(CALL, encoding="utf-8")
    data = json.loads(invoke("audit", str(tmp_path / "archive"), str(tmp_path / "current"), "--select", "dates",
                             "--format", "json").stdout)
    assert [Path(f["file"]).parent.name for f in data["findings"]] == ["current"]
    (tmp_path / "auditor.toml").write_text('[per-file-ignores]\n"*.txt" = ["no.such"]\n', encoding="utf-8")
    assert "no.such" in invoke("audit", str(tmp_path / "archive")).stderr


def test_the_concise_format_is_one_line_per_finding_coloured_only_on_a_terminal(tmp_path: Path, monkeypatch):
    from auditor import cli as cli_module

    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    out = invoke("audit", str(call), "--select", "dates", "--format", "concise").stdout
    assert out == f"{call}:5: error [dates.impossible] 'as of June 31' is not a calendar date: that month has 30 days. " \
                  "(suggestion: June 30, 2025, as on line 4)\nFound 1 finding(s) in 1 file(s): 1 error.\n"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    report = audit([call], checks=["dates"])
    monkeypatch.setattr(cli_module.sys, "stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[31merror\x1b[0m" in cli_module._render(report, "concise", True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli_module._render(report, "concise", True)


def test_no_progress_bar_with_no_progress_even_on_a_terminal(tmp_path: Path, monkeypatch):
    from click import testing

    for i in range(2):
        (tmp_path / f"c{i}.txt").write_text(CALL, encoding="utf-8")
    monkeypatch.setattr(testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
    assert "auditing" in invoke("audit", str(tmp_path), "--select", "dates").stderr
    assert "auditing" not in invoke("audit", str(tmp_path), "--select", "dates", "--no-progress").stderr
