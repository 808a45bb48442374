"""The parsers' gates and shortcuts skip only texts and positions where nothing can match.

`auditor.dates` searches a pattern only in a text that passes its gate (a literal it requires, found
in the folded text), `auditor.quantities` tries its pattern only at a number unless a currency or
qualifier ends right before it, and `auditor.nlp` reads the sentences of a transcript's paragraphs
in one pass. Each is compared here with the plain way on generated text, including the characters
that Python's case-insensitive matching folds onto ASCII letters.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.anchored import anchored_finditer, fold
from auditor.dates import (
    _DIGIT,
    _ISO_GATE,
    _YEAR_ANCHOR,
    _YEAR_GATE,
    EN_DATE_ISO,
    EN_YEAR,
    _may_hold_half,
    _may_hold_quarter,
    _passes,
    calendar_words,
)
from auditor.nlp import _make_doc, _sentence_end_ids, english_sentence_spans_of, get_pipeline
from auditor.quantities import _ASCII_NUMBER_START, _NUMBER_START, _led_by_prefix, english_vocabulary
from auditor.words import default_words

_PIECES = ["Q3", "q4", "3Q25", "1H", "h2", "H1 2025", "2H24", "first", "second", "half", "Half", "HALF", "quarter",
           "QUARTER", "quarter-over-quarter", "fiscal", "FİSCAL", "fıscal", "ﬁscal", "full-year", "full year", "FY",
           "fy25", "2025", "25", "June", "JUNE", "jUNE", "May", "Sept.", "ſept", "30", "30th", "1st", "of", "ended",
           "ENDED", "closed", "on", "which", "2025-06-30", "2025-13-45", "-", "year", "YEAR", "ago", "a", "same",
           "period", "prior", "previous", "sequentially", "SEQUENTİALLY", "the", "last", "\u212a", "İ", "ı", "ſ",
           " ", "  ", "\t", "\n", "\u00a0", ",", ".", "5", "12.5", "RMB", "rmb", "US$", "$", "over", "more than",
           "approx.", "about", "%", "million", "x", "é", "“", "’"]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PIECES), max_size=20).map("".join)


def test_fold_covers_every_character_that_matches_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        if letter.fullmatch(ch):
            assert len(fold(ch)) == 1 and re.fullmatch(fold(ch), ch, re.IGNORECASE), hex(code)


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_a_text_with_a_match_passes_its_gate(text: str) -> None:
    cal = calendar_words(default_words())
    folded = fold(text)
    gates = [
        (cal.en_quarter, _may_hold_quarter(folded)),
        (cal.en_half, _may_hold_half(folded)),
        (EN_YEAR, _YEAR_GATE.search(folded) is not None),
        (cal.en_date_mdy, _passes(cal.mdy_gate, folded[::-1])),
        (cal.en_date_dmy, _passes(cal.dmy_gate, folded)),
        (EN_DATE_ISO, "-" in text and _ISO_GATE.search(text) is not None),
        (cal.period_end, cal.period_end_verbs is None or any(v in folded for v in cal.period_end_verbs)),
        (cal.en_relative, _passes(cal.en_relative_folded, folded)),
    ]
    digit = _DIGIT.search(text) is not None  # find_dates reads no text without one
    gates += [(cal.en_date_mdy, digit), (cal.en_date_dmy, digit), (EN_DATE_ISO, digit)]
    for pattern, passed in gates:
        assert passed or pattern.search(text) is None, pattern.pattern[:40]


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_located_and_led_anchors_match_like_finditer(text: str) -> None:
    cal = calendar_words(default_words())
    vocab = english_vocabulary(default_words())
    anchor, reach = cal.en_relative_anchor
    assert cal.en_relative_folded is not None and vocab.endings is not None
    expected = _spans(cal.en_relative.finditer(text))
    assert _spans(anchored_finditer(cal.en_relative, anchor, text, (reach,))) == expected
    expected_numbers = _spans(vocab.pattern.finditer(text))
    if text.isascii():
        located = (cal.en_relative_folded, fold(text))
        assert _spans(anchored_finditer(cal.en_relative, anchor, text, (reach,), located)) == expected
        led = _led_by_prefix(text, text.lower(), vocab.endings)
        numbers = anchored_finditer(vocab.pattern, _NUMBER_START, text, vocab.prefix, (_ASCII_NUMBER_START, text), led)
        assert _spans(numbers) == expected_numbers
    assert _spans(anchored_finditer(vocab.pattern, _NUMBER_START, text, vocab.prefix)) == expected_numbers
    for pattern, (anchor, lowered), parts in ((cal.en_quarter, cal.en_quarter_anchor, (0, len("fiscal"))),
                                              (cal.en_half, cal.en_half_anchor, (0,)),
                                              (EN_YEAR, (_YEAR_ANCHOR, _YEAR_GATE), (0,))):
        expected = _spans(pattern.finditer(text))
        assert _spans(anchored_finditer(pattern, anchor, text, parts)) == expected
        if text.isascii() and lowered is not None:
            assert _spans(anchored_finditer(pattern, anchor, text, parts, (lowered, fold(text)))) == expected


_SENTENCE_PIECES = ["Revenue", "was", "RMB1.2", "billion", ".", "Mr.", "Li", "!", "?", "...", "(", ")", "\"", "'", "-",
                    "U.S.", "5.5%", " ", "  ", "\n", "。", ";", "x" * 70, "(" * 80, ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=12).map(" ".join), max_size=6))
def test_sentences_of_many_docs_are_those_of_each(texts: list[str]) -> None:
    nlp = get_pipeline("en")
    expected = [[(s.start_char, s.end_char) for s in nlp(_make_doc(nlp, text)).sents] for text in texts]
    assert english_sentence_spans_of((_make_doc(nlp, text) for text in texts), _sentence_end_ids(nlp)) == expected
