"""Regex alternations of literal phrases, written as a trie so that the regex engine reads them fast.

Why: the figure model's phrase lists become alternations of hundreds of phrases (the metric aliases,
the period phrases). Python's `re` tries the branches of a flat alternation ("revenue|revenues|
net revenue|...") one by one at every position of the text, so a sentence cost time proportional to
the number of phrases; it dominated the figure model. The same phrases as a trie ("(?:net
revenue|revenue(?:s)?)") let the engine follow the one branch the next character allows.

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


def flat_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first (so the longest phrase wins)."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


def alternation(phrases: Iterable[str]) -> str:
    """The same language and preference as `flat_alternation`, as a trie (see the module)."""
    unique = set(phrases)
    if not all(p.isascii() for p in unique):
        return flat_alternation(unique)
    root: _Node = {}
    for p in unique:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if _ambiguous(root):
        return flat_alternation(unique)
    return _emit(root)


def _ambiguous(node: _Node) -> bool:
    """Whether two branches of some node differ only in case."""
    keys = [k for k in node if k]
    if len({k.lower() for k in keys}) != len(keys):
        return True
    return any(_ambiguous(child) for k, child in node.items() if k)


def _emit(node: _Node) -> str:
    """The pattern of a trie node: its branches, optional when a phrase ends here (greedy, so the
    longer phrase is tried first)."""
    branches = [re.escape(k) + _emit(child) for k, child in sorted(node.items()) if k]
    if not branches:
        return ""
    if len(branches) == 1 and _END not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if _END in node else "")
