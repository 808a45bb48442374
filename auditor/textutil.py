"""Small text helpers shared by the parser and the checks (script detection, width folding)."""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

#: the characters outside ASCII that re.IGNORECASE matches with an ASCII letter (İ, ı, ſ and K, the
#: Kelvin sign: Python's `re` folds them onto i, i, s and k). Every shortcut that tests for a literal
#: of a case-insensitive pattern in `str.lower()` text must not trust a text holding one of them
#: (tests/test_parse_gates.py checks the list against every code point on the running Python).
IGNORECASE_ASCII_TWINS = "\u0130\u0131\u017f\u212a"


def holds_case_twin(text: str) -> bool:
    """Whether `text` holds one of IGNORECASE_ASCII_TWINS (`in` tests: faster than a search)."""
    return not text.isascii() and any(ch in text for ch in IGNORECASE_ASCII_TWINS)


_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_RE = re.compile(r"[A-Za-z]")

# full-width ASCII variants (digits, letters, punctuation) to their ASCII forms, same length
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """Fold full-width digits and punctuation to ASCII without changing string length or offsets."""
    return text.translate(_FULLWIDTH)


def han_count(text: str) -> int:
    return len(_HAN_RE.findall(text))


def latin_count(text: str) -> int:
    return len(_LATIN_RE.findall(text))


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


def is_chinese_line(text: str) -> bool:
    """A line written mainly in Chinese (a translation line), even with Latin names inside."""
    han = han_count(text)
    return han > 0 and han >= latin_count(text) * 0.25


def normalise_space(text: str) -> str:
    r"""NFC, whitespace runs as one space, none at the ends: `re.sub(r"\s+", " ", ...).strip()`,
    by `split` and `join` (the same whitespace, and faster: it runs for every quote)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote(text: str, limit: int = 240) -> str:
    """Shorten a quotation for evidence, keeping its start (where the fact usually is)."""
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    """The span [start, end) of text with some context either side, for evidence quotes."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    # widen to word boundaries
    while a > 0 and not text[a - 1].isspace() and start - a < width + 20:
        a -= 1
    while b < len(text) and not text[b].isspace() and b - end < width + 20:
        b += 1
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(text) else ""
    return prefix + normalise_space(text[a:b]) + suffix


#: a clause ends at sentence punctuation or a comma, except a comma between digits (1,625.3)
_CLAUSE_BOUNDARY = re.compile(r"[;；。!?！？，、:：]|(?<!\d),|,(?!\d)|\.\s")


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


# --- invisible characters ---------------------------------------------------------------------


@dataclass(frozen=True)
class HiddenCharacter:
    """An invisible character removed from a line for matching: where it stood and what it was.

    Why kept: the text the checks match must be free of zero-width and bidi control characters
    (a zero-width space inside "June 31" hides the impossible date), but the editor must still be
    told where each one stands in the file, and a finding's column must be the file's column.
    """

    line: int
    column: int | None  # 1-based column in the physical line; None when only the line is known (JSON escapes)
    char: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, self.codepoint)


@functools.lru_cache(maxsize=8)
def _character_class(characters: frozenset[str]) -> re.Pattern[str]:
    """One compiled class for a set of characters: a C-speed test of a line instead of a loop."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(characters)) + "]")


def remove_characters(text: str, remove: frozenset[str]) -> tuple[str, list[int]]:
    """`text` without the characters in `remove`, and the 0-based offsets (in `text`) removed.

    Linear in the length of the text; a line without any of them is returned as it is.
    """
    if not remove or _character_class(remove).search(text) is None:
        return text, []
    kept: list[str] = []
    removed: list[int] = []
    for i, ch in enumerate(text):
        if ch in remove:
            removed.append(i)
        else:
            kept.append(ch)
    return "".join(kept), removed


def original_offset(removed: list[int], offset: int) -> int:
    """The offset in the original text of `offset` in the text `remove_characters` returned.

    `removed` is the sorted list of removed original offsets: each one at or before the position
    shifts it right by one.
    """
    for r in removed:
        if r <= offset:
            offset += 1
        else:
            break
    return offset


class Spans:
    """Character spans [start, end) of a line, asked whether they cover a position or overlap a span.

    Why not a list scanned per question: the parsers ask once per match (every number, every
    date), so a line of thousands of dates or numbers took time quadratic in its length. The
    union of the spans is kept as sorted, disjoint runs and answered by bisection (an empty span
    covers nothing and is not kept)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Cover [start, end) too (an empty span covers nothing)."""
        if start >= end:
            return
        lo = bisect_left(self._ends, start)  # the first run that ends at or after start
        hi = bisect_right(self._starts, end)  # the runs that start at or before end
        if lo < hi:  # merge the runs [start, end) touches
            start, end = min(start, self._starts[lo]), max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def covers(self, position: int) -> bool:
        """Whether some span has start <= position < end."""
        at = bisect_right(self._starts, position) - 1
        return at >= 0 and position < self._ends[at]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the non-empty span [start, end) shares a position with some span."""
        at = bisect_left(self._starts, end) - 1  # the last run that starts before end
        return at >= 0 and start < self._ends[at]
