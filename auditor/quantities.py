"""The shared quantity parser: every number a check compares goes through here.

Why one parser: the figure checks, the translation check and the date check must agree on what
"RMB1,625.3 million", "人民幣16.253億元" and "over 120%" mean, including how precise the printed
digits are. A printed number stands for an interval (plus or minus half a unit of its last printed
digit, times its scale word); qualifiers such as "over" or "about" make it one-sided or wider. This
is the rule XBRL Calculations 1.1 uses for rounding, and it is what keeps correct arithmetic silent.

This module holds the value type and the English parser; the Chinese parser is in
`auditor.quantities_zh`. Their words (scales, currencies, qualifiers) are data,
`auditor/data/quantities.toml`, and the patterns built from them are compiled once per vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from auditor.anchored import anchored_finditer, fold
from auditor.quantities_zh import parse_chinese
from auditor.quantity import (
    INF,
    Quantity,
    by_word,
    digit_step,
    format_decimal,
    longest_first,
    parse_decimal,
    powers_of_ten,
)
from auditor.textutil import Spans
from auditor.words import Words, default_words

__all__ = ["INF", "Quantity", "by_word", "digit_step", "format_decimal", "longest_first", "parse_decimal",
           "parse_english", "parse_quantities", "parse_quantity", "powers_of_ten"]

# --- English ----------------------------------------------------------------------------------

_EN_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
#: where a number (_EN_NUMBER) can start: the anchor of the quantity pattern (`auditor.anchored`)
_NUMBER_START = re.compile(r"\d|\.\d")
_ASCII_NUMBER_START = re.compile(r"[0-9]|\.[0-9]")  # the same in an ASCII text, found faster
_YEAR_DIGITS = re.compile(r"(19|20)\d\d")
# The unit suffixes are grammar, not a word list: each form has its own spacing and boundary rule
# ("2.5x" glued, "5 pp" not "5 ppm", "per cent" with an optional space), and `_en_kind` reads them.
_EN_SUFFIX_UNIT = (
    r"(?:%|\s?percent(?:age points?)?|\s?per\s?cent|\s?pp(?![a-z])|\s?ppts?(?![a-z])"
    r"|\s?basis points?|\s?bps|x(?![a-z])|\s?times(?![a-z])|-fold)"
)


@dataclass(frozen=True)
class EnglishVocabulary:
    """The English words of the quantity parser (lower-case keys) and the pattern built from them."""

    scales: dict[str, Decimal]
    currency_prefixes: dict[str, str]
    currency_suffixes: dict[str, str]
    qualifiers: dict[str, str]
    pattern: re.Pattern[str]
    #: the longest prefix before the number, as `auditor.anchored.window_start` parts: a currency
    #: and its optional space, then (after any whitespace) a qualifier
    prefix: tuple[int, int]
    #: the folded currencies and qualifiers that can end a prefix (`_led_by_prefix`), or None when
    #: a word holds a digit, a currency ends with "." or a qualifier with whitespace (the number
    #: might then start after the first digit of the window)
    endings: tuple[tuple[str, ...], tuple[str, ...]] | None


@cache
def english_vocabulary(words: Words) -> EnglishVocabulary:
    """The English quantity vocabulary of `words`, its pattern compiled once per vocabulary."""
    data = words.table("quantities")["en"]
    scales = powers_of_ten(data["scales"], lower=True)
    prefixes = by_word(data["currency_prefixes"], lower=True)
    suffixes = by_word(data["currency_suffixes"], lower=True)
    qualifiers = by_word(data["qualifiers"], lower=True)
    # a one-letter scale must not run on into a letter ("5m" is five million, "5ms" is not)
    scale = "|".join(
        w + "(?![a-z])" if len(w) == 1 and w.isalpha() else w
        for w in sorted((re.escape(s) for s in scales), key=len, reverse=True)
    )
    pattern = re.compile(
        rf"(?:(?P<qual>{longest_first(qualifiers)})\s+)?"
        rf"(?:(?P<cur>{longest_first(prefixes)})\s?)?"
        rf"(?P<num>{_EN_NUMBER})"
        rf"(?:\s?(?P<scale>{scale})(?![\w]))?"
        rf"(?P<unit>{_EN_SUFFIX_UNIT})?"
        rf"(?P<cursuf>\s(?:{longest_first(suffixes)})(?![\w]))?",
        re.IGNORECASE,
    )
    prefix = (max(map(len, prefixes), default=0) + 1, max(map(len, qualifiers), default=0))
    plain = all(w and not any(c.isdigit() or c.isdecimal() for c in w) for w in [*prefixes, *qualifiers])
    plain = plain and not any(w.endswith(".") for w in prefixes) and not any(w[-1].isspace() for w in qualifiers if w)
    endings = (tuple(map(fold, prefixes)), tuple(map(fold, qualifiers))) if plain else None
    return EnglishVocabulary(scales, prefixes, suffixes, qualifiers, pattern, prefix, endings)


def _led_by_prefix(text: str, folded: str, endings: tuple[tuple[str, ...], tuple[str, ...]]) -> Callable[[int], bool]:
    """For an ASCII `text` (`folded` its lower case): whether a quantity can start before the number
    at `at`, that is whether the text before it ends with a currency, a currency and a whitespace
    character, or a qualifier and whitespace. Why it suffices: the prefix of a match before its
    number is "qualifier whitespace", "currency whitespace?" or both; it holds no digit, so the
    number starts at the first digit of the window (`auditor.anchored.anchored_finditer`)."""
    currencies, qualifiers = endings

    def led(at: int) -> bool:
        if folded.endswith(currencies, 0, at):
            return True
        before = at
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if before == at:
            return False
        return folded.endswith(currencies, 0, at - 1) or folded.endswith(qualifiers, 0, before)

    return led


def _en_kind(unit: str | None) -> tuple[str, str | None]:
    if not unit:
        return "number", None
    u = unit.strip().lower()
    if u in ("%", "percent", "per cent", "percent") or u.startswith("per"):
        if "point" in u:
            return "points", "pp"
        return "percent", "%"
    if u in ("pp", "ppt", "ppts"):
        return "points", "pp"
    if "basis" in u or u == "bps":
        return "bps", "bp"
    return "multiple", "x"


def parse_english(text: str, masked: list[tuple[int, int]] | None = None, words: Words | None = None) -> list[Quantity]:
    """All quantities in an English text, in order. Spans in `masked` (dates) are skipped."""
    vocab = english_vocabulary(words or default_words())
    found: list[Quantity] = []
    covered = Spans(masked or [])
    # every quantity has a number: the pattern is tried only just before each one, not at every
    # character, and only at the number when no currency or qualifier ends right before it
    ascii = text.isascii()
    led = _led_by_prefix(text, text.lower(), vocab.endings) if vocab.endings is not None and ascii else None
    located = (_ASCII_NUMBER_START, text) if ascii else None
    for m in anchored_finditer(vocab.pattern, _NUMBER_START, text, vocab.prefix, located, led):
        qual, cur, num, scale_word, unit_text, cursuf = m.group("qual", "cur", "num", "scale", "unit", "cursuf")
        start, end = m.start(), m.end()
        num_start = m.start("num")
        if covered.covers(num_start):
            continue
        # a number glued to letters is a name (H20, B330A, 2Q25), not a quantity
        if end < len(text) and text[end].isalpha() and not (unit_text or scale_word):
            continue
        if num_start > 0 and text[num_start - 1].isalpha() and not cur:
            continue
        if not (cur or scale_word or unit_text or cursuf) and _YEAR_DIGITS.fullmatch(num) is not None:
            continue  # a year, not a quantity
        number = parse_decimal(num)
        if number is None:
            continue
        # a lone "m"/"b" after a space is a word ("5 b"), only glued forms count ("5m", "$0.5bn")
        if scale_word and len(scale_word) == 1 and text[m.start("scale") - 1] == " ":
            scale_word = None
            end = m.end("num")
        scale = vocab.scales[scale_word.lower()] if scale_word else Decimal(1)
        kind, unit = _en_kind(unit_text)
        if kind == "number" and (cur or cursuf):
            kind = "money"
            unit = vocab.currency_prefixes[cur.lower()] if cur else vocab.currency_suffixes[cursuf.strip().lower()]
        elif cursuf:
            cursuf = None  # "24% RMB" is not a money amount
        ends = [m.end("num")]
        if scale_word:
            ends.append(m.end("scale"))
        if unit_text:
            ends.append(m.end("unit"))
        if cursuf:
            ends.append(m.end("cursuf"))
        end = max(ends)
        qualifier = vocab.qualifiers.get(qual.lower()) if qual else None
        step = digit_step(num) * scale
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
                step=step,
                lang="en",
            )
        )
    return found


def parse_quantities(
    text: str, lang: str = "en", masked: list[tuple[int, int]] | None = None, words: Words | None = None
) -> list[Quantity]:
    """Quantities of `text` in language `lang` ("en" or "zh")."""
    if lang.startswith("zh"):
        return parse_chinese(text, masked, words)
    return parse_english(text, masked, words)


def parse_quantity(text: str, lang: str = "en", words: Words | None = None) -> Quantity | None:
    """The first quantity of a short text such as "RMB2.35 billion" or "16.253億元"."""
    found = parse_quantities(text, lang, words=words)
    return found[0] if found else None
