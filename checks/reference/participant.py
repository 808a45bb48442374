"""reference.participant: a name on the call that resembles, but is not, one on the participant list."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.reference import Participant
from auditor.roster import Person, Roster
from auditor.textutil import snippet

from ._common import GROUPS


class ParticipantName(TranscriptCheck):
    """A speaker header or a name in the text that resembles exactly one name of the participant
    list (or of the release's contact section) but is not on it.

    Anti-pattern: every header reads "Tomas Whitlok - Chief Financial Officer" while the company's
    participant list has Tomas Whitlock: a misspelling the call repeats consistently, so no check
    within the call can see it.

    Best practice: speakers are spelt as the company lists them. Names are compared word by word
    (name order, initials and nicknames count as the same person); only a unique resemblance (close
    spelling backed by equal phonetic keys) is reported. Names that resemble nobody on the list (a
    customer, an analyst the list leaves out) are left alone.
    """

    id = "reference.participant"
    title = "Name differs from the participant list"
    severity = Severity.WARNING
    weight = 1.1
    groups = GROUPS + ("names",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        refs = transcript.references
        if refs is None or not refs.participants:
            return
        listed = Roster(words=transcript.words)
        sources: dict[int, Participant] = {}
        for p in refs.participants:
            person = Person(p.name, words=transcript.words)
            listed.persons.append(person)
            sources[id(person)] = p
        seen: set[str] = set()
        for turn in transcript.turns:
            if not turn.is_person or turn.speaker.lower() in seen:
                continue
            seen.add(turn.speaker.lower())
            self.stats["names checked"] += 1
            target = self._near(listed, turn.speaker)
            if target is not None:
                line = turn.header_line
                yield self._report(transcript, line, turn.speaker, transcript.line_text(line), 0,
                                   sources[id(target)], header=True)
        for mention in transcript.roster.mentions:
            if mention.name.lower() in seen:
                continue
            self.stats["names checked"] += 1
            target = self._near(listed, mention.name)
            if target is None:
                continue
            paragraph = transcript.paragraph_at(mention.line)
            text = paragraph.text if paragraph is not None else transcript.line_text(mention.line)
            yield self._report(transcript, mention.line, mention.text, text, mention.start, sources[id(target)],
                               header=False, end=mention.end)

    @staticmethod
    def _near(listed: Roster, name: str) -> Person | None:
        if listed.find(name) is not None:
            return None
        return listed.near_miss(name, min_ratio=70.0)

    def _report(self, transcript: Transcript, line: int, name: str, text: str, start: int, listed: Participant,
                *, header: bool, end: int | None = None) -> Finding:
        where = "speaker header" if header else "name"
        return self.finding(
            transcript,
            line,
            f"The {where} '{name}' is not on the participant list but resembles {listed.name} ({listed.source}).",
            snippet(text, start, end if end is not None else start + len(name), 70),
            confidence=0.8 if header else 0.7,
            suggestion=f"{listed.name} (as on the participant list)",
        )
