"""The quality harness (bench/quality.py) and its planting rules (bench/plants.py).

Every transcript here is invented for these tests (fictional companies and people). Each planter
must change exactly one line (or one bilingual header pair) where the rule applies, leave the rest
alone, and return None where the call offers no place; the harness must not credit the auditor
with a finding that the clean call already had.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from bench import plants, quality
from bench.plants import CLASSES, Plant

CALL = """Quillfern Ferries Second Quarter 2025 Earnings Call
Operator
Good morning and welcome to the Quillfern Ferries second quarter 2025 earnings call. I will now hand over to Odile Marchetti, Head of Investor Relations.
Odile Marchetti - Head of Investor Relations
Thank you. With me today are our Chief Executive Officer, Mr. Bram Okonkwo, and Petra Vandermolen, our CFO. This call contains forward-looking statements within the meaning of the Private Securities Litigation Reform Act of 1995.
Bram Okonkwo - Chief Executive Officer
Thank you, Odile. Revenue was US$84.2 million, up 12.0% from US$75.2 million in the second quarter of 2024.
Our fleet carried 2.1 million passengers, and 9 of our 12 vessels now run on hybrid engines.
Petra Vandermolen - Chief Financial Officer
Thank you, Bram. As Bram said, revenue was US$84.2 million for the quarter. Operating expenses were US$30.5 million, of which US$12.4 million was fuel.
As of June 30, 2025, cash and cash equivalents were US$61.3 million, and our gearing ratio stayed low.
Mr. Okonkwo will host the investor day in the autumn.
Operator
Thank you. Our first question comes from Isolde Ashworth with Harrowgate Securities.
Isolde Ashworth - Analyst
Thanks. Could you talk about the fuel contracts?
Petra Vandermolen - Chief Financial Officer
We hedge about half of our fuel a year ahead.
Operator
Our next question comes from Osric Fairbairn with Coastline Capital.
Osric Fairbairn - Analyst
Hi, one question on the timetable for the new routes.
Operator
That concludes today's call. You may now disconnect.
"""


def call_lines(text: str = CALL) -> list[str]:
    return text.rstrip("\n").split("\n")


def body(*speech: str) -> list[str]:
    """A tiny call: a header, then one line per speech paragraph (line 2 onward)."""
    return ["Maren Ferrow - Chief Financial Officer", *speech]


def plant_with(name: str, lines: list[str], seed: int = 0) -> Plant | None:
    cls = CLASSES[name]
    base = cls.prepare(lines) if cls.prepare else lines
    return cls.planter(base, random.Random(seed))


def changed_lines(lines: list[str], plant: Plant) -> list[int]:
    after = plant.apply(lines)
    assert len(after) == len(lines)
    return [n + 1 for n, (a, b) in enumerate(zip(lines, after, strict=True)) if a != b]


def assert_single_plant(lines: list[str], plant: Plant | None, line: int, class_name: str) -> list[str]:
    assert plant is not None
    assert plant.class_name == class_name
    assert plant.line == line
    assert plant.before == lines[line - 1]
    assert plant.after != plant.before
    assert changed_lines(lines, plant) == [line]
    assert plant.description and plant.form
    return plant.apply(lines)


# --- every class ------------------------------------------------------------------------------


def test_every_class_has_a_documented_planter_and_checks():
    assert set(CLASSES) == {"date_impossible", "date_conflict", "teen_ty", "change_rate", "restatement",
                            "part_total", "term", "boilerplate", "name_misspelt", "announced_mismatch"}
    for cls in CLASSES.values():
        assert cls.doc and cls.checks


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_planters_are_deterministic_and_change_one_line(name):
    lines = call_lines()
    first = plant_with(name, lines, seed=7)
    again = plant_with(name, lines, seed=7)
    assert first == again
    if first is not None:
        base = CLASSES[name].prepare(lines) if CLASSES[name].prepare else lines
        assert changed_lines(base, first) == list(first.lines)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_planters_return_none_without_a_place(name):
    lines = body("Thank you all for joining us today.", "We will keep investing in our people and our routes.")
    assert plant_with(name, lines) is None


def test_headers_are_never_planted_except_for_the_header_class():
    lines = ["Gross Margin - Head of June 30 Planning", "Our gross margin was 41.5% as of June 30, 2025."]
    for name in ("date_impossible", "term"):
        plant = plant_with(name, lines)
        assert plant is not None and plant.line == 2


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("speech", "expected"), [
    ("As of June 30, 2025, cash was US$61.3 million.", "June 31, 2025"),
    ("Cash stood at US$61.3 million on the 30th of September.", "31st of September"),
    ("The period ended 30 November 2024 for the ferry segment.", "31 November 2024"),
    ("Our fiscal year ended February 28, 2025.", "February 30, 2025"),
])
def test_date_impossible_forms(speech, expected):
    lines = body("Thank you.", speech)
    after = assert_single_plant(lines, plant_with("date_impossible", lines), 3, "date_impossible")
    assert expected in after[2]


def test_date_impossible_needs_a_month_end_of_a_short_month():
    assert plant_with("date_impossible", body("As of December 31, 2024 and June 15, 2025, we had cash.")) is None


def test_date_conflict_changes_one_of_two_mentions_of_a_reference_date():
    lines = body("As of September 30, 2025, cash was US$61.3 million.", "Thank you.",
                 "Net debt as of September 30 was US$22.0 million.")
    plant = plant_with("date_conflict", lines)
    assert plant is not None and plant.line in (2, 4)
    after = plant.apply(lines)
    assert changed_lines(lines, plant) == [plant.line]
    days = [a for a in after if "September 3" in a]
    assert len(days) == 1  # one mention keeps the month end, the other now says another day


def test_date_conflict_needs_two_mentions():
    assert plant_with("date_conflict", body("As of September 30, 2025, cash was US$61.3 million.")) is None
    assert plant_with("date_conflict", body("As of September 30, 2025, cash was high.",
                                            "We met on September 30 with the port authority.")) is None


# --- figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("speech", "old", "new"), [
    ("Gross margin was 17% this quarter.", "17%", "70%"),
    ("Our market share reached 70% in the northern routes.", "70%", "17%"),
    ("EBITDA margin was 14.5% in the quarter.", "14.5%", "40.5%"),
    ("Revenue grew fourteen percent on the island routes.", "fourteen percent", "forty percent"),
])
def test_teen_ty_forms(speech, old, new):
    lines = body(speech)
    after = assert_single_plant(lines, plant_with("teen_ty", lines), 2, "teen_ty")
    assert new in after[1] and old not in after[1]


def test_teen_ty_needs_a_metric_and_a_teen_or_ty():
    assert plant_with("teen_ty", body("About 17% of the passengers travel with a car.")) is None
    assert plant_with("teen_ty", body("Gross margin was 22% this quarter.")) is None


@pytest.mark.parametrize("speech", [
    "Revenue was US$84.2 million, up 12.0% from US$75.2 million a year ago.",
    "Revenue increased by 12.0% from US$75.2 million to US$84.2 million.",
    "Revenue went from US$75.2 million to US$84.2 million, an increase of 12.0%.",
    "Revenue was US$84.2 million compared to US$75.2 million last year, an increase of 12.0%.",
])
def test_change_rate_breaks_a_consistent_rate(speech):
    lines = body(speech)
    plant = plant_with("change_rate", lines)
    after = assert_single_plant(lines, plant, 2, "change_rate")
    rate = float(after[1].split("%")[0].split()[-1])
    assert abs(rate - 11.97) > 1.0  # 84.2 / 75.2 - 1 = 11.97%: the new rate no longer follows


def test_change_rate_skips_rates_that_were_already_wrong_and_percentages():
    assert plant_with("change_rate", body("Revenue was US$84.2 million, up 25.0% from US$75.2 million.")) is None
    assert plant_with("change_rate", body("Margin increased by 10% from 40.1% to 44.1%.")) is None
    assert plant_with("change_rate", body("Revenue was up 12.0% year on year.")) is None


def test_restatement_changes_one_of_two_mentions():
    lines = body("Revenue was US$84.2 million in the quarter.", "Thank you.",
                 "As I said, revenue was US$84.2 million, a record.")
    plant = plant_with("restatement", lines)
    assert plant is not None and plant.line in (2, 4)
    after = plant.apply(lines)
    assert changed_lines(lines, plant) == [plant.line]
    assert sum("US$84.2 million" in a for a in after) == 1


def test_restatement_needs_the_same_metric_twice():
    assert plant_with("restatement", body("Revenue was US$84.2 million in the quarter.")) is None
    assert plant_with("restatement", body("Revenue was US$84.2 million.", "Net debt was US$84.2 million.")) is None


def test_restatement_ignores_changes_targets_and_questions():
    assert plant_with("restatement", body("Revenue increased by US$84.2 million.", "Thank you.",
                                          "Revenue increased by US$84.2 million again.")) is None
    assert plant_with("restatement", body("Is revenue US$84.2 million next year?", "Thank you.",
                                          "Revenue was US$84.2 million.")) is None


def test_number_slips_keep_separators_and_leave_trailing_zeros():
    slips = plants._number_slips("1,075,000,000")
    assert "1,057,000,000" in slips["transposition"]
    assert all(s.endswith(",000,000") and len(s) == len("1,075,000,000") for v in slips.values() for s in v)
    assert plants._number_slips("14.5")["teen_ty"] == ["40.5"]


@pytest.mark.parametrize(("speech", "form"), [
    ("Operating expenses were US$30.5 million, of which US$12.4 million was fuel.", "of which"),
    ("We returned US$50.0 million to shareholders, including US$8.5 million in dividends.", "including"),
    ("Today 9 of our 12 vessels run on hybrid engines.", "count of"),
])
def test_part_total_makes_the_part_exceed_its_total(speech, form):
    lines = body(speech)
    plant = plant_with("part_total", lines)
    assert_single_plant(lines, plant, 2, "part_total")
    assert plant is not None and plant.form == form


def test_part_total_needs_a_part_below_its_total():
    assert plant_with("part_total", body("Operating expenses were US$30.5 million, and fuel rose.")) is None
    assert plant_with("part_total", body("Debt was US$3.0 billion including leases, or US$2.1 billion without.")) is None


# --- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("speech", "expected"), [
    ("Gross margin improved on lower fuel costs.", "Growth margin improved"),
    ("Our gross profit was US$34.9 million.", "growth profit"),
    ("Cost of revenues fell by 3%.", "Cost of renews"),
    ("Our gearing ratio stayed low.", "hearing ratio"),
])
def test_term_mishearings_keep_case(speech, expected):
    lines = body(speech)
    after = assert_single_plant(lines, plant_with("term", lines), 2, "term")
    assert expected in after[1]


def test_boilerplate_misnames_the_act():
    lines = body("We rely on the safe harbor of the Private Securities Litigation Reform Act of 1995.")
    after = assert_single_plant(lines, plant_with("boilerplate", lines), 2, "boilerplate")
    assert "Private Securities Litigation Reform Act of 1995" not in after[1]


def test_name_misspelt_changes_a_later_mention_only():
    lines = call_lines()
    plant = plant_with("name_misspelt", lines, seed=3)
    assert plant is not None
    base = CLASSES["name_misspelt"].prepare(lines)  # type: ignore[misc]
    after = plant.apply(base)
    assert changed_lines(base, plant) == [plant.line]
    assert plant.line == 12  # "Mr. Okonkwo" after "Mr. Bram Okonkwo" on line 5 (the header spells it too)
    assert "Mr. Bram Okonkwo" in after[4] and "Okonkwo" not in after[11]


def test_name_misspelt_needs_a_named_person_mentioned_twice():
    assert plant_with("name_misspelt", body("I hand over to Mr. Bram Okonkwo, our CEO.")) is None


@pytest.mark.parametrize("name", ["Okonkwo", "Vandermolen", "Ashworth"])
def test_misspellings_differ_by_one_or_two_letters_and_keep_the_first(name):
    for options in plants._misspellings(name).values():
        for wrong in options:
            assert wrong != name and wrong[0] == name[0] and abs(len(wrong) - len(name)) <= 1


# --- speakers ---------------------------------------------------------------------------------


def test_announced_mismatch_replaces_the_announced_header():
    lines = call_lines()
    plant = plant_with("announced_mismatch", lines, seed=1)
    assert plant is not None and plant.line in (15, 21)
    assert changed_lines(lines, plant) == [plant.line]
    assert plant.after in ("Unidentified Participant", "Unidentified Analyst") or plant.after.endswith("- Analyst")
    assert plant.before.split(" - ")[0] not in plant.after


def test_announced_mismatch_keeps_a_bilingual_header_pair_identical():
    lines = ["Operator", "Operator", "Our next question comes from Isolde Ashworth with Harrowgate Securities.",
             "下一個問題來自Harrowgate Securities的Isolde Ashworth。", "Isolde Ashworth - Analyst",
             "Isolde Ashworth - Analyst", "Thanks for taking my question.", "謝謝回答我的問題。"]
    plant = plant_with("announced_mismatch", lines)
    assert plant is not None and plant.lines == (5, 6)
    after = plant.apply(lines)
    assert after[4] == after[5] != lines[4]


def test_name_speakers_gives_anonymous_headers_the_announced_names():
    lines = ["Speaker 1 - Participant", "Welcome. I will now hand over to Odile Marchetti.",
             "Speaker 2 - Participant", "Thank you. Revenue grew.",
             "Speaker 1 - Participant", "Our first question comes from Isolde Ashworth with Harrowgate Securities.",
             "Speaker 3 - Participant", "Thanks. A question on fuel.", "Speaker 2 - Participant", "We hedge."]
    named = plants.name_speakers(quality.spell_speaker_numbers(lines))
    assert named[0] == named[4] == "Operator"
    assert named[2] == named[8] == "Odile Marchetti - Participant"
    assert named[6] == "Isolde Ashworth - Participant"
    assert [n for n, (a, b) in enumerate(zip(lines, named, strict=True)) if a != b] == [0, 2, 4, 6, 8]


def test_numbered_anonymous_headers_are_headers_for_the_planters():
    lines = ["Speaker 1 - Participant", "As of June 30, 2025, cash was US$61.3 million."]
    assert plants.is_header(lines[0])
    plant = plant_with("date_impossible", lines)
    assert plant is not None and plant.line == 2


def test_spell_speaker_numbers_only_touches_numbered_headers():
    lines = ["Speaker 23 - Participant", "Speaker 7 said 12 things.", "Speaker 7 - Participant"]
    assert quality.spell_speaker_numbers(lines) == [
        "Speaker Twenty Three - Participant", "Speaker 7 said 12 things.", "Speaker Seven - Participant"]


# --- the harness ------------------------------------------------------------------------------


def finding(check: str, line: int, message: str = "m", severity: str = "warning", related=()):
    return {"check": check, "severity": severity, "confidence": 0.9, "file": "f", "line": line, "end_line": line,
            "speaker": "Maren Ferrow", "message": message, "evidence": "e", "suggestion": "s",
            "related": [{"line": n, "text": "t"} for n in related], "rank": 1}


def trial(line: int = 5) -> quality.Trial:
    plant = Plant("date_impossible", line, "June 30", "June 31", "June 30 -> June 31", "month-day")
    return quality.Trial("date_impossible", "call.txt", plant, "clean.txt", "planted.txt")


def test_a_finding_already_in_the_clean_call_does_not_count():
    t = trial()
    quality.judge(t, [finding("dates.impossible", 5)], [finding("dates.impossible", 5)], "warning")
    assert t.status == "missed" and "also in the clean call" in t.on_line[0]


def test_a_new_finding_on_the_planted_line_counts():
    t = trial()
    quality.judge(t, [finding("dates.impossible", 5, "old")], [finding("dates.impossible", 5, "new"),
                                                               finding("figures.change", 9)], "warning")
    assert t.status == "found" and t.found_by == ["dates.impossible"] and t.new_elsewhere == 1


def test_a_finding_that_lists_the_plant_among_its_related_lines_counts():
    t = trial()
    quality.judge(t, [], [finding("dates.conflicting_reference", 9, related=[5])], "warning")
    assert t.found_by == ["dates.conflicting_reference"]


def test_a_finding_below_the_threshold_does_not_count():
    t = trial()
    quality.judge(t, [], [finding("terms.misrecognised", 5, severity="info")], "warning")
    assert t.status == "missed"
    t = trial()
    quality.judge(t, [], [finding("terms.misrecognised", 5, severity="info")], "info")
    assert t.status == "found"


def test_review_file_has_the_columns_and_one_line_per_finding():
    out = io.StringIO()
    row = {**finding("dates.impossible", 3, message="two\tparts\nand lines"), "verdict": ""}
    assert quality.write_review(out, [row]) == 1
    header, line = out.getvalue().splitlines()
    assert header.split("\t") == ["file", "line", "check", "severity", "confidence", "speaker", "evidence",
                                  "message", "suggestion", "verdict"]
    cells = line.split("\t")
    assert len(cells) == 10 and cells[2] == "dates.impossible" and cells[7] == "two parts and lines"
    assert cells[-1] == ""


def test_summary_counts_warnings_and_errors_per_audited_call():
    result = quality.AuditResult(
        findings={"a.txt": [finding("dates.impossible", 1, severity="error"), finding("x.y", 2, severity="info")],
                  "b.txt": [], "c.txt": []},
        refused={"c.txt": "c.txt: unrecognised layout"}, files=["a.txt", "b.txt", "c.txt"])
    s = quality.summarise(result)
    assert s.audited == ["a.txt", "b.txt"]
    assert s.headline() == (1, 0.5)
    assert s.per_check["dates.impossible"]["error"] == 1
    text = io.StringIO()
    quality.print_review(s, text)
    assert "1 refused" in text.getvalue() and "c.txt: unrecognised layout" in text.getvalue()


def test_expand_inputs_skips_readme_and_licence(tmp_path: Path):
    (tmp_path / "README.md").write_text("# corpus\n")
    (tmp_path / "call.txt").write_text("Operator\nHello.\n")
    assert quality.expand_inputs([tmp_path]) == [tmp_path / "call.txt"]


def test_plant_run_end_to_end_with_the_auditor(tmp_path: Path):
    """One real auditor run (clean and planted copy): the planted impossible date is found."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "larkspur.txt").write_text(CALL, encoding="utf-8")
    (corpus / "notes.txt").write_text("just a note without any speaker\n", encoding="utf-8")
    calls, unreadable = quality.load_calls(quality.expand_inputs([corpus]), spell=False)
    assert not unreadable and len(calls) == 2
    trials = quality.run_plants(calls, [CLASSES["date_impossible"]], 3, 1, tmp_path / "work", 1, None, "warning")
    assert [t.status for t in trials] == ["found"]
    assert "dates.impossible" in trials[0].found_by
    assert (tmp_path / "work" / "plants.json").exists()


def test_refused_files_are_read_from_the_report_summary():
    report = {"version": 1, "findings": [finding("dates.impossible", 3) | {"file": "a.txt"}],
              "summary": {"errors": [{"file": "b.txt", "message": "b.txt: unrecognised layout"}]}}
    result = quality.AuditResult.from_report(report, ["a.txt", "b.txt"])
    assert result.refused == {"b.txt": "b.txt: unrecognised layout"}
    assert len(result.findings["a.txt"]) == 1 and result.findings["b.txt"] == []
