"""The period phrases of a span of a paragraph: explicit periods, quarter numbers, bare years and
relative phrases ("last quarter"), resolved against the call's own quarter.

Why here: the figure model asks for the periods of every sentence and of the text around every
figure; the paragraph's explicit periods are parsed once (`Paragraph.periods`), its phrase matches
scanned once (`auditor.figures.folding.paragraph_matches`), and a span that surely names no
period is answered by one bisection (`auditor.figures.period_gate`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from auditor.figures import folding
from auditor.figures.folding import paragraph_cache, paragraph_folded, paragraph_matches
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.period_gate import period_gate

if TYPE_CHECKING:
    from auditor.dates import PeriodMention
    from auditor.figures.mentions import CallPeriod
    from auditor.model import Paragraph


def explicit_periods(paragraph: Paragraph, start: int, end: int) -> list[PeriodMention]:
    """The explicit periods of the paragraph ("third quarter of 2024") that start in [start, end),
    in the paragraph's order.

    Found by bisection in an index of the paragraph's starts, built once: the figure model asks
    this of a span per figure, and a scan of every period of the paragraph per question made a
    paragraph dense with figures and periods quadratic.
    """
    starts, order = _explicit_index(paragraph)
    picked = order[bisect_left(starts, start) : bisect_left(starts, end)]
    periods = paragraph.periods
    return [periods[i] for i in sorted(picked)]


def _explicit_index(paragraph: Paragraph) -> tuple[list[int], list[int]]:
    """The starts of the paragraph's explicit periods, sorted, and the index of each in `periods`."""
    cache = paragraph_cache(paragraph)
    if "explicit" not in cache:
        keyed = sorted((p.start, i) for i, p in enumerate(paragraph.periods) if p.relative is None)
        cache["explicit"] = ([s for s, _ in keyed], [i for _, i in keyed])
    index: tuple[list[int], list[int]] = cache["explicit"]
    return index


