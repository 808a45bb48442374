"""Any accepted input is audited in time linear in its size (issue 14, item 6).

Why ratios of CPU time: a line of n characters and one of 4n are audited in-process with every
check; linear work gives a ratio near 4, a quadratic path near 16. The bound (8) leaves room for a
loaded machine, and each input's size makes the smaller run take about 0.05-0.2 s so that the
ratio is not start-up noise. A failing ratio is measured again before the test fails.

The inputs are those of `tests.linear_inputs` whose paths are linear today; the probe
`bench/linear_time.py` runs all of them. Besides the timings, the rewritten scans are checked
against the straightforward (quadratic) algorithms they replace, on random text (here and in
tests/test_linear_matching.py): the speed-up must not change a single finding.
"""

from __future__ import annotations

import re
import time
from types import SimpleNamespace

import pytest
from auditor.checks.markup._brackets import CLOSERS, LONG, OPENERS, Group, scan_brackets
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.api import audit_text
from auditor.figures.context import words_of
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.mentions import _OF_YEAR_RE, CallPeriod, periods_in
from auditor.figures.per_sentence import clause_tail
from auditor.model import Paragraph
from auditor.textutil import Spans
from tests.linear_inputs import PATHOLOGICAL, audit_cpu, transcript_of, warm_up

FACTOR = 4
BOUND = 8.0

#: input name -> characters of the smaller line (the smaller audit takes about 0.05-0.2 s)
SIZES = {
    "(a": 3000, "a)": 3000, "[a": 3000, "(a]": 3000, "a]": 4000, "(inaudible": 8000,
    "nested [a a]": 3000, "nested （a a)": 3000, "nested [a a)": 3000, "(a then a]": 2000,
    "full-width （a": 3000, "【a": 3000, "bilingual brackets": 3000, "bilingual closers": 3000,
    "the": 16000, "names": 8000, "Mr.": 12000, "repeated word": 12000, "very long word": 30000,
    "Q1 Q2": 4000, "fourth quarter": 16000, "many markers": 8000, "run (": 30000, "run _": 16000,
    # figures and dates dense on one line
    "1)": 6000, "figure-dense sentence": 8000, "figure-dense sentences": 8000, "$1.5 million": 8000,
    "RMB1,625.3 million": 10000, "1,1,1": 5000, "June 31,": 8000, "years": 20000,
    "1% 1%": 3000, "margin sentence": 12000, "bilingual figures": 3000,
    # whole transcripts: thousands of turns, distinct speakers, dates, figures of one metric, bilingual pairs
    "many turns": 12000, "many speakers": 12000, "many dates": 12000, "many bilingual pairs": 12000,
    "many paragraphs": 6000,
}


@pytest.fixture(scope="module")
def warmed() -> None:
    warm_up()


def _ratio(name: str, size: int) -> tuple[float, float]:
    unit = PATHOLOGICAL[name]
    small = min(audit_cpu(transcript_of(name, unit, size)) for _ in range(2))
    large = audit_cpu(transcript_of(name, unit, size * FACTOR))
    return small, large


@pytest.mark.parametrize("name", sorted(SIZES))
def test_audit_time_is_linear_in_the_line(warmed: None, name: str) -> None:
    small, large = _ratio(name, SIZES[name])
    if large > BOUND * max(small, 0.02):
        small, large = _ratio(name, SIZES[name])  # once more: a busy machine, not the code?
    assert large <= BOUND * max(small, 0.02), (
        f"{name!r}: {small:.3f} s for {SIZES[name]} characters, {large:.3f} s for {FACTOR}x as many"
    )


def test_every_input_of_the_probe_is_accepted() -> None:
    """The probe's inputs are transcripts the reader accepts (a refused one would time nothing)."""
    for name, unit in PATHOLOGICAL.items():
        report = audit_text(transcript_of(name, unit, 200), name="linear.txt")
        assert not [f for f in report.findings if f.check == "internal.check_failed"], name


# --- periods_in: each span read once, each phrase looked up where it starts ------------------------

_PERIODS = "first half of 2021 and Q1 2021 versus last quarter, 2020 and the fourth quarter, "


