"""Parts stated with their whole in one breath: "revenue of $500 million, including $420 million
from services", "1,200 stores, of which 950 are franchised", "12 out of the 15 targets".

Why a module of its own: the figure model links a figure to a metric of the lexicon, so it only
knows the parts the lexicon knows (R&D within operating expenses). Speakers state many more wholes
and parts than any lexicon lists (liquidity including cash, savings of which opex, capex including
a project, jackets installed out of a total); the grammar itself ("including", "of which", "out of")
proves the relation. This module reads that grammar and returns each (whole, part) pair it finds,
with how strongly the text proves it; `figures.parts_total` reports the pairs whose part is larger.

Deliberately conservative: rates (percentages, points, multiples) are never wholes or parts; a part
described as an adjustment (a charge, a gain, a headwind) or a whole that is a net or change figure
may legitimately be smaller than an item in it; words between the link and the part that point
elsewhere (another period, a comparison, a new clause with its own subject) break the link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from auditor.figures.folding import folded, paragraph_folded
from auditor.model import Paragraph, Sentence, Transcript
from auditor.prefilter import LazyPattern, pattern_sources
from auditor.quantity import Quantity
from auditor.words import Words

#: the whole must end this close before the link ("$35.3 million in available liquidity, including")
_WHOLE_GAP = 32
#: the part must start this close after the link ("including returns of about $950 million")
_PART_GAP = 60
_NOUN = re.compile(r"[\w][\w-]*")
_FILLER = frozenset({"uh", "um", "er", "ah", "so", "the", "a", "an", "and", "then"})
_COPULA = frozenset({"are", "were", "is", "was", "have", "had", "has", "of", "in", "from", "for", "at", "with", "being"})


@dataclass(frozen=True)
class PartLink:
    """A part stated with its whole. `proven` is True when one sentence states both with an
    explicit part-of word in the same unit; otherwise the link is weaker (a whole in the previous
    sentence, a part whose scale word is left to the whole's) and a finding is only a warning."""

    paragraph: Paragraph
    whole: Quantity
    part: Quantity
    whole_paragraph: Paragraph
    form: str
    proven: bool

    @property
    def part_value(self) -> Decimal:
        """The part's lowest possible value; a bare part ("of which 2.1") takes the whole's scale and unit."""
        lo = self.part.interval()[0]
        if self.part.scale == 1 and self.whole.scale != 1:
            return lo * self.whole.scale
        return lo

    @property
    def exceeds(self) -> bool:
        """True when the part is larger than the whole can be, rounding and qualifiers allowed."""
        lo_w, hi_w = self.whole.interval()
        if self.whole.qualifier in ("over", "at_least"):
            return self.part_value > 2 * self.whole.value  # "above $3 billion": only a gross excess is proof
        return self.part_value > hi_w


@dataclass(frozen=True)
class _Words:
    """The part-link patterns, each compiled when first read (`auditor.prefilter.LazyPattern`)."""

    sources: tuple[tuple[str, str, int], ...]
    links = LazyPattern()
    back = LazyPattern()
    count = LazyPattern()
    pointer = LazyPattern()
    offsets = LazyPattern()
    net = LazyPattern()
    breakers = LazyPattern()
    gap_breakers = LazyPattern()
    per_unit = LazyPattern()


def _alternation(values: Sequence[str]) -> str:
    return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(values, key=len, reverse=True))


@cache
def _words(words: Words) -> _Words:
    t = words.table("part_links")
    return _Words(pattern_sources(
        links=(rf"\b(?:{_alternation(t['links'])})\b", re.I),
        back=(rf"^\s*(?:{_alternation(t['back_links'])})\b", re.I),
        count=(rf"^\s+(?:{_alternation(t['count_links'])})\s+$", re.I),
        pointer=(rf"^\W*(?:{_alternation(t['pointers'])})\W+(?:(?:uh|um|then|also)\W+)*(?:includes|included|include)\b", re.I),
        offsets=(rf"\b(?:{_alternation(t['offsets'])})\b", re.I),
        net=(rf"\b(?:{_alternation(t['net_wholes'])})\b", re.I),
        breakers=(rf"\b(?:{_alternation(t['breakers'])})\b", re.I),
        gap_breakers=(rf"\b(?:{_alternation(t['gap_breakers'])})\b", re.I),
        per_unit=(rf"^\W{{0,2}}(?:{_alternation(t['per_unit'])})\b", re.I),
    ))


def part_links(transcript: Transcript) -> list[PartLink]:
    """Every part stated with its whole in the transcript's English text (computed once per transcript)."""
    return transcript.derived("figures.part_links", lambda: _find(transcript))


