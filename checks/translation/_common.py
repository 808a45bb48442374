"""Pieces every translation check shares: the family group, the translated pairs, and evidence
that quotes both sides centred on the spans that differ."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.textutil import quote, snippet

GROUPS = ("translation",)

#: Clause boundaries: sentence punctuation and commas, except a comma between digits (1,625.3).
_CLAUSE_BOUNDARY = re.compile(r"[;；。!?！？，、:：]|(?<!\d),|,(?!\d)|\.\s")


def translated_pairs(transcript: Transcript) -> Iterator[Pair]:
    """Pairs with a translation line written in Chinese, for the checks that compare across the file
    (the per-pair checks get the same pairs from `PairCheck`)."""
    return (pair for pair in transcript.pairs if pair.is_translated)


def evidence(pair: Pair, en_span: tuple[int, int] | None = None, zh_span: tuple[int, int] | None = None) -> str:
    """Both sides quoted: 'EN: … | ZH: …', centred on the spans that differ when given."""
    en = snippet(pair.en, *en_span, width=60) if en_span else quote(pair.en, 180)
    zh = snippet(pair.zh, *zh_span, width=30) if zh_span else quote(pair.zh, 120)
    return f"EN: {en} | ZH: {zh}"


def clause_bounds(text: str, start: int, end: int, limit: int) -> tuple[str, str]:
    """The text of the same clause before `start` and after `end` (at most `limit` characters each).

    A figure's direction or role is stated in its own clause; looking past a comma would borrow
    the cue of the neighbouring figure.
    """
    before = text[max(0, start - limit) : start]
    cut = [m.end() for m in _CLAUSE_BOUNDARY.finditer(before)]
    before = before[cut[-1] :] if cut else before
    after = text[end : end + limit]
    stop = _CLAUSE_BOUNDARY.search(after)
    after = after[: stop.start()] if stop else after
    return before, after
