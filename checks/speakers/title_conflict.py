"""speakers.title_conflict: a person introduced and labelled with different C-suite titles."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.roster import Person


class TitleConflict(TranscriptCheck):
    """The same person given two different titles by the introduction and the speaker label.

    Anti-pattern: introduced as "our CEO" but labelled "Acting Chief Executive Officer", or
    introduced as CFO and labelled "Chief Operating Officer". One of the two tells readers the
    wrong thing about the person's authority.

    Best practice: the introduction and the label agree. Only C-suite titles are compared
    (abbreviations expanded), and only a different qualifier (acting, interim, deputy, co-) or a
    different C-suite role is reported; a title that simply omits other roles is fine. Info: the
    difference is often the introducer's shorthand, but an editor should confirm it.
    """

    id = "speakers.title_conflict"
    title = "Person introduced and labelled with different titles"
    severity = Severity.INFO
    weight = 0.5
    groups = ("speakers",)

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        for person in transcript.roster.persons:
            conflict = self._conflict(person)
            if conflict is None:
                continue
            (header_role, header_line), (text_role, text_line), what = conflict
            yield self.finding(
                transcript,
                header_line,
                f"{person.name} is introduced as '{text_role}' on line {text_line} but labelled "
                f"'{header_role}' here ({what}).",
                transcript.line_text(header_line),
                confidence=0.6,
                suggestion="Confirm the current title and use it in both the introduction and the speaker label.",
                related=[(text_line, transcript.line_text(text_line))],
            )

    def _conflict(self, person: Person) -> tuple[tuple[str, int], tuple[str, int], str] | None:
        """The first label/introduction pair whose C-suite roles (parsed by the roster) disagree."""
        for header_role, header_line in person.header_roles:
            header = person.c_suite[header_role]
            if not header:
                continue
            for text_role, text_line in person.text_roles:
                text = person.c_suite[text_role]
                if not text:
                    continue
                shared = sorted(set(header) & set(text))
                for core in shared:
                    if header[core] != text[core]:
                        what = f"{_qualified(core, text[core])} versus {_qualified(core, header[core])}"
                        return (header_role, header_line), (text_role, text_line), what
                if not shared:
                    what = f"{', '.join(sorted(text))} versus {', '.join(sorted(header))}"
                    return (header_role, header_line), (text_role, text_line), what
        return None


def _qualified(core: str, qualifier: str) -> str:
    """'acting', 'chief executive officer' -> 'Acting Chief Executive Officer' ('Co-Chief ...')."""
    return f"{qualifier} {core}".strip().title().replace("Co ", "Co-")
