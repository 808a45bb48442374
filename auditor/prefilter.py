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
  each group: a paragraph without "to" holds no "hand over to ...";
- `head`: a short pattern that matches wherever the full one does (its opening, up to the name it
  reads, and a lookahead for the name's capital letter): until the full pattern is needed, it is
  not compiled for a text where the head matches at no candidate start (most of the forty never
  match in a call, and compiling them was most of a cold run's roster time).

`Scan.finditer` gives the matches of `re.finditer`, in order: a paragraph lacking a needed literal
has none, and `finditer` returns, from its position on, the match that starts first, which starts
where the anchor matches; the full pattern is tried there with `Pattern.match`, which sees the text
before that position (lookbehinds, `\\b`, `^`) as `finditer` does. No pattern here matches the empty
string (each reads a name), so a match never ends where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import Any, TypeVar, overload

from auditor import regex_cache

T = TypeVar("T")

#: every group of literals made, by bit: a text view looks for each group once, and a scan reads
#: its needs as one bit mask
_GROUPS: dict[int, Literals] = {}
_MADE: dict[tuple[tuple[str, ...], bool, bool], Literals] = {}
_BITS = count()


class _Bits:
    """The bits of every group made so far, and the letter runs of the `whole` ones."""

    bits = 0
    runs: frozenset[str] = frozenset()


#: the groups that are not `whole`, by bit; for each letter run, the bits of the `whole` groups
#: holding a literal with that longest run
_PARTS: dict[int, Literals] = {}
_RUN_BITS: dict[str, int] = {}
#: for each letter run, the `whole` literals with that longest run, each once (with how it is
#: looked for: `_CASED`, `_UNCASED`, or `_SURE`: a lower-case literal that is the run itself, in
#: the lower-cased text wherever the run is one of its words) and the bits of the groups holding it
_BY_RUN: dict[str, dict[tuple[str, int], int]] = {}
_CASED, _UNCASED, _SURE = 0, 1, 2


_KNOWN = _Bits()
#: the words of a lower-cased text, as `Literals.whole` groups look for them
_LETTERS = re.compile("[a-z]+")


@dataclass(frozen=True, eq=False)
class Literals:
    """Strings one of which a text must contain (made by `cased` and `uncased`, once each).

    `cased=False`: they are in lower case and looked for in the lower-cased text (for patterns
    written "[Gg]o ahead").

    `whole`: the pattern reads each as whole words, with a character that is no letter (or the
    text's end) on either side ("\\bthanks,", "[ \\t]+to[ \\t]+", "\\bhand(?:s|ing)?[ \\t]" read
    "hands" whole). Every letter run of such a literal is then a word of the lower-cased text
    wherever it stands: a text is searched only for the literals whose longest run is one of its
    words (one pass splits it into words for all groups, instead of one pass per literal).
    """

    words: tuple[str, ...]
    cased: bool = True
    whole: bool = False
    #: the words to look for: those without another word inside them (which holds whenever they do)
    needed: tuple[str, ...] = field(init=False, repr=False)
    #: the words to find the places of: those without another word opening them (which starts
    #: wherever they do)
    starting: tuple[str, ...] = field(init=False, repr=False)
    #: with `whole`, the needed literals by their longest letter run
    by_run: dict[str, tuple[str, ...]] = field(init=False, repr=False)
    runs: frozenset[str] = field(init=False, repr=False)
    bit: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        words = self.words
        set_ = object.__setattr__
        set_(self, "needed", tuple(w for w in words if not any(v != w and v in w for v in words)))
        set_(self, "starting", tuple(w for w in words if not any(v != w and w.startswith(v) for v in words)))
        by_run: dict[str, tuple[str, ...]] = {}
        for w in words if self.whole else ():  # each: "question" is no word of "questions"
            runs = _LETTERS.findall(w.lower())
            if not runs:
                raise ValueError(f"a whole word without letters: {w!r}")
            longest = max(runs, key=len)
            by_run[longest] = (*by_run.get(longest, ()), w)
        set_(self, "by_run", by_run)
        set_(self, "runs", frozenset(by_run))
        set_(self, "bit", 1 << next(_BITS))
        _GROUPS[self.bit] = self
        _KNOWN.bits |= self.bit
        if self.whole:
            for run, spelt in by_run.items():
                _RUN_BITS[run] = _RUN_BITS.get(run, 0) | self.bit
                literals = _BY_RUN.setdefault(run, {})
                for w in spelt:
                    key = (w, _CASED if self.cased else _SURE if w == run else _UNCASED)
                    literals[key] = literals.get(key, 0) | self.bit
            _KNOWN.runs = frozenset(_RUN_BITS)
        else:
            _PARTS[self.bit] = self


def _made(words: tuple[str, ...], cased: bool, whole: bool) -> Literals:
    """The one group of these literals (one bit, looked for once per text whichever scans need it)."""
    key = (words, cased, whole)
    found = _MADE.get(key)
    if found is None:
        found = _MADE[key] = Literals(words, cased, whole)
    return found


def uncased(phrases: Iterable[str], *, whole: bool = False) -> Literals | None:
    """The lower-case literals of phrases a pattern reads with either case of their first letter
    ("[Gg]o ahead"), or None when a phrase has a letter outside ASCII (whose lower case could be
    two letters, or differ from that of its upper case): a text holding the phrase so written
    holds the literal once lower-cased, at the same place when lower-casing keeps its length."""
    phrases = list(phrases)
    if not all(p and all(c.isascii() or c.lower() == c == c.upper() for c in p) for p in phrases):
        return None
    return _made(tuple(dict.fromkeys(p.lower() for p in phrases)), False, whole)


def cased(phrases: Iterable[str], *, whole: bool = False) -> Literals:
    """Literals as written, for patterns that read them exactly."""
    return _made(tuple(dict.fromkeys(phrases)), True, whole)


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

    __slots__ = ("_candidates", "_lowered", "_words", "known", "present", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None
        self._words: frozenset[str] | None = None
        #: the bits of the groups of literals looked for, and of those found
        self.known = 0
        self.present = 0
        self._candidates: dict[int, list[int] | None] = {}

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    def learn(self) -> None:
        """Look for every group of literals not looked for yet (all at once: the scans of a
        paragraph ask for nearly all of them, and one call is cheaper than one per scan)."""
        known = self.known
        if self._words is None:
            self._words = frozenset(_LETTERS.findall(self.lowered))
        # a whole group is present when one of its literals whose longest run is a word of the
        # text is in it: each such literal tested once, for all the groups not found yet
        present, text, lowered = self.present, self.text, self.lowered
        for run in _KNOWN.runs & self._words:
            for (w, how), bits in _BY_RUN[run].items():
                if bits & ~(known | present) and (
                    how == _SURE or w in (text if how == _CASED else lowered)
                ):
                    present |= bits & ~known
        self.present = present
        for bit, group in _PARTS.items():
            if not bit & known and any(map((self.text if group.cased else self.lowered).__contains__, group.needed)):
                self.present |= bit
        self.known = _KNOWN.bits

    def _spelt(self, group: Literals) -> list[str]:
        """The literals of a `whole` group whose longest letter run is a word of the text: only
        they can stand in it as the pattern reads them."""
        if self._words is None:
            self._words = frozenset(_LETTERS.findall(self.lowered))
        return [w for run in group.runs & self._words for w in group.by_run[run]]

    def possible(self, scans: Sequence[tuple[T, Scan]]) -> list[tuple[T, Scan]]:
        """The (kind, scan) pairs whose scan needs only literals the text holds, in order: only
        they can match, and the others are not even called."""
        if _KNOWN.bits & ~self.known:
            self.learn()
        present = self.present
        return [pair for pair in scans if pair[1].mask & present == pair[1].mask]

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
        for word in self._spelt(literals) if literals.whole else literals.starting:
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


_ANCHORS: dict[tuple[str, int], re.Pattern[str]] = {}


def _compiled(regex: str, flags: int = 0) -> re.Pattern[str]:
    """The anchor or head pattern, compiled once (the scans of a vocabulary share many of them)."""
    pattern = _ANCHORS.get((regex, flags))
    if pattern is None:
        pattern = _ANCHORS[regex, flags] = regex_cache.compile(regex, flags)
    return pattern


class Scan:
    """A pattern with the anchor and needed literals that let it skip what cannot match (module doc)."""

    __slots__ = ("_compiled", "anchor", "flags", "head", "mask", "needs", "source")

    def __init__(
        self,
        source: str,
        *,
        anchor: Anchor | None = None,
        needs: tuple[Literals | None, ...] = (),
        flags: int = 0,
        head: str | None = None,
    ) -> None:
        self.source = source
        #: a short pattern that matches wherever a match of `source` starts (its opening, and what
        #: must follow it): until `source` is compiled, a text is searched with it only where the
        #: head matches (module doc of `Scan.finditer`)
        self.head = head
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
            self._compiled = regex_cache.compile(self.source, self.flags)
        return self._compiled

    def finditer(self, text: str, view: TextView | None = None) -> Iterable[re.Match[str]]:
        """The matches of `re.finditer(source, text)`, found faster; `view` is `TextView(text)`,
        shared by the scans of one text."""
        if view is None:
            view = TextView(text)
        mask = self.mask
        if mask:
            if mask & ~view.known:
                view.learn()
            if view.present & mask != mask:
                return ()
        starts = view.candidates(self.anchor) if self.anchor is not None else None
        if starts is None:
            return self.pattern.finditer(text)
        if starts and self._compiled is None and self.head is not None:
            # Why: a call reads some forty patterns of about a thousand characters each, and
            # compiling one costs a millisecond, while most of them never match in a call; the
            # head (a fifth of that to compile) tells, at the same places, that nothing can match,
            # and the pattern is compiled only for a text where it might
            head = _compiled(self.head, self.flags)
            if not any(head.match(text, at) for at in starts):
                return ()
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


class LazyPattern:
    """A pattern attribute of a vocabulary's frozen dataclass, compiled when first read.

    Why: a vocabulary compiles its patterns together (tens per module), yet a call needs only some
    of them (a call without ranges never reads the range patterns); compiling costs about a
    microsecond per character of a pattern, so a cold run spent tens of milliseconds on patterns it
    never read. The owner keeps each source in its `sources` field, `((name, source, flags), ...)`
    (a tuple: the owner stays comparable and hashable, equal exactly when its patterns are); the
    pattern read is `re.compile(source, flags)`, as it was when compiled up front, and it is kept
    in the instance's `__dict__`, which later reads find first (a descriptor without `__set__`).
    """

    name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> LazyPattern: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> re.Pattern[str]: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> re.Pattern[str] | LazyPattern:
        if instance is None:
            return self
        sources: Any = vars(instance)["sources"]
        for name, source, flags in sources:
            if name == self.name:
                pattern = instance.__dict__[name] = regex_cache.compile(source, flags)
                return pattern
        raise AttributeError(self.name)


def pattern_sources(**patterns: str | tuple[str, int]) -> tuple[tuple[str, str, int], ...]:
    """The `sources` of an owner of `LazyPattern`s: name=source, or name=(source, flags)."""
    return tuple((name, *((value, 0) if isinstance(value, str) else value)) for name, value in patterns.items())
