"""speakers.third_person: a turn that speaks of its own speaker's answer in the third person."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript, Turn
from auditor.roster import Mention, is_interpreted
from auditor.textutil import snippet

from ._common import turn_person


class ThirdPersonInOwnTurn(TranscriptCheck):
    """A turn labelled as a person that speaks of that person's answer in the third person.

    Anti-pattern: under the header "Ingrid Solberg - Chief Executive Officer", the line "To
    summarize Ms. Solberg's answer for those who joined late: ..." - these are an interpreter's or
    moderator's words, published as the CEO's own.

    Best practice: words spoken by an interpreter are labelled as such (a separate turn, or an
    "(interpreted)" marker). When the paragraph already carries the marker the finding is only
    informational: the attribution is declared, but the label still names the wrong speaker.
    """

    id = "speakers.third_person"
    title = "Speaker referred to in the third person in their own turn"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("speakers", "attribution")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        for mention in roster.mentions:
            if mention.speech_noun is None:
                continue
            paragraph = transcript.paragraph_at(mention.line)
            if paragraph is None:
                continue
            turn = transcript.turns[paragraph.turn]
            speaker = turn_person(transcript, turn)
            person = mention.person or roster.near_miss(mention.name)
            if speaker is None or person is not speaker:
                continue
            yield self._finding(transcript, mention, paragraph, turn)

    def _finding(self, transcript: Transcript, mention: Mention, paragraph: Paragraph, turn: Turn) -> Finding:
        words = transcript.words
        marked = is_interpreted(paragraph.text, words) or any(is_interpreted(p.text, words) for p in turn.paragraphs[:1])
        what = f"'{mention.text}'s {mention.speech_noun}'" if mention.speech_noun != "behalf" else f"'{mention.text}'"
        message = f"The turn labelled {turn.speaker} speaks of {what} in the third person"
        if marked:
            message += "; the text is marked as interpreted, so these are the interpreter's words."
        else:
            message += ": these are probably an interpreter's or moderator's words, not the speaker's."
        return self.finding(
            transcript,
            mention.line,
            message,
            snippet(paragraph.text, mention.start, mention.end, 80),
            severity=Severity.INFO if marked else Severity.WARNING,
            confidence=0.5 if marked else 0.8,
            suggestion="Label these words as the interpreter's (a separate 'Interpreter' turn), "
            "or render them in the first person.",
            related=[(turn.header_line, transcript.line_text(turn.header_line))],
        )
