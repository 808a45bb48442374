"""When two statements of one figure agree, and which slip sets them apart when they do not.

Why apart from `slips`: a restatement compares two prints that the model has already tied to one
metric, business line, basis and period. Two such prints agree when they can stand for one true
value (rounding, or the less precise one cut short); two prints of one precision that differ are
two values, even when their rounding intervals touch (EUR623 million and EUR624 million). And
because the pair is tied to one figure, one digit changed is a slip however short the number
("4.6" and "4.7 billion", "17.6%" and "17.7%"), where a lone rate gives no such evidence.
"""

from __future__ import annotations

from decimal import Decimal

from auditor.figures.extraction import Figure
from auditor.figures.lexicon import Lexicon
from auditor.figures.slips import slip
from auditor.quantities import Quantity


def truncated(a: Quantity, b: Quantity) -> bool:
    """Whether the less precise of two prints is the more precise one cut short (728.7 -> 728)."""
    coarse, fine = (a, b) if a.step >= b.step else (b, a)
    step = coarse.step
    if step <= 0 or coarse.step == fine.step:
        return False
    cut = (fine.value / step).to_integral_value(rounding="ROUND_DOWN") * step
    return cut == coarse.value


def agree(a: Figure, b: Figure) -> bool:
    """Whether two statements can stand for one true value: the same value, rounding intervals that
    overlap (not merely touch: 623 and 624 are two values), or one print cut short of the other."""
    qa, qb = a.quantity, b.quantity
    if qa.value == qb.value:
        return True
    (a_lo, a_hi), (b_lo, b_hi) = qa.interval(), qb.interval()
    return (a_lo < b_hi and b_lo < a_hi) or truncated(qa, qb)


def _digits(q: Quantity, step: Decimal) -> str | None:
    try:
        units = q.value / step
    except ArithmeticError:
        return None
    if units != units.to_integral_value() or units < 0:
        return None
    return str(int(units))


def one_digit_changed(a: Quantity, b: Quantity) -> bool:
    """Two prints of one precision with two or more digits that differ in exactly one digit."""
    if a.kind != b.kind or a.unit != b.unit or a.step != b.step or a.step <= 0:
        return False
    da, db = _digits(a, a.step), _digits(b, b.step)
    if da is None or db is None or len(da) != len(db) or len(da) < 2:
        return False
    return sum(x != y for x, y in zip(da, db, strict=True)) == 1


def restated_slip(a: Quantity, b: Quantity, lex: Lexicon, level: bool = True) -> str | None:
    """The slip that sets apart two prints of one figure: a slip of `slips.slip`, or, for the value
    of a metric (`level`), one digit changed in a number of any length (the pair is tied to one
    figure, so a short number counts). Not for growth rates: a call states many rates of one metric
    (reported, organic, by region) that the text does not always tell apart, and rates one digit
    apart are common among them."""
    why = slip(a, b, lex)
    if why is not None:
        return why
    if a.qualifier or b.qualifier or not level:
        return None
    return "one digit changed" if one_digit_changed(a, b) else None
