"""Interval arithmetic of printed figures, and how figures are printed back in findings.

Why intervals: a printed figure is rounded ("US$249.2 million" is anything from 249.15 to 249.25
million), so arithmetic on printed figures must carry that uncertainty. This is the rule XBRL
Calculations 1.1 uses: every figure is an interval, intervals are propagated through + - x /, and
two figures disagree only when their intervals do not overlap. Correct arithmetic with rounding
therefore never raises a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from auditor.quantities import Quantity
from auditor.words import Words, default_words

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Interval:
    """A closed interval of possible true values of a printed (rounded) figure."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def of(cls, q: Quantity) -> Interval:
        lo, hi = q.interval()
        return cls(lo, hi)

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        return cls(Decimal(value), Decimal(value))

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def bounded(self) -> bool:
        return self.lo.is_finite() and self.hi.is_finite()

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        return self * Interval(1 / other.hi, 1 / other.lo)

    def scale(self, k: Decimal | int) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def shift(self, k: Decimal | int) -> Interval:
        return Interval(self.lo + k, self.hi + k)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(other):
            return Decimal(0)
        return other.lo - self.hi if other.lo > self.hi else self.lo - other.hi


def percent_change(base: Interval, result: Interval) -> Interval:
    """The relative change from base to result, in percent, as an interval (base must be > 0)."""
    return (result / base).shift(-1).scale(HUNDRED)


def round_to_step(value: Decimal, step: Decimal) -> Decimal:
    """`value` rounded to the precision `step` of a printed figure (0.1, 1, 10 ...)."""
    return (value / step).quantize(Decimal(1)) * step


def fmt(value: Decimal, step: Decimal = Decimal("0.1")) -> str:
    """A number printed with the precision of `step` and thousands separators ('2,349.2', '17.1')."""
    step = step if step > 0 else Decimal("0.1")
    places = max(0, -step.normalize().as_tuple().exponent)  # type: ignore[operator]
    rounded = round_to_step(value, step)
    return f"{rounded:,.{places}f}"


def fmt_money(q: Quantity, value: Decimal | None = None, words: Words | None = None) -> str:
    """A money amount in the unit and scale word of `q` ('US$249.2 million' style).

    The currency prefixes and scale words are data (`[wording]` of metrics.toml).
    """
    wording = (default_words() if words is None else words).table("metrics")["wording"]
    value = q.value if value is None else value
    scales = {Decimal(str(power)): f" {word}" for word, power in wording["scales"].items()}
    scale_word = scales.get(q.scale, "")
    number = value / q.scale
    unit = wording["currencies"].get(q.unit or "", "")
    return f"{unit}{fmt(number, Decimal('0.1'))}{scale_word}"
