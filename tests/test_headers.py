"""Speaker headers in the styles of the common transcript sources, on fixtures of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.headers import colon_speakers, parse_header
from auditor.model import speaker_label_kind
from auditor.reader import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "headers"


def _turns(name: str) -> list[tuple[str, str | None, list[int]]]:
    t = parse_text((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert t.layout == "english"
    return [(turn.speaker, turn.role, [p.line for p in turn.paragraphs]) for turn in t.turns]


def test_dash_headers_with_initials_and_double_dashes():
    assert _turns("dash.txt") == [
        ("Operator", None, [2]),
        ("Helena Marsh", "Chief Executive Officer", [4]),
        ("Owen Pike", "Analyst, D.A. Davidson", [6]),
        ("Helena Marsh", "Chief Executive Officer", [8]),
        ("Rita Voss", "Analyst, Robert W. Baird & Co.", [10]),
    ]


def test_numbered_speakers_with_or_without_role_are_anonymous_not_people():
    assert _turns("speaker_numbers.txt") == [
        ("Speaker 1", "Participant", [2]), ("Speaker 2", "Participant", [4]), ("Speaker 3", None, [6]),
        ("Speaker 2", None, [8]),
    ]
    assert speaker_label_kind("Speaker 12") == "anonymous"
    assert speaker_label_kind("Speaker Lee") == "person"


def test_timestamped_headers_with_speech_on_the_same_line():
    turns = _turns("timestamps.txt")
    assert turns == [("Operator", None, [2]), ("Dana Whitfield", None, [4]), ("Speaker 2", None, [6]),
                     ("Dana Whitfield", None, [7])]
    t = parse_text((FIXTURES / "timestamps.txt").read_text(encoding="utf-8"), "t.txt")
    assert t.turns[-1].paragraphs[0].text == "Renewals were 94% of the base."


def test_colon_headers_only_for_names_the_file_uses_as_speakers():
    turns = _turns("colon.txt")
    assert [s for s, _, _ in turns] == ["OPERATOR", "MARTA LINDQVIST", "TOMAS ADLER", "MARTA LINDQVIST",
                                        "Unidentified Participant", "MARTA LINDQVIST"]
    assert turns[1][2] == [2, 3]  # "Note: figures are unaudited." stays speech
    t = parse_text((FIXTURES / "colon.txt").read_text(encoding="utf-8"), "c.txt")
    assert t.turns[1].paragraphs[0].text == "Thank you. Sales were SEK 2.1 billion for the year."
    assert t.turns[0].is_person is False and t.turns[4].label_kind == "unidentified"


@pytest.mark.parametrize(
    "line",
    [
        "Great - thanks, John. As of June 30, 2025 cash was $5 million.",
        "Revenue - as we said - grew.",
        "Thanks - next question please?",
        "So - we expect growth. That is the outlook.",
    ],
)
def test_speech_with_a_dash_is_not_a_header(line: str):
    assert parse_header(line) is None


def test_a_single_colon_line_is_not_a_speaker():
    assert colon_speakers(["Revenue: up 12% on last year.", "Jane Roe - CFO", "Margins: stable."]) == frozenset()


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Jane Roe - Analyst, Morgan Stanley & Co. LLC", "Analyst, Morgan Stanley & Co. LLC"),
        ("Jane Roe - Sr. Analyst, Roth Partners", "Sr. Analyst, Roth Partners"),
        ("Jane Roe - Analyst, B. Riley Securities", "Analyst, B. Riley Securities"),
        ("A.J. Kowalski - Analyst, J.P. Morgan", "Analyst, J.P. Morgan"),
        ("Jane Roe - Analyst, Harbor & Sons Inc.", "Analyst, Harbor & Sons Inc."),
    ],
)
def test_roles_with_abbreviations_and_initials_are_headers(line: str, role: str):
    header = parse_header(line)
    assert header is not None and header.role == role
