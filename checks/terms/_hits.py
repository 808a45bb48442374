"""Where a transcript's English text mis-hears a lexicon term, found once and shared by the term checks.

Both term checks need the same hits (the in-document check leaves them to terms.misrecognised), so
they are computed once per transcript and glossary (`transcript.derived`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


def _known_hits(p: Paragraph, pw: ParagraphWords, variants: list[tuple[Term, Variant]],
                blocked: list[tuple[int, int]]) -> list[TermHit]:
    hits: list[TermHit] = []
    text = pw.folded
    for term, variant in variants:
        if may_occur(variant.text, text):
            for m in variant.pattern.finditer(p.text):
                if overlaps(m.start(), m.end(), blocked + [(h.start, h.end) for h in hits]):
                    continue
                hits.append(TermHit(term, p, m.start(), m.end(), variant.fix, known=True))
    return hits


def _phonetic_hits(p: Paragraph, pw: ParagraphWords, lexicon: Lexicon, blocked: list[tuple[int, int]]) -> list[TermHit]:
    hits: list[TermHit] = []
    present = pw.vocabulary  # tokenised once per paragraph and shared with the other term helpers
    words, size = pw.words, len(pw)
    for term in lexicon.terms:
        if not term.phonetic:
            continue
        target = term.words
        n = len(target)
        if sum(w in present for w in target) < n - 1:
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
    # a phrase whose words the whole transcript lacks is tried in no paragraph (most mis-hearings)
    whole = "\n".join(pw.folded for _, pw in read)
    terms = [(t, needles(t.term)) for t in lexicon.terms if may_occur(t.term, whole)]
    variants = [(t, v) for t in lexicon.terms for v in t.variants if may_occur(v.text, whole)]
    for p, pw in read:
        blocked = glossary_spans(p.text, names)
        has = pw.folded.__contains__  # `may_occur`, inlined: it runs for every term and paragraph
        blocked += [(m.start(), m.end()) for t, words in terms if all(map(has, words))
                    for m in t.pattern.finditer(p.text)]
        known = _known_hits(p, pw, variants, blocked)
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
