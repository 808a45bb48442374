"""Case-insensitive patterns run as case-sensitive ones on lower-cased text.

Why: Python's `re` cannot skip ahead to where a case-insensitive pattern may start, so it runs the
pattern at every position of the text; the same pattern written in lower case and run on lower-cased
text skips ahead and reads the figure model's phrase lists about twice as fast. The figure model
lower-cases a paragraph once (`fold`) and reads its sentences from that copy.

Exact: a pattern is folded only when it is ASCII and has no escape or inline flag that lower-casing
would change (`\\W`, `(?-i:...)`), so its literals and classes read lower-cased ASCII letters as
IGNORECASE read either case. Lower-casing keeps every other character's length, its being ASCII or
not, and its being a word character, a space or a digit (the only classes a folded pattern has for
non-ASCII text), so every offset and every match stays. The few non-ASCII characters IGNORECASE
matches to an ASCII letter (`_FOLDS_TO_ASCII`: the Kelvin sign, the long s, the dotless i and the
dotted capital I, the one whose lower case is two characters) make `fold` refuse the text: it is then
read as before. tests/test_figures_speed.py checks these properties on every code point and
compares both readings on generated and real text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from auditor import regex_cache
from auditor.textutil import holds_case_twin

if TYPE_CHECKING:
    from auditor.model import Paragraph

#: the non-ASCII characters that IGNORECASE matches to an ASCII letter (checked by the tests)
# what lower-casing a pattern would change besides its literals: an upper-case escape (\W, \S, \D,
# \B, \A, \Z, \N{...}), a back-reference, an inline flag group or a reference by name; a range of
# a class with an upper-case end other than A-Z ([0-Z] would become [0-z]) is checked apart
_UNSAFE = re.compile(r"\\[A-Z1-9]|\(\?(?!P<)[-a-zA-Z]")
_RANGE = re.compile(r"[^\\]-[A-Z]|[A-Z]-[^\]]")
# "(?P<" lower-cased, not escaped: a named group to write back
_GROUP_NAME = re.compile(r"(?<!\\)((?:\\\\)*)\(\?p<")


def fold(text: str) -> str | None:
    """`text` lower-cased (same length, same offsets), or None when it holds a non-ASCII character
    IGNORECASE would match to an ASCII letter."""
    if holds_case_twin(text):
        return None
    return text.lower()


def literal_gate(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """The literals `may_hold` looks for before a pattern of `phrases` is run: the phrases lower-cased,
    those holding a shorter one left out; None when a phrase is empty or not ASCII (IGNORECASE may
    then match text whose lower case is not the phrase's: the final and the other sigma).

    Why: a pattern of literal phrases (`phrase_alternation`, with look-arounds or trailing words
    around them) matches only text holding one of them, and most paragraphs hold none of the
    company-scope, slide and qualifier phrases: a search for a few literals (str.__contains__, far
    faster than the pattern) tells so once per paragraph instead of running the pattern per sentence."""
    low = sorted({p.lower() for p in phrases}, key=len)
    if not all(p and p.isascii() for p in low):
        return None
    kept: list[str] = []
    for p in low:
        if not any(k in p for k in kept):
            kept.append(p)
    return tuple(kept)


def may_hold(gate: tuple[str, ...] | None, folded_text: str | None) -> bool:
    """False when the folded text holds none of the gate's literals (`literal_gate`): no part of it
    then matches the gate's pattern, folded or not (`fold` refused the characters IGNORECASE
    would read as ASCII letters). True when unsure."""
    if gate is None or folded_text is None:
        return True
    return any(k in folded_text for k in gate)


#: the twins found, by id of the pattern (kept with it, so the id names it for good): a pattern's
#: hash reads all of its compiled code, which for the metric aliases costs more than a short scan
_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of an IGNORECASE `pattern` for folded text, or None when it has none."""
    known = _TWINS.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = _TWINS[id(pattern)] = (pattern, _twin(pattern))
    return known[1]


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not source.isascii() or _UNSAFE.search(source):
        return None
    if any(m.group(0) != "A-Z" for m in _RANGE.finditer(source)):
        return None
    try:
        twin = regex_cache.compile(_GROUP_NAME.sub(r"\1(?P<", source.lower()), pattern.flags & ~re.IGNORECASE)
    except re.error:
        return None
    return twin if twin.groupindex == pattern.groupindex else None  # a group's name kept


