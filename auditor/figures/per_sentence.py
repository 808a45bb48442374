"""Answers about a whole sentence (or paragraph) that every figure of it asks, found once.

Why a module of its own: the figure model reads each figure with questions about its sentence
(the words before it, the period phrases in it); asked afresh per figure, a sentence of thousands
of figures takes time quadratic in its length (issue 14, item 6). These helpers keep the answers
in a cache the extractor owns, keyed by paragraph and sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.figures.context import SentenceContext
    from auditor.model import Paragraph
    from auditor.quantities import Quantity

#: answers by (question, paragraph index, ...): one per extractor
SentenceCache = dict[tuple[object, ...], object]

# the words `words_of` finds (auditor.figures.context), and how much of a clause before a figure is read
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
_TAIL_WORDS, _TAIL_CHARS = 24, 200

#: a base stated after "from": "up 120 basis points from (44.0%"
FROM_BEFORE_RE = re.compile(r"\bfrom\s+[\[(]?\s*$")


def clause_tail(cache: SentenceCache, ctx: SentenceContext, q: Quantity) -> str:
    """The sentence before `q` as far as its readers look: the last 60 characters and the last 10
    words (`_rate_role`, `_share_whole` of auditor.figures.extraction); kept to at least 200
    characters and 24 words.

    Why not the whole sentence before `q`: a sentence of thousands of figures copied and split
    into words once per figure takes time quadratic in its length. The tail starts where a word
    of the sentence starts, so the words found in it are the sentence's own (and the last of
    them, cut at `q`, is cut the same way)."""
    key = ("word_starts", ctx.paragraph.index, ctx.sentence.start, ctx.sentence.end)
    starts = cache.get(key)
    if starts is None:
        starts = [m.start() for m in _WORD_RE.finditer(ctx.paragraph.text, ctx.sentence.start, ctx.sentence.end)]
        cache[key] = starts
    assert isinstance(starts, list)
    before = bisect_left(starts, q.start)  # words starting before q
    cut = starts[before - _TAIL_WORDS] if before >= _TAIL_WORDS else starts[0] if before else q.start
    cut = max(ctx.sentence.start, min(cut, q.start - _TAIL_CHARS))
    return ctx.paragraph.text[cut : q.start]


def period_spans(cache: SentenceCache, paragraph: Paragraph, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the paragraph's period phrases that start in [start, end), found by bisection
    in the paragraph's phrases sorted once (a paragraph of many sentences is not read per sentence)."""
    key = ("periods", paragraph.index)
    spans = cache.get(key)
    if spans is None:
        spans = sorted((p.start, p.end) for p in paragraph.periods)
        cache[key] = spans
    assert isinstance(spans, list)
    return spans[bisect_left(spans, (start, -1)) : bisect_left(spans, (end, -1))]


def from_before(text: str, start: int, end: int) -> bool:
    """Whether FROM_BEFORE_RE finds text[start:end] ending with 'from' and a space (and a bracket),
    read on the tail only: the match ends at `end`, its 'from' just before the final run of spaces
    and brackets (searching all of the sentence so far, for each figure, was quadratic)."""
    k = end
    while k > start and (text[k - 1].isspace() or text[k - 1] in "[("):
        k -= 1
    return bool(FROM_BEFORE_RE.search(text[max(start, k - 5) : end].lower()))


def sentence_cache(extractor: object) -> SentenceCache:
    """The answers about whole sentences an extractor has found (made on first use, kept with it)."""
    cache: SentenceCache | None = getattr(extractor, "_per_sentence", None)
    if cache is None:
        cache = {}
        extractor._per_sentence = cache  # type: ignore[attr-defined]
    return cache
