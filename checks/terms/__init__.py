"""Term checks: financial terms that speech recognition turned into ordinary, correctly spelt words.

"growth margin" for gross margin or "hearing ratio" for gearing ratio passes every spell checker,
so editors miss it. The known mis-hearings live in a data file (`auditor/data/terms.toml`), not in
code, so that a desk can extend the list without touching the checks.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jellyfish

from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript
from auditor.registry import Check
from auditor.textutil import snippet

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*")
_JOIN_RE = re.compile(r"^[ \t-]+$")
_CONTEXT_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# -- the lexicon ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A known mis-recognition and the phrase that should stand in its place."""

    text: str
    fix: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Term:
    """A financial term, its known mis-recognitions and the context that makes them suspicious."""

    term: str
    variants: tuple[Variant, ...]
    context: frozenset[str]
    figures: frozenset[str]
    phonetic: bool
    pattern: re.Pattern[str]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(normalise_word(w) for w in re.split(r"[\s-]+", self.term))


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    common_modifiers: frozenset[str]
    heads: frozenset[str]

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every (normalised) word of a lexicon term: words a financial call uses on purpose."""
        return frozenset(w for t in self.terms for w in t.words)


def phrase_pattern(text: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern of a phrase, allowing a plural and hyphens for spaces.

    A phrase preceded by a hyphen is the tail of a compound ("high-growth margin") and not matched.
    """
    words = [re.escape(w) for w in re.split(r"[\s-]+", text.strip()) if w]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:e?s)?(?![\w-])", re.IGNORECASE)


def _variant(raw: Any, term: str) -> Variant:
    if isinstance(raw, str):
        return Variant(raw, term, phrase_pattern(raw))
    return Variant(raw["text"], raw["fix"], phrase_pattern(raw["text"]))


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build the lexicon from the parsed TOML table (see the comments in terms.toml)."""
    terms = []
    for entry in data.get("term", []):
        name = entry["term"].strip().lower()
        terms.append(
            Term(
                term=name,
                variants=tuple(_variant(v, name) for v in entry.get("variants", [])),
                context=frozenset(c.lower() for c in entry.get("context", [])),
                figures=frozenset(entry.get("figures", [])),
                phonetic=bool(entry.get("phonetic", False)),
                pattern=phrase_pattern(name),
            )
        )
    return Lexicon(
        terms=tuple(terms),
        common_modifiers=frozenset(normalise_word(w) for w in data.get("common_modifiers", [])),
        heads=frozenset(normalise_word(w) for w in data.get("heads", [])),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon shipped with the package (read once)."""
    text = (files("auditor") / "data" / "terms.toml").read_text(encoding="utf-8")
    return parse_lexicon(tomllib.loads(text))


# -- words and sounds ----------------------------------------------------------------------------


