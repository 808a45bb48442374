"""Metric identity and period linking (auditor.figures)."""

from __future__ import annotations

from auditor.api import audit_text
from auditor.figures import build_model, change_claims, find_mentions, load_lexicon, series
from auditor.nlp import annotate
from auditor.reader import parse_text


def model_of(text: str):
    transcript = parse_text(text, "case.txt")
    annotate(transcript)
    return build_model(transcript)


def test_lexicon_loads_and_links_parents_and_ratios():
    lex = load_lexicon()
    assert lex.metrics["ga_expenses"].parent == "operating_expenses"
    assert lex.metrics["gross_margin"].numerator == "gross_profit"
    assert all(m.parent is None or m.parent in lex.metrics for m in lex.metrics.values())


def test_longest_alias_wins_and_garbles_link():
    keys = [m.key for m in find_mentions("Protocols of renews was high and sales and marketing expenses fell.")]
    assert keys == [("cost_of_revenue", None, False), ("sm_expenses", None, False)]
    assert find_mentions("Adjusted growth margin was 14.9%")[0].key == ("gross_margin", None, True)
    assert find_mentions("adjust the operating expenses for")[0].key == ("operating_expenses", None, True)


def test_segments_before_after_and_neutral_modifiers():
    assert find_mentions("revenues from public cloud services were")[0].segment == "public cloud"
    assert find_mentions("accounting for 45% of public cloud revenue")[0].segment == "public cloud"
    assert find_mentions("our Q2 revenue reached")[0].segment is None
    assert find_mentions("Total revenues for this quarter were")[0].segment is None
    assert [m.of_change for m in find_mentions("to revenue growth")] == [1]
    assert find_mentions("to revenue scale") == []


def test_periods_and_roles():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "Our results for the third quarter of 2025 were strong.\n"
        "Revenue was US$249.2 million, up 18.4% from US$210.5 million in the third quarter of 2024.\n"
        "Gross margin was 41.2% this quarter, compared with 40% in the same quarter last year and 40.6% last quarter.\n"
    )
    assert (m.call.quarter, m.call.year) == (3, 2025)
    roles = [(f.quantity.text, f.role, f.period) for f in m.figures]
    assert ("US$249.2 million", "level", "current") in roles
    assert ("US$210.5 million", "base", "prior_year") in roles
    assert ("40%", "level", "prior_year") in roles
    assert ("40.6%", "level", "prior_quarter") in roles
    claims, _ = change_claims(m.figures)
    assert [(c.base.quantity.text, c.result.quantity.text) for c in claims] == [("US$210.5 million", "US$249.2 million")]
    assert len(series(m.figures)) == 1


def test_forward_looking_and_segment_scope_are_not_current_totals():
    m = model_of(
        "Ada Reyes - Chief Financial Officer\n"
        "For the fourth quarter, we expect revenue between US$255 million and US$265 million.\n"
        "In public cloud space, revenue reached RMB1.63 billion this quarter.\n"
    )
    total = [f for f in m.figures if f.key == ("revenue", None, False) and f.period == "current"]
    assert total == []
    assert any(f.key == ("revenue", "public cloud", False) for f in m.figures)


def test_coverage_reaches_the_report_summary():
    report = audit_text(
        "Ada Reyes - Chief Financial Officer\nNet loss narrowed by 31.6% from RMB58.2 million to RMB39.8 million.\n",
        name="case.txt",
        checks=["figures.change"],
    )
    assert report.summary()["coverage"]["figures.change"]["verified"] == 1


def test_common_metrics_are_in_the_lexicon():
    def key(text: str):
        return [m.metric for m in find_mentions(text)]

    assert key("Diluted EPS was") == ["eps"]
    assert key("our effective tax rate was") == ["tax_rate"]
    assert key("order bookings reached") == ["bookings"]
    assert key("the order backlog stood at") == ["backlog"]
    assert key("the adjusted EBIT margin was") == ["ebit_margin"]
    assert key("net debt fell to") == ["net_debt"]
    assert key("the cost-to-income ratio improved to") == ["cost_to_income"]
