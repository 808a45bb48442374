"""Where literal words stand as whole words in a text, as `re` finds them, without a regex per word set.

Why: the roster asks, for each announced name, where its words stand in the next turn's opening
("\\b(?:Helen|Cho)\\b", "\\bfor[ \\t]+(?:Helen|Cho)\\b"). A regex built from the name is compiled
anew for every name (0.2 ms each, hundreds a call, more than the searches themselves). These
functions give what `re.finditer` / `re.search` of those patterns give: `\\b` is the border of a
word character (`str.isalnum()` or "_", as `re` reads `\\w` in a str pattern), the alternatives are
tried in their order at each position, and a match goes on after the end of the last.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FOR = re.compile(r"\bfor[ \t]+")


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _border(text: str, at: int) -> bool:
    """`\\b` at `at`: a word character on exactly one side."""
    before = at > 0 and _word(text[at - 1])
    after = at < len(text) and _word(text[at])
    return before != after


def whole_words(text: str, words: list[str]) -> Iterator[int]:
    """The starts of the matches of `re.finditer(r"\\b(?:w1|w2|...)\\b", text)` for literal, non-empty words."""
    starts = sorted({at for w in words for at in _occurrences(text, w)})
    pos = 0
    for at in starts:
        if at < pos or not _border(text, at):
            continue
        for w in words:
            if text.startswith(w, at) and _border(text, at + len(w)):
                yield at
                pos = at + len(w)
                break


def after_for(text: str, words: list[str]) -> bool:
    """`re.search(r"\\bfor[ \\t]+(?:w1|w2|...)\\b", text)` for literal words without spaces or tabs:
    the greedy run of spaces after "for" is the only one a word can follow."""
    return any(
        text.startswith(w, hit.end()) and _border(text, hit.end() + len(w)) for hit in _FOR.finditer(text) for w in words
    )


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)
