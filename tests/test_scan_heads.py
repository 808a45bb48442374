"""The heads of the roster's scans hold wherever their patterns match, and a scan not compiled yet
finds, through its head, exactly what `re` finds.

Why: `auditor.prefilter.Scan` compiles its pattern only for a text where its head (the opening of
the pattern and the capital letter of the name it reads) matches at a candidate start; a head that
missed a start where the pattern matches would silently drop a speaker announcement in the first
call of a run. The texts are those of tests/test_roster_scans.py (matches are the rule there).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings

from auditor.prefilter import Scan, TextView
from auditor.reader import read_transcript
from tests.test_roster_scans import _TEXT, SCANS

ROOT = Path(__file__).resolve().parent.parent
HEADED = [scan for scan in SCANS if scan.head is not None]


def _fresh(scan: Scan) -> Scan:
    """The scan as built, before its pattern is compiled (so that its head is read)."""
    return Scan(scan.source, anchor=scan.anchor, needs=scan.needs, flags=scan.flags, head=scan.head)


def _found(scan: Scan | re.Pattern[str], text: str, view: TextView | None = None) -> list[tuple[object, ...]]:
    matches = scan.finditer(text, view) if isinstance(scan, Scan) else scan.finditer(text)
    return [(m.span(), m.groups()) for m in matches]


def test_most_scans_have_a_head() -> None:
    assert len(HEADED) >= 20
    for scan in HEADED:
        assert scan.head is not None and len(scan.head) < len(scan.source)
        re.compile(scan.head, scan.flags)


def _check(text: str) -> None:
    view = TextView(text)
    for scan in HEADED:
        pattern = re.compile(scan.source, scan.flags)
        head = re.compile(str(scan.head), scan.flags)
        expected = _found(pattern, text)
        for m in pattern.finditer(text):
            assert head.match(text, m.start()) is not None, (scan.source[:80], text)
        assert _found(_fresh(scan), text, view) == expected, scan.source[:80]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_heads_hold_where_the_patterns_match(text: str) -> None:
    _check(text)


def test_heads_on_the_bundled_calls() -> None:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        if path.name.endswith((".participants.txt", ".release.txt")):
            continue
        for paragraph in read_transcript(path).paragraphs:
            _check(paragraph.text)
