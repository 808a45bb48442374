"""speakers.announced_mismatch: a turn announced as one person's carries another label."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript, Turn
from auditor.names import name_tokens, pair_names
from auditor.roster import Announcement, Roster


class AnnouncedSpeakerMismatch(TranscriptCheck):
    """The call says who speaks next (or who is speaking), and the turn carries another label.

    Anti-pattern: "Our next question comes from Helen Cho with Northgate Capital." followed by a
    turn labelled "Unidentified Analyst" (or another analyst's name); "I'll now turn the call over
    to our CFO, Maria Kovacs" followed by a turn labelled with the CEO's name; "Hi, this is Helen
    Cho" under another person's label. The words are then credited to the wrong person.

    Best practice: the announced person's turn carries their name. Every announcement that closes
    a turn counts, whoever makes it (an operator, or a host numbered like everyone else): a
    questioner ("comes from", "a follow-up from", "next caller is"), a hand-over ("turn the call
    back over to", "pass the floor to", "Helen, please go ahead", "over to our CFO"), and a speaker
    naming themselves at the start of their turn. Not reported: numbered anonymous labels
    ("Speaker 3", the source's convention), company labels, a company executive answering before
    an announced questioner speaks, a colleague standing in ("Hi, it's Dan on for Helen"), and the
    same person written another way (nickname, initials, name order, one part of a double or
    hyphenated surname), a next turn that speaks to the announced person ("Helen, are you
    there?"), an announcing sentence that also names the labelled speaker ("Bob, maybe you can
    start and then hand over to Glen"), and a speaker who gives only a first name the call does
    not know. A label that only misspells the announced name is left to speakers.header_name and
    speakers.near_miss.
    """

    id = "speakers.announced_mismatch"
    title = "Announced speaker labelled differently"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("speakers", "attribution")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        closing: dict[int, Announcement] = {}
        opening: dict[int, Announcement] = {}
        for announcement in roster.announcements:
            if announcement.placed:
                (opening if announcement.kind == "self" else closing)[announcement.turn] = announcement
        # one finding per turn, the speaker's own words first: "Hi, this is Dan Roe" under the
        # label Dan Roe settles who speaks, whoever was announced
        for turn_index in sorted(set(opening) | {i + 1 for i in closing}):
            if turn_index >= len(transcript.turns):
                continue
            turn = transcript.turns[turn_index]
            own = opening.get(turn_index)
            if own is not None:
                finding = self._check(transcript, roster, own, turn)
                if finding is not None:
                    yield finding
                    continue
                if own.stand_in or _same(turn.speaker, own.name, transcript):
                    continue
            announced = closing.get(turn_index - 1)
            if announced is not None:
                finding = self._check(transcript, roster, announced, turn)
                if finding is not None:
                    yield finding

    def _check(self, transcript: Transcript, roster: Roster, announcement: Announcement, turn: Turn) -> Finding | None:
        self.stats["announcements checked"] += 1
        words = transcript.words
        label = f"{announcement.name} - {announcement.firm}" if announcement.firm else announcement.name
        related = [(announcement.line, transcript.line_text(announcement.line))]
        said = {
            "question": f"Line {announcement.line} announces {announcement.name} as the next questioner",
            "handover": f"Line {announcement.line} hands over to {announcement.name}",
            "self": f"The speaker says '{announcement.text.strip()}' on line {announcement.line}",
        }[announcement.kind]
        if announcement.stand_in:
            return None
        if announcement.kind == "self" and len(name_tokens(announcement.name, words)) < 2 and roster.find(announcement.name) is None:
            return None  # "it's Jo here": a first name the call does not know says little
        if not turn.is_person:
            # "Unidentified Analyst" is reported; "Speaker 3", "Operator", "Company Representative" are not
            if turn.label_kind != "unidentified":
                return None
            return self.finding(
                transcript,
                turn.header_line,
                f"{said}, but the turn is labelled '{turn.speaker}'.",
                turn.speaker,
                confidence=0.85,
                suggestion=f"Label the turn '{label}'.",
                related=related,
            )
        if _addressed(turn.speaker, announcement, transcript):
            return None  # "Bob, maybe you can start, and then hand over to Glen": Bob speaks next
        speaker = roster.find(turn.speaker)
        announced = roster.find(announcement.name)
        if _same(turn.speaker, announcement.name, transcript) or (speaker is not None and speaker is announced):
            return None
        if announcement.kind == "question" and speaker is not None and speaker.kind == "executive":
            return None  # management speaks before the questioner
        if turn.role and announcement.name.lower() in turn.role.lower():
            return None  # the announced "name" is the firm in the label
        if _resembles(turn.speaker, announcement.name, transcript):
            return None  # a misspelling, reported by speakers.near_miss / speakers.header_name
        if announcement.kind == "handover" and len(name_tokens(announcement.name, words)) < 2 and announced is None:
            confidence = 0.6  # a first name the call never spelt out: less sure who was meant
        else:
            confidence = 0.75
        return self.finding(
            transcript,
            turn.header_line,
            f"{said}, but the turn is labelled {turn.speaker}.",
            transcript.line_text(turn.header_line),
            confidence=confidence,
            suggestion=f"Check who speaks here; if it is {announcement.name}, label the turn '{label}'.",
            related=related,
        )


def _same(a: str, b: str, transcript: Transcript) -> bool:
    """One person written two ways: either name's words all name words of the other."""
    words = transcript.words
    ta, tb = name_tokens(a, words), name_tokens(b, words)
    for x, y in ((ta, tb), (tb, ta)):
        pairing = pair_names(x, y, 101.0, words)
        if pairing is not None and pairing.exact:
            return True
    return False


def _resembles(a: str, b: str, transcript: Transcript) -> bool:
    """Two names that differ only by close-sounding words (one a misspelling of the other)."""
    words = transcript.words
    ta, tb = name_tokens(a, words), name_tokens(b, words)
    return any(pair_names(x, y, 60.0, words, lenient=True) is not None for x, y in ((ta, tb), (tb, ta)))


def _addressed(label: str, announcement: Announcement, transcript: Transcript) -> bool:
    """The announcing sentence also names the labelled speaker, outside the announced name."""
    sentence = announcement.sentence.replace(announcement.name, " ")
    written = [w for w in label.split() if len(w) > 2 and w[:1].isupper()]
    return any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in written)