def _paragraph(text: str) -> Paragraph:
    return Paragraph(index=0, line=1, text=text, turn=0, speaker=None, role=None)


def _periods_cpu(size: int) -> float:
    """What the figure model does on a sentence dense with figures and periods: one question about
    the whole sentence per figure (one figure per 40 characters)."""
    text = (_PERIODS * (size // len(_PERIODS) + 1))[:size]
    paragraph = _paragraph(text)
    call = CallPeriod(3, 2021)
    start = time.process_time()
    for _ in range(size // 40):
        periods_in(paragraph, 0, len(text), call)
    return time.process_time() - start


def test_periods_in_is_linear_in_the_sentence() -> None:
    load_lexicon()
    small = min(_periods_cpu(8000) for _ in range(2))
    large = _periods_cpu(8000 * FACTOR)
    assert large <= BOUND * max(small, 0.02), (small, large)


def _periods_in_reference(paragraph: Paragraph, start: int, end: int, call: CallPeriod,
                          lex: Lexicon) -> list[tuple[int, int, str]]:
    """periods_in as it was written first (a scan of every phrase found per match: quadratic)."""
    text = paragraph.text[start:end]
    found = [(p.start - start, p.end - start, call.resolve(p)) for p in paragraph.periods
             if p.relative is None and start <= p.start < end]
    for m in lex.quarter_number_re.finditer(text):
        n = m.group("n").lower()
        number = int(n) if n.isdigit() else lex.quarter_numbers.index(n) + 1
        if not any(a <= m.start() < b for a, b, _ in found):
            found.append((m.start(), m.end(), call.quarter_id(number, None)))
    for m in lex.bare_year_re.finditer(text):
        if not any(a <= m.start("year") < b for a, b, _ in found):
            found.append((m.start("year"), m.end("year"), call.full_year(int(m.group("year")))))
    for m in lex.period_re.finditer(text):
        if any(a <= m.start() < b for a, b, _ in found):
            continue
        kind, stop = lex.period_of[m.group(0).lower()], m.end()
        year = _OF_YEAR_RE.match(text, m.end())
        if year and kind.startswith(("year", "half:", "9m")):
            stop = year.end()
            found = [f for f in found if not m.end() <= f[0] < stop]
            found.append((m.start(), stop, f"{kind}:{year.group('year')}" if kind != "year" else f"year:{year.group('year')}"))
            continue
        found.append((m.start(), stop, call.relative(kind)))
    found.sort(key=lambda f: (f[0], f[2]))
    out: list[tuple[int, int, str]] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None and prev[2].startswith(("9m", "half:", "year:")) and f[2] in ("current", "prior_quarter", "other")
            and lex.period_ends_re.fullmatch(text[prev[1] : f[0]])
        ):
            out[-1] = (prev[0], f[1], prev[2])
            continue
        out.append(f)
    return out


_PERIOD_FRAGMENTS = st.sampled_from([
    "first half", " of ", "2021", " 2020", "Q1", "Q4 ", "quarter four", "fourth quarter", " fiscal ", "year ",
    "last quarter", "the first nine months", " through ", "Q3", ", ", " the ", "full year", "second half of 2022",
    "same period last year", "prior year", "year-to-date", "H1", " ", "of the", "third quarter of fiscal 2021",
])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(_PERIOD_FRAGMENTS, min_size=1, max_size=24), cut=st.tuples(st.integers(0, 60), st.integers(0, 60)),
       quarter=st.sampled_from([None, 1, 3, 4]))
def test_periods_in_finds_what_the_quadratic_scan_found(parts: list[str], cut: tuple[int, int],
                                                        quarter: int | None) -> None:
    text = "".join(parts)
    paragraph = _paragraph(text)
    call = CallPeriod(quarter, 2021 if quarter else None)
    lex = load_lexicon()
    start = min(cut[0], len(text))
    end = max(start, len(text) - cut[1])
    for a, b in ((0, len(text)), (start, end)):
        assert periods_in(paragraph, a, b, call, lex) == _periods_in_reference(paragraph, a, b, call, lex)
        assert periods_in(paragraph, a, b, call, lex) == _periods_in_reference(paragraph, a, b, call, lex)  # cached


# --- brackets: one stack per shape, windows instead of the rest of the line -----------------------

_SHAPE = {"(": "(", "（": "(", "[": "[", "【": "[", "［": "["}
_ENUMERATOR_RE = re.compile(r"(?:^|[\s,;:])(?:[A-Za-z]|[0-9]{1,2}|[ivx]{1,4})$|[:;]-?$")


def _scan_reference(text: str) -> tuple[list[Group], list[int]]:
    """scan_brackets as it was written first (a walk down the whole stack, the whole line searched)."""
    stack: list[tuple[int, str]] = []
    groups: list[Group] = []
    stray: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append((i, ch))
        elif ch in CLOSERS:
            shape = _SHAPE[CLOSERS[ch]]
            depth = next((k for k in range(len(stack) - 1, -1, -1) if _SHAPE[stack[k][1]] == shape), None)
            if depth is None:
                if not (ch == ")" and _ENUMERATOR_RE.search(text[:i])):
                    stray.append(i)
                continue
            for pos, och in stack[depth + 1 :]:
                groups.append(Group(pos, None, och))
            pos, och = stack[depth]
            del stack[depth:]
            groups.append(Group(pos, i, och, ch))
    groups += [Group(pos, None, och) for pos, och in stack]
    return sorted(groups, key=lambda g: g.open), sorted(stray)


def _inner_reference(group: Group, text: str) -> str:
    if group.close is not None:
        return text[group.open + 1 : group.close]
    rest = text[group.open + 1 :]
    stop = re.search(r"[.;!?。；！？]|$", rest)
    return rest[: stop.start() if stop else len(rest)][:80]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="()[]（）【】［］ai1x ,;:.-?", max_size=160))
