"""The shortcuts taken for speed give what the slow way gives, on any text.

Each shortcut (auditor.anchored, the Chinese sentence bounds of auditor.nlp, the SQLite-backed
dictionaries of auditor.dictcache) is only correct if it is indistinguishable from what it
replaces; these tests compare the two on generated text, including whitespace and punctuation
runs that are rare in transcripts.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.anchored import anchored_finditer, window_start
from auditor.dates import _DAY_AFTER_SPACE, _DAY_FIRST, calendar_words
from auditor.nlp import ZH_SENTENCE_ENDS, chinese_sentence_spans, get_pipeline
from auditor.quantities import _NUMBER_START, english_vocabulary
from auditor.words import default_words

_EN_PIECES = ["over", "more than", "in excess of", "about", "RMB", "rmb", "US$", "$", "HK$", " ", "  ", "\t", "\n",
              "5", "12", "1,234", ".5", "3.25", "2025", "million", "m", "bn", "%", "percent", "x", "as of",
              "ended", "ended on", "on", "June", "May", "may", "Sept.", "30", "31st", ",", ".", "of", "-", "a"]
_ZH_PIECES = ["營收", "增長", "人民幣", "16.253", "億元", "。", "！", "？", "!", "?", "；", "，", "、", "「", "」",
              "…", "(", ")", " ", "  ", "\u3000", "\t", "\n", "a", "Q3", "5%", ".", "——"]


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=24).map("".join)


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(_texts(_EN_PIECES))
def test_anchored_patterns_match_like_finditer(text: str) -> None:
    vocab = english_vocabulary(default_words())
    cal = calendar_words(default_words())
    for pattern, anchor, parts in ((vocab.pattern, _NUMBER_START, vocab.prefix),
                                   (cal.en_date_mdy, _DAY_AFTER_SPACE, cal.mdy_prefix),
                                   (cal.en_date_dmy, _DAY_FIRST, cal.dmy_prefix)):
        assert _spans(anchored_finditer(pattern, anchor, text, parts)) == _spans(pattern.finditer(text))


def test_anchored_window_covers_a_long_whitespace_run() -> None:
    pattern, anchor = re.compile(r"(?:(?:over|about)\s+)?(?:\$\s?)?\d+"), re.compile(r"\d")
    text = "it was over" + " " * 40 + "$ 5 and about\t\t7"
    # "$ " is two characters, "about" the longest qualifier: the window reaches back to "over"
    assert window_start(text, text.index("5"), (2, 5)) == text.index("over") - 1
    assert _spans(anchored_finditer(pattern, anchor, text, (2, 5))) == _spans(pattern.finditer(text))
    assert [m.group(0) for m in anchored_finditer(pattern, anchor, text, (2, 5))][0].startswith("over")


def _spacy_sentences(text: str) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in get_pipeline("zh")(text).sents]


@settings(max_examples=300, deadline=None)
@given(_texts(_ZH_PIECES))
def test_chinese_sentences_match_the_zh_pipeline(text: str) -> None:
    if text:
        assert chinese_sentence_spans(text) == _spacy_sentences(text)


@pytest.mark.parametrize("text", [
    "營收增長。 李先生將評論。謝謝！",
    "  前導空白。\u3000全形空白？！(括號)後。」下一句",
    "結尾空白。 ",
    "。。。",
    "   ",
    "a.b?c!d；e",
])
def test_chinese_sentences_edge_cases(text: str) -> None:
    assert ZH_SENTENCE_ENDS[0] == "。"
    assert chinese_sentence_spans(text) == _spacy_sentences(text)


def test_short_numerals_read_as_cn2an_reads_them() -> None:
    cn2an = pytest.importorskip("cn2an")
    from decimal import Decimal

    from auditor.figure_words_zh import CN2AN_SHORT

    for text, value in CN2AN_SHORT.items():
        try:
            expected: Decimal | None = Decimal(str(cn2an.cn2an(text, "smart")))
        except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
            expected = None
        assert str(value) == str(expected), text  # the same digits and exponent, not only the same number
