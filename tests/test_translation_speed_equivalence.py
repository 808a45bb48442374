"""The shortcuts of the translation checks give what the slow way gives, on any text.

- `auditor.wordgate`: english_figures with its word patterns gated by the words of the line equals
  english_figures running every pattern (generated lines full of the vocabulary, case variants and
  the characters case folding treats apart: İ, ı, ſ, K), and the list of those characters is
  complete on the running Python; spelled numbers are read as first written.
- `auditor.bilingual`: the English negation pattern, factored and with a look-ahead, matches as
  the pattern first written, and so do the clause boundaries; un-/-less words are read by the
  prefix half alone on a text without the suffix.
- `auditor.alignment`: which English sentence may be the one a translation drops, from lengths
  read once, equals trying each in turn.
- `auditor.bilingual.s2t`: OpenCC's s2t with its pieces remembered equals OpenCC.
- `auditor.lexicon`: OpenCC's t2s by one translate table where a line holds none of its phrases
  equals OpenCC.
- translation.person: the full-name test with its word-set prefilter equals the plain scan.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from auditor.checks.translation._names import _full_name_mentioned
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.alignment import SENTENCE_RATIO, _fits_without
from auditor.alternation import flat_alternation
from auditor.bilingual import (
    _EN_CLAUSE,
    _ZH_CLAUSE,
    _affixed,
    _negation,
    _s2t,
    chinese_unit_count,
    english_word_count,
    s2t,
)
from auditor.figure_words import (
    _ONE,
    Figure,
    Vocabulary,
    _spelled,
    _spelled_value,
    english_figures,
    exact_figure,
    is_free,
    vocabulary,
)
from auditor.lexicon import _t2s, _t2s_convert
from auditor.textutil import IGNORECASE_ASCII_TWINS as CASE_TWINS
from auditor.wordgate import keys
from auditor.words import default_words

_FIGURE_PIECES = [
    "the", "The", "THE", "second", "Secondly", "thirds", "a", "an", "one", "two", "Twenty", "-", " ", "  ",
    "\n", ",", ".", "'", "’", "of", "in", "out of", "and", "half", "Half", "quarter", "quarters", "fifth",
    "twice", "Doubled", "triple", "fold", "-fold", "twofold", "both", "dozens", "couple", "a couple of",
    "several", "tens of", "eighties", "Nineties", "1980", "80", "80s", "'80s", "’90s", "1990S", "2024",
    "19", "20", "21st", "2nd", "3rd", "4th", "May", "may", "June", "june", "Sept.", "percent", "times",
    "hundred", "million", "\u0130", "\u0131", "\u017f", "\u212a", "ſecond", "\u212aeep", "é", "_", "5",
]


def _figures(text: str, gated: bool) -> object:
    """The figures, or the error raised (ſecond is read as an ordinal not in the table either way)."""
    try:
        return english_figures(text, [], [], [], default_words(), gated=gated)
    except KeyError as error:
        return repr(error)


def _line(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_line(_FIGURE_PIECES))
def test_gated_english_figures_equal_ungated(text: str) -> None:
    assert _figures(text, True) == _figures(text, False)


def test_gated_english_figures_on_the_examples() -> None:
    root = Path(__file__).resolve().parent.parent
    lines = [line for path in sorted((root / "examples").glob("*.txt")) for line in path.read_text().splitlines()]
    for line in lines:
        assert _figures(line, True) == _figures(line, False)


def test_case_twins_are_complete() -> None:
    """The characters outside ASCII that re.IGNORECASE matches with an ASCII letter, or whose lower
    case holds an ASCII character, are exactly those the gate refuses to read."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    twins = {chr(c) for c in range(128, sys.maxunicode + 1)
             if letter.match(chr(c)) or any(x.isascii() for x in chr(c).lower())}
    assert twins <= set(CASE_TWINS)


def test_keys_of_word_lists() -> None:
    assert keys(["a couple of", "several"]) == {"couple", "several"}
    assert keys(["second"], suffix="ly") == {"second", "secondly"}
    assert keys([]) is None and keys(["café"]) is None


