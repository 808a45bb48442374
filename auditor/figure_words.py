"""Every figure of a line, digits and words alike, so that a translation can account for each one.

Why a module of its own: the shared quantity parser reads the figures an earnings call prints
(RMB1.2 billion, 24.2%, 人民幣16.253億元) and deliberately leaves out numbers written as words
("three plants", 兩朵花): they are not amounts to reconcile. A translation, though, must keep them
too, and a dropped "two" or an added 第五 changes what the reader is told. This module reads the
rest, with the vocabulary of `auditor/data/figure_words.toml`: spelled numbers, multiples (twice,
兩倍), fractions (a third, 三分之一, "one in five"), ordinals (the fifth, 第五), decades (the
eighties, 八十年代), months, and Chinese numerals before a classifier. It is run once per pair by
`auditor.pairs`; `unaccounted` compares two lists by value.

A figure is an interval of values with a kind; figures are compared by value whatever their kind
(eight percent = 8% = 8), with the equivalences a translator uses: a fraction is its percentage
(一半 = 50%) or its two terms (one in five = 五個中有一個), a decade is its last two digits
(1980s = 八十年代), and 一倍 may be "twice" (增加一倍). Codes and model numbers (N95, D28) are not
figures, and the value one is left out of words ("one", 一個): it is an article as often as a count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from auditor.alternation import first_char_lookahead, literal_alternation
from auditor.dates import DateMention, PeriodMention
from auditor.prefilter import LazyPattern, pattern_sources
from auditor.quantities import Quantity
from auditor.wordgate import LineWords, keys
from auditor.words import Words, default_words

_ONE = Decimal(1)
_ONE_OR_A = re.compile(r"\b(?:one|an?)\b", re.IGNORECASE)
_YEAR = r"(?<![\d.,$])\b(?:19|20)\d\d\b(?![.,]?\d)"
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Figure:
    """A figure as written: its span, the interval of values it stands for, and its kind.

    `soft` figures ("both", 兩者, 半) may account for a figure of the other side but are never
    reported themselves; `parts` are a fraction's numerator and denominator.
    """

    text: str
    start: int
    end: int
    lo: Decimal
    hi: Decimal
    kind: str  # amount | count | percent | multiple | fraction | ordinal | year | decade | month
    soft: bool = False
    parts: tuple[Decimal, Decimal] | None = None
    nominal: Decimal | None = None  # the printed value when the interval is wider ("about 15", 一倍)
    in_date: bool = False  # read from a calendar date (translation.date compares those)

    @property
    def value(self) -> Decimal:
        if self.nominal is not None:
            return self.nominal
        return self.lo if self.lo == self.hi or self.hi.is_infinite() else (self.lo + self.hi) / 2

    def describe(self) -> str:
        """The value as a reader would say it ('1/3', '1980s', '8%', 'month 3')."""
        if self.kind == "fraction" and self.parts:
            return f"{_plain(self.parts[0])}/{_plain(self.parts[1])}"
        if self.kind == "decade":
            return f"the {_plain(self.value)}s"
        if self.kind == "percent":
            return f"{_plain(self.value)}%"
        if self.kind == "multiple":
            return f"{_plain(self.value)}x"
        if self.kind == "month":
            return f"month {_plain(self.value)}"
        if self.kind == "ordinal":
            return f"ordinal {_plain(self.value)}"
        return _plain(self.value)


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def exact_figure(text: str, start: int, end: int, value: Decimal, kind: str, **kw: Any) -> Figure:
    return Figure(text[start:end], start, end, value, value, kind, **kw)


# --- vocabulary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    #: the sources of the patterns, each compiled when first read (`auditor.prefilter.LazyPattern`)
    sources: tuple[tuple[str, str, int], ...]
    en_word: dict[str, Decimal]  # unit and tens words
    en_scale: dict[str, Decimal]
    en_one: frozenset[str]
    en_number = LazyPattern()  # a spelled number: words, scales, "and", hyphens
    en_after = LazyPattern()  # percent | times after a figure
    en_not_after: tuple[str, ...]
    en_not_after_len: int
    en_lone: frozenset[str]  # words of en_one that are a number alone in no reading ("a", "one")
    en_vague = LazyPattern()
    en_soft: dict[str, tuple[Decimal, Decimal]]
    en_soft_words = LazyPattern()
    en_ordinal = LazyPattern()
    en_ordinals: dict[str, Decimal]
    en_fraction = LazyPattern()
    en_fractions: dict[str, Decimal]
    en_multiple = LazyPattern()
    en_fold = LazyPattern()
    en_multiples: dict[str, Decimal]
    en_of_whole = LazyPattern()
    en_decade = LazyPattern()
    en_decades: dict[str, Decimal]
    en_month = LazyPattern()
    months: dict[str, int]
    # pattern -> (words, substrings) one of which a match needs (auditor.wordgate)
    en_gates: dict[str, tuple[frozenset[str] | None, tuple[str, ...]]]
    zh_numeral = LazyPattern()
    zh_classifier = LazyPattern()
    zh_not = LazyPattern()
    zh_halves = LazyPattern()
    zh_doubles = LazyPattern()
    zh_soft: dict[str, tuple[Decimal, Decimal]]
    zh_soft_words = LazyPattern()
    zh_vague: tuple[str, ...]
    zh_vague_after: tuple[str, ...]
    zh_fraction_marker: str
    zh_decade_suffix: str
    zh_ordinal_prefix: str
    zh_ordinal_soft_after: str


def _ranges(table: dict[str, Any]) -> dict[str, tuple[Decimal, Decimal]]:
    """word -> (lo, hi) from a table of values or [lo, hi] ranges."""
    out = {}
    for word, value in table.items():
        lo, hi = (value, value) if isinstance(value, int | float) else value
        out[word.lower()] = (Decimal(lo), Decimal(hi))
    return out


def _with(found: frozenset[str] | None, more: set[str]) -> frozenset[str] | None:
    return None if found is None else found | more


@cache
def vocabulary(words: Words) -> Vocabulary:
    data = words.table("figure_words")
    en, zh = data["en"], data["zh"]
    en_word = {w: Decimal(v) for w, v in {**en["units"], **en["tens"]}.items()}
    en_scale = {w: Decimal(10) ** int(p) for w, p in en["scales"].items()}
    one = frozenset(en["one"])
    number_words = list(en_word) + list(en_scale) + list(one) + ["half"]
    word = literal_alternation(number_words)
    # "two hundred and fifty thousand", "twenty-five", "a million": joined by spaces, hyphens, "and"
    number = rf"\b{first_char_lookahead(number_words)}(?:{word})(?:(?:\s+and\s+|[\s-]+)(?:{word}))*\b"
    cal = words.table("calendar")["months"]
    months = {name.lower(): i + 1 for i, name in enumerate(cal["names"])}
    chars = words.table("quantities")["zh"]["numerals"]["chars"]
    return Vocabulary(
        sources=pattern_sources(
            en_number=(number, re.IGNORECASE),
            en_after=(rf"\s*(?:(?P<percent>{literal_alternation(en['percent'])})|(?P<times>-?(?:{literal_alternation(en['times'])})))\b", re.IGNORECASE),
            en_vague=(rf"\b(?:{literal_alternation(en['vague'])})\s+(?={number})", re.IGNORECASE),
            en_soft_words=(rf"\b(?:{literal_alternation(en['soft'])})\b", re.IGNORECASE),
            en_ordinal=(rf"\b(?P<the>the\s+)?(?P<w>{literal_alternation(en['ordinals'])})(?:ly)?\b(?P<label>\s+(?:{literal_alternation(en['label_nouns'])})\b)?"
                rf"|\b(?P<d>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE),
            en_fraction=(rf"\b(?P<num>{word})[\s-]+(?P<den>{literal_alternation(en['fractions'])})\b"
                rf"|(?<!and a )(?<!and an )\b(?P<half>half)\b", re.IGNORECASE),
            en_multiple=(rf"\b(?:{literal_alternation(en['multiples'])})\b", re.IGNORECASE),
            en_fold=(rf"\b(?P<w>{word})-?{en['fold']}\b", re.IGNORECASE),
            en_of_whole=(rf"\s+(?:{literal_alternation(en['of_whole'])})\s+(?:every\s+)?", re.IGNORECASE),
            en_decade=(rf"\b(?:19|20)?(?P<d>[1-9]0)['’]?s\b|['’](?P<s>[1-9]0)s\b|\bthe\s+(?P<w>{literal_alternation(en['decades'])})\b", re.IGNORECASE),
            en_month=rf"\b(?:{literal_alternation(cal['names'])})\b",
            zh_numeral=f"[{re.escape(chars)}]+",
            zh_classifier=literal_alternation(zh["classifiers"]),
            zh_not=literal_alternation(zh["not_figures"]),
            zh_halves=literal_alternation(zh["halves"]),
            zh_doubles=literal_alternation(zh["doubles"]),
            zh_soft_words=literal_alternation(zh["soft"]),
        ),
        en_word=en_word,
        en_scale=en_scale,
        en_one=one,
        en_not_after=tuple(en["not_after"]),
        en_not_after_len=max(map(len, en["not_after"]), default=0),
        en_lone=frozenset(w.lower() for w in one if re.fullmatch("[a-z]+", w.lower())) - set(en_word) - set(en_scale)
        - {"half", "and"},
        en_soft=_ranges(en["soft"]),
        en_ordinals={w: Decimal(v) for w, v in en["ordinals"].items()},
        en_fractions={w: Decimal(v) for w, v in en["fractions"].items()},
        en_multiples={w: Decimal(v) for w, v in en["multiples"].items()},
        en_decades={w: Decimal(v) for w, v in en["decades"].items()},
        months=months,
        en_gates={
            "decade": (keys(en["decades"]), ("0s", "0's", "0’s")),  # the 1980s, '80s, the eighties
            "vague": (keys(en["vague"]), ()),
            "soft": (keys(en["soft"]), ()),
            "fraction": (keys([*en["fractions"], "half"]), ()),
            "ordinal": (_with(keys(en["ordinals"], suffix="ly"), {"st", "nd", "rd", "th"}), ()),
            # "-fold" may end a word (twofold): looked for as a substring
            "fold": (frozenset(), (en["fold"].lower(),)) if en["fold"].isalpha() and en["fold"].isascii() else (None, ()),
            "multiple": (keys(en["multiples"]), ()),
            "month": (keys(cal["names"]), ()),
        },
        zh_soft=_ranges(zh["soft"]),
        zh_vague=tuple(zh["vague_prefixes"]),
        zh_vague_after=tuple(zh["vague_suffixes"]),
        zh_fraction_marker=zh["fraction_marker"],
        zh_decade_suffix=zh["decade_suffix"],
        zh_ordinal_prefix=zh["ordinal_prefix"],
        zh_ordinal_soft_after="".join(zh["ordinal_soft_after"]),
    )


# --- shared helpers -----------------------------------------------------------------------------


def from_quantity(q: Quantity) -> Figure:
    lo, hi = q.interval()
    if q.kind == "multiple" and q.value == 1:
        hi = Decimal(2)  # 增加一倍 is "doubled": one times more, or twice as much
    kind = {"money": "amount", "number": "count"}.get(q.kind, q.kind)
    return Figure(q.text, q.start, q.end, lo, hi, kind, nominal=q.value)


def from_dates(dates: list[DateMention]) -> list[Figure]:
    out = []
    for d in dates:
        out.append(Figure(d.text, d.start, d.end, Decimal(d.month), Decimal(d.month), "month", in_date=True))
        if d.day is not None:
            out.append(Figure(d.text, d.start, d.end, Decimal(d.day), Decimal(d.day), "count", in_date=True))
        if d.year is not None:
            out.append(Figure(d.text, d.start, d.end, Decimal(d.year), Decimal(d.year), "year", in_date=True))
    return out


def from_periods(periods: list[PeriodMention]) -> list[Figure]:
    """A period is a label (Q4, 第二季), not a figure: its number only accounts for a figure of the
    other side; its year is a figure."""
    out = []
    for p in periods:
        if p.number is not None:
            n = Decimal(p.number)
            out.append(Figure(p.text, p.start, p.end, n, n, "ordinal", soft=True))
        if p.year is not None:
            out.append(Figure(p.text, p.start, p.end, Decimal(p.year), Decimal(p.year), "year"))
    return out


def is_free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(a < end and start < b for a, b in spans)


# --- English ------------------------------------------------------------------------------------


def _spelled_value(text: str, vocab: Vocabulary) -> Decimal | None:
    """'two hundred and fifty thousand' -> 250000; None for a lone 'a' or 'one'."""
    total, current, seen_number = Decimal(0), Decimal(0), False
    tokens = re.split(r"[\s-]+", text.lower())
    for i, token in enumerate(tokens):
        if token == "and" or token in vocab.en_one and tokens[i + 1 : i + 2] == ["half"]:
            continue
        if token == "half":
            current += Decimal("0.5")  # "two and a half million"
        elif token in vocab.en_word:
            current += vocab.en_word[token]
            seen_number = True
        elif token in vocab.en_one:
            current += _ONE
        elif token in vocab.en_scale:
            scale = vocab.en_scale[token]
            current = (current or _ONE) * scale
            if scale > _HUNDRED:
                total, current = total + current, Decimal(0)
            seen_number = True
    value = total + current
    return value if seen_number else None


def english_figures(
    text: str, quantities: list[Quantity], dates: list[DateMention], periods: list[PeriodMention],
    words: Words | None = None, gated: bool = True,
) -> list[Figure]:
    """Every figure of an English line: the parser's quantities, dates and periods, years, and words.

    `gated`: a word pattern none of whose words is in the line is not run (`auditor.wordgate`; the
    figures are the same, the tests compare both ways)."""
    vocab = vocabulary(words or default_words())
    line = LineWords(text) if gated else None

    def run(name: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        if line is None or line.may_hold(*vocab.en_gates[name]):
            yield from pattern.finditer(text)

    out = [from_quantity(q) for q in quantities] + from_dates(dates) + from_periods(periods)
    taken = [(f.start, f.end) for f in out]
    years = re.finditer(_YEAR, text) if line is None or "19" in text or "20" in text else iter(())
    for m in years:
        if is_free(taken, m.start(), m.end()):
            out.append(exact_figure(text, m.start(), m.end(), Decimal(m.group(0)), "year"))
            taken.append(m.span())
    for m in run("decade", vocab.en_decade):
        if not is_free(taken, m.start(), m.end()):
            continue
        value = vocab.en_decades[m.group("w").lower()] if m.group("w") else Decimal(m.group("d") or m.group("s"))
        out.append(exact_figure(text, m.start(), m.end(), value, "decade"))
        taken.append(m.span())
    for m in run("vague", vocab.en_vague):
        number = vocab.en_number.match(text, m.end())
        vague = _spelled_value(number.group(0), vocab) if number else None
        if number and vague is not None and is_free(taken, m.start(), number.end()):
            out.append(Figure(text[m.start():number.end()], m.start(), number.end(), vague, vague, "count", soft=True))
            taken.append((m.start(), number.end()))
    for m in run("soft", vocab.en_soft_words):
        lo, hi = vocab.en_soft[m.group(0).lower()]
        if is_free(taken, m.start(), m.end()):
            out.append(Figure(m.group(0), m.start(), m.end(), lo, hi, "count", soft=True))
            taken.append(m.span())
    for m in run("fraction", vocab.en_fraction):
        if not is_free(taken, m.start(), m.end()):
            continue
        if m.group("half"):
            out.append(Figure(m.group(0), m.start(), m.end(), Decimal("0.5"), Decimal("0.5"), "fraction",
                              parts=(_ONE, Decimal(2))))
            taken.append(m.span())
            continue
        num = _spelled_value(m.group("num"), vocab) or (_ONE if m.group("num").lower() in vocab.en_one else None)
        den_word = m.group("den").lower()
        singular = not den_word.endswith("s") or den_word == "halves"
        # "a third party", "the second quarter": a singular fraction needs "of" after it
        if num is None or (singular and not re.match(r"\s+of\b", text[m.end():], re.IGNORECASE)):
            continue
        den = vocab.en_fractions[den_word]
        out.append(Figure(m.group(0), m.start(), m.end(), num / den, num / den, "fraction", parts=(num, den)))
        taken.append(m.span())
    for m in run("ordinal", vocab.en_ordinal):
        if not is_free(taken, m.start(), m.end()):
            continue
        word = (m.group("w") or "").lower()
        value = vocab.en_ordinals[word] if word else Decimal(m.group("d"))
        # "Second, ...", "thirdly" enumerate and "the second half" labels a period: they account only
        soft = bool(word) and (not m.group("the") or bool(m.group("label")))
        if value > 1:
            out.append(exact_figure(text, m.start(), m.end(), value, "ordinal", soft=soft))
            taken.append(m.span())
    for m in run("fold", vocab.en_fold):
        fold = _spelled_value(m.group("w"), vocab)
        if fold is not None and is_free(taken, m.start(), m.end()):
            out.append(exact_figure(text, m.start(), m.end(), fold, "multiple"))
            taken.append(m.span())
    for m in run("multiple", vocab.en_multiple):
        if is_free(taken, m.start(), m.end()):
            out.append(exact_figure(text, m.start(), m.end(), vocab.en_multiples[m.group(0).lower()], "multiple"))
            taken.append(m.span())
    out += _spelled(text, vocab, taken)
    for m in run("month", vocab.en_month):
        if is_free(taken, m.start(), m.end()) and (m.group(0) != "May" or _month_context(text, m)):
            month = vocab.months[m.group(0).lower()]
            out.append(exact_figure(text, m.start(), m.end(), Decimal(month), "month", in_date=True))
    return sorted(out, key=lambda f: (f.start, f.end))


def _month_context(text: str, m: re.Match[str]) -> bool:
    """'May' is a month only next to a figure or after in/of/since/until ('may' is a verb)."""
    return bool(re.search(r"\b(?:in|of|since|until|from|by|last|next|this)\s+$", text[: m.start()], re.IGNORECASE)
                or re.match(r"\s+\d", text[m.end():]))


def _spelled(text: str, vocab: Vocabulary, taken: list[tuple[int, int]]) -> list[Figure]:
    out: list[Figure] = []
    # "one in five": "one" alone starts a fraction
    for m in _ONE_OR_A.finditer(text):
        if not text[m.end() : m.end() + 1].isspace():
            continue  # en_of_whole starts with \s+ (the same characters as str.isspace): no match
        whole = vocab.en_of_whole.match(text, m.end())
        den = vocab.en_number.match(text, whole.end()) if whole else None
        dv = _spelled_value(den.group(0), vocab) if den else None
        if den and dv and dv > 1 and is_free(taken, m.start(), den.end()):
            out.append(Figure(text[m.start():den.end()], m.start(), den.end(), _ONE / dv, _ONE / dv, "fraction",
                              parts=(_ONE, dv)))
            taken.append((m.start(), den.end()))
    for m in vocab.en_number.finditer(text):
        start, end = m.start(), m.end()
        # leading articles and a trailing "and" belong to the sentence, not the number
        words = m.group(0)
        if words.lower() in vocab.en_lone:
            continue  # "a", "an", "one" alone: _spelled_value gives None
        value = _spelled_value(words, vocab)
        if value is None or not is_free(taken, start, end):
            continue
        # the lower case of the next characters (as many as the longest word) starts as that of the
        # rest of the line: lower() never shortens a character
        head = text[end : end + vocab.en_not_after_len].lower()
        if any(head.startswith(w) for w in vocab.en_not_after):
            continue
        after = vocab.en_after.match(text, end)
        whole = vocab.en_of_whole.match(text, end)
        if after and after.group("percent"):
            out.append(exact_figure(text, start, after.end(), value, "percent"))
        elif after and after.group("times"):
            out.append(exact_figure(text, start, after.end(), value, "multiple"))
        elif whole and (den := vocab.en_number.match(text, whole.end())) and (dv := _spelled_value(den.group(0), vocab)):
            out.append(Figure(text[start:den.end()], start, den.end(), value / dv, value / dv, "fraction",
                              parts=(value, dv)))
        elif value != _ONE:
            out.append(exact_figure(text, start, end, value, "count"))
    return out


# --- comparison ---------------------------------------------------------------------------------


def accounts(g: Figure, f: Figure) -> bool:
    """Whether figure `g` of one side can be the rendering of figure `f` of the other."""
    if g.lo <= f.hi and f.lo <= g.hi:
        return True
    if "decade" in (f.kind, g.kind):
        return f.value % 100 == g.value % 100
    if f.kind == "fraction" and g.kind == "percent" or f.kind == "percent" and g.kind == "fraction":
        frac, pct = (f, g) if f.kind == "fraction" else (g, f)
        return pct.lo <= frac.value * 100 <= pct.hi
    return False


def unaccounted(figures: list[Figure], other: list[Figure]) -> list[Figure]:
    """The figures of one side that no figure of the other side accounts for (by value).

    Each figure of the other side accounts for one figure only, so a figure said twice and
    rendered once is reported (the closest value is paired first); a soft figure ("both", 數百)
    accounts for any number. A fraction is also accounted for by its two terms on the other side
    (one in five: 五個中有一個).
    """
    # Figures alike in all that `accounts` and the pairing read (interval, kind, value) are
    # interchangeable but for their order: each class of hard figures offers its first unused one,
    # so a line of one figure repeated is matched in linear time, not by scanning every figure of
    # the other side for each.
    classes: dict[tuple[Decimal, Decimal, str, Decimal], list[Figure]] = {}
    for g in other:
        if not g.soft:
            classes.setdefault((g.lo, g.hi, g.kind, g.value), []).append(g)
    unused = {key: 0 for key in classes}  # class -> position of its first unused figure
    order = {id(g): i for i, g in enumerate(g for g in other if not g.soft)}
    soft = list({(g.lo, g.hi, g.kind, g.value): g for g in other if g.soft}.values())
    bounds = {(g.lo, g.hi) for g in other}
    out = []
    for f in sorted(figures, key=lambda f: f.hi - f.lo):  # the most precise figures pick first
        if f.soft:
            continue
        best: tuple[Decimal, int, tuple[Decimal, Decimal, str, Decimal]] | None = None
        for key, at in unused.items():
            g = classes[key][at]
            if accounts(g, f):
                candidate = (abs(g.value - f.value), order[id(g)], key)
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        if best is not None:
            key = best[2]
            unused[key] += 1
            if unused[key] == len(classes[key]):
                del unused[key]
            continue
        if any(accounts(g, f) for g in soft):
            continue
        if f.parts and all(any(lo <= p <= hi for lo, hi in bounds) or p == 1 for p in f.parts):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.start)
