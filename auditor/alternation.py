"""Word lists as regex alternations that match longest word first (沒有 before 沒, "grows" before "grow").

Why a module of its own: every vocabulary of the translation checks (negations, opposites,
directions, figure words, honorifics) is a list of literal words turned into one pattern, and the
form of that pattern decides how fast the regex engine scans a line: `literal_alternation` groups
the words by their first characters, `flat_alternation` is the plain form it must match like
(the tests compare the two).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def flat_alternation(items: Iterable[str]) -> str:
    """Literal alternatives, longest first so that a longer word wins over its prefix (沒有 over 沒).

    The reference form of `literal_alternation` (the tests compare the two)."""
    return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))


def literal_alternation(items: Iterable[str], depth: int = 2) -> str:
    """Literal alternatives that match as `flat_alternation` does (longest first, so 沒有 wins over
    沒), grouped by their first two characters: "g(?:r(?:owing|owth|ows|own|ow))" rather than
    "growing|growth|grows|grown|grow|...".

    Why: Python's regex engine tries a flat alternation one word after another at every position of
    the text, so a list of 450 words (the opposites) costs 450 tries per character, while the
    grouped one fails after a character or two at nearly every position (15 times faster on a call).
    For the translation checks' word lists two levels (`depth`, the default) give nearly all of it: a
    deeper prefix tree compiles slower (more groups) for no faster scan. Long lists of multi-word
    phrases sharing long prefixes (the figure lexicon's) want the full tree: `phrase_alternation`. The two forms are the same pattern as long as the branches of a node cannot match
    the same character, which is checked per node: where they might (letters that are case variants
    of each other under re.IGNORECASE), that node is written flat.

    Words that start without case (Chinese ones) stay flat: the engine skips a flat alternation of
    such literals by their first characters already, and the grouped form only compiles slower.
    """
    words = sorted(dict.fromkeys(items), key=len, reverse=True)
    if not any(w[:1].lower() != w[:1].upper() for w in words):
        return "|".join(re.escape(x) for x in words)
    return _grouped(words, depth)


#: `phrase_alternation` writes fewer phrases than this flat: read about as fast, compiled faster
_TRIE_FROM = 12


def phrase_alternation(phrases: Iterable[str], trie_from: int = _TRIE_FROM) -> str:
    """Literal phrases as a full prefix tree ("net revenue|revenue|revenues" -> "(?:net revenue|
    revenue(?:s)?)"), matching as `flat_alternation` does; fewer than `trie_from` phrases stay flat.

    Why: the figure model's lists hold hundreds of metric aliases and period phrases, many sharing
    long prefixes ("adjusted ebitda", "adjusted ebitda margin", ...); the engine then follows the one
    branch the next character allows instead of trying every phrase at every position (the alias
    scan ~10x faster)."""
    unique = list(dict.fromkeys(phrases))
    if len(unique) < trie_from:
        return flat_alternation(unique)
    return literal_alternation(unique, depth=len(max(unique, key=len, default="")))


def _plain(ch: str) -> bool:
    """True for a character that re.IGNORECASE matches only with itself and its ASCII case variant:
    ASCII, and characters without case (Chinese ones, full-width punctuation, digits)."""
    if ch.isascii():
        return True
    uncased = ch.lower() == ch == ch.upper() == ch.casefold()
    return uncased and unicodedata.category(ch)[0] in "LNPSZ"


def _grouped(items: list[str], depth: int) -> str:
    """`items` (longest first) as one self-contained pattern, grouped on `depth` more characters;
    see `literal_alternation`. A word that ends at a node is tried after the longer ones (the `?`
    of the group is greedy), as in the flat alternation."""
    heads: dict[str, list[str]] = {}
    for w in items:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
    if not heads:
        return ""
    lowered = {k.lower() for k in heads}
    if depth == 0 or len(items) == 1 or len(lowered) < len(heads) or not all(_plain(k) for k in heads):
        # a leaf, or branches that might match the same character: flat, longest first
        return "(?:" + "|".join(re.escape(x) for x in items) + ")" if len(items) > 1 else re.escape(items[0])
    branches = [re.escape(k) + _grouped(rest, depth - 1) for k, rest in heads.items()]
    ends = "" in items
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


def first_char_lookahead(items: Iterable[str]) -> str:
    """A look-ahead for the first characters of `items` ("(?=[ghr])"), to put before their
    alternation: the engine then leaves most positions of a line after one character test instead of
    entering the alternation (about a third faster on English text). It is only a necessary
    condition of a match, so the matches are the same; "" (no look-ahead) when a word is empty,
    since the empty word matches anywhere."""
    words = list(items)
    if not words or not all(words):
        return ""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"