_NAME_WORDS = ["tao", "zou", "lixia", "shen", "ming", "a", "the"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_WORDS), max_size=12), st.lists(st.sampled_from(_NAME_WORDS), max_size=3))
def test_full_name_prefilter_equals_scan(words: list[str], tokens: list[str]) -> None:
    scan = any(words[i : i + len(tokens)] in (tokens, tokens[::-1]) for i in range(len(words)))
    assert _full_name_mentioned(words, set(words), tokens) == scan


def _original_negation_pattern() -> re.Pattern[str]:
    """The English negation pattern as first written: flat lists, a \\b per alternative."""
    en = default_words().table("negation")["en"]
    return re.compile(
        rf"\b(?P<not>{flat_alternation(en['not_negation'])})\b|\bno\.\s?\d"
        rf"|\b(?P<weak>{flat_alternation(en['lexical'] + en['prefixed'])})\b"
        rf"|\btoo\s+\w+\s+to\b"
        rf"|\b(?P<strong>{flat_alternation(en['cues'])})\b|(?P<ending>{flat_alternation(en['endings'])})\b",
        re.IGNORECASE,
    )


def _negation_pieces() -> list[str]:
    en = default_words().table("negation")["en"]
    cues = [w for key in ("not_negation", "lexical", "prefixed", "cues", "endings") for w in en[key]]
    return cues[::3] + [w.upper() for w in cues[1::7]] + [
        " ", "  ", "\n", ",", ".", "no.", "No. ", "5", "too", " small ", "to", "n't", "don", "it", "the",
        "\u212a", "\u017f", "_", "’", "'", "not", "Not", "only", "never", "x"]


@settings(max_examples=500, deadline=None)
@given(_line(_negation_pieces()))
def test_english_negation_pattern_matches_like_the_original(text: str) -> None:
    new = _negation(default_words()).en
    old = _original_negation_pattern()
    assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == [
        (m.span(), m.groupdict()) for m in old.finditer(text)]


_EN_SENTENCE = st.lists(st.sampled_from(["We", "grew", "revenue", "by", "5%", "it's", "1,625.3", "."]),
                        max_size=12).map(" ".join)
_ZH_SENTENCE = st.lists(st.sampled_from(["我們", "營收", "增長", "5%", "Q3", "。", "，", "人民幣"]), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_EN_SENTENCE, min_size=2, max_size=7), st.data())
def test_sentence_lengths_read_once_equal_the_scan(en: list[str], data: st.DataObject) -> None:
    """alignment._fits_without equals trying each English sentence left out in turn."""
    zh = data.draw(st.lists(_ZH_SENTENCE, min_size=len(en) - 1, max_size=len(en) - 1))
    lo, hi = SENTENCE_RATIO
    scan = [all(lo <= chinese_unit_count(z) / max(1, english_word_count(e)) <= hi
                for e, z in zip(en[:i] + en[i + 1 :], zh, strict=True)) for i in range(len(en))]
    assert _fits_without(en, zh) == scan


_CLAUSE_PIECES = ["a", "5", "1", ",", "，", ".", "。", ";", "；", ":", "：", "!", "！", "?", "？", "-", "--", "—",
                  "——", "–", " ", "\n", "\t", "\u3000", "我們", "x.", "3,2"]


@settings(max_examples=800, deadline=None)
@given(_line(_CLAUSE_PIECES))
def test_clause_patterns_split_as_first_written(text: str) -> None:
    en = re.compile(r"[;:!?]|(?<!\d),|,(?!\d)|\.(?:\s|$)|\s-{1,2}\s|\s?[—–]\s?")
    zh = re.compile(r"[，,；;：:。！？!?]|—+|--|\s-\s")
    for old, new in ((en, _EN_CLAUSE), (zh, _ZH_CLAUSE)):
        assert new.split(text) == old.split(text)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


def _t2s_pieces() -> list[str]:
    converter = _t2s()
    [[(_, _, phrases), (_, _, characters)]] = converter._dict_chain_data
    return (sorted(phrases)[::9] + sorted(characters)[::97] + [k for k, v in characters.items() if " " in v][:8]
            + ["我們", "營收", "增長", " ", "，", "。", "-", "—", "\u3000", "a", "5", "\n", "（", "）"])


