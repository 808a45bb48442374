"""The shared quantity and date parsers on a table of English and Chinese cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.dates import find_dates, find_periods
from auditor.quantities import parse_quantities, parse_quantity

D = Decimal


@pytest.mark.parametrize(
    ("text", "lang", "value", "kind", "unit", "step", "qualifier"),
    [
        ("RMB1,625.3 million", "en", D("1625300000"), "money", "CNY", D("100000"), None),
        ("RMB2.35 billion", "en", D("2350000000"), "money", "CNY", D("10000000"), None),
        ("$0.5bn", "en", D("500000000"), "money", "USD", D("100000000"), None),
        ("US$12.5 million", "en", D("12500000"), "money", "USD", D("100000"), None),
        ("24.2%", "en", D("24.2"), "percent", "%", D("0.1"), None),
        ("over 120%", "en", D("120"), "percent", "%", D("1"), "over"),
        ("about 17 percent", "en", D("17"), "percent", "%", D("1"), "about"),
        ("1.5 percentage points", "en", D("1.5"), "points", "pp", D("0.1"), None),
        ("50 basis points", "en", D("50"), "bps", "bp", D("1"), None),
        ("3.5x", "en", D("3.5"), "multiple", "x", D("0.1"), None),
        ("5 billion yuan", "en", D("5000000000"), "money", "CNY", D("1000000000"), None),
        ("16.253億元", "zh", D("1625300000"), "money", None, D("100000"), None),
        ("人民幣16.253億元", "zh", D("1625300000"), "money", "CNY", D("100000"), None),
        ("2580萬元", "zh", D("25800000"), "money", None, D("10000"), None),
        ("人民幣6,060萬", "zh", D("60600000"), "money", "CNY", D("10000"), None),
        ("4,120萬美元", "zh", D("41200000"), "money", "USD", D("10000"), None),
        ("百分之二十四", "zh", D("24"), "percent", "%", D("1"), None),
        ("兩倍", "zh", D("2"), "multiple", "x", D("1"), None),
        ("三成", "zh", D("30"), "percent", "%", D("10"), None),
        ("超過120%", "zh", D("120"), "percent", "%", D("1"), "over"),
        ("100億元左右", "zh", D("10000000000"), "money", None, D("100000000"), "about"),
        ("人民幣５４.６４１億元", "zh", D("5464100000"), "money", "CNY", D("100000"), None),
        ("二十億元", "zh", D("2000000000"), "money", None, D("1000000000"), None),
    ],
)
def test_quantity_table(text, lang, value, kind, unit, step, qualifier):
    q = parse_quantity(text, lang)
    assert q is not None, text
    assert q.value == value
    assert (q.kind, q.unit, q.qualifier) == (kind, unit, qualifier)
    assert q.step == step


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("H20 resumes supply and B330A ships", "en"),
        ("in the year 2025 we grew", "en"),
        ("2Q25 revenue", "en"),
        ("一方面,三種模式", "zh"),
        ("第二季", "zh"),
    ],
)
def test_not_quantities(text, lang):
    assert parse_quantities(text, lang) == []


def test_same_figure_in_both_languages_overlaps():
    en = parse_quantity("RMB1,625.3 million", "en")
    zh = parse_quantity("人民幣16.253億元", "zh")
    assert en.same_value(zh)
    assert not en.same_value(parse_quantity("人民幣162.53億元", "zh"))
    assert parse_quantity("RMB2.35 billion").same_value(parse_quantity("23.5億元", "zh"))
    assert parse_quantity("RMB25.8 million").same_value(parse_quantity("2580萬元", "zh"))


def test_rounding_intervals():
    q = parse_quantity("24%")
    assert q.interval() == (D("23.5"), D("24.5"))
    assert q.same_value(parse_quantity("24.2%"))
    assert not parse_quantity("70%").same_value(parse_quantity("17%"))
    lo, hi = parse_quantity("over 120%").interval()
    assert lo == D("119.5") and hi.is_infinite()


def test_dates_in_both_languages():
    (d,) = find_dates("cash as of June 31, so")
    assert (d.month, d.day, d.year, d.cue, d.is_valid) == (6, 31, None, "as of", False)
    (d,) = find_dates("As of June 30, 2025, cash")
    assert d.is_valid and d.year == 2025
    (d,) = find_dates("截至6月31日,現金", "zh")
    assert (d.month, d.day, d.is_valid) == (6, 31, False)
    assert find_dates("三個月內", "zh") == []
    assert not find_dates("February 29, 2025")[0].is_valid
    assert find_dates("February 29, 2024")[0].is_valid


def test_periods_in_both_languages():
    en = [(p.kind, p.number, p.year, p.relative) for p in find_periods("second quarter of 2025, first half, last quarter")]
    assert en == [("quarter", 2, 2025, None), ("half", 1, None, None), ("quarter", None, None, "previous")]
    zh = [(p.kind, p.number, p.year, p.relative) for p in find_periods("2025年第二季,上半年,年增", "zh")]
    assert zh == [("quarter", 2, 2025, None), ("half", 1, None, None), ("quarter", None, None, "year_ago")]