def _find(transcript: Transcript) -> list[PartLink]:
    w = _words(transcript.words)
    found: list[PartLink] = []
    previous: Paragraph | None = None
    for p in transcript.paragraphs:
        qs = [q for q in p.quantities if not q.is_ratio and q.kind in ("money", "number")]
        for s in _sentences(p):
            in_s = [q for q in qs if s.start <= q.start < s.end]
            found += _forward(p, s, in_s, w)
            found += _counts(p, s, in_s, w)
            found += _backward(p, s, in_s, w)
        found += _pointed(p, previous, qs, w)
        previous = p
    return found


_SENTENCE_END = re.compile(r"[.?!]+\s+(?=[\"'(]?[A-Z])")


def _sentences(p: Paragraph) -> list[Sentence]:
    """The paragraph's sentences; a paragraph the reader left whole is split at full stops here."""
    if len(p.sentences) > 1:
        return p.sentences
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(p.text):
        out.append(Sentence(p.text[start:m.end()], start, m.end()))
        start = m.end()
    out.append(Sentence(p.text[start:], start, len(p.text)))
    return out


def _comparable(whole: Quantity, part: Quantity, text: str, w: _Words) -> tuple[bool, bool]:
    """(comparable, same unit proven): both money in one currency, or both counts of one thing."""
    if part.kind == "number" and part.scale == 1 and whole.scale != 1 and _noun_after(text, part):
        return False, False  # "1.06 billion, which includes 959 sites": a count within an amount
    if whole.kind != part.kind:
        if part.kind == "number" and part.scale == 1 and whole.kind == "money" and whole.scale != 1:
            return True, False  # "2.4 billion of savings, of which 2.1": scale and unit left to the whole
        return False, False
    for q in (whole, part):
        if w.per_unit.match(text[q.end:]):
            return False, False  # "$2.10 per share", "3 times": unit values are not parts
    if whole.kind == "money":
        if whole.unit != part.unit:
            return False, False
        if part.scale == 1 and whole.scale != 1:
            return True, False
        return True, True
    if whole.scale != part.scale:
        # "395 million, including 30 billion", "2.4 billion, of which 2.1": one unit, scale words differ or are left out
        return whole.scale != 1, False
    a, b = _noun_after(text, whole), _noun_after(text, part)
    if a and b and a.rstrip("s") != b.rstrip("s"):
        return False, False  # "5 countries, including 30 stores": counts of different things
    return True, whole.scale != 1 or bool(a and a == b) or b is None


def _noun_after(text: str, q: Quantity) -> str | None:
    m = _NOUN.match(text[q.end:].lstrip(" ,"))
    if m is None:
        return None
    word = m.group(0).lower()
    return None if word in _COPULA or word in _FILLER else word


def _clear(between: str, w: _Words, *, clause: bool = False) -> bool:
    """The words between link and part leave the part in the whole: no comparison, other period or
    new subject; not a net figure itself ("made up of the net cash used of"); not a later item of a
    list ("including intangibles and 37.8 million of dividends", "including A, B of 30 million")."""
    bare = re.sub(r"^[\s,]+|\b(?:uh|um|er)\b,?", "", between, flags=re.I)
    if not clause and ("," in bare or re.search(r"\band\b", bare, re.I)):
        return False
    return not (w.breakers.search(between) or w.offsets.search(between) or w.net.search(between))


def _whole_ok(text: str, whole: Quantity, w: _Words) -> bool:
    """The whole is a stock or flow with parts: not a net or change figure, not the lower end of a range."""
    before = re.split(r"\d|,|;|\band\b", text[max(0, whole.start - 40):whole.start])[-1]  # this figure's own words
    if w.net.search(before) or re.search(r"\bby\s*$", before, re.I):
        return False  # "net income of", "restated by": items of a net or a change can exceed it
    # "1.6 to 1.7 billion": the lower end of a range is not the whole
    return not re.match(r"^\s*(?:to|and|-|–)\s*[^\s]*\d", text[whole.end:])


def _part_ok(text: str, part: Quantity, w: _Words) -> bool:
    """The part is not described as an adjustment ("a $620 million gain"), which may exceed a net whole."""
    after = text[part.end:part.end + 40]
    return not w.offsets.search(after.split(",")[0].split(".")[0])


def is_adjustment(paragraph: Paragraph, whole: Quantity, part: Quantity, words: Words) -> bool:
    """True when the part is an adjustment (a charge, a gain, a headwind) or the whole a net or change
    figure: then the part may legitimately be larger than the whole it is listed in. Used for the
    breakdowns of the figure model too, whose grammar does not look at these words."""
    w = _words(words)
    text = paragraph.text
    if not _part_ok(text, part, w):
        return True
    lead = text[max(0, part.start - 30):part.start]
    if w.offsets.search(re.split(r"\d|,|;", lead)[-1]):
        return True  # "including restructuring charges of $70 million"
    return not _whole_ok(text, whole, w)


