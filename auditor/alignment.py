"""Clauses of one side of a pair that no word of the other side renders (a clause added or dropped).

Why a module of its own: a translation that drops a clause ("... and we expect the margin to
recover next year" left out) or adds one keeps every figure and name, so no fact comparison sees
it, and the length of a long line hides it. What shows it is the two together:

- the unit (a sentence pair where both sides have as many sentences, else the whole line) is too
  long on one side for a rendering of the other (Chinese characters per English word outside the
  range of complete renderings), and taking one clause away brings it back into that range; or
  the translation has one sentence fewer, and without one English sentence the others pair off in
  order with the lengths of renderings; and
- none of that clause's content words has a dictionary counterpart (CC-CEDICT, `auditor.lexicon`)
  on the other side (a dropped sentence: next to none, within the Chinese sentences beside where
  it stood), while the rest of the unit does align.

Each test alone is noise: lengths vary with style, and a dictionary misses idioms and paraphrase
("that is amazing" for 太奇妙了). Measured on translations rated by experts, the conjunction
reports real omissions and additions, and the dictionary is read only for the few units that the
length test leaves (most lines never load it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.bilingual import chinese_unit_count, english_word_count
from auditor.lexicon import (
    available,
    chinese_words,
    english_content,
    english_key,
    gloss_keys,
    is_function_word,
)
from auditor.words import Words

#: Chinese characters per English word: a unit above ADDED_RATIO is long for a rendering of its
#: English, one below DROPPED_RATIO short (complete renderings have about 1.4-1.7; 95% of the
#: sentence pairs of an expert-rated set lie within 1.1-2.2)
ADDED_RATIO = 2.2
DROPPED_RATIO = 1.1
#: without the clause, the unit must be back within these bounds (the clause explains the gap)
ADDED_REST_RATIO = 2.0
DROPPED_REST_RATIO = 1.3
#: content words a clause needs to be reported (one unmatched word is a dictionary gap, not a clause)
ADDED_MIN_WORDS = 2
DROPPED_MIN_WORDS = 3
#: share of the rest of the unit's content words that must align: a unit that does not align at all
#: is a paraphrase or a different sentence, not a rendering with one clause added or dropped
MIN_COVERAGE = 0.4
#: units shorter than this (English words) say too little to align
MIN_UNIT_WORDS = 4

_ZH_CLAUSE = re.compile(r"[，,；;：:。！？!?]|—+|--|\s-\s|–")
_EN_CLAUSE = re.compile(r"[;:!?]|(?<!\d),|,(?!\d)|\.(?:\s|$)|\s-{1,2}\s|\s?[—–]\s?")


@dataclass(frozen=True)
class ClauseGap:
    """A clause of one side whose content words have no counterpart on the other side."""

    side: str  # "zh": the translation adds it; "en": the translation drops it
    text: str
    start: int  # offsets in the whole line of its side
    end: int
    unit_en: str  # the aligned unit the clause was found in, both sides
    unit_zh: str
    ratio: float  # Chinese characters per English word of the unit, with and without the clause
    rest_ratio: float
    kind: str = "clause"  # "clause" | "sentence" (a whole sentence of a line the translation shortens)


def _clause_spans(text: str, rx: re.Pattern[str]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in rx.finditer(text + "\n"):
        piece = text[pos : m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((piece.strip(), pos + lead, pos + lead + len(piece.strip())))
        pos = m.end()
    return out


def _chinese_keys(zh: str, words: Words) -> set[str]:
    """Every gloss key of the Chinese text, its words and their characters, and its Latin words."""
    keys: set[str] = set()
    for word, _, _ in chinese_words(zh):
        keys |= gloss_keys(word, words)
        if len(word) > 1:
            for ch in word:
                keys |= gloss_keys(ch, words)
    keys |= {english_key(w, words) for w in re.findall(r"[A-Za-z]{2,}", zh)}
    return keys


def _added(en: str, zh: str, offset: int, words: Words, en_words: int, zh_units: int) -> ClauseGap | None:
    ratio = zh_units / en_words
    if ratio <= ADDED_RATIO:
        return None
    # clauses whose removal restores the length come first: they need no dictionary, and a unit
    # without one never loads the segmenter or CC-CEDICT
    clauses = [(text, start, end, (zh_units - chinese_unit_count(text)) / en_words)
               for text, start, end in _clause_spans(zh, _ZH_CLAUSE)]
    clauses = [clause for clause in clauses if clause[3] <= ADDED_REST_RATIO]
    if not clauses or not available():
        return None
    en_keys = {key for *_, key in english_content(en, words)}
    content = [
        (w, s, gloss_keys(w, words)) for w, s, _ in chinese_words(zh)
        if len(w) > 1 and not is_function_word(w, words) and gloss_keys(w, words)
    ]
    for text, start, end, rest_ratio in clauses:
        inside = [keys for _, s, keys in content if start <= s < end]
        if len(inside) < ADDED_MIN_WORDS or any(keys & en_keys for keys in inside):
            continue
        rest = [keys for _, s, keys in content if not start <= s < end]
        coverage = sum(1 for keys in rest if keys & en_keys) / max(1, len(rest))
        if coverage >= MIN_COVERAGE:
            return ClauseGap("zh", text, offset + start, offset + end, en, zh, round(ratio, 2), round(rest_ratio, 2))
    return None


def _dropped(en: str, zh: str, offset: int, words: Words, en_words: int, zh_units: int) -> ClauseGap | None:
    ratio = zh_units / en_words
    if ratio >= DROPPED_RATIO:
        return None
    content = english_content(en, words)
    # the tests that need no dictionary first: most units have no such clause and never segment
    clauses = []
    for text, start, end in _clause_spans(en, _EN_CLAUSE):
        inside = [key for _, s, _, key in content if start <= s < end]
        rest_ratio = zh_units / max(1, en_words - english_word_count(text))
        if len(inside) >= DROPPED_MIN_WORDS and rest_ratio >= DROPPED_REST_RATIO:
            clauses.append((text, start, end, inside, rest_ratio))
    if not clauses or not available():
        return None
    zh_keys = _chinese_keys(zh, words)
    for text, start, end, inside, rest_ratio in clauses:
        if any(key in zh_keys for key in inside):
            continue
        rest = [key for _, s, _, key in content if not start <= s < end]
        coverage = sum(1 for key in rest if key in zh_keys) / max(1, len(rest))
        if coverage >= MIN_COVERAGE:
            return ClauseGap("en", text, offset + start, offset + end, en, zh, round(ratio, 2), round(rest_ratio, 2))
    return None


def _units(en: str, zh: str, en_sentences: list[str], zh_sentences: list[str]) -> list[tuple[str, int, str, int]]:
    """(English unit, its offset, Chinese unit, its offset): sentence pairs where both sides have as
    many sentences, else the whole line."""
    if len(en_sentences) == len(zh_sentences) > 1:
        out: list[tuple[str, int, str, int]] = []
        en_pos = zh_pos = 0
        for e, z in zip(en_sentences, zh_sentences, strict=True):
            e_at, z_at = en.find(e, en_pos), zh.find(z, zh_pos)
            if e_at < 0 or z_at < 0:
                return [(en, 0, zh, 0)]
            out.append((e, e_at, z, z_at))
            en_pos, zh_pos = e_at + len(e), z_at + len(z)
        return out
    return [(en, 0, zh, 0)]


#: Chinese characters per English word of a sentence pair that renders each other (wider than a
#: whole line's range: one sentence may be rendered tersely or with an added subject)
SENTENCE_RATIO = (0.8, 3.0)
#: content words a whole English sentence needs before its absence is reported
DROPPED_SENTENCE_MIN_WORDS = 4
#: share of its content words that may meet a word of the neighbouring Chinese sentences (common
#: words of the call, "revenue", "quarter", recur from sentence to sentence)
DROPPED_SENTENCE_COVERAGE = 0.2


def _fits_without(en_sentences: list[str], zh_sentences: list[str]) -> list[bool]:
    """For each English sentence i: whether, without it, the others pair off in order with the
    Chinese sentences (one fewer), every pair with the length of a rendering (SENTENCE_RATIO).

    Each sentence's length is read once and the n ways of leaving one out share them: the first i
    pairs (English j with Chinese j) must fit, and the rest (English j + 1 with Chinese j)."""
    n = len(en_sentences)
    lo, hi = SENTENCE_RATIO
    en_counts = [max(1, english_word_count(e)) for e in en_sentences]
    zh_counts = [chinese_unit_count(z) for z in zh_sentences]
    heads, tails = [True] * n, [True] * n  # heads[i]: the pairs before i fit; tails[i]: those from i on
    for j in range(n - 1):
        heads[j + 1] = heads[j] and lo <= zh_counts[j] / en_counts[j] <= hi
    for j in range(n - 2, -1, -1):
        tails[j] = tails[j + 1] and lo <= zh_counts[j] / en_counts[j + 1] <= hi
    return [h and t for h, t in zip(heads, tails, strict=True)]


def _dropped_sentence(en: str, zh: str, en_sentences: list[str], zh_sentences: list[str],
                      words: Words) -> ClauseGap | None:
    """An English sentence the translation leaves out, where the translation has one sentence fewer.

    The sentence is reported only when it is the one way to pair the rest in order (every other
    sentence pair has the length of a rendering and aligns), and none of its content words has a
    counterpart in the Chinese sentences on either side of where it stood: a sentence the
    translation merged into its neighbour ("Thank you. We will now begin." rendered 謝謝，我們現在
    開始。) shares words with that neighbour and is left alone.
    """
    n = len(en_sentences)
    if n < 2 or len(zh_sentences) != n - 1:
        return None
    fits = _fits_without(en_sentences, zh_sentences)
    best: tuple[float, int] | None = None
    for i in range(n):
        if not fits[i]:
            continue
        content = [key for *_, key in english_content(en_sentences[i], words)]
        if len(content) < DROPPED_SENTENCE_MIN_WORDS:
            continue
        if not available():  # read only once a sentence passes the length tests
            return None
        near = _chinese_keys("".join(zh_sentences[max(0, i - 1) : i + 1]), words)
        coverage = sum(1 for key in content if key in near) / len(content)
        if coverage <= DROPPED_SENTENCE_COVERAGE and (best is None or coverage < best[0]):
            best = (coverage, i)
    if best is None:
        return None
    i = best[1]
    sentence = en_sentences[i]
    for e, z in zip(en_sentences[:i] + en_sentences[i + 1 :], zh_sentences, strict=True):
        keys = [key for *_, key in english_content(e, words)]
        zh_keys = _chinese_keys(z, words)
        if keys and sum(1 for key in keys if key in zh_keys) / len(keys) < MIN_COVERAGE:
            return None
    start = en.find(sentence)
    ratio = chinese_unit_count(zh) / max(1, english_word_count(en))
    rest_ratio = chinese_unit_count(zh) / max(1, english_word_count(en) - english_word_count(sentence))
    return ClauseGap("en", sentence, max(0, start), max(0, start) + len(sentence), en, zh,
                     round(ratio, 2), round(rest_ratio, 2), kind="sentence")


def clause_gaps(en: str, zh: str, en_sentences: list[str], zh_sentences: list[str], words: Words) -> list[ClauseGap]:
    """Clauses the translation adds or drops, at most one per aligned unit (see the module doc)."""
    dropped = _dropped_sentence(en, zh, en_sentences, zh_sentences, words)
    if dropped is not None:
        return [dropped]
    out: list[ClauseGap] = []
    for e, e_at, z, z_at in _units(en, zh, en_sentences, zh_sentences):
        en_words, zh_units = english_word_count(e), chinese_unit_count(z)  # counted once per unit
        if en_words < MIN_UNIT_WORDS or not zh_units:
            continue
        ratio = zh_units / en_words
        if DROPPED_RATIO <= ratio <= ADDED_RATIO:
            continue  # the common case: no dictionary read at all (_added and _dropped read it last)
        gap = _added(e, z, z_at, words, en_words, zh_units) or _dropped(e, z, e_at, words, en_words, zh_units)
        if gap is not None:
            out.append(gap)
    return out
