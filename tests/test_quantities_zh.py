"""Chinese figures read by value: 億/萬, Chinese numerals, 百分之, 成, 倍, full-width digits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.bilingual import match_figures, power_of_ten_slip
from auditor.quantities import parse_quantities, parse_quantity


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("RMB2.35 billion", "人民幣23.5億元"),
        ("RMB25.8 million", "人民幣2580萬元"),
        ("RMB58.2 million", "人民幣5,820萬元"),
        ("RMB1,625.3 million", "人民幣16.253億元"),
        ("RMB1.2 billion", "人民幣１２億元"),
        ("24%", "百分之二十四"),
        ("30%", "三成"),
        ("2x", "兩倍"),
        ("US$3.2 million", "320萬美元"),
    ],
)
def test_same_value(english: str, chinese: str) -> None:
    e, z = parse_quantity(english, "en"), parse_quantity(chinese, "zh")
    assert e is not None and z is not None
    assert e.same_value(z), (e.describe(), z.describe())


def test_currency_written_after_yuan() -> None:
    z = parse_quantity("為5.067億元人民幣", "zh")
    assert z is not None and z.unit == "CNY" and z.value == Decimal("506700000")


@pytest.mark.parametrize(
    ("english", "chinese", "k"),
    [("RMB18.6 million", "人民幣1,860億元", 4), ("RMB1,482.6 million", "人民幣148.26億元", 1), ("RMB2.35 billion", "2.35億元", -1)],
)
def test_power_of_ten_slip(english: str, chinese: str, k: int) -> None:
    e, z = parse_quantity(english, "en"), parse_quantity(chinese, "zh")
    assert e is not None and z is not None
    assert not e.same_value(z)
    assert power_of_ten_slip(e, z) == k


def test_no_slip_between_unrelated_values() -> None:
    e, z = parse_quantity("RMB31.4 million", "en"), parse_quantity("人民幣3,410萬元", "zh")
    assert e is not None and z is not None
    assert power_of_ten_slip(e, z) is None


def test_match_figures_pairs_by_value_not_order() -> None:
    english = parse_quantities("up 4.1% from RMB190.8 million to RMB198.6 million", "en")
    chinese = parse_quantities("從人民幣1.908億元增加4.1%至人民幣1.986億元", "zh")
    pairs, en_rest, zh_rest = match_figures(english, chinese)
    assert [(e.text, z.text) for e, z in pairs] == [
        ("4.1%", "4.1%"),
        ("RMB190.8 million", "人民幣1.908億元"),
        ("RMB198.6 million", "人民幣1.986億元"),
    ]
    assert not en_rest and not zh_rest
