"""speakers.announced_mismatch: the operator announces one questioner, the next turn is labelled otherwise."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript, Turn
from auditor.names import close_tokens, name_tokens
from auditor.roster import Announcement, Roster


class AnnouncedSpeakerMismatch(TranscriptCheck):
    """The operator announces a questioner, and the next turn carries another label.

    Anti-pattern: "Our next question comes from Helen Cho with Northgate Capital." followed by a
    turn labelled "Unidentified Analyst" (or labelled with a different analyst's name). The
    question is then credited to nobody, or to the wrong firm.

    Best practice: the questioner's turn carries the announced name and firm. "Unidentified"
    labels are left alone when nobody was announced, and a following turn by one of the
    company's executives (the announcement led straight to an answer) is not reported.
    """

    id = "speakers.announced_mismatch"
    title = "Announced questioner labelled differently"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("speakers", "attribution")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        last_by_turn: dict[int, Announcement] = {}
        for announcement in roster.announcements:
            last_by_turn[announcement.turn] = announcement
        for turn_index in sorted(last_by_turn):
            announcement = last_by_turn[turn_index]
            if turn_index + 1 >= len(transcript.turns):
                continue
            self.stats["announcements checked"] += 1
            finding = self._check(transcript, roster, announcement, transcript.turns[turn_index + 1])
            if finding is not None:
                yield finding

    def _check(self, transcript: Transcript, roster: Roster, announcement: Announcement, turn: Turn) -> Finding | None:
        label = f"{announcement.name} - {announcement.firm}" if announcement.firm else f"{announcement.name} - Analyst"
        related = [(announcement.line, transcript.line_text(announcement.line))]
        if not turn.is_person:
            # "Unidentified Analyst" is reported; "Unidentified Company Representative" is the company
            if turn.label_kind != "unidentified":
                return None
            return self.finding(
                transcript,
                turn.header_line,
                f"The operator announced {announcement.name} on line {announcement.line}, but the next turn "
                f"is labelled '{turn.speaker}'.",
                turn.speaker,
                confidence=0.85,
                suggestion=f"Label the turn '{label}'.",
                related=related,
            )
        speaker = roster.find(turn.speaker)
        announced = roster.find(announcement.name)
        if speaker is not None and (speaker is announced or speaker.matches(announcement.name)):
            return None
        if speaker is not None and speaker.kind == "executive":
            return None
        if _resembles(turn.speaker, announcement.name, transcript):
            return None  # a misspelling, reported by speakers.near_miss / speakers.header_name
        return self.finding(
            transcript,
            turn.header_line,
            f"The operator announced {announcement.name} on line {announcement.line}, but the next turn "
            f"is labelled {turn.speaker}.",
            transcript.line_text(turn.header_line),
            confidence=0.7,
            suggestion=f"Check who asked this question; if it was the announced analyst, label the turn '{label}'.",
            related=related,
        )


def _resembles(a: str, b: str, transcript: Transcript) -> bool:
    """Two names that share words or differ only by close-sounding words."""
    words = transcript.words
    ta, tb = name_tokens(a, words), name_tokens(b, words)
    return any(x == y or close_tokens(x, y, words=words) for x in ta for y in tb)
