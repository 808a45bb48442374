"""translation.markers: an editorial marker rendered in different ways across the file."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from auditor.bilingual import marker_renderings
from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair

from ._common import GROUPS, evidence, translated_pairs


class MarkerRendering(TranscriptCheck):
    """An editorial marker rendered in different ways across the file.

    Anti-pattern: (inaudible) rendered (聽不清) on one line and (聽不清楚) or (我聽不清楚) on another,
    or (interpreted) as (口譯) and (翻譯). Readers cannot tell whether the differences mean something,
    and a marker turned into a sentence (我聽不清楚, "I can't hear") reads as speech.

    Best practice: each marker ((inaudible), (interpreted), (spoken in foreign language),
    (technical difficulty), (Operator Instructions)) has one rendering throughout the file; the
    most frequent one is the reference.
    """

    id = "translation.markers"
    title = "Editorial marker rendered inconsistently"
    severity = Severity.INFO
    weight = 0.5
    groups = GROUPS
    needs_translation = True

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        # a comparison across the whole file: every rendering is collected before any is judged
        seen: dict[str, list[tuple[str, Pair, int, int]]] = defaultdict(list)
        for pair in translated_pairs(transcript):
            for marker, rendering, start, end in marker_renderings(pair.en, pair.zh, transcript.words):
                seen[marker].append((rendering, pair, start, end))
        for marker, items in sorted(seen.items()):
            counts = Counter(r for r, *_ in items)
            if len(counts) < 2:
                self.stats["verified"] += len(items)
                continue
            first = {r: min(p.line for x, p, *_ in items if x == r) for r in counts}
            reference = max(counts, key=lambda r: (counts[r], -first[r]))
            ref_lines = sorted({p.translation_line for r, p, *_ in items if r == reference})
            for rendering, pair, start, end in items:
                if rendering == reference:
                    continue
                self.stats["contradicted"] += 1
                yield self.finding(
                    transcript,
                    pair.translation_line,
                    f"'({marker})' is rendered '({rendering})' here but '({reference})' on line {ref_lines[0]}.",
                    evidence(pair, None, (start, end)),
                    confidence=0.7,
                    suggestion=f"({reference})",
                    related=[(ln, transcript.line_text(ln)) for ln in ref_lines[:3]],
                )
