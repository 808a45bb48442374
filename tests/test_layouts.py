"""The three layouts parse with exact 1-based physical line numbers; encodings and line endings."""

from __future__ import annotations

import json

import pytest

from auditor.errors import InputError
from auditor.reader import decode, parse_text

BILINGUAL = """免責聲明:機器翻譯,僅供參考。
Operator
Operator
Welcome to the Corvid Mining first quarter 2025 call.
歡迎參加Corvid Mining 2025年第一季電話會議。
Ada Pell - Chief Executive Officer
Ada Pell - Chief Executive Officer
Revenue was US$88.1 million. Margins improved.
營收為8,810萬美元。利潤率有所改善。
"""

ENGLISH = """Corvid Mining Q1 2025 Earnings Call

Operator
Welcome to the call.

Ada Pell - Chief Executive Officer
Revenue was US$88.1 million.
Margins improved again.
Operator
That concludes the call.
"""


def test_bilingual_layout_pairs_lines_and_keeps_line_numbers():
    t = parse_text(BILINGUAL, "b.txt")
    assert t.layout == "bilingual"
    assert t.is_bilingual and t.target_lang == "zh-Hant"
    assert t.preamble == [(1, "免責聲明:機器翻譯,僅供參考。")]
    assert [(turn.speaker, turn.role, turn.header_lines) for turn in t.turns] == [
        ("Operator", None, (2, 3)),
        ("Ada Pell", "Chief Executive Officer", (6, 7)),
    ]
    p = t.paragraphs[1]
    assert (p.line, p.translation_line, p.speaker) == (8, 9, "Ada Pell")
    assert p.translation.startswith("營收")
    assert t.paragraph_at(9) is p
    assert not t.layout_issues


def test_bilingual_sentences_split_on_both_sides():
    from auditor.nlp import annotate

    t = parse_text(BILINGUAL, "b.txt")
    annotate(t)
    p = t.paragraphs[1]
    assert [s.text for s in p.sentences] == ["Revenue was US$88.1 million.", "Margins improved."]
    assert len(p.translation_sentences) == 2


def test_english_layout_with_blank_lines_and_title():
    t = parse_text(ENGLISH, "e.txt")
    assert t.layout == "english"
    assert not t.is_bilingual
    assert t.preamble == [(1, "Corvid Mining Q1 2025 Earnings Call")]
    assert [(p.line, p.speaker) for p in t.paragraphs] == [
        (4, "Operator"), (7, "Ada Pell"), (8, "Ada Pell"), (10, "Operator")
    ]
    assert t.turns[1].header_lines == (6,)


def test_json_layout_finds_physical_lines():
    turns = [
        {"speaker": "Operator", "role": None, "text": "Welcome to the call."},
        {"speaker": "Ada Pell", "role": "CEO", "text": "Revenue was US$88.1 million.", "translation": "營收為8,810萬美元。"},
    ]
    raw = json.dumps(turns, ensure_ascii=False, indent=2)
    t = parse_text(raw, "t.json")
    assert t.layout == "json"
    lines = raw.splitlines()
    p = t.paragraphs[1]
    assert "Revenue was" in lines[p.line - 1]
    assert "營收" in lines[p.translation_line - 1]
    assert p.speaker == "Ada Pell" and p.role == "CEO"
    assert t.is_bilingual


def test_missing_translation_is_a_layout_issue_not_a_crash():
    text = BILINGUAL.replace("營收為8,810萬美元。利潤率有所改善。\n", "") + "Thank you.\n謝謝。\n"
    t = parse_text(text, "b.txt")
    assert [(i.kind, i.line) for i in t.layout_issues] == [("missing_translation", 8)]
    assert t.paragraphs[1].translation is None
    assert t.paragraphs[2].line == 9 and t.paragraphs[2].translation_line == 10


def test_extra_translation_line_is_a_layout_issue():
    text = BILINGUAL + "多出來的一行翻譯。\n"
    t = parse_text(text, "b.txt")
    assert [(i.kind, i.line) for i in t.layout_issues] == [("extra_translation", 10)]


def test_bom_and_crlf_are_handled():
    raw = ("\ufeff" + ENGLISH).replace("\n", "\r\n").encode("utf-8")
    t = parse_text(decode(raw, "e.txt"), "e.txt")
    assert t.paragraphs[0].text == "Welcome to the call."
    assert t.paragraphs[0].line == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Operator\nCaf\xe9 au lait was served.\n".encode("latin-1"), "not UTF-8"),
        ("Operator\nHello.\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_bytes_are_one_line_input_errors(data: bytes, message: str):
    with pytest.raises(InputError) as exc:
        decode(data, "x.txt")
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_unrecognised_layout_is_an_error():
    with pytest.raises(InputError, match="unrecognised layout"):
        parse_text("just some prose.\nwith no speakers at all.\n", "p.txt")


def test_forced_layout_overrides_detection():
    t = parse_text(ENGLISH, "e.txt", layout="english")
    assert t.layout == "english"
    with pytest.raises(InputError, match="unknown layout"):
        parse_text(ENGLISH, "e.txt", layout="xml")


def test_very_long_line_is_refused():
    with pytest.raises(InputError, match="characters long"):
        parse_text("Operator\n" + "a" * 300_000 + "\n", "long.txt")