def test_bracket_scan_pairs_as_the_quadratic_scan_did(text: str) -> None:
    scan = scan_brackets(text)
    groups, stray = _scan_reference(text)
    assert (scan.groups, scan.stray_closers) == (groups, stray)
    for group in scan.groups:
        assert group.inner(text) == _inner_reference(group, text)
        assert group.blank(text) == (not group.inner(text).strip())


def test_a_long_bracketed_passage_is_quoted_by_its_start(audit_string) -> None:
    passage = "word " * (LONG // 5 + 40)
    text = f"Operator\nGood morning.\nAda Pell - Chief Executive Officer\nWe grew [{passage}] this year.\n"
    [finding] = [f for f in audit_string(text, checks=["markup.editorial_marker"]).findings]
    assert len(finding.message) < LONG + 120
    assert finding.message.startswith("'[word word") and "…]'" in finding.message


# --- Spans: the parsers' overlap questions answered by bisection ---------------------------------

_SPAN = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(_SPAN, max_size=12), questions=st.lists(_SPAN, min_size=1, max_size=12))
def test_spans_answer_as_the_scan_of_every_span(spans: list[tuple[int, int]], questions: list[tuple[int, int]]) -> None:
    covered = Spans(spans)
    for start, end in questions:
        assert covered.covers(start) == any(a <= start < b for a, b in spans)
        if start < end:
            # an empty span is ignored (the date parser adds none): it covers nothing
            assert covered.overlaps(start, end) == any(a < end and start < b for a, b in spans if a < b)


# --- the clause before a figure: a tail of the sentence that reads as the whole of it -------------

_CLAUSE = st.text(alphabet="ab-' ,.1$%", max_size=400)


@settings(max_examples=300, deadline=None)
@given(text=_CLAUSE, cuts=st.tuples(st.integers(0, 400), st.integers(0, 400), st.integers(0, 400)))
def test_the_clause_tail_has_the_words_and_characters_of_the_whole_clause(text: str, cuts: tuple[int, ...]) -> None:
    start, at, end = sorted(min(c, len(text)) for c in cuts)
    ctx = SimpleNamespace(paragraph=SimpleNamespace(text=text, index=0), sentence=SimpleNamespace(start=start, end=end))
    whole = text[start:at]
    tail = clause_tail({}, ctx, SimpleNamespace(start=at))  # type: ignore[arg-type]
    assert whole.endswith(tail)
    assert tail[-60:] == whole[-60:]
    assert words_of(tail)[-10:] == words_of(whole)[-10:]
