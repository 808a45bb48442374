"""terms.in_document_variant: a phrase that sounds like a term the transcript uses elsewhere."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript
from auditor.textutil import snippet

from ._hits import find_term_hits, glossary_spans, lines_text, overlaps
from ._lexicon import Lexicon, load_lexicon, match_case, sounds_alike, windows


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
            if b.word in lexicon.heads and not overlaps(a.start, b.end, blocked):
                out.append(_Phrase((a.word, b.word), p, a.start, b.end))
    return out


class InDocumentVariant(TranscriptCheck):
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

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        lexicon = load_lexicon(transcript.words)
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
            f"'{ph.text}' sounds like '{shown}', which this transcript uses on {lines_text(u.paragraph.line for u in uses)}; "
            "one of them is probably mis-heard.",
            snippet(ph.paragraph.text, ph.start, ph.end),
            confidence=0.65 if counts[usual] - counts[ph.words] >= 2 else 0.55,
            suggestion=match_case(shown.lower(), ph.text),
            related=related,
        )
