"""Which spans of a paragraph name no period, answered by one bisection per span.

Why: the figure model asks `periods_in` for the period phrases of every sentence (the period it
sets for what follows) and of the text around every figure, and most of these spans name none.
`periods_in` found that out from five look-ups per span (the paragraph's phrase scan, its explicit
periods, "quarter", a year's digits, the span's edges). Here the places where any of them could
find something are merged once per paragraph into sorted intervals: a span that meets none of them
has no period phrase, and most spans are answered by one bisection.

Exact: `_periods_in` answers nothing for a span in which no explicit period starts, no "quarter"
lies (in the folded text), no year's digits lie, and the paragraph's scan of the period phrases
finds none (`ParagraphMatches.within` answering an empty list: no match meets the span and its
edges read as the span's own). Each of these is implied by the span meeting no interval here (an
explicit period's first character, each "quarter", each year's digits, each phrase
match) and by its edges: `quiet` says True only then, and False (ask `periods_in`) otherwise.

An edge the paragraph's scan cannot read as the span's own (a letter or a digit just outside it:
the spans around a figure, "US$5.2 million, up ...") still lets `quiet` answer when no phrase can
start (end) there: a span's own scan finds a match where the paragraph's does, but for one that
starts at the span's first character or ends at its last; when every phrase starts and ends with an
ASCII letter or digit, none does if that character is not alphanumeric.
tests/test_figures_period_gate.py compares it with `periods_in` on generated and real text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from auditor.figures.folding import paragraph_cache, paragraph_folded, paragraph_matches

if TYPE_CHECKING:
    from auditor.figures.lexicon import Lexicon
    from auditor.model import Paragraph

#: the characters at a span's edge that make `ParagraphMatches.within` unsure (its `_EDGE`, checked
#: to be the same by the tests)
EDGE_RE = re.compile(r"[\w&-]")
#: a year's digits: an occurrence the scan skips overlaps one it finds (so a span holding it meets that one)
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")


class PeriodGate:
    """The places of a paragraph where a period phrase may be found, merged and sorted."""

    __slots__ = ("_ends", "_never", "_plain_ends", "_starts", "_text")

    def __init__(self, paragraph: Paragraph, lex: Lexicon) -> None:
        text = self._text = paragraph.text
        folded = paragraph_folded(paragraph)
        self._never = folded is None  # "quarter" is then sought with the pattern: no gate
        self._plain_ends = _plain_ends(lex)
        places = list(paragraph_matches(paragraph, lex.period_re).spans)
        places += [(p.start, p.start + 1) for p in paragraph.periods if p.relative is None]
        places += [m.span() for m in _YEAR_DIGITS_RE.finditer(text)]
        if folded is not None:
            at = folded.find("quarter")
            while at >= 0:
                places.append((at, at + len("quarter")))
                at = folded.find("quarter", at + 1)
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(places):
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._starts, self._ends = starts, ends

    def quiet(self, start: int, end: int) -> bool:
        """True when text[start:end] surely names no period (`periods_in` answers nothing)."""
        if self._never:
            return False
        i = bisect_right(self._ends, start)  # the first place that ends after `start`
        if i < len(self._starts) and self._starts[i] < end:
            return False
        text = self._text
        if start > 0 and EDGE_RE.match(text, start - 1) and not (self._plain_ends and not text[start : start + 1].isalnum()):
            return False
        return not (end < len(text) and EDGE_RE.match(text, end) and not (self._plain_ends and not text[end - 1 : end].isalnum()))


#: `_plain_ends` of a lexicon, by its id (kept with it, so the id names it for good)
_PLAIN_ENDS: dict[int, tuple[Lexicon, bool]] = {}


def _plain_ends(lex: Lexicon) -> bool:
    """Whether every period phrase starts and ends with an ASCII letter or digit: a match of the
    phrases then neither starts nor ends at a character that is not alphanumeric (ignoring case,
    only ASCII letters and the four case twins, all alphanumeric, read as an ASCII letter)."""
    known = _PLAIN_ENDS.get(id(lex))
    if known is None or known[0] is not lex:
        plain = all(k[:1].isascii() and k[:1].isalnum() and k[-1:].isascii() and k[-1:].isalnum() for k in lex.period_of)
        known = _PLAIN_ENDS[id(lex)] = (lex, plain)
    return known[1]


def period_gate(paragraph: Paragraph, lex: Lexicon) -> PeriodGate:
    """The paragraph's `PeriodGate` for the lexicon `lex`, built once."""
    cache = paragraph_cache(paragraph)
    known = cache.get(("period_gate", id(lex)))
    if known is None or known[0] is not lex:
        known = cache[("period_gate", id(lex))] = (lex, PeriodGate(paragraph, lex))
    gate: PeriodGate = known[1]
    return gate
