"""The trie alternations of the figure lexicon match exactly as the flat, longest-first ones did.

`auditor.alternation.phrase_alternation` writes a list of phrases as a trie for speed; it must
match the same spans as the flat alternation it replaces, in every context the lexicon puts it in
(word bounds before and after, a following `\\s+$`, a capturing group, with or without IGNORECASE).
Phrases and texts are generated from a small alphabet, so prefixes, case variants and repeats are
the rule; the shipped lexicon's patterns are also compared on the bundled example calls.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.alternation import flat_alternation
from auditor.alternation import phrase_alternation as alternation
from auditor.figures import lexicon
from auditor.words import default_words

_CHARS = "abAB -&1"
_CONTEXTS = [
    r"(?<![\w&-])(?:{})(?![\w&])",
    r"\b(?:{})\s+$",
    r"^\s*(?:{})\b",
    r"(?P<w>{})(?:\s+b)?",
    r"{}|q[1-4]",
    r"(?:{})a",
]

# lower-case phrases make tries; mixed case and non-ASCII ones mostly take the flat fallback
_phrases = st.one_of(
    st.lists(st.text("ab -&1", min_size=0, max_size=6), max_size=12),
    st.lists(st.text(_CHARS, min_size=0, max_size=6), max_size=12),
    st.lists(st.text(_CHARS + "é", min_size=0, max_size=3), max_size=3),
)
_text = st.text(_CHARS + "éÉ.,", max_size=60)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_phrases, st.lists(_text, min_size=1, max_size=4))
def test_the_trie_matches_as_the_flat_alternation(phrases: list[str], texts: list[str]) -> None:
    for context in _CONTEXTS:
        for flags in (0, re.IGNORECASE):
            fast = re.compile(context.format(alternation(phrases, trie_from=0)), flags)
            slow = re.compile(context.format(flat_alternation(phrases)), flags)
            for text in texts:
                assert _matches(fast, text) == _matches(slow, text), (context, flags, phrases, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("abcd ", min_size=1, max_size=8), min_size=1, max_size=30), st.data())
def test_the_trie_matches_each_of_its_phrases_in_full(phrases: list[str], data: st.DataObject) -> None:
    phrase = data.draw(st.sampled_from(phrases))
    fast = re.compile(rf"(?:{alternation(phrases, trie_from=0)})$")
    assert fast.match(phrase)


def test_the_lexicon_patterns_match_as_before_on_the_examples(monkeypatch) -> None:
    """Every pattern of the shipped lexicon, built with the trie and with the flat alternation."""
    words = default_words()
    fast = lexicon._build.__wrapped__(words)
    monkeypatch.setattr(lexicon, "alternation", flat_alternation)
    slow = lexicon._build.__wrapped__(words)
    root = Path(__file__).resolve().parent.parent / "examples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    lines = [line for text in texts for line in text.splitlines()]
    compared = 0
    # the patterns compiled up front, and those compiled when first read (`LazyPattern`: by their sources)
    names = sorted({n for n, v in vars(fast).items() if isinstance(v, re.Pattern)} | {n for n, _, _ in fast.sources})
    for name in names:
        value = getattr(fast, name)
        if isinstance(value, re.Pattern):
            old = getattr(slow, name)
            compared += value.pattern != old.pattern
            for line in lines:
                assert _matches(value, line) == _matches(old, line), (name, line)
    assert compared > 10  # the patterns differ in writing, not in what they match
