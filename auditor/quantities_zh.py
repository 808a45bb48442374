"""The Chinese half of the shared quantity parser: "人民幣16.253億元", "百分之二十四", "兩倍", "5億多元".

Why a module of its own: Chinese figures have their own grammar (numerals, myriad scales, units
and qualifiers after the figure), and `auditor.quantities` stays readable with the value type and
the English parser. Both return the same `Quantity`. The words are data
(`auditor/data/quantities.toml`, table `zh`), compiled into one pattern per vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from auditor.quantity import Quantity, by_word, digit_step, longest_first, parse_decimal, powers_of_ten
from auditor.textutil import Spans, to_halfwidth
from auditor.words import Words, default_words

_ZH_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_YEAR_RE = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class ChineseVocabulary:
    """The Chinese words of the quantity parser and the pattern built from them."""

    scales: dict[str, Decimal]
    currency_prefixes: dict[str, str]
    currency_suffixes: dict[str, str | None]  # None: money in the currency of the context (元)
    qualifiers_before: dict[str, str]
    qualifiers_inside: dict[str, str]
    qualifiers_after: dict[str, str]
    points: frozenset[str]
    bps: frozenset[str]
    multiple: frozenset[str]
    tenths: frozenset[str]
    folding: dict[str, str]
    decimal_point: re.Pattern[str]
    places: dict[str, Decimal]
    myriads: dict[str, Decimal]
    weak_scales: frozenset[str]
    ordinal_prefixes: tuple[str, ...]
    pattern: re.Pattern[str]


def _in_order(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _tenths(tenths: list[str], words: list[str]) -> str:
    """The tenth units (成), each not followed by what makes it the start of a word (成長, 成本)."""
    out = []
    for tenth in tenths:
        rest = [w[len(tenth) :] for w in words if w.startswith(tenth) and len(w) > len(tenth)]
        out.append(re.escape(tenth) + (f"(?!{_in_order(rest)})" if rest else ""))
    return "|".join(out)


@cache
def chinese_vocabulary(words: Words) -> ChineseVocabulary:
    """The Chinese quantity vocabulary of `words`, its pattern compiled once per vocabulary."""
    data = words.table("quantities")["zh"]
    units = data["units"]
    numerals = data["numerals"]
    scales = powers_of_ten(data["scales"])
    prefixes = by_word(data["currency_prefixes"])
    # "context": plain 元, money in the currency of the context
    suffixes: dict[str, str | None] = {w: (None if c == "context" else c) for w, c in by_word(data["currency_suffixes"]).items()}
    before = by_word(data["qualifiers_before"])
    inside = by_word(data["qualifiers_inside"])
    after = by_word(data["qualifiers_after"])
    chars = "".join(re.escape(c) for c in numerals["chars"])
    cn = f"[{chars}]+"
    parts = ["%", _in_order(units["points"]), _in_order(units["bps"]), _in_order(units["multiple"]),
             _tenths(units["tenths"], units["tenths_not_in"]), longest_first(suffixes)]
    unit = "|".join(p for p in parts if p)
    pattern = re.compile(
        rf"(?P<qual>{longest_first(before)})?"
        rf"(?P<cur>{longest_first(prefixes)})?\s?"
        rf"(?:(?P<pct_pre>{_in_order(units['percent_before'])})(?P<pct_num>{_ZH_DIGITS}|{cn})"
        rf"|(?P<num>{_ZH_DIGITS})|(?P<cn>{cn}))"
        rf"\s?(?P<scale>{longest_first(scales)})?"
        rf"(?P<qual_post1>{longest_first(inside)})?"
        rf"(?P<unit>{unit})?"
        rf"(?P<qual_post>{longest_first(after)})?"
    )
    return ChineseVocabulary(
        scales=scales,
        currency_prefixes=prefixes,
        currency_suffixes=suffixes,
        qualifiers_before=before,
        qualifiers_inside=inside,
        qualifiers_after=after,
        points=frozenset(units["points"]),
        bps=frozenset(units["bps"]),
        multiple=frozenset(units["multiple"]),
        tenths=frozenset(units["tenths"]),
        folding=by_word(numerals["folding"]),
        decimal_point=re.compile(f"[{''.join(re.escape(c) for c in numerals['decimal_points'])}]"),
        places=powers_of_ten(numerals["places"]),
        myriads=powers_of_ten(numerals["myriads"]),
        weak_scales=frozenset(numerals["weak_scales"]),
        ordinal_prefixes=tuple(numerals["ordinal_prefixes"]),
        pattern=pattern,
    )


def _cn_to_decimal(numeral: str, vocab: ChineseVocabulary) -> Decimal | None:
    """Chinese numerals ('二十四', '兩', '一點五') as a Decimal, via cn2an."""
    import cn2an  # imported here: only Chinese text needs it

    text = numeral
    for variant, standard in vocab.folding.items():
        text = text.replace(variant, standard)
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _cn_step(numeral: str, value: Decimal, vocab: ChineseVocabulary) -> Decimal:
    """Precision of a Chinese numeral: the place value of its last digit ('二十億' -> 10**9)."""
    point = vocab.decimal_point.search(numeral)
    if point:
        return Decimal(1).scaleb(-len(numeral[point.end() :]))
    multiplier = Decimal(1)
    while numeral and numeral[-1] in vocab.myriads:
        multiplier *= vocab.myriads[numeral[-1]]
        numeral = numeral[:-1]
    base = vocab.places.get(numeral[-1], Decimal(1)) if numeral and value else Decimal(1)
    return base * multiplier


def parse_chinese(text: str, masked: list[tuple[int, int]] | None = None, words: Words | None = None) -> list[Quantity]:
    """All quantities in a Chinese text (Traditional or Simplified), in order.

    Chinese numerals count only when a scale, unit or 百分之 makes them a quantity: "一方面" and
    "三種模式" are words, "兩倍" and "百分之二十四" are quantities. Ordinals (第二季) are periods.
    """
    vocab = chinese_vocabulary(words or default_words())
    norm = to_halfwidth(text)
    covered = Spans(masked or [])
    found: list[Quantity] = []
    for m in vocab.pattern.finditer(norm):
        if m.group(0).strip() == "":
            continue
        start, end = m.start(), m.end()
        num_start = next(m.start(g) for g in ("pct_num", "num", "cn") if m.group(g))
        if covered.covers(num_start):
            continue
        if any(norm.endswith(p, 0, num_start) for p in vocab.ordinal_prefixes):
            continue
        unit: str | None
        scale_txt = m.group("scale")
        unit_txt = m.group("unit")
        cur_txt = m.group("cur")
        if m.group("pct_pre"):
            digits = m.group("pct_num")
            number = parse_decimal(digits) if digits[0].isdigit() else _cn_to_decimal(digits, vocab)
            step = digit_step(digits) if digits[0].isdigit() else Decimal(1)
            kind, unit, scale = "percent", "%", Decimal(1)
            end = m.end("pct_num")
        else:
            digits = m.group("num") or m.group("cn")
            is_cn = bool(m.group("cn"))
            if is_cn and not (scale_txt or unit_txt or cur_txt):
                continue  # a bare Chinese numeral is a word, not a figure
            if is_cn and scale_txt and not unit_txt and not cur_txt and scale_txt in vocab.weak_scales:
                continue
            if not is_cn and _YEAR_RE.fullmatch(digits) and not (scale_txt or unit_txt or cur_txt):
                continue
            if is_cn:
                number = _cn_to_decimal(digits, vocab)
                step = _cn_step(digits, number, vocab) if number is not None else Decimal(1)
            else:
                number = parse_decimal(digits)
                step = digit_step(digits)
            if number is None:
                continue
            scale = vocab.scales.get(scale_txt, Decimal(1)) if scale_txt else Decimal(1)
            if unit_txt in ("%",):
                kind, unit = "percent", "%"
            elif unit_txt in vocab.points:
                kind, unit = "points", "pp"
            elif unit_txt in vocab.bps:
                kind, unit = "bps", "bp"
            elif unit_txt in vocab.multiple:
                kind, unit = "multiple", "x"
            elif unit_txt in vocab.tenths:
                kind, unit = "percent", "%"
                number, step = number * 10, step * 10
            elif unit_txt is not None or cur_txt:
                kind = "money"
                unit = vocab.currency_prefixes.get(cur_txt) if cur_txt else None
                if unit is None and unit_txt:
                    unit = vocab.currency_suffixes.get(unit_txt)
            else:
                kind, unit = "number", None
            end = m.end("unit") if unit_txt else (m.end("scale") if scale_txt else m.end("num") if m.group("num") else m.end("cn"))
        if number is None:
            continue
        if start < num_start and not (m.group("qual") or cur_txt or m.group("pct_pre")):
            start = num_start
        qualifier = None
        if m.group("qual"):
            qualifier = vocab.qualifiers_before[m.group("qual")]
        elif m.group("qual_post1"):
            qualifier = vocab.qualifiers_inside[m.group("qual_post1")]
        elif m.group("qual_post"):
            qualifier = vocab.qualifiers_after[m.group("qual_post")]
            end = m.end("qual_post")
        # a glued Latin letter means a model name (H20), not a quantity
        if end < len(norm) and norm[end].isascii() and norm[end].isalpha() and kind == "number":
            continue
        if num_start > 0 and norm[num_start - 1].isascii() and norm[num_start - 1].isalpha():
            continue
        found.append(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                number=number,
                scale=scale,
                kind=kind,
                unit=unit,
                qualifier=qualifier,
                step=step * scale,
                lang="zh",
            )
        )
    return found
