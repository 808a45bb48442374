"""Regex alternations of literal phrases, written as a trie so that the regex engine reads them fast.

Why: the figure model's phrase lists become alternations of hundreds of phrases (the metric aliases,
the period phrases). Python's `re` tries the branches of a flat alternation ("revenue|revenues|
net revenue|...") one by one at every position of the text, so a sentence cost time proportional to
the number of phrases; it dominated the figure model. The same phrases as a trie ("(?:net
revenue|revenue(?:s)?)") let the engine follow the one branch the next character allows. A short
list stays flat: it is read about as fast, and written faster at start-up.

Equivalent to the flat alternation longest first: at one position the phrases that match the text
are prefixes of one another, and the trie tries the longer of them first (a deeper branch before
the end of a shorter phrase), as the flat alternation sorted longest first does. That holds when no
two branches of a node can match one character: letters that differ only in case (under
IGNORECASE both would) and non-ASCII characters (whose case folding is wider) fall back to the flat
alternation. tests/test_figures_alternation.py checks this on generated phrases and texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]
_END = ""  # the key that marks the end of a phrase in a trie node
#: fewer phrases than this stay a flat alternation
_TRIE_FROM = 12
#: each ASCII character as `re.escape` writes it
_ESCAPED = {chr(i): re.escape(chr(i)) for i in range(128)}


def flat_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first (so the longest phrase wins)."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


def alternation(phrases: Iterable[str], trie_from: int = _TRIE_FROM) -> str:
    """The same language and preference as `flat_alternation`, as a trie (see the module)."""
    unique = set(phrases)
    if len(unique) < trie_from or not all(p.isascii() for p in unique):
        return flat_alternation(unique)
    root: _Node = {}
    for p in unique:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[_END] = {}
    out = _emit(root)
    return flat_alternation(unique) if out is None else out


def _emit(node: _Node) -> str | None:
    """The pattern of a trie node: its branches, optional when a phrase ends here (greedy, so the
    longer phrase is tried first); None when two branches differ only in case."""
    keys = sorted(k for k in node if k)
    if not keys:
        return ""
    if len(keys) > 1 and len({k.lower() for k in keys}) != len(keys):
        return None
    branches = []
    for k in keys:
        rest = _emit(node[k])
        if rest is None:
            return None
        branches.append(_ESCAPED[k] + rest)
    if len(branches) == 1 and _END not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if _END in node else "")
