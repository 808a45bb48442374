"""Reference documents: readers (HTML, text, PDF), table interpretation, the workflow (CLI option,
configuration, naming convention) and honest failure on files that cannot be used."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.api import audit, expand_paths
from auditor.config import Config, parse_config
from auditor.figures import load_lexicon
from auditor.reference import load_reference, load_references
from auditor.reference.raw import RawTable
from auditor.reference.tables import parse_cell, read_table
from auditor.reference.vocabulary import vocabulary
from auditor.words import default_words
from tests.conftest import EXAMPLES, run_audit

WORDS = default_words()
CALL = """Brightwater Pumps Second Quarter 2025 Earnings Call
Operator
Welcome to the Brightwater Pumps second quarter 2025 earnings call.
Jonas Ek - Chief Financial Officer
Total revenues were US$86.4 million for the quarter. As of June 31, 2025, we had no debt.
"""
RELEASE = """Brightwater Pumps Reports Second Quarter 2025 Results

(In thousands of US dollars, except per share data)
                                    Three months ended June 30,
                                      2025              2024
Total revenues                      84,612            75,540
Gross profit                        31,305            27,950
Net income per share - diluted        0.21              0.17
"""


def _facts(path: Path) -> dict[tuple[object, ...], Decimal]:
    doc = load_reference(path, WORDS)
    return {(f.metric, f.segment, f.adjusted, f.per_share, f.period, f.quantity.unit, f.origin): f.quantity.value
            for f in doc.facts if f.comparison is None}


def test_html_release_spans_symbols_footnotes_and_scale():
    facts = _facts(EXAMPLES / "halvorsen_q3_2025.release.html")
    table = {k[:6]: v for k, v in facts.items() if k[6] == "table"}
    assert table[("revenue", None, False, False, "current", "USD")] == Decimal(249_246_000)
    assert table[("revenue", None, False, False, "prior_quarter", "USD")] == Decimal(236_880_000)
    assert table[("rnd_expenses", None, False, False, "prior_year", "USD")] == Decimal(27_211_000)  # "(1)" dropped
    assert table[("gross_margin", None, False, False, "current", "%")] == Decimal("41.2")  # "%" in its own cell
    assert table[("net_income", None, False, True, "current", "USD")] == Decimal("0.52")  # per share, not scaled
    assert table[("ebitda", None, True, False, "prior_year", "USD")] == Decimal(30_610_000)
    assert table[("revenue", "industrial robots", False, False, "current", "USD")] == Decimal(169_912_000)
    # nine-month columns and the December balance sheet are not quarter figures
    assert all(k[4] in ("current", "prior_year", "prior_quarter") for k in facts)


def test_html_release_currency_columns_and_parenthesised_costs():
    facts = _facts(EXAMPLES / "tianlan_q3_2025_bilingual.release.html")
    assert facts[("revenue", None, False, False, "current", "CNY", "table")] == Decimal(1_482_614_000)
    assert facts[("revenue", None, False, False, "current", "USD", "table")] == Decimal(208_262_000)
    assert facts[("cost_of_revenue", None, False, False, "current", "CNY", "table")] == Decimal(1_211_314_000)
    assert facts[("net_loss", None, False, False, "prior_year", "CNY", "table")] == Decimal(58_204_000)
    assert facts[("revenue", "grid projects", False, False, "prior_year", "CNY", "table")] == Decimal(412_488_000)
    doc = load_reference(EXAMPLES / "tianlan_q3_2025_bilingual.release.html", WORDS)
    assert (doc.period.quarter, doc.period.year, doc.period.end) == (3, 2025, (2025, 9))
    assert [p.name for p in doc.participants] == ["Grace Tan"]


def test_text_and_pdf_releases_read_alike(tmp_path: Path):
    text = tmp_path / "release.txt"
    text.write_text(RELEASE, encoding="utf-8")
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(make_pdf(RELEASE.splitlines()))
    expected = {("revenue", None, False, False, "current", "USD", "table"): Decimal(84_612_000),
                ("revenue", None, False, False, "prior_year", "USD", "table"): Decimal(75_540_000),
                ("net_income", None, False, True, "current", "USD", "table"): Decimal("0.21")}
    for path in (text, pdf):
        facts = _facts(path)
        assert {k: facts.get(k) for k in expected} == expected, path.name


@pytest.mark.parametrize(("cell", "value"), [("1,234.5", Decimal("1234.5")), ("(1,234)", Decimal(-1234)),
                                             ("$ 12.30", Decimal("12.30")), ("(6.2)%", Decimal("-6.2")),
                                             ("—", None), ("2025", Decimal(2025))])
def test_cells(cell: str, value: Decimal | None):
    parsed = parse_cell(cell)
    assert (parsed[0] if parsed else None) == value


def _table(rows: list[list[str]], context: str = "(in thousands of US$)") -> dict[tuple[object, ...], Decimal]:
    values, _ = read_table(RawTable("t", rows, context), load_lexicon(WORDS), vocabulary(WORDS))
    return {(v.mention.key, v.per_share, v.column.end): v.quantity.value for v in values}


def test_a_scope_two_rows_share_is_dropped_and_other_rows_kept():
    rows = [["", "Three months ended June 30, 2025"], ["Product revenues", "10"], ["Revenues", "12"],
            ["Revenues", "13"], ["Gross profit", "5"]]
    found = _table(rows)
    assert (("revenue", None, False), False, (2025, 6)) not in found  # stated twice, differently
    assert found[(("gross_profit", None, False), False, (2025, 6))] == Decimal(5000)


def test_non_gaap_tables_keep_only_rows_that_say_adjusted():
    rows = [["", "Three months ended June 30, 2025"], ["Operating income", "10"], ["Adjusted EBITDA", "12"]]
    found = _table(rows, "Reconciliation of GAAP and non-GAAP results (in thousands of US$)")
    assert set(found) == {(("ebitda", None, True), False, (2025, 6))}


def test_scaled_per_share_rows_without_exemption_are_left_out():
    rows = [["", "Three months ended June 30, 2025"], ["Net income", "100"], ["Net income per share", "0.21"]]
    found = _table(rows, "(in thousands of US$)")
    assert (("net_income", None, False), True, (2025, 6)) not in found
    assert found[(("net_income", None, False), False, (2025, 6))] == Decimal(100_000)


def test_unreadable_references_are_one_line_problems_and_the_audit_runs(tmp_path: Path):
    binary = tmp_path / "release.pdf"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01 broken")
    missing = tmp_path / "nowhere.html"
    refs = load_references([binary, missing], WORDS)
    assert not refs.documents and len(refs.problems) == 2
    assert all("\n" not in p.message for p in refs.problems)
    config = parse_config({"reference": [binary.name, missing.name]}, tmp_path / "auditor.toml")
    report = run_audit(CALL, config=config)
    checks = {f.check for f in report.findings}
    assert "reference.unusable" in checks and "dates.impossible" in checks


def test_coverage_counts_and_names_tables_not_read(tmp_path: Path):
    release = tmp_path / "release.html"
    release.write_text("<html><body><h1>Brightwater Pumps Reports Second Quarter 2025 Results</h1>"
                       "<table><tr><td>Total revenues</td><td>84,612</td></tr></table>"
                       "<p>Total revenues were US$84.6 million.</p></body></html>", encoding="utf-8")
    report = run_audit(CALL, checks=["reference"], config=parse_config({"reference": "release.html"},
                                                                       tmp_path / "auditor.toml"))
    counts = report.coverage()["reference.figure_mismatch"]
    assert counts["contradicted"] == 1
    assert any(k.startswith("release_table_not_read") for k in counts)


def test_config_table_convention_and_folder_scan(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    (tmp_path / "call.release.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "call.participants.txt").write_text("Jonas Ek - Chief Financial Officer\n", encoding="utf-8")
    assert expand_paths([tmp_path]) == [call]  # the companions are no transcripts
    report = audit([call], checks=["reference"], config=Config())
    assert [f.check for f in report.findings] == ["reference.figure_mismatch"]
    config = parse_config({"reference": {"other*.txt": "x.html"}}, tmp_path / "auditor.toml")
    assert config.references_for(call) == []
    assert config.references_for(tmp_path / "other-call.txt") == [(tmp_path / "x.html").resolve()]


def test_cli_reference_option_and_one_line_error(tmp_path: Path):
    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    release = tmp_path / "q2.html"
    release.write_text("<html><body><h1>Brightwater Pumps Reports Second Quarter 2025 Results</h1>"
                       "<p>Total revenues were US$84.6 million.</p></body></html>", encoding="utf-8")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    run = subprocess.run([sys.executable, "-m", "auditor.cli", "audit", str(call), "--reference", str(release),
                          "--reference", str(bad), "--format", "json"], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1, run.stderr  # the dates error of the call itself
    assert '"reference.figure_mismatch"' in run.stdout and '"dates.impossible"' in run.stdout
    errors = [line for line in run.stderr.splitlines() if "scan.pdf" in line]
    assert len(errors) == 1 and errors[0].startswith("auditor: error:")


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with `lines` in a monospaced font, as a PDF release is laid out."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "\n".join(["BT", "/F1 9 Tf", "11 TL", "36 760 Td", *[f"({esc(line)}) Tj T*" for line in lines], "ET"])
    stream = body.encode("latin-1")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
