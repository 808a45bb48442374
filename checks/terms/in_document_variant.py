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
from ._lexicon import Lexicon, load_lexicon, match_case, pairs_ending_in, paragraph_words, sounds_alike

Words2 = tuple[str, str]


@dataclass(frozen=True)
class _Phrase:
    """A two-word phrase ending in a financial head noun ("gearing ratio") and where it stands."""

    words: Words2
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end]


def _phrases(transcript: Transcript, lexicon: Lexicon, glossary: list[str]) -> list[_Phrase]:
    out = []
    for p in transcript.paragraphs:
        pw = paragraph_words(transcript, p.text)  # a phrase ends in a head noun: start one word before each
        blocked: list[tuple[int, int]] | None = None  # the glossary's places, found for a paragraph with a phrase
        for i in pairs_ending_in(p.text, pw, lexicon.heads):
            if blocked is None:
                blocked = glossary_spans(p.text, glossary)
            start, end = pw.starts[i], pw.ends[i + 1]
            if not overlaps(start, end, blocked):
                out.append(_Phrase((pw.words[i], pw.words[i + 1]), p, start, end))
    return out


@dataclass
class _Usage:
    """How the transcript uses its phrases: counts, paragraphs, and every word's frequency."""

    phrases: list[_Phrase]
    counts: Counter[Words2]
    paragraphs: dict[Words2, set[int]]
    words: Counter[str]
    acronyms: set[str]  # first words written in capitals ("EBIDTA"): letters, not a spoken word

    @classmethod
    def of(cls, transcript: Transcript, phrases: list[_Phrase]) -> _Usage:
        paragraphs: dict[Words2, set[int]] = defaultdict(set)
        acronyms: set[str] = set()
        for ph in phrases:
            paragraphs[ph.words].add(ph.paragraph.line)
            first = ph.text.split()[0] if ph.text.split() else ""
            if len(first) >= 3 and first.isupper():
                acronyms.add(ph.words[0])
        words: Counter[str] = Counter()
        for p in transcript.paragraphs:
            words.update(paragraph_words(transcript, p.text).words)  # counted in C, a paragraph at a time
        return cls(phrases, Counter(ph.words for ph in phrases), paragraphs, words, acronyms)

    def alone(self, word: str) -> int:
        """How often `word` stands outside a phrase with a head noun (the speakers' own word)."""
        in_phrases = sum(n for (first, _), n in self.counts.items() if first == word)
        return self.words[word] - in_phrases


def _as_inside_sentence(phrase: str) -> str:
    """The phrase as written inside a sentence: an initial capital dropped, an acronym kept."""
    head = phrase.split()[0] if phrase.split() else phrase
    if len(head) > 1 and sum(c.isupper() for c in head) > 1:
        return phrase
    return phrase[:1].lower() + phrase[1:]


