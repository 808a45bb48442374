"""Regex scans that try a pattern only where it can match, and compile it only when first needed.

Why: the roster reads every paragraph with some forty patterns (`auditor.mentions`), most of
which open with `\\b` and a word alternation ("question", "hand", "Mr") or with a lookbehind
("after . ? ! or ,"). Python's `re` has no fast scan for such a start, so `finditer` runs every
alternative at every character: 1 s per 800 kB of calls, most of the roster's time. Compiling the
forty patterns was most of its start-up cost as well.

A `Scan` is a pattern with two relaxations of it, written beside it from the same fragments:

- `anchor`: a cheap pattern that matches at every position a match of the full pattern can start
  (the opening words alone, without `\\b`: `re` then skips to their first letters in C); with
  `at_start`, position 0 is a possible start too (for patterns opening with `^|...`);
- `needs`: groups of literals, every match of the pattern (or its lookarounds) containing one of
  each group: a paragraph without "to" holds no "hand over to ...".

`Scan.finditer` gives the matches of `re.finditer`, in order: a paragraph lacking a needed literal
has none, and `finditer` returns, from its position on, the match that starts first, which starts
where the anchor matches; the full pattern is tried there with `Pattern.match`, which sees the text
before that position (lookbehinds, `\\b`, `^`) as `finditer` does. No pattern here matches the empty
string (each reads a name), so a match never ends where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count

#: every group of literals made, by bit: a text view looks for each group once, and a scan reads
#: its needs as one bit mask
_GROUPS: dict[int, Literals] = {}
_MADE: dict[tuple[tuple[str, ...], bool], Literals] = {}
_BITS = count()


@dataclass(frozen=True, eq=False)
class Literals:
    """Strings one of which a text must contain (made by `cased` and `uncased`, once each).

    `cased=False`: they are in lower case and looked for in the lower-cased text (for patterns
    written "[Gg]o ahead").
    """

    words: tuple[str, ...]
    cased: bool = True
    #: the words to look for: those without another word inside them (which holds whenever they do)
    needed: tuple[str, ...] = field(init=False, repr=False)
    #: the words to find the places of: those without another word opening them (which starts
    #: wherever they do)
    starting: tuple[str, ...] = field(init=False, repr=False)
    bit: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        words = self.words
        set_ = object.__setattr__
        set_(self, "needed", tuple(w for w in words if not any(v != w and v in w for v in words)))
        set_(self, "starting", tuple(w for w in words if not any(v != w and w.startswith(v) for v in words)))
        set_(self, "bit", 1 << next(_BITS))
        _GROUPS[self.bit] = self


def _made(words: tuple[str, ...], cased: bool) -> Literals:
    """The one group of these literals (one bit, looked for once per text whichever scans need it)."""
    key = (words, cased)
    found = _MADE.get(key)
    if found is None:
        found = _MADE[key] = Literals(words, cased)
    return found


def uncased(phrases: Iterable[str]) -> Literals | None:
    """The lower-case literals of phrases a pattern reads with either case of their first letter
    ("[Gg]o ahead"), or None when a phrase has a letter outside ASCII (whose lower case could be
    two letters, or differ from that of its upper case): a text holding the phrase so written
    holds the literal once lower-cased, at the same place when lower-casing keeps its length."""
    phrases = list(phrases)
    if not all(p and all(c.isascii() or c.lower() == c == c.upper() for c in p) for p in phrases):
        return None
    return _made(tuple(dict.fromkeys(p.lower() for p in phrases)), False)


def cased(phrases: Iterable[str]) -> Literals:
    """Literals as written, for patterns that read them exactly."""
    return _made(tuple(dict.fromkeys(phrases)), True)


@dataclass(frozen=True, eq=False)
class Anchor:
    """Where matches of a pattern can start: at each occurrence of one of `literals`, or at each
    position `regex` matches (plus `offset`: "[.?!,](?=[ \\t])" with offset 1 is the space after a
    full stop), and at position 0 when `at_start`."""

    literals: Literals | None = None
    regex: str | None = None
    offset: int = 0
    at_start: bool = False
    #: the regex's matches never overlap (each takes one character): one `finditer` finds them all
    disjoint: bool = False

    def __post_init__(self) -> None:
        if (self.literals is None) == (self.regex is None):
            raise ValueError("an anchor has either literals or a regex")


def opening(literals: Literals | None) -> Anchor | None:
    """The anchor of a pattern that opens with one of the literals (None, no anchor, for None)."""
    return Anchor(literals=literals) if literals is not None else None


class TextView:
    """One paragraph's text with what the scans ask of it, found once for all of them."""

    __slots__ = ("_candidates", "_lowered", "known", "present", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None
        #: the bits of the groups of literals looked for, and of those found
        self.known = 0
        self.present = 0
        self._candidates: dict[int, list[int] | None] = {}

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    def holds(self, mask: int) -> bool:
        """The text holds a literal of each group of the mask."""
        unknown = mask & ~self.known
        if unknown:
            self.learn(unknown)
        return self.present & mask == mask

    def learn(self, unknown: int) -> None:
        """Look for the groups of literals of these bits."""
        self.known |= unknown
        while unknown:
            bit = unknown & -unknown
            unknown ^= bit
            group = _GROUPS[bit]
            hay = self.text if group.cased else self.lowered
            if any(map(hay.__contains__, group.needed)):
                self.present |= bit

    def candidates(self, anchor: Anchor) -> list[int] | None:
        """The positions, in order, where the anchor says a match can start; None when they cannot
        be told (lower-casing changed the length of the text, so its positions are not the text's)."""
        key = id(anchor)
        if key in self._candidates:
            return self._candidates[key]
        found: list[int] | None = [0] if anchor.at_start else []
        if anchor.literals is not None:
            found = self._occurrences(anchor.literals, [0] if anchor.at_start else [])
        elif anchor.regex is not None:
            found = (found or []) + self._hits(_compiled(anchor.regex), anchor.offset, anchor.disjoint)
        if found is not None:
            found = sorted(set(found))
        self._candidates[key] = found
        return found

    def _occurrences(self, literals: Literals, found: list[int]) -> list[int] | None:
        hay = self.text if literals.cased else self.lowered
        if len(hay) != len(self.text):
            return None
        for word in literals.starting:
            at = hay.find(word)
            while at >= 0:
                found.append(at)
                at = hay.find(word, at + 1)
        return found

    def _hits(self, anchor: re.Pattern[str], offset: int, disjoint: bool) -> list[int]:
        """Every position the anchor matches at (overlapping ones too: each search goes on from
        the position after the last hit, not from its end)."""
        if disjoint:
            return [hit.start() + offset for hit in anchor.finditer(self.text)]
        hits = []
        hit = anchor.search(self.text)
        while hit is not None:
            hits.append(hit.start() + offset)
            hit = anchor.search(self.text, hit.start() + 1)
        return hits


_ANCHORS: dict[str, re.Pattern[str]] = {}


def _compiled(regex: str) -> re.Pattern[str]:
    pattern = _ANCHORS.get(regex)
    if pattern is None:
        pattern = _ANCHORS[regex] = re.compile(regex)
    return pattern


class Scan:
    """A pattern with the anchor and needed literals that let it skip what cannot match (module doc)."""

    __slots__ = ("_compiled", "anchor", "flags", "mask", "needs", "source")

    def __init__(
        self,
        source: str,
        *,
        anchor: Anchor | None = None,
        needs: tuple[Literals | None, ...] = (),
        flags: int = 0,
    ) -> None:
        self.source = source
        self.anchor = anchor
        # a pattern opening with a literal needs one: a text without any is skipped before its places are sought
        first = (anchor.literals,) if anchor is not None and not anchor.at_start else ()
        self.needs = tuple(n for n in (*first, *needs) if n is not None)
        self.mask = 0
        for n in self.needs:
            self.mask |= n.bit
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (compiled on first use: many calls never need some of them)."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def finditer(self, text: str, view: TextView | None = None) -> Iterable[re.Match[str]]:
        """The matches of `re.finditer(source, text)`, found faster; `view` is `TextView(text)`,
        shared by the scans of one text."""
        if view is None:
            view = TextView(text)
        mask = self.mask
        if mask:
            if mask & ~view.known:
                view.learn(mask & ~view.known)
            if view.present & mask != mask:
                return ()
        starts = view.candidates(self.anchor) if self.anchor is not None else None
        if starts is None:
            return self.pattern.finditer(text)
        return self._matches(text, starts) if starts else ()

    def _matches(self, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
        pattern, pos = self.pattern, 0
        for at in starts:
            if at < pos:
                continue
            m = pattern.match(text, at)
            if m is not None:
                yield m
                pos = max(m.end(), at + 1)
