"""Interval arithmetic of the figure checks: rounding keeps correct arithmetic silent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.figures import Interval, fmt, misreadings, percent_change
from auditor.quantities import parse_quantity


def iv(text: str) -> Interval:
    q = parse_quantity(text)
    assert q is not None, text
    return Interval.of(q)


def test_printed_precision_interval():
    assert iv("RMB1,625.3 million") == Interval(Decimal("1625.25e6"), Decimal("1625.35e6"))
    assert iv("24%") == Interval(Decimal("23.5"), Decimal("24.5"))


def test_correct_growth_with_rounding_overlaps():
    computed = percent_change(iv("RMB1,234.5 million"), iv("RMB1,625.3 million"))
    assert computed.overlaps(iv("31.7%"))
    assert not computed.overlaps(iv("30.7%"))


def test_wrong_growth_is_far_outside():
    computed = percent_change(iv("RMB60.6 million"), iv("RMB406 million"))
    assert not computed.overlaps(iv("507.1%"))
    assert computed.contains(Decimal("570.1"))


def test_decrease_is_negative():
    computed = percent_change(iv("RMB188.5 million"), iv("RMB166.4 million"))
    assert computed.overlaps(iv("11.7%").scale(-1))


def test_over_is_one_sided():
    over = iv("over 120%")
    assert over.contains(Decimal(300)) and not over.contains(Decimal(119))


def test_sum_of_parts_propagates_rounding():
    parts = iv("US$150.1 million") + iv("US$99.1 million")
    assert parts.overlaps(iv("US$249.2 million"))
    assert not (iv("US$150.1 million") + iv("US$79.3 million")).overlaps(iv("US$249.2 million"))


def test_division_by_interval_containing_zero_raises():
    with pytest.raises(ZeroDivisionError):
        _ = Interval.exact(1) / Interval(Decimal(-1), Decimal(1))


def test_distance_between_intervals():
    assert Interval.exact(3).distance(Interval.exact(5)) == 2
    assert Interval(Decimal(1), Decimal(4)).distance(Interval.exact(3)) == 0


def test_fmt_uses_printed_precision():
    assert fmt(Decimal("569.97"), Decimal("0.1")) == "570.0"
    assert fmt(Decimal("2349.2"), Decimal("0.1")) == "2,349.2"
    assert fmt(Decimal("17.1"), Decimal(1)) == "17"


@pytest.mark.parametrize(
    ("printed", "expected", "why"),
    [
        ("70%", Decimal(17), "seventeen"),
        ("14%", Decimal(40), "fourteen"),
        ("80%", Decimal(18), "eighteen"),
        ("507.1%", Decimal("570.1"), "transposed"),
        ("149%", Decimal("14.9"), "decimal"),
    ],
)
def test_misreadings(printed: str, expected: Decimal, why: str):
    q = parse_quantity(printed)
    assert q is not None
    assert any(value == expected and why in reason for value, reason in misreadings(q))


def test_misreadings_never_swap_across_the_decimal_point():
    q = parse_quantity("1.9%")
    assert q is not None
    assert all(value != Decimal("9.1") for value, _ in misreadings(q))
