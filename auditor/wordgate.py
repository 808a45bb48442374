"""Whether a word-list pattern can match a text at all, from the set of the text's words.

Why: the figure-word reader runs a dozen case-insensitive word patterns over every English line
(ordinals, fractions, multiples, decades, months ...), and Python's regex engine walks each
pattern over every character of the line even when none of its words is there, which is nearly
always. The words of a line are read once (`LineWords`), and a pattern whose words are all
absent is not run: its `finditer` would have found nothing.

Why it is exact: a pattern `\\b(?:w1|w2|...)\\b` (re.IGNORECASE) can match only where the line
holds, case folded, every maximal run of ASCII letters of the word it matches as a whole word of
the line (a run is bounded by the word's own non-letters, or by the word boundaries the pattern
asks for). `keys` keeps one run per word (its longest), so "none of the keys is a word of the line"
means "no match". Case folding by `str.lower` equals re.IGNORECASE for ASCII letters except on
four characters (İ, ı, ſ, K: the Kelvin sign), so a line holding one of them is never gated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.textutil import holds_case_twin

_RUN = re.compile(r"[a-z]+")
_WORDLIKE = re.compile(r"[a-z0-9 '’.\-]+")


def keys(items: Iterable[str], suffix: str = "") -> frozenset[str] | None:
    """One letter run per word that every match of the word holds as a whole word of the line
    (its longest run; a word that may take `suffix` right after its last run is keyed by that run
    with and without it). None when a word is not plain ASCII: such a list is never gated."""
    out: set[str] = set()
    for item in items:  # an empty list is never gated: its pattern matches the empty word
        word = item.lower()
        runs = _RUN.findall(word)
        if not runs or not _WORDLIKE.fullmatch(word):
            return None
        ends_with_run = word[-1].isalpha()
        inner = runs[:-1] if suffix and ends_with_run and len(runs) > 1 else runs
        if suffix and ends_with_run and len(runs) == 1:
            out.update((runs[0], runs[0] + suffix))
        else:
            out.add(max(inner, key=len))
    return frozenset(out) if out else None


class LineWords:
    """The words of one line in lower case, read once for every gate the line is tested against."""

    def __init__(self, text: str) -> None:
        self.lowered = text.lower()
        #: None when the line holds a character case folding cannot be trusted on: nothing is gated
        self.words: frozenset[str] | None = (
            None if holds_case_twin(text) else frozenset(_RUN.findall(self.lowered))
        )

    def may_hold(self, wanted: frozenset[str] | None, substrings: Iterable[str] = ()) -> bool:
        """False only when none of the `wanted` words and none of the (lower-case) `substrings` is
        in the line, so that a pattern needing one of them cannot match."""
        if self.words is None or wanted is None:
            return True
        return not self.words.isdisjoint(wanted) or any(s in self.lowered for s in substrings)
