"""layout.hidden_character: an invisible character (zero-width, bidi control) in the text."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.textutil import HiddenCharacter, snippet

#: the lists of `auditor/data/invisible.toml`, what each kind of character does, and how severe it is
_KINDS = (
    ("bidi_controls", Severity.ERROR, "it reorders how the text after it is displayed, so readers see other "
                                      "text than programs (and search, and translation) read"),
    ("bidi_marks", Severity.WARNING, "it changes the direction of the characters around it while showing nothing"),
    ("zero_width", Severity.WARNING, "it splits a word or a figure for programs while readers see it whole"),
    ("soft_hyphens", Severity.INFO, "it splits a word for programs and shows only where a line breaks"),
)


class InvisibleCharacter(TranscriptCheck):
    """An invisible character in the published text: a zero-width character or a bidi control.

    Anti-pattern: "as of June 3<U+200B>1" (a zero-width space inside the date) or a right-to-left
    override inside "you may not disconnect": the text looks right, but search, translation memory,
    screen readers and every later check read something else, and a bidi override makes readers
    see text in another order than it is stored (the "Trojan Source" hazard). The auditor matches
    the visible text, so its other findings still fire; this finding says where each one is.

    Best practice: delete the character. Published transcript text needs no zero-width or
    direction-control characters; each is reported on its own, with its line and column.
    """

    id = "layout.hidden_character"
    title = "Invisible zero-width or bidi control character"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("layout",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        kinds = {ch: (severity, effect) for key, severity, effect in _KINDS for ch in transcript.words.list("invisible", key)}
        by_line: dict[int, list[HiddenCharacter]] = {}
        for hidden in transcript.hidden_characters:
            by_line.setdefault(hidden.line, []).append(hidden)
        for line, found in sorted(by_line.items()):
            shown, spans = _revealed(transcript.line_text(line), found)
            for hidden, (start, end) in zip(found, spans, strict=True):
                severity, effect = kinds.get(hidden.char, (self.severity, "it is invisible"))
                where = f"column {hidden.column}" if hidden.column is not None else "a JSON escape"
                self.stats[hidden.name.lower()] += 1
                yield self.finding(
                    transcript, line,
                    f"Invisible {hidden.name} ({hidden.codepoint}) at {where}: {effect}.",
                    snippet(shown, start, end, 60),
                    severity=severity, confidence=0.99,
                    suggestion=f"delete the {hidden.codepoint} character",
                )


def _revealed(clean: str, found: list[HiddenCharacter]) -> tuple[str, list[tuple[int, int]]]:
    """The line as written with each invisible character shown as a marker ("June ⟦U+200B⟧31"),
    and the span of each marker, in the order of `found` (linear in the line's length)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = [(0, 0)] * len(found)
    length = previous = placed = 0
    for index, hidden in sorted(enumerate(found), key=lambda item: item[1].column or 0):
        if hidden.column is None:
            continue
        # a column is the original line's: the markers placed before this one stood there too
        offset = max(previous, min(len(clean), hidden.column - 1 - placed))
        parts.append(clean[previous:offset])
        length += offset - previous
        marker = f"⟦{hidden.codepoint}⟧"
        spans[index] = (length, length + len(marker))
        parts.append(marker)
        length += len(marker)
        previous, placed = offset, placed + 1
    parts.append(clean[previous:])
    length += len(clean) - previous
    for index, hidden in enumerate(found):
        if hidden.column is None:  # a JSON escape has no column: its marker follows the line
            parts.append(" ")
            marker = f"⟦{hidden.codepoint}⟧"
            spans[index] = (length + 1, length + 1 + len(marker))
            parts.append(marker)
            length += 1 + len(marker)
    return "".join(parts), spans
