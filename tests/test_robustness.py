"""Property-based robustness: random and mutated transcripts through every check, no exception.

A check that raises would be isolated by the runner as `internal.check_failed`; here that finding
itself is the failure, so every check must survive any text the reader accepts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.api import audit_text
from auditor.errors import InputError
from auditor.reader import decode, parse_text
from tests.conftest import EXAMPLES

EXAMPLE_LINES = {
    path.name: path.read_text(encoding="utf-8").splitlines()
    for path in sorted(EXAMPLES.glob("*.txt"))
}

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = st.sampled_from([
    "RMB1,625.3 million", "24.2%", "over 120%", "as of June 31", "第二季", "16.253億元", "2580萬元", "Mr. ",
    "Ms. ", "(inaudible)", "[", ")", "up 31.7% from RMB1,234.5 million to RMB1,625.3 million", "百分之",
    "increased by 507.1%", "gross margin", "growth margin", "Operator", " - ", "不", "not", "9月31日", "0",
    "0.0%", "RMB0 million", "-", "，", "。", "\t", "  ", "Q2 2025", "fiscal", "ended September 30",
])


def _assert_clean(text: str, name: str = "case.txt") -> None:
    try:
        transcript = parse_text(text, name)
    except InputError:
        return
    assert transcript.paragraphs
    report = audit_text(text, name=name)
    crashed = [f for f in report.findings if f.check == "internal.check_failed"]
    assert not crashed, crashed[0].message + " " + crashed[0].evidence
    for f in report.findings:
        assert 1 <= f.line <= len(transcript.lines)
        assert f.last_line <= len(transcript.lines)


@SETTINGS
@given(
    example=st.sampled_from(sorted(EXAMPLE_LINES)),
    deletions=st.lists(st.integers(min_value=0, max_value=200), max_size=6),
    insertions=st.lists(st.tuples(st.integers(min_value=0, max_value=200), FRAGMENTS), max_size=8),
    swaps=st.lists(st.tuples(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200)), max_size=4),
)
def test_mutated_examples_never_crash_a_check(example, deletions, insertions, swaps):
    lines = list(EXAMPLE_LINES[example])
    for i in deletions:
        if lines:
            del lines[i % len(lines)]
    for i, fragment in insertions:
        if lines:
            k = i % len(lines)
            cut = (i * 7) % (len(lines[k]) + 1)
            lines[k] = lines[k][:cut] + fragment + lines[k][cut:]
    for a, b in swaps:
        if lines:
            a, b = a % len(lines), b % len(lines)
            lines[a], lines[b] = lines[b], lines[a]
    _assert_clean("\n".join(lines) + "\n", example)


@SETTINGS
@given(
    turns=st.lists(
        st.tuples(
            st.sampled_from(["Operator", "Ada Pell - Chief Executive Officer", "Bo Lind - Analyst", "Unidentified Participant"]),
            st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80)
                     .map(lambda s: s.replace("\n", " ").strip() or "x"), min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=5,
    ),
    extra=st.lists(FRAGMENTS, max_size=5),
)
def test_random_english_transcripts_never_crash(turns, extra):
    lines = []
    for header, paragraphs in turns:
        lines.append(header)
        lines.extend(p + " " + " ".join(extra) for p in paragraphs)
    _assert_clean("\n".join(lines) + "\n")


@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_are_text_or_a_clean_input_error(data):
    try:
        text = decode(data, "random.bin")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    _assert_clean(text)
