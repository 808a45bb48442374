"""The vocabularies that compile their patterns on first read (`auditor.prefilter.LazyPattern`)
hold a source for every such pattern, and give the pattern compiling it up front gave.

Why: a pattern without a source would fail only when a rule first reads it (in some call, later);
a source written with other flags would match differently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from auditor.figure_words import vocabulary as figure_words
from auditor.figures import parts, slip_text
from auditor.figures.lexicon import load_lexicon
from auditor.headers import vocabulary as header_patterns
from auditor.mentions import announcement_patterns, mention_patterns
from auditor.prefilter import LazyPattern, pattern_sources
from auditor.words import default_words

WORDS = default_words()
OWNERS: dict[str, Callable[[], Any]] = {
    "lexicon": lambda: load_lexicon(WORDS),
    "slip_text": lambda: slip_text._patterns(WORDS),
    "parts": lambda: parts._words(WORDS),
    "headers": lambda: header_patterns(WORDS),
    "figure_words": lambda: figure_words(WORDS),
    "mentions": lambda: mention_patterns(WORDS),
    "announcements": lambda: announcement_patterns(WORDS),
}


@pytest.mark.parametrize("owner", sorted(OWNERS))
def test_every_lazy_pattern_has_its_source(owner: str) -> None:
    instance = OWNERS[owner]()
    lazy = {name for klass in type(instance).__mro__ for name, v in vars(klass).items() if isinstance(v, LazyPattern)}
    sources = [name for name, _, _ in instance.sources]
    assert lazy and sorted(sources) == sorted(lazy)
    for name, source, flags in instance.sources:
        pattern = getattr(instance, name)
        assert pattern is getattr(instance, name)  # compiled once, kept
        assert pattern == re.compile(source, flags)
        assert (pattern.pattern, pattern.flags) == (source, re.compile(source, flags).flags)


def test_a_lazy_pattern_is_compiled_on_first_read() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Owner:
        sources: tuple[tuple[str, str, int], ...]
        word = LazyPattern()
        other = LazyPattern()

    owner = Owner(pattern_sources(word=r"\bword\b", other=("x+", re.IGNORECASE)))
    assert "word" not in vars(owner)
    assert owner.word.search("a word") is not None and "word" in vars(owner) and "other" not in vars(owner)
    assert owner.other.flags & re.IGNORECASE
    assert owner == Owner(pattern_sources(word=r"\bword\b", other=("x+", re.IGNORECASE)))
    assert hash(owner) == hash(Owner(owner.sources))
