"""The figure model's per-paragraph gates answer as the slow ways they stand in front of.

`PeriodGate.quiet` says a span names no period only where `periods_in` (and the quadratic reference
of tests/test_linear_time.py) finds none; `ContextReader._named_by_find` answers as the whole-call
search for a name before a business-line noun. Both are compared on generated text full of period
phrases, digits, edges and the non-ASCII letters case folding treats apart, on every span of it,
and on the bundled example calls.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dates import find_periods
from auditor.figures import folding
from auditor.figures.context import ContextReader, _present
from auditor.figures.extraction import FigureExtractor
from auditor.figures.lexicon import load_lexicon
from auditor.figures.mentions import CallPeriod
from auditor.figures.period_gate import EDGE_RE, period_gate
from auditor.figures.periods import periods_in
from auditor.model import Paragraph
from auditor.nlp import annotate
from auditor.reader import parse_text

_LEX = load_lexicon()
_PERIOD_PIECES = [
    "first half", " of ", "2021", " 2020", "12021", "Q1", "Q4 ", "quarter four", "fourth quarter", " fiscal ", "year ",
    "last quarter", "the first nine months", " through ", "Q3", ", ", " the ", "full year", "second half of 2022",
    "same period last year", "prior year", "year-to-date", "H1", " ", "of the", "third quarter of fiscal 2021",
    "QUARTER", "revenue", "-", "&", "_", "x", "7", ".", "\n", "ſ", "\u212a", "İ", "é", "١٩٢٠", "19", "20",
]


def _cased(piece: str, style: int) -> str:
    return [piece, piece.upper(), piece.title(), piece.swapcase()][style]


_period_texts = st.lists(st.tuples(st.sampled_from(_PERIOD_PIECES), st.integers(0, 3)), max_size=16).map(
    lambda parts: "".join(_cased(p, s) for p, s in parts)
)


def _paragraph(text: str) -> Paragraph:
    p = Paragraph(index=0, line=1, text=text, turn=0, speaker=None, role=None)
    p.__dict__["periods"] = find_periods(text, "en")
    return p


def test_the_gate_reads_the_edges_as_the_paragraph_matches_do() -> None:
    assert EDGE_RE.pattern == folding._EDGE.pattern and EDGE_RE.flags == folding._EDGE.flags


def _assert_quiet_spans_have_no_period(text: str, call: CallPeriod) -> None:
    gate = period_gate(_paragraph(text), _LEX)
    reference = _paragraph(text)  # a paragraph of its own: no cache shared with the gate's
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            if gate.quiet(start, end):
                assert periods_in(reference, start, end, call, _LEX) == [], (text, start, end)


@settings(max_examples=200, deadline=None)
@given(_period_texts, st.sampled_from([None, 1, 3, 4]))
def test_a_quiet_span_names_no_period(text: str, quarter: int | None) -> None:
    _assert_quiet_spans_have_no_period(text, CallPeriod(quarter, 2021 if quarter else None))


def test_the_gate_answers_most_sentences_of_the_examples_and_never_wrongly() -> None:
    call = CallPeriod(3, 2021)
    asked = quiet = 0
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("examples").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if not text:
                continue
            gate, reference = period_gate(_paragraph(text), _LEX), _paragraph(text)
            cuts = sorted({0, len(text), *(m.end() for m in re.finditer(r"[.!?] ", text))})
            for start, end in zip(cuts, cuts[1:], strict=False):
                asked += 1
                if gate.quiet(start, end):
                    quiet += 1
                    assert periods_in(reference, start, end, call, _LEX) == [], (text, start, end)
    assert asked and quiet > asked // 3, (asked, quiet)


# --- a name before a business-line noun ---------------------------------------------------------

_NAME_PIECES = ["downstream", "down", "stream", "chemical", "chem", " ", "  ", "\n", "\t", "\u00a0", "-", "_", "x",
                "ſ", "\u212a", "é", "&", "'"] + sorted(_LEX.line_nouns)
_NAMES = ["downstream", "down", "stream", "chemical", "down stream", "unit", "x", "-x", "&", "Down", "é", "chem "]


def _reference(text: str, name: str) -> bool:
    pattern = rf"\b{re.escape(name)}\s+(?:{'|'.join(re.escape(n) for n in _LEX.line_nouns)})\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.tuples(st.sampled_from(_NAME_PIECES), st.integers(0, 3)), max_size=12), min_size=1, max_size=3),
    st.lists(st.sampled_from(_NAMES), min_size=1, max_size=4),
)
def test_a_name_found_by_find_is_one_the_search_finds(paragraphs: list[list[tuple[str, int]]], names: list[str]) -> None:
    texts = ["".join(_cased(p, s) for p, s in parts) for parts in paragraphs]
    transcript = SimpleNamespace(paragraphs=[SimpleNamespace(text=t) for t in texts])
    whole = "\n".join(texts)
    for name in names:
        reader = ContextReader(transcript, _LEX, None)  # type: ignore[arg-type]
        assert reader._named_as_line(name) == _reference(whole, name), (whole, name)
        reader._text, reader._folded = whole, folding.fold(whole)
        if reader._folded is not None and reader._plain(name):
            assert reader._named_by_find(name) == reader._named_by_scan(name) == _reference(whole, name), (whole, name)


# --- literal gates cut to what the call holds -----------------------------------------------------

_GATE_PIECES = [*(_LEX.qualifier_gate or ()), *(_LEX.company_or_slide_gate or ()), " ", "x", "İ", "\u212a", "ſ", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_GATE_PIECES), st.integers(0, 3)), max_size=6), min_size=1, max_size=4))
def test_a_gate_cut_to_the_call_answers_every_paragraph_as_the_whole_gate(paragraphs: list[list[tuple[str, int]]]) -> None:
    texts = [_paragraph("".join(_cased(p, s) for p, s in parts)) for parts in paragraphs]
    gates = (_LEX.qualifier_gate, _LEX.company_or_slide_gate, None)
    for gate, cut in zip(gates, _present(texts, *gates), strict=True):
        for p in texts:
            folded = folding.paragraph_folded(p)
            assert folding.may_hold(cut, folded) == folding.may_hold(gate, folded), (p.text, gate)


# --- sentences after a paragraph's last figure, read for what they pass on only -------------------

_SENTENCES = [
    "Moving to the Industrial business, sales were US$412 million.", "Moving on to our Retail segment.",
    "At Worten, things went well.", "Brazil led the recovery with strong demand.", "Our downstream performed well.",
    "Our downstream business closed out the year.", "Turning to slide 7, the group level results.",
    "The third quarter was a record.", "For the first nine months, revenue was US$702.5 million.",
    "We expect the full year to be strong.", "Revenue grew 12% to US$96.3 million from US$85.7 million.",
    "EBITDA margin was 46%.", "That is 104 billion yen, or 26.3% increase.", "Last quarter was softer.",
    "Organic growth was 4%.", "In 2023, revenue was US$1.2 billion.", "Thank you.", "Next question, please.",
    "Consolidated revenue was RMB5.3 billion.", "And it also grew in Q2.", "Paycell revenues increased by 53%.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ada Reyes - Chief Financial Officer", "Ben Osei - Analyst", ""]),
                          st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6)), min_size=1, max_size=6))
def test_the_sentences_after_the_last_figure_pass_on_what_reading_them_in_full_does(
    turns: list[tuple[str, list[str]]],
) -> None:
    lines = ["Ada Reyes - Chief Executive Officer"]
    for speaker, sentences in turns:
        lines += ([speaker] if speaker else []) + [" ".join(sentences)]
    _assert_read_alike("\n".join(lines) + "\n")


def test_the_examples_read_alike_with_every_sentence_read_in_full() -> None:
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("examples").glob("*.txt")):
        if not path.name.endswith((".participants.txt", ".release.txt")):
            _assert_read_alike(path.read_text(encoding="utf-8"))


def _assert_read_alike(text: str) -> None:
    figures = []
    for read_all in (False, True):
        transcript = parse_text(text, "case.txt")
        annotate(transcript)
        ContextReader.read_all = read_all
        try:
            figures.append([(f.line, f.quantity.start, f.mention, f.role, f.period, f.linked, f.direction, f.comparison,
                             f.whole, f.qualified) for f in FigureExtractor(transcript).figures()])
        finally:
            ContextReader.read_all = False
    assert figures[0] == figures[1]
