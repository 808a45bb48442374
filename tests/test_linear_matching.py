"""The linear-time figure matchings pair exactly as the scans of every figure they replace (issue 14.6).

`auditor.bilingual.match_figures` and `auditor.figure_words.unaccounted` offer one figure per class
of alike figures instead of scanning the whole other side for each figure; `from_before` reads the
tail of a sentence instead of all of it. Random figures with few distinct values (so that ties and
repeats are the rule) must give the same pairs, in the same order, as the straightforward versions.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.bilingual import figure_family, match_figures
from auditor.figure_words import Figure, accounts, unaccounted
from auditor.figures.per_sentence import FROM_BEFORE_RE, from_before
from auditor.quantities import Quantity


def _match_by_scan(english: list[Quantity], chinese: list[Quantity]) -> tuple[list, list, list]:
    """match_figures as first written: every unused Chinese figure scanned for each English one."""
    used: set[int] = set()
    pairs, rest = [], []
    for e in english:
        candidates = [
            (abs(z.value - e.value), i) for i, z in enumerate(chinese)
            if i not in used and figure_family(z) == figure_family(e) and e.same_value(z)
        ]
        if not candidates:
            rest.append(e)
            continue
        _, best = min(candidates)
        used.add(best)
        pairs.append((e, chinese[best]))
    return pairs, rest, [z for i, z in enumerate(chinese) if i not in used]


def _unaccounted_by_scan(figures: list[Figure], other: list[Figure]) -> list[Figure]:
    """unaccounted as first written."""
    hard = [g for g in other if not g.soft]
    soft = [g for g in other if g.soft]
    used: set[int] = set()
    out = []
    for f in sorted(figures, key=lambda f: f.hi - f.lo):
        if f.soft:
            continue
        candidates = [(abs(g.value - f.value), i) for i, g in enumerate(hard) if i not in used and accounts(g, f)]
        if candidates:
            used.add(min(candidates)[1])
            continue
        if any(accounts(g, f) for g in soft):
            continue
        if f.parts and all(any(g.lo <= p <= g.hi for g in other) or p == 1 for p in f.parts):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.start)


_QUANTITY = st.builds(
    lambda i, number, step, kind, qualifier: Quantity(
        str(number), i, i + 1, Decimal(number), Decimal(1), kind, None, qualifier, Decimal(step), "en"
    ),
    st.integers(0, 50), st.sampled_from(["1", "1.0", "2", "2.5", "3", "10"]), st.sampled_from(["0.1", "1", "2"]),
    st.sampled_from(["money", "percent", "number"]), st.sampled_from([None, None, "about", "over"]),
)

_FIGURE = st.builds(
    lambda start, lo, width, kind, soft, parts: Figure(
        "x", start, start + 1, Decimal(lo), Decimal(lo) + Decimal(width), kind, soft=soft,
        parts=(Decimal(1), Decimal(4)) if parts and kind == "fraction" else None,
    ),
    st.integers(0, 50), st.sampled_from(["0.25", "1", "1.5", "2", "25", "1990", "2001"]),
    st.sampled_from(["0", "0", "0.5", "1"]), st.sampled_from(["amount", "percent", "fraction", "decade", "year"]),
    st.booleans(), st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(english=st.lists(_QUANTITY, max_size=14), chinese=st.lists(_QUANTITY, max_size=14))
def test_figures_pair_as_the_scan_of_every_figure(english: list[Quantity], chinese: list[Quantity]) -> None:
    fast, slow = match_figures(english, chinese), _match_by_scan(english, chinese)
    assert [(id(a), id(b)) for a, b in fast[0]] == [(id(a), id(b)) for a, b in slow[0]]
    assert [id(e) for e in fast[1]] == [id(e) for e in slow[1]]
    assert [id(z) for z in fast[2]] == [id(z) for z in slow[2]]


@settings(max_examples=400, deadline=None)
@given(figures=st.lists(_FIGURE, max_size=14), other=st.lists(_FIGURE, max_size=14))
def test_unaccounted_figures_are_those_of_the_scan(figures: list[Figure], other: list[Figure]) -> None:
    assert [id(f) for f in unaccounted(figures, other)] == [id(f) for f in _unaccounted_by_scan(figures, other)]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(["from", "From", " ", "(", "[", "x", "afrom", "\n", "\u0130", "."]), max_size=8),
       cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_from_before_reads_the_tail_as_the_regex_reads_the_whole(parts: list[str], cut: tuple[int, int]) -> None:
    text = "".join(parts)
    start, end = sorted(min(c, len(text)) for c in cut)
    assert from_before(text, start, end) == bool(FROM_BEFORE_RE.search(text[start:end].lower()))
