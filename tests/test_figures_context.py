"""The figure model reads a figure's period, business line and role from the text around it."""

from __future__ import annotations

import pytest

from auditor.figures import build_model, slip
from auditor.nlp import annotate
from auditor.quantities import parse_quantity
from auditor.reader import parse_text


def model_of(text: str):
    transcript = parse_text(text, "case.txt")
    annotate(transcript)
    return build_model(transcript)


def figure(m, printed: str):
    return next(f for f in m.figures if f.quantity.text == printed)


def test_quarter_four_q4_and_the_fourth_quarter_are_one_period():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "Our results for the fourth quarter of 2024 were strong.\n"
        "In quarter four, revenue was US$310.1 million. Revenue for Q4 was US$310.1 million.\n"
        "Revenue in the fourth quarter was US$310.1 million.\n"
    )
    assert {f.period for f in m.figures if f.quantity.kind == "money"} == {"current"}


def test_a_speaker_sets_the_period_of_what_follows_and_only_for_themself():
    m = model_of(
        "Ada Reyes - Chief Executive Officer\n"
        "The third quarter was a record. Revenue reached US$249.2 million.\n"
        "For the first nine months, revenue was US$702.5 million.\n"
        "Ben Osei - Chief Financial Officer\n"
        "Revenue was US$249.2 million.\n"
    )
    assert figure(m, "US$249.2 million").period == "current"
    assert figure(m, "US$702.5 million").period.startswith("9m:")
    last = [f for f in m.figures if f.line == 5][0]
    assert last.period == "implicit" and not last.comparable_period


def test_full_years_and_halves():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "For the full year 2024, revenue was US$1.2 billion. Full-year net income was US$80 million.\n"
    )
    assert figure(m, "US$1.2 billion").period == "year:2024"
    assert figure(m, "US$80 million").period == "year:2024"
    assert figure(m, "US$80 million").key == ("net_income", None, False)


def test_business_line_from_a_move_ends_at_a_slide_or_the_consolidated_figures():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "Moving to the Marine business. Revenue was US$52.3 million in the third quarter.\n"
        "Operating income was US$8.1 million in the quarter.\n"
        "On slide 9, revenue was US$325.1 million in the quarter.\n"
        "Moving to Retail, revenue was US$40.2 million. At the consolidated level, revenue was US$325.1 million.\n"
    )
    assert figure(m, "US$52.3 million").key == ("revenue", "marine", False)
    assert figure(m, "US$8.1 million").key == ("operating_income", "marine", False)
    assert all(f.key == ("revenue", None, False) for f in m.figures if f.quantity.text == "US$325.1 million")
    assert figure(m, "US$40.2 million").key == ("revenue", "retail", False)


def test_named_and_unnamed_business_lines():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "In the third quarter, MNO operating income was US$30.7 million. Its revenue was US$120.4 million.\n"
        "EBITDA for the Andean region stood at US$32 million in the quarter.\n"
    )
    assert figure(m, "US$30.7 million").key == ("operating_income", "mno", False)
    assert figure(m, "US$120.4 million").mention.segment.startswith("?")
    assert figure(m, "US$32 million").key == ("ebitda", "andean region", False)


@pytest.mark.parametrize(
    ("sentence", "delta", "level"),
    [
        ("Revenue increased US$47 million to US$512 million in the quarter.", "US$47 million", "US$512 million"),
        ("Operating income decreased 4.7 billion yen year on year to 35.2 billion yen in the quarter.", "4.7 billion yen", "35.2 billion yen"),
        ("Net income was US$36 million higher than a year ago in the quarter.", "US$36 million", None),
    ],
)
def test_a_change_is_not_a_level(sentence: str, delta: str, level: str | None):
    m = model_of(f"Ada Reyes - Chief Financial Officer\nIn the third quarter, results improved. {sentence}\n")
    assert figure(m, delta).role == "delta"
    if level is not None:
        f = figure(m, level)
        assert f.role == "level" and f.linked


def test_a_level_stated_after_its_rate_is_linked():
    m = model_of("Ada Reyes - Chief Financial Officer\nIn the third quarter, operating income rose 12.4% to US$96.3 million.\n")
    f = figure(m, "US$96.3 million")
    assert f.linked and f.key == ("operating_income", None, False)


def test_a_number_split_by_a_space_is_mended_and_a_corrected_one_is_no_figure():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "In the third quarter, revenues reached RMB34 .6 million. Net revenue was RMB5.3 million, billion.\n"
    )
    mended = figure(m, "RMB34 .6 million")
    assert mended.quantity.value == 34_600_000 and mended.linked
    assert figure(m, "RMB5.3 million").role == "none"


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("US$249.2 million", "US$294.2 million", "transposed"),
        ("17%", "70%", "seventeen"),
        ("US$4.5 million", "US$45 million", "decimal"),
        ("US$45 million", "US$45 billion", "scale"),
        ("US$139.2 million", "US$39.2 million", "dropped"),
        ("US$248.2 million", "US$249.2 million", "changed"),
    ],
)
def test_slips_that_explain_a_difference(a: str, b: str, why: str):
    qa, qb = parse_quantity(a), parse_quantity(b)
    assert qa is not None and qb is not None
    found = slip(qa, qb)
    assert found is not None and why in found


@pytest.mark.parametrize(("a", "b"), [("19%", "29%"), ("US$538 million", "US$38 million"), ("11%", "27%"),
                                      ("about US$45 million", "US$4.5 million"), ("7.9%", "9.7%")])
def test_differences_no_slip_explains(a: str, b: str):
    qa, qb = parse_quantity(a), parse_quantity(b)
    assert qa is not None and qb is not None
    assert slip(qa, qb) is None
