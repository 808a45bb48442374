"""The grouped alternation of `auditor.alternation.literal_alternation` matches as the flat,
longest-first alternation it replaced (`flat_alternation`), in every context the checks use it in:
alone, between word boundaries, before more pattern, with and without re.IGNORECASE, on words that
share prefixes, differ only in case, or hold characters with unusual case rules (K, ſ, ß, İ)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.alternation import first_char_lookahead, flat_alternation, literal_alternation

_CHARS = ["a", "b", "A", "B", "s", "S", "k", "K", "\u212a", "\u017f", "ß", "İ", "i", " ", "-", ".", "'",
          "沒", "有", "不", "會", "高", "（", "1"]
_WORDS = st.lists(st.lists(st.sampled_from(_CHARS), max_size=5).map("".join), max_size=12)
_TEXT = st.lists(st.sampled_from(_CHARS + ["\n", "  "]), max_size=40).map("".join)
_CONTEXTS = ["{}", r"\b(?:{})\b", r"(?P<w>{})(?:ly)?\b", r"\b(?:{})\s+\w", "(?:{})(?!有)"]


def _matches(pattern: str, flags: int, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text, flags)]


@settings(max_examples=600, deadline=None)
@given(_WORDS, _TEXT)
def test_tree_alternation_matches_like_flat(words: list[str], text: str) -> None:
    for context in _CONTEXTS:
        for flags in (0, re.IGNORECASE):
            flat = context.format(flat_alternation(words))
            tree = context.format(literal_alternation(words))
            assert _matches(tree, flags, text) == _matches(flat, flags, text), (context, flags)


@settings(max_examples=300, deadline=None)
@given(_WORDS)
def test_tree_alternation_on_its_own_words(words: list[str]) -> None:
    """Every word, and every word glued to the next, is read alike (the texts the tree branches on)."""
    text = " ".join(words) + "".join(words)
    for flags in (0, re.IGNORECASE):
        for context in _CONTEXTS:
            flat = context.format(flat_alternation(words))
            tree = context.format(literal_alternation(words))
            assert _matches(tree, flags, text) == _matches(flat, flags, text)


def test_tree_alternation_shares_prefixes() -> None:
    assert literal_alternation(["grow", "grows", "growth"]) == "gr(?:owth|ows|ow)"
    assert literal_alternation(["沒有", "沒", "不"]) == flat_alternation(["沒有", "沒", "不"]) == "沒有|沒|不"
    assert literal_alternation([]) == flat_alternation([]) == ""


@settings(max_examples=600, deadline=None)
@given(_WORDS, _TEXT)
def test_first_character_lookahead_keeps_the_matches(words: list[str], text: str) -> None:
    for flags in (0, re.IGNORECASE):
        plain = rf"\b(?:{flat_alternation(words)})\b"
        guarded = rf"\b{first_char_lookahead(words)}(?:{literal_alternation(words)})\b"
        assert _matches(guarded, flags, text) == _matches(plain, flags, text)
