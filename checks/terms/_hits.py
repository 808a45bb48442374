"""Where a transcript's English text mis-hears a lexicon term, found once and shared by the term checks.

Both term checks need the same hits (the in-document check leaves them to terms.misrecognised), so
they are computed once per transcript and glossary (`transcript.derived`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import TypeVar

from auditor.model import Paragraph, Transcript
from auditor.textutil import snippet

from ._lexicon import (
    Lexicon,
    ParagraphWords,
    Term,
    Variant,
    joined,
    may_occur,
    needles,
    paragraph_words,
    sounds_alike,
    tokens,
)

T = TypeVar("T")
_CONTEXT_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def glossary_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the user's glossary names (never mis-recognitions) stand in `text`."""
    spans = []
    for name in names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE):
            spans.append((m.start(), m.end()))
    return spans


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


@dataclass(frozen=True)
class TermHit:
    """A suspected mis-recognition of a lexicon term in a paragraph's English text."""

    term: Term
    paragraph: Paragraph
    start: int
    end: int
    fix: str
    known: bool  # listed in the lexicon, rather than found by its sound

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]


def _known_hits(p: Paragraph, variants: list[tuple[Term, Variant]], blocked: list[tuple[int, int]]) -> list[TermHit]:
    """The lexicon's mis-hearings in the paragraph, of the `variants` that may occur in it."""
    hits: list[TermHit] = []
    for term, variant in variants:
        for m in variant.pattern.finditer(p.text):
            if overlaps(m.start(), m.end(), blocked + [(h.start, h.end) for h in hits]):
                continue
            hits.append(TermHit(term, p, m.start(), m.end(), variant.fix, known=True))
    return hits


def _holders(folded: list[str]) -> Callable[[str], list[int]]:
    """Which of the (folded) paragraph texts hold a word: their indices, in order, found by
    searching the joined texts (a newline, which no word holds, between two), once per word."""
    whole = "\n".join(folded)
    starts = list(accumulate([0] + [len(t) + 1 for t in folded[:-1]]))
    memo: dict[str, list[int]] = {}

    def holding(word: str) -> list[int]:
        found = memo.get(word)
        if found is None:
            found = memo[word] = []
            at = whole.find(word)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                found.append(k)
                at = whole.find(word, starts[k + 1]) if k + 1 < len(starts) else -1
        return found

    return holding


def _by_paragraph(items: list[T], phrase: Callable[[T], str], folded: list[str],
                  holding: Callable[[str], list[int]]) -> list[list[T]]:
    """For each of the (folded) paragraph texts, the items whose phrase `may_occur` in it, in order.

    Why not a test per paragraph and phrase: each scans the paragraph. Here only the paragraphs
    that hold the phrase's longest word (`_holders`) are tested, and most phrases stand in few or
    none.
    """
    out: list[list[T]] = [[] for _ in folded]
    for item in items:
        text = phrase(item)
        words = needles(text)
        if not words:  # no word to look for: it may occur anywhere
            for held in out:
                held.append(item)
            continue
        for k in holding(max(words, key=len)):
            if may_occur(text, folded[k]):
                out[k].append(item)
    return out


def _phonetic_hits(p: Paragraph, pw: ParagraphWords, lexicon: Lexicon, blocked: list[tuple[int, int]]) -> list[TermHit]:
    hits: list[TermHit] = []
    present = pw.vocabulary  # tokenised once per paragraph and shared with the other term helpers
    words, size = pw.words, len(pw)
    for term in lexicon.terms:
        if not term.phonetic:
            continue
        target = term.words
        n = len(target)
        if sum(map(present.__contains__, target)) < n - 1:
            continue  # a hit differs in exactly one word, so all the others must be in the paragraph
        if n < 2:  # every word is a window of one
            starts: Iterable[int] = range(size)
        else:  # a window that differs in one word has one of the others in place: start there only
            starts = (k - j for j, w in enumerate(target) for k in pw.positions(w))
        # `windows_at`'s runs, in text order; the tests on the words (cheap, and the sounds cached)
        # come before those on the text (`joined`, `overlaps`): every test must pass, in any order
        for i in sorted({i for i in starts if 0 <= i <= size - n}):
            differing = [(w, t) for w, t in zip(words[i : i + n], target, strict=True) if w != t]
            if len(differing) != 1:
                continue
            heard, meant = differing[0]
            if heard in lexicon.common_modifiers or not sounds_alike(heard, meant):
                continue
            run = [pw.token(k) for k in range(i, i + n)]
            if not joined(p.text, run):
                continue
            start, end = run[0].start, run[-1].end
            if overlaps(start, end, blocked + [(h.start, h.end) for h in hits]):
                continue
            hits.append(TermHit(term, p, start, end, term.term, known=False))
    return hits


