"""The term checks' shortcuts give what the plain way gives.

`ParagraphWords` reads a paragraph's words and offsets by one `split` and finds a word's positions
by a scan of the words; `_find_term_hits` skips the phrases the whole transcript lacks and tests a
window's words before its text. Each is compared here with the straightforward computation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from auditor.checks.terms._hits import TermHit, _find_term_hits, _reads_as_term, glossary_spans, overlaps
from auditor.checks.terms._lexicon import (
    ParagraphWords,
    load_lexicon,
    may_occur,
    pairs_ending_in,
    sounds_alike,
    tokens,
    windows_at,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.model import Paragraph, Transcript


class _Paragraphs:
    """What `_find_term_hits` reads of a transcript: its paragraphs and its cache."""

    def __init__(self, texts: list[str]) -> None:
        self.paragraphs = [Paragraph(index=i, line=i + 1, text=t, turn=0, speaker=None, role=None)
                           for i, t in enumerate(texts)]
        self.cache: dict[str, Any] = {}

    def derived(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

_PIECES = ["gross", "Gross", "GROSS", "margin", "margins", "growth", "cash", "clash", "flow", "flows", "gearing",
           "hearing", "ratio", "cost", "of", "revenue", "revenues", "deferred", "referred", "fiscal", "physical",
           "year", "quarter", "company's", "'s", "it's", "'", "-", " ", "  ", ",", ".", "\n", "5%", "x", "İ", "ı",
           "activities", "classes", "É", "’", "profit", "prophet"]


def _text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PIECES), max_size=30).map(lambda parts: " ".join(parts) if parts else "")


@settings(max_examples=300, deadline=None)
@given(_text())
def test_paragraph_words_positions_and_vocabulary(text: str) -> None:
    toks = tokens(text)
    assert [ParagraphWords.of(text).token(i) for i in range(len(toks))] == toks  # places summed on first use
    pw = ParagraphWords.of(text)
    assert (pw.words, pw.starts, pw.ends) == tuple(zip(*[(t.word, t.start, t.end) for t in toks], strict=True)) or (
        not toks and pw.words == pw.starts == pw.ends == ()
    )
    assert pw.vocabulary == {t.word for t in toks}
    for word in [*pw.vocabulary, "absent"]:
        assert pw.positions(word) == tuple(i for i, t in enumerate(toks) if t.word == word)


def _reference_hits(transcript: _Paragraphs) -> list[TermHit]:
    """The hits as found before the shortcuts: every phrase tried in every paragraph, every window
    of a phonetic term tested in full, in the order the tests were written."""
    lexicon = load_lexicon()
    out: list[TermHit] = []
    for p in transcript.paragraphs:
        pw = ParagraphWords.of(p.text)
        blocked = glossary_spans(p.text, [])
        blocked += [m.span() for t in lexicon.terms if may_occur(t.term, pw.folded) for m in t.pattern.finditer(p.text)]
        known: list[TermHit] = []
        for term in lexicon.terms:
            for variant in term.variants:
                if may_occur(variant.text, pw.folded):
                    for m in variant.pattern.finditer(p.text):
                        if not overlaps(m.start(), m.end(), blocked + [(h.start, h.end) for h in known]):
                            known.append(TermHit(term, p, m.start(), m.end(), variant.fix, known=True))
        phonetic: list[TermHit] = []
        taken = blocked + [(h.start, h.end) for h in known]
        for term in (t for t in lexicon.terms if t.phonetic):
            for run in windows_at(p.text, pw, len(term.words), range(len(pw))):
                differing = [(r.word, t) for r, t in zip(run, term.words, strict=True) if r.word != t]
                if len(differing) != 1:
                    continue
                start, end = run[0].start, run[-1].end
                if overlaps(start, end, taken + [(h.start, h.end) for h in phonetic]):
                    continue
                heard, meant = differing[0]
                if heard in lexicon.common_modifiers or not sounds_alike(heard, meant):
                    continue
                phonetic.append(TermHit(term, p, start, end, term.term, known=False))
        out += [h for h in known + phonetic if _reads_as_term(h, lexicon)]
    return sorted(out, key=lambda h: (h.paragraph.line, h.start))


@settings(max_examples=150, deadline=None)
@given(st.lists(_text(), min_size=1, max_size=4))
def test_term_hits_are_those_of_the_plain_search(texts: list[str]) -> None:
    transcript = _Paragraphs(texts)
    lexicon = load_lexicon()
    assert _find_term_hits(cast(Transcript, transcript), lexicon, []) == _reference_hits(transcript)


@settings(max_examples=300, deadline=None)
@given(_text())
def test_pairs_ending_in_a_head_as_windows(text: str) -> None:
    """`pairs_ending_in` reads off the word tuples what `windows_at` gives as `Token` runs."""
    heads = load_lexicon().heads
    pw = ParagraphWords.of(text)
    windows = windows_at(text, pw, 2, (k - 1 for w in heads & pw.vocabulary for k in pw.positions(w)))
    expected = [(a.word, b.word, a.start, b.end) for a, b in windows if b.word in heads]
    found = [(pw.words[i], pw.words[i + 1], pw.starts[i], pw.ends[i + 1]) for i in pairs_ending_in(text, pw, heads)]
    assert found == expected