class InDocumentVariant(TranscriptCheck):
    """A phrase that sounds like a term the same transcript uses, and is no phrase of its own.

    Anti-pattern: "free cash flow" and "operating cash flow" throughout, and once "clash flow"; or
    "personnel costs" on one line and "personal costs" on others. The recogniser heard one term two
    ways, and the odd one out is a phrase no finance text uses.

    Best practice: a term is transcribed the same way throughout. Two-word phrases ending in a
    financial noun (margin, ratio, costs, bookings...) are compared when their first words sound
    alike. They are one phrase said two ways, never a finding, when the first words are
    determiners, pronouns, numerals or ordinary verbs ("these assets", "those assets"; "raised
    guidance"), or two forms of one word ("recurring", "recurrent"; "financing", "refinancing");
    and two real financial phrases ("leverage ratio", "coverage ratio", both in the word list of
    auditor/data/terms.toml) are both meant. Otherwise the variant is the phrase that is not a
    standard one, or, when neither is, the rarer one; it is reported (once, with all its lines)
    only when the usual phrase is established: used in two paragraphs or more, or a standard
    phrase used twice while the variant's first word appears nowhere else, or a standard acronym
    whose variant drops or swaps a letter ("EBITDA", "EBDTA"). Glossary names are
    exempt, and phrases listed in the lexicon are left to terms.misrecognised.
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
        usage = _Usage.of(transcript, phrases)
        by_head: dict[str, list[Words2]] = defaultdict(list)
        for words in sorted(usage.counts):
            by_head[words[1]].append(words)
        suspects: dict[Words2, Words2] = {}
        for group in by_head.values():
            for i, x in enumerate(group):
                for y in group[i + 1 :]:
                    pair = self._suspect(x, y, usage, lexicon)
                    if pair and pair[0] not in suspects:
                        suspects[pair[0]] = pair[1]
        for variant in sorted(suspects, key=lambda w: min(p.paragraph.line for p in phrases if p.words == w)):
            occurrences = [
                ph for ph in phrases
                if ph.words == variant
                and not any(line == ph.paragraph.line and s < ph.end and ph.start < e for line, s, e in taken)
            ]
            if occurrences:
                yield self._finding(transcript, occurrences, suspects[variant], usage)

    @staticmethod
    def _suspect(x: Words2, y: Words2, usage: _Usage, lexicon: Lexicon) -> tuple[Words2, Words2] | None:
        """(variant, usual) when x and y are one term heard two ways; None when they are not."""
        a, b = x[0], y[0]
        if lexicon.is_grammar_word(a) or lexicon.is_grammar_word(b) or not sounds_alike(a, b):
            return None
        if lexicon.are_forms_of_one_word(a, b):
            return None
        standard_x, standard_y = lexicon.is_standard(*x), lexicon.is_standard(*y)
        counts = usage.counts
        if standard_x and standard_y:
            return None  # two real phrases ("leverage ratio", "coverage ratio"): both meant
        if standard_x != standard_y:
            variant, usual = (y, x) if standard_x else (x, y)
        elif counts[x] != counts[y]:
            variant, usual = (x, y) if counts[x] < counts[y] else (y, x)
        else:
            return None  # equally frequent and neither a standard phrase: cannot tell which is right
        spread = len(usage.paragraphs[usual])
        if spread >= 2:
            return variant, usual
        if variant[0] in usage.acronyms and usual[0] in usage.acronyms and lexicon.is_standard(*usual):
            return variant, usual  # a standard acronym with a letter dropped or swapped ("EBDTA")
        if lexicon.is_standard(*usual) and counts[usual] >= 2 and usage.alone(variant[0]) == 0:
            return variant, usual
        return None  # the usual phrase is not established enough to call the other one odd

    def _finding(
        self, transcript: Transcript, occurrences: list[_Phrase], usual: Words2, usage: _Usage
    ) -> Finding:
        first = occurrences[0]
        uses = [u for u in usage.phrases if u.words == usual]
        related = [(u.paragraph.line, snippet(u.paragraph.text, u.start, u.end, 50)) for u in uses[:3]]
        related += [(o.paragraph.line, snippet(o.paragraph.text, o.start, o.end, 50)) for o in occurrences[1:6]]
        shown = uses[0].text
        self.stats["suspected"] += 1
        also = ""
        if len(occurrences) > 1:
            also = f" (also on {lines_text(o.paragraph.line for o in occurrences[1:])})"
        established = len(usage.paragraphs[usual]) >= 3 or usage.counts[usual] - len(occurrences) >= 2
        return self.finding(
            transcript,
            first.paragraph.line,
            f"'{first.text}'{also} sounds like '{shown}', which this transcript uses on "
            f"{lines_text(u.paragraph.line for u in uses)}; '{first.text}' is probably mis-heard.",
            snippet(first.paragraph.text, first.start, first.end),
            confidence=0.7 if established else 0.6,
            suggestion=match_case(_as_inside_sentence(shown), first.text),
            related=related,
        )
