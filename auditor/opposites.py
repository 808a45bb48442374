"""Words of opposite meaning on the two sides of a pair (profit/虧損, increase/減少, left/右).

Why a module of its own: a translation that swaps a word for its opposite keeps every figure and
every name, so no other comparison sees it, and it reverses what the reader is told. The opposite
pairs are data (`auditor/data/opposites.toml`, both scripts), read through `auditor.words`.

English words are matched as whole words. Chinese words of two characters or more are matched in
the folded (Traditional) text, longest first; a one-character pole (高, 低, 左, 右) is matched only as
a whole word of the segmented text, alone or after a degree word (更高, 較低), because as a
substring it is part of too many other words (高興, 左右, 大家). The segmenter is jieba, loaded
on first use (Chinese text only): a dictionary-based segmenter is what tells 高 in 很高 from 高 in
高興, and spaCy's blank Chinese pipeline, which cuts text into characters, cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from auditor import regex_cache
from auditor.alternation import first_char_lookahead, literal_alternation
from auditor.bilingual import fold_zh_same_length
from auditor.words import Words, default_words


@dataclass(frozen=True)
class PoleMention:
    """A word of one pole of an opposite pair, as found in a text."""

    pair: str  # the pair's name, "increase/decrease"
    pole: str  # "a" | "b"
    word: str
    start: int
    end: int


@dataclass(frozen=True)
class _Opposites:
    en: re.Pattern[str]
    en_pole: dict[str, tuple[str, str]]  # lower-case word -> (pair, pole)
    zh: re.Pattern[str] | None
    zh_pole: dict[str, tuple[str, str]]  # multi-character words
    zh_single: dict[str, tuple[str, str]]  # one-character poles: matched on segmented words
    degree: tuple[str, ...]
    zh_single_of: dict[tuple[str, str], tuple[str, ...]]  # (pair, pole) -> its one-character words


@cache
def _opposites(words: Words) -> _Opposites:
    table = words.table("opposites")
    en_pole: dict[str, tuple[str, str]] = {}
    zh_pole: dict[str, tuple[str, str]] = {}
    zh_single: dict[str, tuple[str, str]] = {}
    for pair in table["pair"]:
        for pole in ("a", "b"):
            for word in pair[pole]["en"]:
                en_pole[word.lower()] = (pair["name"], pole)
            for word in pair[pole]["zh"]:
                (zh_single if len(word) == 1 else zh_pole)[word] = (pair["name"], pole)
    return _Opposites(
        en=regex_cache.compile(rf"\b{first_char_lookahead(en_pole)}(?:{literal_alternation(en_pole)})\b", re.IGNORECASE),
        en_pole=en_pole,
        zh=regex_cache.compile(literal_alternation(zh_pole)) if zh_pole else None,
        zh_pole=zh_pole,
        zh_single=zh_single,
        degree=tuple(table["degree_prefixes"]),
        zh_single_of=_by_pole(zh_single),
    )


def _by_pole(words: dict[str, tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(pair, pole) -> its words, in table order: swapped_poles reads them per pole, not by a scan
    of every word of every pair."""
    out: dict[tuple[str, str], list[str]] = {}
    for word, key in words.items():
        out.setdefault(key, []).append(word)
    return {key: tuple(found) for key, found in out.items()}


def english_poles(text: str, words: Words | None = None) -> list[PoleMention]:
    """The pole words of an English text."""
    ops = _opposites(words or default_words())
    return [PoleMention(*ops.en_pole[m.group(0).lower()], m.group(0), m.start(), m.end()) for m in ops.en.finditer(text)]


def segment(text: str) -> list[tuple[str, int, int]]:
    """Words of a Chinese text with their offsets (jieba, precise mode; see `auditor.segmenter`)."""
    from auditor.segmenter import segment as jieba_segment  # jieba, imported on first use

    return jieba_segment(text)


def chinese_poles(text: str, words: Words | None = None, single: frozenset[str] | None = None) -> list[PoleMention]:
    """The pole words of a Chinese text (Simplified or Traditional).

    One-character poles need the segmenter; `single` limits them to the characters worth looking
    for (the opposites of the English poles), so that most lines are never segmented.
    """
    ops = _opposites(words or default_words())
    folded = fold_zh_same_length(text)
    out: list[PoleMention] = []
    taken: list[tuple[int, int]] = []
    if ops.zh is not None:
        for m in ops.zh.finditer(folded):
            out.append(PoleMention(*ops.zh_pole[m.group(0)], m.group(0), m.start(), m.end()))
            taken.append(m.span())
    wanted = ops.zh_single.keys() if single is None else single
    if any(ch in folded for ch in wanted):
        for _, start, end in segment(text):
            token = folded[start:end]
            core = token[1:] if len(token) == 2 and token.startswith(ops.degree) else token
            if core in wanted and not any(a < end and start < b for a, b in taken):
                out.append(PoleMention(*ops.zh_single[core], token, start, end))
    return sorted(out, key=lambda p: p.start)


@dataclass(frozen=True)
class Swap:
    """An opposite pair whose English says one pole and whose translation says the other."""

    pair: str
    english: tuple[PoleMention, ...]
    chinese: tuple[PoleMention, ...]


def swapped_poles(english: str, chinese: str, words: Words | None = None) -> list[Swap]:
    """Opposite pairs of which the English uses only one pole and the Chinese only the other.

    A side that uses both poles ("from high to low") says nothing about a swap and is left out.
    """
    ops = _opposites(words or default_words())
    en_poles = english_poles(english, words)
    by_pair: dict[str, set[str]] = {}
    for p in en_poles:
        by_pair.setdefault(p.pair, set()).add(p.pole)
    one_pole = {pair: next(iter(poles)) for pair, poles in by_pair.items() if len(poles) == 1}
    if not one_pole:
        return []
    # a translation that holds the English pole (龐大 for "enormous", or 大 anywhere) renders it: a
    # swap is possible only without it, and only then is the text segmented to read 小 or 低
    folded = fold_zh_same_length(chinese)
    plain = chinese_poles(chinese, words, frozenset())
    said = {(m.pair, m.pole) for m in plain}
    for pair, pole in list(one_pole.items()):
        if (pair, pole) in said or any(w in folded for w in ops.zh_single_of.get((pair, pole), ())):
            del one_pole[pair]
    single = frozenset(w for pair, pole in one_pole.items() for (p, q), found in ops.zh_single_of.items()
                       if p == pair and q != pole for w in found)
    zh_poles = chinese_poles(chinese, words, single) if single else plain
    out = []
    for pair, pole in sorted(one_pole.items()):
        zh = [p for p in zh_poles if p.pair == pair]
        if zh and all(p.pole != pole for p in zh):
            out.append(Swap(pair, tuple(p for p in en_poles if p.pair == pair), tuple(zh)))
    return out
