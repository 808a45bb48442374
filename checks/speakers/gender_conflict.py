"""speakers.gender_conflict: one person given two genders (honorifics or pronouns) in the English text."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.roster import GenderEvidence, Person, decide_gender


class GenderConflict(TranscriptCheck):
    """One person given two genders in the English text: "Mr. Whitlock" and "Ms. Whitlock".

    Anti-pattern: a participant introduced as "Mr. Tomas Whitlock" and later called "Ms.
    Whitlock" (or "she"); a translator then picks one at random (先生 / 女士) and the published
    text contradicts itself.

    Best practice: one honorific and one set of pronouns per person. The majority of honorifics
    decides (the first one on a tie); the contrary honorific is a warning. Pronouns are only
    attributed when one person is named in the sentence, so a contradiction resting on a pronoun
    is informational.
    """

    id = "speakers.gender_conflict"
    title = "Same person given contradictory honorifics or pronouns"
    severity = Severity.WARNING
    weight = 0.8
    groups = ("speakers",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        for person in transcript.roster.persons:
            genders = {e.gender for e in person.genders}
            if len(genders) < 2:
                continue
            reference = decide_gender(person.genders, reference=True)
            anchor = next(e for e in person.genders if e.gender == reference)
            for evidence in person.genders:
                if evidence.gender == reference:
                    continue
                yield self._finding(transcript, person, evidence, anchor)

    def _finding(self, transcript: Transcript, person: Person, evidence: GenderEvidence, anchor: GenderEvidence) -> Finding:
        firm = evidence.source == "honorific" and anchor.source == "honorific"
        suggestion = None
        if evidence.source == "honorific":
            name = evidence.text.split(".", 1)[-1].strip() if "." in evidence.text else evidence.text.split(" ", 1)[-1]
            honorific = transcript.words.table("people")["honorifics"]["suggested"][anchor.gender]
            suggestion = f"{honorific}. {name}"
        return self.finding(
            transcript,
            evidence.line,
            f"{person.name} is '{evidence.text}' here ({evidence.gender}) but '{anchor.text}' on line "
            f"{anchor.line} ({anchor.gender}).",
            evidence.text,
            severity=Severity.WARNING if firm else Severity.INFO,
            confidence=0.8 if firm else 0.5,
            suggestion=suggestion,
            related=[(anchor.line, transcript.line_text(anchor.line))],
        )