@settings(max_examples=600, deadline=None)
@given(_line(_t2s_pieces()))
def test_t2s_by_character_equals_opencc(text: str) -> None:
    assert _t2s_convert(text) == _t2s().convert(text)


def test_t2s_by_character_on_the_examples() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "examples").glob("*.txt")):
        for line in path.read_text().splitlines():
            assert _t2s_convert(line) == _t2s().convert(line)


_AFFIX_PIECES = ["un", "Un", "non", "non-", "NON", "less", "LESS", "Less", "ly", "ness", "care", "help", "able",
                 "x", " ", "-", "'", "\u017f", "\u212a", "\u0130", "é", "5", "_"]


@settings(max_examples=600, deadline=None)
@given(_line(_AFFIX_PIECES))
def test_affixed_negations_without_a_suffix_read_the_prefixes_only(text: str) -> None:
    patterns = _negation(default_words())
    assert [(m.span(), m.group(0)) for m in _affixed(patterns, text).finditer(text)] == [
        (m.span(), m.group(0)) for m in patterns.en_affixed.finditer(text)]


def _spelled_as_first_written(text: str, vocab: Vocabulary, taken: list[tuple[int, int]]) -> list[Figure]:
    """figure_words._spelled before its shortcuts (lone articles skipped, the rest of the line
    lower-cased only as far as the longest word looked for)."""
    out: list[Figure] = []
    for m in re.finditer(r"\b(?:one|an?)\b", text, re.IGNORECASE):
        whole = vocab.en_of_whole.match(text, m.end())
        den = vocab.en_number.match(text, whole.end()) if whole else None
        dv = _spelled_value(den.group(0), vocab) if den else None
        if den and dv and dv > 1 and is_free(taken, m.start(), den.end()):
            out.append(Figure(text[m.start():den.end()], m.start(), den.end(), _ONE / dv, _ONE / dv, "fraction",
                              parts=(_ONE, dv)))
            taken.append((m.start(), den.end()))
    for m in vocab.en_number.finditer(text):
        start, end = m.start(), m.end()
        value = _spelled_value(m.group(0), vocab)
        if value is None or not is_free(taken, start, end):
            continue
        if any(text[end:].lower().startswith(w) for w in vocab.en_not_after):
            continue
        after = vocab.en_after.match(text, end)
        whole = vocab.en_of_whole.match(text, end)
        if after and after.group("percent"):
            out.append(exact_figure(text, start, after.end(), value, "percent"))
        elif after and after.group("times"):
            out.append(exact_figure(text, start, after.end(), value, "multiple"))
        elif whole and (den := vocab.en_number.match(text, whole.end())) and (dv := _spelled_value(den.group(0), vocab)):
            out.append(Figure(text[start:den.end()], start, den.end(), value / dv, value / dv, "fraction",
                              parts=(value, dv)))
        elif value != _ONE:
            out.append(exact_figure(text, start, end, value, "count"))
    return out


_SPELLED_PIECES = ["a", "A", "an", "one", "One", "ONE", " ", "  ", "\t", "\u3000", "-", "in", "of", "out of", "every",
                   "five", "two", "hundred", "and", "half", "percent", "per cent", "times", "fold", "dimensional",
                   "-d ", "-d.", "d", "\u0130", "\u212a", "x", ",", "."]


@settings(max_examples=800, deadline=None)
@given(_line(_SPELLED_PIECES))
def test_spelled_numbers_as_first_written(text: str) -> None:
    vocab = vocabulary(default_words())
    assert _spelled(text, vocab, []) == _spelled_as_first_written(text, vocab, [])


def _s2t_pieces() -> list[str]:
    [[(_, _, phrases), (_, _, characters)]] = _s2t()._dict_chain_data
    return (sorted(phrases)[::997] + sorted(characters)[::61] + ["没有", "减少", "增长", "收入", "。", "，", "、",
            " ", "-", "—", "（", "）", "a", "5", "\n", "“", "”"])


@settings(max_examples=600, deadline=None)
@given(_line(_s2t_pieces()))
def test_s2t_by_remembered_pieces_equals_opencc(text: str) -> None:
    assert s2t(text) == _s2t().convert(text)