def find_term_hits(transcript: Transcript, lexicon: Lexicon, glossary: Iterable[str] = ()) -> list[TermHit]:
    """Known and phonetic mis-recognitions of lexicon terms, in file order (computed once per
    transcript and glossary: both term checks need them)."""
    names = list(glossary)
    key = "terms.hits\x1f" + "\x1f".join(names)
    return transcript.derived(key, lambda: _find_term_hits(transcript, lexicon, names))


def _find_term_hits(transcript: Transcript, lexicon: Lexicon, names: list[str]) -> list[TermHit]:
    """Known and phonetic mis-recognitions of lexicon terms, in file order.

    Correct uses of a term and glossary names are blocked first, so that neither is ever a hit.
    """
    out: list[TermHit] = []
    read = [(p, paragraph_words(transcript, p.text)) for p in transcript.paragraphs]
    # each phrase is tried only in the paragraphs it may occur in (most mis-hearings: none)
    folded = [pw.folded for _, pw in read]
    holding = _holders(folded)
    terms = _by_paragraph(list(lexicon.terms), lambda t: t.term, folded, holding)
    variants = _by_paragraph([(t, v) for t in lexicon.terms for v in t.variants], lambda tv: tv[1].text, folded, holding)
    for (p, pw), terms_here, variants_here in zip(read, terms, variants, strict=True):
        blocked = glossary_spans(p.text, names)
        blocked += [(m.start(), m.end()) for t in terms_here for m in t.pattern.finditer(p.text)]
        known = _known_hits(p, variants_here, blocked)
        found = known + _phonetic_hits(p, pw, lexicon, blocked + [(h.start, h.end) for h in known])
        out += [h for h in found if _reads_as_term(h, lexicon)]
    return sorted(out, key=lambda h: (h.paragraph.line, h.start))


def _reads_as_term(hit: TermHit, lexicon: Lexicon) -> bool:
    """Whether the hit stands where a term can stand: not a verb and its object ("we delivered
    revenue of" is no "deferred revenue"), and, for a near-miss found by its sound, not a financial
    phrase of its own ("group margin", "cost-sharing ratio")."""
    heard = tokens(hit.text)
    if not heard:
        return False
    before = tokens(hit.paragraph.text[max(0, hit.start - 40) : hit.start])
    if before and before[-1].word in lexicon.verb_cues and hit.paragraph.text[before[-1].end : hit.start].isspace():
        return False
    if hit.known:
        return True
    first = heard[0].word
    if lexicon.is_grammar_word(first):
        return False
    if len(heard) == 2 and first != hit.term.words[0]:
        return not lexicon.is_standard(first, heard[1].word)
    return True


def canonical_uses(transcript: Transcript, term: Term) -> list[tuple[int, str]]:
    """Lines where the transcript uses `term` correctly, with a quote of each use."""
    uses = []
    for p in transcript.paragraphs:
        m = term.pattern.search(p.text)
        if m:
            uses.append((p.line, snippet(p.text, m.start(), m.end(), 50)))
    return uses


def context_evidence(hit: TermHit) -> list[str]:
    """What in the hit's sentence makes the variant suspicious: cue words and figures."""
    p = hit.paragraph
    sentence = p.sentence_at(hit.start)
    text = p.text[sentence.start : hit.start] + " " + p.text[hit.end : sentence.end]
    found: set[str] = set()
    for token in _CONTEXT_TOKEN_RE.findall(text.lower()):
        for part in {token, *token.split("-")}:
            if part in hit.term.context:
                found.add(part)
    cues = sorted(found)
    figures = [
        q.text.strip() for q in p.quantities
        if q.kind in hit.term.figures and sentence.start <= q.start < sentence.end
    ]
    return cues + figures[:2]


def lines_text(numbers: Iterable[int]) -> str:
    """Render line numbers as "line 4" or "lines 4, 9, 12" (the first three distinct lines)."""
    shown = list(dict.fromkeys(numbers))
    head = ", ".join(str(n) for n in shown[:3]) + (" and others" if len(shown) > 3 else "")
    return ("line " if len(shown) == 1 else "lines ") + head