def periods_in(
    paragraph: Paragraph, start: int, end: int, call: CallPeriod, lex: Lexicon | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, period) of every period phrase in paragraph.text[start:end], explicit or
    relative ("last quarter"), in order; offsets are relative to `start`.

    Explicit periods are read from the paragraph (parsed once), relative ones matched in the span.
    Why the answer is kept per span: the figure model asks it of a figure's whole sentence for
    every figure of that sentence, so a long sentence dense with figures was read once per figure
    (quadratic in its length); each distinct span is now read once, in time linear in its length.
    """
    lex = lex or load_lexicon()
    if period_gate(paragraph, lex).quiet(start, end):
        return []  # most spans: no place of the paragraph where a period may be found meets this one
    # the answers per span, for this call period and lexicon: kept by their ids, with them (so an id
    # names them for good; hashing the call period per question cost more than the look-up)
    cache = paragraph_cache(paragraph)
    known = cache.get(("spans", id(call), id(lex)))
    if known is None or known[0] is not call or known[1] is not lex:
        known = cache[("spans", id(call), id(lex))] = (call, lex, {})
    spans: dict[tuple[int, int], list[tuple[int, int, str]]] = known[2]
    key = (start, end)
    if key not in spans:
        spans[key] = _periods_in(paragraph, start, end, call, lex)
    return list(spans[key])


def _periods_in(paragraph: Paragraph, start: int, end: int, call: CallPeriod, lex: Lexicon) -> list[tuple[int, int, str]]:
    """`periods_in` computed. A phrase is kept unless it starts inside one kept before it (explicit
    periods first, then quarter numbers, bare years, relative phrases); a relative phrase that takes
    the year after it ("first half of 2021") drops the phrases that started in that year."""
    full, folded_all = paragraph.text, paragraph_folded(paragraph)
    phrases = paragraph_matches(paragraph, lex.period_re).within(start, end)
    starts, _ = _explicit_index(paragraph)
    # "quarter" and a year's digits are in every match of the two patterns: most spans have neither
    quarters = folded_all is None or folded_all.find("quarter", start, end) >= 0
    years = _YEAR_DIGITS_RE.search(full, start, end) is not None
    if phrases == [] and bisect_left(starts, start) == bisect_left(starts, end) and not quarters and not years:
        return []  # no period phrase (no explicit period starts in the span either): most spans
    explicit = explicit_periods(paragraph, start, end)
    text = full[start:end]
    if phrases is None:
        phrases = folding.finditer(lex.period_re, text, folded_all[start:end] if folded_all is not None else None)
    found = [(p.start - start, p.end - start, call.resolve(p)) for p in explicit]
    # how many kept phrases cover each character, and the kept phrases by start: each match is
    # looked up where it starts instead of against every phrase found (quadratic on dense text)
    cover = _Coverage(len(text))
    for f in found:
        cover.add(f[0], f[1])
    if quarters:
        for m in lex.quarter_number_re.finditer(text):
            n = m.group("n").lower()
            number = int(n) if n.isdigit() else lex.quarter_numbers.index(n) + 1
            if not cover.covered(m.start()):
                found.append((m.start(), m.end(), call.quarter_id(number, None)))
                cover.add(m.start(), m.end())
    if years:
        for m in lex.bare_year_re.finditer(text):
            if not cover.covered(m.start("year")):
                found.append((m.start("year"), m.end("year"), call.full_year(int(m.group("year")))))
                cover.add(m.start("year"), m.end("year"))
    by_start: dict[int, list[int]] = {}
    for i, f in enumerate(found):
        by_start.setdefault(f[0], []).append(i)
    dropped: set[int] = set()
    for m_start, m_end in phrases:
        if cover.covered(m_start):
            continue
        kind, stop = lex.period_of[text[m_start:m_end].lower()], m_end
        year = _OF_YEAR_RE.match(text, m_end)
        if year and kind.startswith(("year", "half:", "9m")):
            # "first nine months of 2021": the year belongs to the phrase (the windows of two such
            # phrases never overlap, so this look-up is linear in the text over all phrases)
            stop = year.end()
            for at in range(m_end, stop):
                for i in by_start.pop(at, ()):
                    dropped.add(i)
                    cover.remove(found[i][0], found[i][1])
            period = f"{kind}:{year.group('year')}" if kind != "year" else f"year:{year.group('year')}"
        else:
            period = call.relative(kind)
        by_start.setdefault(m_start, []).append(len(found))
        found.append((m_start, stop, period))
        cover.add(m_start, stop)
    kept = [f for i, f in enumerate(found) if i not in dropped]
    kept.sort(key=lambda f: (f[0], f[2]))
    # "the first nine months of the Q3", "first half through Q2": the quarter ends the longer period
    out: list[tuple[int, int, str]] = []
    for f in kept:
        prev = out[-1] if out else None
        if (
            prev is not None and prev[2].startswith(("9m", "half:", "year:")) and f[2] in ("current", "prior_quarter", "other")
            and lex.period_ends_re.fullmatch(text[prev[1] : f[0]])
        ):
            out[-1] = (prev[0], f[1], prev[2])
            continue
        out.append(f)
    return out


class _Coverage:
    """How many kept phrases cover each character of a text: phrases are short (a few words, the
    spaces between them at most), so adding and removing them costs little more than their length."""

    def __init__(self, size: int) -> None:
        self._count = [0] * (size + 1)

    def covered(self, at: int) -> bool:
        return self._count[at] > 0

    def add(self, a: int, b: int) -> None:
        for i in range(max(a, 0), min(b, len(self._count))):
            self._count[i] += 1

    def remove(self, a: int, b: int) -> None:
        for i in range(max(a, 0), min(b, len(self._count))):
            self._count[i] -= 1


# a year's digits, as bare_year_re has them: no span without them has a bare year
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")
# "... of 2021", "... of fiscal 2021" right after a period phrase
_OF_YEAR_RE = re.compile(r"\s+(?:of\s+)?(?:the\s+)?(?:fiscal\s+(?:year\s+)?)?(?P<year>(?:19|20)\d\d)\b")