def normalise_word(word: str) -> str:
    """Lower case, without a possessive or plural ending, so that "revenues" equals "revenue"."""
    w = word.lower().removesuffix("'s").strip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("es") and w[:-2].endswith(("ss", "x", "ch", "sh")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def sounds_alike(a: str, b: str) -> bool:
    """Two different words a recogniser can confuse: close phonetic keys and close spelling.

    Inflections of one stem ("public"/"publish", "basic"/"basis") are not confusions: they share
    all but the last letter or two and are usually intended.
    """
    if a == b or len(a) < 4 or len(b) < 4:
        return False
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    if shared >= min(len(a), len(b)) - 1:
        return False
    ka, kb = jellyfish.metaphone(a), jellyfish.metaphone(b)
    if max(len(ka), len(kb)) < 2 or jellyfish.levenshtein_distance(ka, kb) > 1:
        return False
    return jellyfish.jaro_winkler_similarity(a, b) >= 0.75


@dataclass(frozen=True)
class Token:
    word: str  # normalised
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(normalise_word(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def windows(text: str, size: int, toks: list[Token] | None = None) -> Iterator[list[Token]]:
    """Runs of `size` words joined only by spaces or hyphens (punctuation breaks a phrase)."""
    toks = tokens(text) if toks is None else toks
    for i in range(len(toks) - size + 1):
        run = toks[i : i + size]
        if all(_JOIN_RE.match(text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False)):
            yield run


def match_case(fix: str, original: str) -> str:
    """The fix with the original's initial capital ("Adjusted growth margin" -> "Gross margin")."""
    return fix[:1].upper() + fix[1:] if original[:1].isupper() else fix


# -- glossary ------------------------------------------------------------------------------------


def glossary_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the user's glossary names (never mis-recognitions) stand in `text`."""
    spans = []
    for name in names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE):
            spans.append((m.start(), m.end()))
    return spans


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


# -- lexicon hits --------------------------------------------------------------------------------


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


def _known_hits(p: Paragraph, lexicon: Lexicon, blocked: list[tuple[int, int]]) -> list[TermHit]:
    hits: list[TermHit] = []
    for term in lexicon.terms:
        for variant in term.variants:
            for m in variant.pattern.finditer(p.text):
                if _overlaps(m.start(), m.end(), blocked + [(h.start, h.end) for h in hits]):
                    continue
                hits.append(TermHit(term, p, m.start(), m.end(), variant.fix, known=True))
    return hits


def _phonetic_hits(p: Paragraph, lexicon: Lexicon, blocked: list[tuple[int, int]]) -> list[TermHit]:
    hits: list[TermHit] = []
    toks = tokens(p.text)  # tokenised once per paragraph: this runs for every lexicon term
    present = {t.word for t in toks}
    for term in lexicon.terms:
        if not term.phonetic:
            continue
        target = term.words
        if sum(w in present for w in target) < len(target) - 1:
            continue  # a hit differs in exactly one word, so all the others must be in the paragraph
        for run in windows(p.text, len(target), toks):
            differing = [(r.word, t) for r, t in zip(run, target, strict=True) if r.word != t]
            if len(differing) != 1:
                continue
            start, end = run[0].start, run[-1].end
            if _overlaps(start, end, blocked + [(h.start, h.end) for h in hits]):
                continue
            heard, meant = differing[0]
            if heard in lexicon.common_modifiers or not sounds_alike(heard, meant):
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
    for p in transcript.paragraphs:
        blocked = glossary_spans(p.text, names)
        blocked += [(m.start(), m.end()) for t in lexicon.terms for m in t.pattern.finditer(p.text)]
        known = _known_hits(p, lexicon, blocked)
        out += known
        out += _phonetic_hits(p, lexicon, blocked + [(h.start, h.end) for h in known])
    return sorted(out, key=lambda h: (h.paragraph.line, h.start))


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


def _lines(numbers: Iterable[int]) -> str:
    """Render line numbers as "line 4" or "lines 4, 9, 12" (the first three distinct lines)."""
    shown = list(dict.fromkeys(numbers))
    head = ", ".join(str(n) for n in shown[:3]) + (" and others" if len(shown) > 3 else "")
    return ("line " if len(shown) == 1 else "lines ") + head


# -- checks --------------------------------------------------------------------------------------


class MisrecognisedTerm(Check):
    """A financial term the speech recogniser turned into ordinary words ("growth margin").

    Anti-pattern: "Our growth margin was 41%" for gross margin, "hearing ratio" for gearing ratio,
    "physical year" for fiscal year. Every word is spelt right, so a spell checker and a hurried
    editor both pass it, and the reader learns of a metric that does not exist.

    Best practice: the lexicon (auditor/data/terms.toml) lists known mis-hearings and the words that
    make each suspicious; near-misses that sound like a lexicon term are caught by phonetic keys.
    A finding is a warning only with evidence: the correct term used elsewhere in the transcript,
    or a cue in the same sentence (a percentage after "margin", "adjusted" before it). Without
    evidence it is informational. Names in the user glossary are never reported.
    """

    id = "terms.misrecognised"
    title = "Mis-recognised financial term"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("terms", "asr")

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        lexicon = load_lexicon()
        uses: dict[str, list[tuple[int, str]]] = {}
        for hit in find_term_hits(transcript, lexicon, self.config.glossary_terms()):
            if hit.term.term not in uses:
                uses[hit.term.term] = canonical_uses(transcript, hit.term)
            yield self._finding(transcript, hit, uses[hit.term.term])

    def _finding(self, transcript: Transcript, hit: TermHit, uses: list[tuple[int, str]]) -> Finding:
        cues = context_evidence(hit)
        heard, meant = hit.text, hit.term.term
        how = "is a known mis-hearing of" if hit.known else "sounds like"
        if uses:
            message = f"'{heard}' {how} '{meant}', which this transcript uses on {_lines(u for u, _ in uses)}."
        elif cues:
            message = f"'{heard}' {how} '{meant}' (context: {', '.join(cues[:3])})."
        else:
            message = f"'{heard}' {how} '{meant}'; nothing else in the transcript confirms it."
        evidence_found = bool(uses) or bool(cues)
        confidence = (0.55 if hit.known else 0.35) + (0.2 if uses else 0.0) + (0.15 if cues else 0.0)
        self.stats["suspected" if evidence_found else "unconfirmed"] += 1
        return self.finding(
            transcript,
            hit.paragraph.line,
            message,
            snippet(hit.paragraph.text, hit.start, hit.end),
            severity=Severity.WARNING if evidence_found else Severity.INFO,
            confidence=confidence,
            suggestion=match_case(hit.fix, heard),
            related=uses[:3],
        )


@dataclass(frozen=True)
class _Phrase:
    """A two-word phrase ending in a financial head noun ("gearing ratio") and where it stands."""

    words: tuple[str, str]
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]


def _phrases(transcript: Transcript, lexicon: Lexicon, glossary: list[str]) -> list[_Phrase]:
    out = []
    for p in transcript.paragraphs:
        blocked = glossary_spans(p.text, glossary)
        for a, b in windows(p.text, 2):
            if b.word in lexicon.heads and not _overlaps(a.start, b.end, blocked):
                out.append(_Phrase((a.word, b.word), p, a.start, b.end))
    return out


class InDocumentVariant(Check):
    """A phrase that sounds like a term the same transcript uses correctly elsewhere.

    Anti-pattern: "our gearing ratio" on one line and "our hearing ratio" on another. The
    recogniser heard the same term two ways; one of them is wrong, and it is rarely the one the
    speakers use most.

    Best practice: a term is transcribed the same way throughout. Two-word phrases ending in a
    financial noun (margin, ratio, profit, costs...) are compared; when their first words sound
    alike but are spelt differently, the rarer phrase is reported with the lines of the usual one.
    Ordinary modifiers that sound alike ("lower costs", "labor costs") and glossary names are
    exempt, and phrases already listed in the lexicon are left to terms.misrecognised.
    """

    id = "terms.in_document_variant"
    title = "Term heard two ways in one transcript"
    severity = Severity.WARNING
    weight = 0.9
    groups = ("terms", "asr")

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        lexicon = load_lexicon()
        glossary = self.config.glossary_terms()
        taken = [(h.paragraph.line, h.start, h.end) for h in find_term_hits(transcript, lexicon, glossary)]
        phrases = _phrases(transcript, lexicon, glossary)
        counts = Counter(ph.words for ph in phrases)
        by_head: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for words in sorted(counts):
            by_head[words[1]].append(words)
        suspects: dict[tuple[str, str], tuple[str, str]] = {}
        for group in by_head.values():
            for i, x in enumerate(group):
                for y in group[i + 1 :]:
                    pair = self._suspect(x, y, counts, lexicon)
                    if pair:
                        suspects[pair[0]] = pair[1]
        for ph in phrases:
            if ph.words not in suspects:
                continue
            if any(line == ph.paragraph.line and s < ph.end and ph.start < e for line, s, e in taken):
                continue
            yield self._finding(transcript, ph, suspects[ph.words], phrases, counts)

    @staticmethod
    def _suspect(
        x: tuple[str, str], y: tuple[str, str], counts: Counter[tuple[str, str]], lexicon: Lexicon
    ) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """(suspect, usual) when x and y are one term heard two ways; None when they are not."""
        if not sounds_alike(x[0], y[0]):
            return None
        vocabulary = lexicon.vocabulary
        if counts[x] != counts[y]:
            suspect, usual = (x, y) if counts[x] < counts[y] else (y, x)
        elif (x[0] in vocabulary) != (y[0] in vocabulary):
            suspect, usual = (y, x) if x[0] in vocabulary else (x, y)
        else:
            return None  # equally frequent and neither is a known term word: cannot tell which is right
        if suspect[0] in lexicon.common_modifiers:
            return None  # an ordinary modifier ("labor costs" beside "lower costs") is meant as said
        return suspect, usual

    def _finding(
        self,
        transcript: Transcript,
        ph: _Phrase,
        usual: tuple[str, str],
        phrases: list[_Phrase],
        counts: Counter[tuple[str, str]],
    ) -> Finding:
        uses = [u for u in phrases if u.words == usual]
        related = [(u.paragraph.line, snippet(u.paragraph.text, u.start, u.end, 50)) for u in uses[:3]]
        shown = uses[0].text
        self.stats["suspected"] += 1
        return self.finding(
            transcript,
            ph.paragraph.line,
            f"'{ph.text}' sounds like '{shown}', which this transcript uses on {_lines(u.paragraph.line for u in uses)}; "
            "one of them is probably mis-heard.",
            snippet(ph.paragraph.text, ph.start, ph.end),
            confidence=0.65 if counts[usual] - counts[ph.words] >= 2 else 0.55,
            suggestion=match_case(shown.lower(), ph.text),
            related=related,
        )


CHECKS = (
    MisrecognisedTerm,
    InDocumentVariant,
)
