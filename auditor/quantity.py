"""The quantity value type: a printed number as an interval, with its unit, scale and qualifier.

Why a module of its own: the English and the Chinese parsers (`auditor.quantities`,
`auditor.quantities_zh`) both build `Quantity` values, and every check compares them; the type and
its small helpers stand below both parsers so that neither imports the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

INF = Decimal("Infinity")


def longest_first(words: Iterable[str]) -> str:
    """A regex alternation of `words`, escaped, longest first (so "millions" wins over "million")."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def by_word(table: dict[str, list[str]], lower: bool = False) -> dict[str, str]:
    """Invert a data table of value -> words ("over" = ["over", "more than"]) into word -> value.

    The data files list words under their value so that a user's configuration can extend a list.
    """
    return {(w.lower() if lower else w): value for value, words in table.items() for w in words}


def powers_of_ten(table: dict[str, list[str]], lower: bool = False) -> dict[str, Decimal]:
    """Invert a table of power of ten -> scale words into word -> multiplier ("6" = ["million"])."""
    return {word: Decimal(10) ** int(power) for word, power in by_word(table, lower).items()}


# --- the value type ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number as printed, with what it measures and how precise the print is.

    `number` is the printed number ("1,625.3" -> 1625.3), `scale` the multiplier of its scale
    word (million -> 10**6, 億 -> 10**8), `step` one unit of the last printed digit expressed in
    the same units as `value`. `kind` is money, percent, points (percentage points), bps,
    multiple ("2.5x", "兩倍") or number.
    """

    text: str
    start: int
    end: int
    number: Decimal
    scale: Decimal
    kind: str
    unit: str | None
    qualifier: str | None
    step: Decimal
    lang: str

    @property
    def value(self) -> Decimal:
        return self.number * self.scale

    @property
    def is_ratio(self) -> bool:
        return self.kind in ("percent", "points", "bps")

    def interval(self) -> tuple[Decimal, Decimal]:
        """The closed interval of true values this printed figure is consistent with."""
        half = self.step / 2
        value = self.value
        lo, hi = value - half, value + half
        q = self.qualifier
        if q in ("over", "at_least"):
            return lo, INF
        if q in ("under", "at_most"):
            return -INF, hi
        if q == "nearly":
            return value - max(abs(value) * Decimal("0.1"), self.step), hi
        if q == "about":
            widen = max(abs(value) * Decimal("0.1"), self.step)
            return value - widen, value + widen
        return lo, hi

    def same_value(self, other: Quantity) -> bool:
        """Whether two printed figures can stand for the same true value (intervals overlap)."""
        a_lo, a_hi = self.interval()
        b_lo, b_hi = other.interval()
        return a_lo <= b_hi and b_lo <= a_hi

    def describe(self) -> str:
        """A short normalised rendering, e.g. 'CNY 1,625,300,000' or '24.2%'."""
        if self.kind == "percent":
            return f"{format_decimal(self.value)}%"
        if self.kind == "points":
            return f"{format_decimal(self.value)} percentage points"
        if self.kind == "bps":
            return f"{format_decimal(self.value)} basis points"
        if self.kind == "multiple":
            return f"{format_decimal(self.value)}x"
        prefix = f"{self.unit} " if self.unit else ""
        return f"{prefix}{format_decimal(self.value, grouping=True)}"


def format_decimal(value: Decimal, grouping: bool = False) -> str:
    """Render a Decimal without exponent or trailing zeros ('1625300000', '24.2')."""
    if value.is_infinite():
        return "∞" if value > 0 else "-∞"
    normal = value.normalize()
    text = f"{normal:,f}" if grouping else f"{normal:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def digit_step(digits: str) -> Decimal:
    """One unit of the last printed digit of a plain decimal string ('1,625.3' -> 0.1, '728' -> 1)."""
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    return Decimal(1)


def parse_decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