def finditer(pattern: re.Pattern[str], text: str, folded_text: str | None) -> list[tuple[int, int]]:
    """The spans `pattern.finditer(text)` finds, read on the folded copy when both allow it."""
    twin = folded(pattern) if folded_text is not None else None
    if twin is None or folded_text is None:
        return [m.span() for m in pattern.finditer(text)]
    return [m.span() for m in twin.finditer(folded_text)]


def search(pattern: re.Pattern[str], text: str, folded_text: str | None) -> bool:
    """Whether `pattern.search(text)` finds anything, read on the folded copy when both allow it."""
    twin = folded(pattern) if folded_text is not None else None
    if twin is None or folded_text is None:
        return pattern.search(text) is not None
    return twin.search(folded_text) is not None


# a character that may decide a bounded pattern's match at the edge of a span: a word character, "&"
# or "-" (the one-character look-behinds and look-aheads of the lexicon's phrase patterns)
_EDGE = re.compile(r"[\w&-]")


class ParagraphMatches:
    """The matches of a phrase pattern in a whole paragraph, read back for any span of it.

    Why: the figure model scans each sentence, and each span around a figure, for the same phrase
    patterns (period phrases, metric aliases); one scan of the paragraph answers them all.

    Exact for a pattern whose matches depend on no character outside them but the one before and
    the one after, and those only through word bounds or one-character look-arounds of `_EDGE`
    characters (`(?<![\\w-])...(?![\\w-])`, `\\b...\\b`). A span's own scan then finds the matches of the
    paragraph that lie inside it, provided no match of the paragraph straddles an end of the span
    and the characters just outside it are no `_EDGE` characters (they then read as the span's
    ends do). `within` answers None otherwise, and the caller scans the span itself.
    """

    def __init__(self, pattern: re.Pattern[str], text: str, folded_text: str | None) -> None:
        self.text = text
        self.spans = finditer(pattern, text, folded_text)
        self._starts = [a for a, _ in self.spans]
        self._ends = [b for _, b in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """The spans (relative to `start`) a scan of text[start:end] finds, or None when unsure."""
        text = self.text
        if (start > 0 and _EDGE.match(text, start - 1)) or (end < len(text) and _EDGE.match(text, end)):
            return None
        picked = self.spans[bisect_left(self._ends, start + 1) : bisect_left(self._starts, end)]
        if picked and (picked[0][0] < start or picked[-1][1] > end):
            return None  # a match straddles an end of the span
        return [(a - start, b - start) for a, b in picked]


def paragraph_cache(paragraph: Paragraph) -> dict[object, Any]:
    """What the figure model derives from one (annotated, hence final) paragraph, kept with it as
    its cached properties are: the index of its explicit periods, the answer of `periods_in` per
    span, its folded text and its matches of the lexicon's phrase patterns."""
    attributes = vars(paragraph)
    cache: dict[object, Any] | None = attributes.get("_figure_periods")
    if cache is None:  # (a setdefault made a dictionary per question)
        cache = attributes["_figure_periods"] = {}
    return cache


def paragraph_folded(paragraph: Paragraph) -> str | None:
    """The paragraph's text folded for the case-sensitive twins of the lexicon's patterns (once)."""
    cache = paragraph_cache(paragraph)
    if "folded" not in cache:
        cache["folded"] = fold(paragraph.text)
    folded_text: str | None = cache["folded"]
    return folded_text


def paragraph_matches(paragraph: Paragraph, pattern: re.Pattern[str]) -> ParagraphMatches:
    """The matches of one of the lexicon's phrase patterns in the paragraph, scanned once (see
    `ParagraphMatches` for the patterns it may be)."""
    cache = paragraph_cache(paragraph)
    key = ("matches", id(pattern))  # a pattern's own hash reads all its code: its id, kept with it
    known = cache.get(key)
    if known is None or known[0] is not pattern:
        known = cache[key] = (pattern, ParagraphMatches(pattern, paragraph.text, paragraph_folded(paragraph)))
    matches: ParagraphMatches = known[1]
    return matches
