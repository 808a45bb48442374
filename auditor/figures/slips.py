"""Transcription slips: how one printed number may be another mis-heard or mistyped.

Why: two statements of one figure that differ are worth an editor's time only when a slip explains
the difference: a teen heard as a ten ("seventeen"/"seventy"), a misplaced decimal point, two
adjacent digits transposed, the wrong scale word (million/billion), one digit changed or dropped in a
long number. Two values that no slip connects are more likely two different figures (a segment and
the company, a quarter and the year) that the text did not tell apart, and the checks stay silent.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.quantities import Quantity


def teen_readings(q: Quantity, lex: Lexicon | None = None) -> list[tuple[Decimal, str]]:
    """The readings of `q` that undo a teen heard as a ten, or a ten heard as a teen ("seventy" for
    "seventeen"): the confusion a speech recogniser makes most, and the only one that evidence as
    thin as a list, a range, a vague word or a prior may point at."""
    lex = lex or load_lexicon()
    teens, tens = lex.teens, lex.tens  # 13..19 and 30..90
    n = q.number
    whole = int(n)
    frac = n - whole
    out: list[tuple[Decimal, str]] = []
    if 13 <= whole <= 19:
        out.append((Decimal((whole - 10) * 10) + frac, f"'{tens[whole - 13]}' misheard as '{teens[whole - 13]}'"))
    if whole in (30, 40, 50, 60, 70, 80, 90):
        out.append((Decimal(10 + whole // 10) + frac, f"'{teens[whole // 10 - 3]}' misheard as '{tens[whole // 10 - 3]}'"))
    return [(value * q.scale, why) for value, why in out]


def misreadings(q: Quantity, lex: Lexicon | None = None) -> list[tuple[Decimal, str]]:
    """Values a speech recogniser (or a typist) may have turned into the printed number, with why.

    In order of likelihood: a teen heard as a ten ("seventeen"/"seventy"), a dropped or shifted
    decimal point, two adjacent digits transposed. Values are in the units of `q.value`.
    """
    lex = lex or load_lexicon()
    n = q.number
    out: list[tuple[Decimal, str]] = [(value / q.scale, why) for value, why in teen_readings(q, lex)]
    out.append((n / 10, "a misplaced decimal point"))
    out.append((n * 10, "a misplaced decimal point"))
    printed = _digits_of(q)
    for a in range(len(printed) - 1):
        b = a + 1
        if printed[a] == printed[b] or not (printed[a].isdigit() and printed[b].isdigit()):
            continue
        chars = list(printed)
        chars[a], chars[b] = chars[b], chars[a]
        try:
            value = Decimal("".join(chars))
        except ArithmeticError:
            continue
        out.append((value, "transposed digits"))
    return [(value * q.scale, why) for value, why in out]


def _digits_of(q: Quantity) -> str:
    return re.sub(r"[^\d.]", "", q.text.split("%")[0]) or str(q.number)


def _as_digits(value: Decimal, step: Decimal) -> str | None:
    """`value` written in units of `step` as a digit string ('249.2' at 0.1 -> '2492'), or None."""
    try:
        units = value / step
    except (InvalidOperation, ZeroDivisionError):
        return None
    if units != units.to_integral_value() or units < 0:
        return None
    return str(int(units))


def _one_digit(a: str, b: str) -> str | None:
    """'one digit changed' or 'one digit dropped' between two digit strings of a long number."""
    if len(a) == len(b) and len(a) >= 3:
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return "one digit changed" if len(diffs) == 1 else None
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) == 1 and len(long) >= 4:
        for i in range(len(long)):
            if long[:i] + long[i + 1 :] == short:
                return "one digit dropped"
    return None


def slip(a: Quantity, b: Quantity, lex: Lexicon | None = None) -> str | None:
    """How `b` could be `a` mis-heard or mistyped (or the reverse), or None when no slip explains it.

    Both must be of one kind and unit, neither an approximation ("about", "over").
    """
    if a.kind != b.kind or a.unit != b.unit or a.qualifier or b.qualifier or a.value == b.value:
        return None
    lex = lex or load_lexicon()
    for x, y in ((a, b), (b, a)):
        for value, why in misreadings(x, lex):
            if value == y.value:
                return why
    if a.number == b.number and a.scale != b.scale:
        return "the wrong scale word"
    if a.kind not in ("money", "number"):
        return None  # one digit of a rate changed is as likely another rate as a slip
    step = min(a.step, b.step)
    da, db = _as_digits(a.value, step), _as_digits(b.value, step)
    if da is None or db is None:
        return None
    return _one_digit(da, db)
