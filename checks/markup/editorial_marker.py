"""markup.editorial_marker: the transcriber's notes to the editor."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import snippet

from ._brackets import bracket_lines, is_figure, marker_for


@dataclass
class _Group:
    """The occurrences of one marker in the transcript: (line, quote) each."""

    label: str
    shown: str  # the marker as first written, e.g. "[inaudible]"
    occurrences: list[tuple[int, str]] = field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        return sorted({line for line, _ in self.occurrences})


def _lines_text(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:8]) + (f" and {len(lines) - 8} more" if len(lines) > 8 else "")
    return ("line " if len(lines) == 1 else "lines ") + shown


class EditorialMarker(TranscriptCheck):
    """The transcriber's notes to the editor: missing words, unsure spellings, foreign-language passages.

    Anti-pattern: publishing "(inaudible)", "[unk]", "(technical difficulty)", "[phonetic]" or a
    bracketed name the transcriber spelt by ear without anyone having checked the recording.

    Best practice: every such note is resolved or consciously kept before publication. Markers of
    missing or unsure words are listed once per kind, at the first, with the line of every
    occurrence (a verbatim call can hold dozens of "[inaudible]" in as many short turns: one finding
    each, or one per turn, would bury the report); a square-bracketed
    name or phrase is listed on its own; passages marked as spoken in a foreign language are listed
    once, with all their lines. Routine markers ("[Operator Instructions]", "(interpreted)") and
    non-speech sounds ("[laughter]", "[cough]") are not listed. Informational only.
    """

    id = "markup.editorial_marker"
    title = "Editorial marker for the editor to resolve"
    severity = Severity.INFO
    weight = 0.3
    groups = ("markup",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        language: list[tuple[int, str]] = []
        groups: dict[str, _Group] = {}
        words = transcript.words
        for scanned in bracket_lines(transcript, with_translation=False):
            line, text = scanned.line, scanned.text
            for group in scanned.scan.groups:
                # a long group (a passage, or brackets nested in brackets) is no marker nor figure
                # and is never read whole: reading each of them whole is quadratic in the line
                inner = "" if group.long else group.inner(text).strip()
                marker = None if group.long else marker_for(inner, words)
                if marker is not None and marker.kind == "language":
                    language.append((line, snippet(text, group.open, group.open + len(inner) + 2, 40)))
                elif marker is not None and marker.kind == "loss":
                    self.stats["missing_words"] += 1
                    shown = text[group.open : (group.close + 1) if group.close is not None else group.open + len(inner) + 1]
                    entry = groups.setdefault(marker.label, _Group(marker.label, shown))
                    entry.occurrences.append((line, snippet(text, group.open, group.open + len(inner) + 2, 60)))
                elif (
                    marker is None and group.char in "[【" and group.close is not None
                    and (not group.blank(text) if group.long else inner and not is_figure(inner))
                ):
                    self.stats["bracketed_text"] += 1
                    yield self.finding(
                        transcript, line,
                        f"'[{group.shown(text)}]' is bracketed: the transcriber was unsure of it; verify the spelling.",
                        snippet(text, group.open, group.span_end(), 60),
                        confidence=0.7,
                    )
        for entry in sorted(groups.values(), key=lambda g: g.occurrences[0][0]):
            yield self._grouped(transcript, entry)
        if language:
            first = language[0][0]
            lines = sorted({line for line, _ in language})
            yield self.finding(
                transcript, first,
                f"{len(lines)} passage(s) are marked as spoken in a foreign language (lines "
                f"{', '.join(str(n) for n in lines)}): the English is an interpretation.",
                language[0][1], confidence=0.95,
                related=[r for r in language if r[0] != first],
            )

    def _grouped(self, transcript: Transcript, entry: _Group) -> Finding:
        first_line, first_quote = entry.occurrences[0]
        count = len(entry.occurrences)
        where = "here" if count == 1 else f"{count} times, on {_lines_text(entry.lines)}"
        seen: set[int] = {first_line}
        related = []
        for line, quote in entry.occurrences:
            if line not in seen:
                seen.add(line)
                related.append((line, quote))
        return self.finding(
            transcript, first_line,
            f"The transcriber marked '{entry.shown}' {where}: check the recording for the missing or unsure words.",
            first_quote,
            confidence=0.95,
            related=related,
        )