def _forward(p: Paragraph, s: Sentence, qs: Sequence[Quantity], w: _Words) -> list[PartLink]:
    out: list[PartLink] = []
    if len(qs) < 2:
        return out  # a link needs a whole before it and a part after it: most sentences are not read
    text = p.text
    folded_text = paragraph_folded(p)
    twin = folded(w.links) if folded_text is not None else None
    # the links read on the folded paragraph when it allows (see auditor.figures.folding)
    links = w.links.finditer(text, s.start, s.end) if twin is None else twin.finditer(folded_text or "", s.start, s.end)
    for link in links:
        wholes = [q for q in qs if q.end <= link.start() and link.start() - q.end <= _WHOLE_GAP]
        parts = [q for q in qs if q.start >= link.end() and q.start - link.end() <= _PART_GAP]
        if not wholes or not parts:
            continue
        whole, part = wholes[-1], parts[0]
        if re.match(r"\s+(?:in|within|into)\b", text[link.end():], re.I):
            continue  # "is this 1.4 included in 1.5": the whole comes after
        gap, between = text[whole.end:link.start()], text[link.end():part.start]
        if re.search(r"\d|[.;:?!](?:\s|$)", gap) or w.gap_breakers.search(gap) or w.offsets.search(gap) or not _clear(between, w):
            continue
        if not _whole_ok(text, whole, w) or not _part_ok(text, part, w):
            continue
        ok, same = _comparable(whole, part, text, w)
        if ok:
            out.append(PartLink(p, whole, part, p, " ".join(text[link.start() : link.end()].lower().split()), same))
    return out


def _counts(p: Paragraph, s: Sentence, qs: Sequence[Quantity], w: _Words) -> list[PartLink]:
    """"12 out of the 15 targets": a count of a count."""
    out: list[PartLink] = []
    for part, whole in zip(qs, qs[1:], strict=False):
        if part.kind != "number" or whole.kind != "number" or part.scale != 1 or whole.scale != 1:
            continue
        if not w.count.match(p.text[part.end:whole.start]) or part.qualifier or whole.qualifier:
            continue
        if part.number != part.number.to_integral_value() or whole.number != whole.number.to_integral_value():
            continue
        if w.per_unit.match(p.text[whole.end:]):
            continue
        out.append(PartLink(p, whole, part, p, "count of", True))
    return out


def _backward(p: Paragraph, s: Sentence, qs: Sequence[Quantity], w: _Words) -> list[PartLink]:
    """"a total of 300 employees, 240 of them engineers"."""
    out: list[PartLink] = []
    for i, part in enumerate(qs):
        if i == 0 or not w.back.match(p.text[part.end:]):
            continue
        whole = qs[i - 1]
        gap = p.text[whole.end:part.start]
        if len(gap) > _PART_GAP or not _clear(gap, w, clause=True) or "," not in gap or re.search(r"\band\b", gap):
            continue
        if not _whole_ok(p.text, whole, w):
            continue
        ok, same = _comparable(whole, part, p.text, w)
        if ok:
            out.append(PartLink(p, whole, part, p, "of them", same))
    return out


def _pointed(p: Paragraph, previous: Paragraph | None, qs: Sequence[Quantity], w: _Words) -> list[PartLink]:
    """"... is 395 million. That includes 30 million for ...": the whole ends the sentence before."""
    out: list[PartLink] = []
    sentences = _sentences(p)
    for k, s in enumerate(sentences):
        m = w.pointer.match(p.text[s.start:s.end])
        if m is None:
            continue
        if k > 0:
            prev_p, prev_s = p, sentences[k - 1]
        elif previous is not None and previous.turn == p.turn:
            prev_p, prev_s = previous, _sentences(previous)[-1]
        else:
            continue
        wholes = [q for q in prev_p.quantities if prev_s.start <= q.start < prev_s.end and q.kind in ("money", "number")]
        if not wholes or prev_s.end - wholes[-1].end > 12 or wholes[-1].is_ratio:
            continue  # the whole must close the sentence: "our guidance is 395 million."
        whole = wholes[-1]
        link_end = s.start + m.end()
        parts = [q for q in qs if q.start >= link_end and q.start - link_end <= _PART_GAP and q.start < s.end]
        if not parts or not _whole_ok(prev_p.text, whole, w):
            continue
        part = parts[0]
        if not _clear(p.text[link_end:part.start], w) or not _part_ok(p.text, part, w):
            continue
        ok, _ = _comparable(whole, part, p.text, w) if prev_p is p else _comparable_apart(whole, part)
        if ok:
            out.append(PartLink(p, whole, part, prev_p, "that includes", False))
    return out


def _comparable_apart(whole: Quantity, part: Quantity) -> tuple[bool, bool]:
    """Units of a whole and a part in different paragraphs: same kind and currency, or a bare part."""
    if whole.kind == part.kind and whole.unit == part.unit:
        return True, False
    return (part.kind == "number" and part.scale == 1 and whole.scale != 1), False
