"""terms.misrecognised: a financial term the speech recogniser turned into ordinary words."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Related, Severity
from auditor.model import Transcript
from auditor.textutil import quote, snippet

from ._hits import TermHit, canonical_uses, context_evidence, find_term_hits, lines_text
from ._lexicon import load_lexicon, match_case


class MisrecognisedTerm(TranscriptCheck):
    """A financial term the speech recogniser turned into ordinary words ("growth margin").

    Anti-pattern: "Our growth margin was 41%" for gross margin, "hearing ratio" for gearing ratio,
    "physical year" for fiscal year. Every word is spelt right, so a spell checker and a hurried
    editor both pass it, and the reader learns of a metric that does not exist.

    Best practice: the lexicon (auditor/data/terms.toml) lists known mis-hearings and the words that
    make each suspicious; near-misses that sound like a lexicon term are caught by phonetic keys.
    A finding is a warning only with evidence: the correct term used elsewhere in the transcript,
    or a cue in the same sentence (a percentage after "margin", "adjusted" before it). Without
    evidence it is informational. A match counts only where a term can stand: not after a subject
    or an auxiliary ("we delivered revenue of" is a verb and its object, not "deferred revenue"),
    and a sound-alike near-miss that is a financial phrase of its own ("group margin") is meant as
    said. Names in the user glossary are never reported.
    """

    id = "terms.misrecognised"
    title = "Mis-recognised financial term"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("terms", "asr")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        lexicon = load_lexicon(transcript.words)
        uses: dict[str, list[tuple[int, str]]] = {}
        # one term mis-heard through a call ("growth margin", "growth margins", "cross margin") is one
        # decision for the editor: one finding at its first occurrence, the others listed and linked
        groups: dict[tuple[str, str], list[TermHit]] = {}
        for hit in find_term_hits(transcript, lexicon, self.config.glossary_terms()):
            if hit.term.term not in uses:
                uses[hit.term.term] = canonical_uses(transcript, hit.term)
            groups.setdefault((hit.term.term, hit.fix.lower().rstrip("s")), []).append(hit)
        for hits in groups.values():
            findings = [self._finding(transcript, hit, uses[hit.term.term]) for hit in hits]
            yield _merged(findings, hits) if len(findings) > 1 else findings[0]

    def _finding(self, transcript: Transcript, hit: TermHit, uses: list[tuple[int, str]]) -> Finding:
        cues = context_evidence(hit)
        heard, meant = hit.text, hit.term.term
        how = "is a known mis-hearing of" if hit.known else "sounds like"
        if uses:
            message = f"'{heard}' {how} '{meant}', which this transcript uses on {lines_text(u for u, _ in uses)}."
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


def _merged(findings: list[Finding], hits: list[TermHit]) -> Finding:
    """The first occurrence's finding, as strong as the strongest, naming the other occurrences."""
    first = findings[0]
    strongest = min(findings, key=lambda f: (f.severity.order, -f.confidence))
    others = [h.paragraph.line for h in hits[1:] if h.paragraph.line != first.line]
    also = f" It recurs on {lines_text(dict.fromkeys(others))}." if others else ""
    heard = list(dict.fromkeys(h.text.lower() for h in hits))
    if len(heard) > 1:
        also += " Also heard as " + ", ".join(f"'{h}'" for h in heard[1:]) + "."
    related = tuple(dict.fromkeys([*first.related, *(Related(h.paragraph.line, quote(h.paragraph.text, 160))
                                                     for h in hits[1:] if h.paragraph.line != first.line)]))
    return first.with_changes(
        severity=strongest.severity,
        confidence=strongest.confidence,
        message=first.message + also,
        related=tuple(sorted(related, key=lambda r: (r.line, r.text))),
    )
