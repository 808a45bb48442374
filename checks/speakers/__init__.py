"""Speaker checks: misspelt names, misattributed turns, announced questioners, titles and genders.

Every check reads the shared roster (`transcript.roster`, built in `auditor.roster`): speaker
headers, people introduced in the text and questioners the operator announced, with name-order
variants, initials and nicknames already resolved to one person. A name that only *resembles* a
roster name stays unresolved there; these checks decide whether that is worth an editor's time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript, Turn
from auditor.registry import Check
from auditor.roster import (
    Announcement,
    GenderEvidence,
    Mention,
    Person,
    Roster,
    close_tokens,
    is_interpreted,
    name_tokens,
)
from auditor.textutil import snippet

#: Labels of a questioner nobody identified; "Unidentified Company Representative" is the company.
_UNIDENTIFIED = re.compile(
    r"^(?:unidentified|unknown)\b(?!.*\b(?:company|corporate|executive|management|representative)\b)", re.IGNORECASE
)


def _turn_person(transcript: Transcript, turn: Turn) -> Person | None:
    """The roster person a turn is labelled as, or None for Operator / Unidentified labels."""
    return transcript.roster.find(turn.speaker) if turn.is_person else None


def _paragraph(transcript: Transcript, line: int) -> Paragraph | None:
    return transcript.paragraph_at(line)


def _reference_line(person: Person) -> int:
    """Where the roster spelling stands: the first header, else the first line naming the person."""
    return (person.header_lines or person.lines or [1])[0]


def _corrected(mention: Mention, person: Person) -> str:
    """The mention rewritten with the roster spelling: 'Mr. Zao' -> 'Mr. Zou'."""
    tokens = name_tokens(mention.name)
    words = mention.name.split()
    roster_words = person.name.split()
    fixed = []
    for word, token in zip(words, tokens, strict=False):
        exact = next((w for w in roster_words if name_tokens(w) == (token,)), None)
        close = next((w for w in roster_words if close_tokens(token, name_tokens(w)[0] if name_tokens(w) else "")), None)
        fixed.append(exact or close or word)
    name = " ".join(fixed) if len(fixed) == len(words) else person.name
    return f"{mention.honorific}. {name}" if mention.honorific else name


class NearMissName(Check):
    """A person's name that resembles exactly one name on the roster but matches nobody.

    Anti-pattern: "So allow me to translate Mr. Zao's answer" in a call whose roster has Zou Tao.
    Speech recognition gets person names wrong more often than any other word, and a misspelt
    executive's name in a published transcript misattributes what was said.

    Best practice: every participant is spelt as in the speaker headers. A name is compared with
    the roster (headers, people introduced, announced questioners) word by word; name-order
    variants, initials and nicknames count as the same person. Only a unique resemblance (close
    edit distance backed by equal phonetic keys) is reported, with the roster spelling as the
    suggestion. Error when the name is the turn's own speaker or an executive, else warning.
    Names that resemble nobody (a customer, a politician) are left alone.
    """

    id = "speakers.near_miss"
    title = "Misspelt participant name"
    severity = Severity.WARNING
    weight = 1.2
    groups = ("speakers", "names")

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        for mention in roster.mentions:
            self.stats["names checked"] += 1
            if mention.resolved:
                self.stats["names on roster"] += 1
                continue
            strict = mention.honorific is None and mention.kind == "context"
            target = roster.near_miss(mention.name, min_ratio=75.0 if strict else 60.0)
            if target is None:
                continue
            yield self._finding(transcript, mention, target)

    def _finding(self, transcript: Transcript, mention: Mention, target: Person) -> Finding:
        paragraph = _paragraph(transcript, mention.line)
        turn = transcript.turns[paragraph.turn] if paragraph is not None else None
        own = turn is not None and _turn_person(transcript, turn) is target
        harmful = own or target.kind == "executive"
        ref = _reference_line(target)
        where = "the speaker of this turn" if own else f"{target.kind} {target.name}"
        text = paragraph.text if paragraph is not None else transcript.line_text(mention.line)
        return self.finding(
            transcript,
            mention.line,
            f"'{mention.text}' matches nobody on the call but resembles {target.name} ({where}), "
            "probably a misspelling.",
            snippet(text, mention.start, mention.end, 70),
            severity=Severity.ERROR if harmful else Severity.WARNING,
            confidence=0.9 if mention.honorific or own else 0.75,
            suggestion=f"{_corrected(mention, target)} ({target.name}, as on line {ref})",
            related=[(ref, transcript.line_text(ref))],
        )


class ThirdPersonInOwnTurn(Check):
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

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        for mention in roster.mentions:
            if mention.speech_noun is None:
                continue
            paragraph = _paragraph(transcript, mention.line)
            if paragraph is None:
                continue
            turn = transcript.turns[paragraph.turn]
            speaker = _turn_person(transcript, turn)
            person = mention.person or roster.near_miss(mention.name)
            if speaker is None or person is not speaker:
                continue
            yield self._finding(transcript, mention, paragraph, turn)

    def _finding(self, transcript: Transcript, mention: Mention, paragraph: Paragraph, turn: Turn) -> Finding:
        marked = is_interpreted(paragraph.text) or any(is_interpreted(p.text) for p in turn.paragraphs[:1])
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


class AnnouncedSpeakerMismatch(Check):
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

    def run(self, transcript: Transcript) -> Iterator[Finding]:
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
            if not _UNIDENTIFIED.match(turn.speaker.strip()):
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
        if _resembles(turn.speaker, announcement.name):
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


def _resembles(a: str, b: str) -> bool:
    """Two names that share words or differ only by close-sounding words."""
    ta, tb = name_tokens(a), name_tokens(b)
    return any(x == y or close_tokens(x, y) for x in ta for y in tb)


class HeaderNameNearMiss(Check):
    """A speaker header whose name appears nowhere else and resembles another roster name.

    Anti-pattern: one turn labelled "Tomas Whitlok - Chief Financial Officer" in a call where the
    CFO is "Tomas Whitlock" in every other header and in the introduction. Readers and search
    tools then see two different people.

    Best practice: every header spells the speaker the same way. Only a header name used once,
    never mentioned in the text, and resembling exactly one better-attested roster name is reported.
    """

    id = "speakers.header_name"
    title = "Speaker header misspells a participant"
    severity = Severity.WARNING
    weight = 1.0
    groups = ("speakers", "names")

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        for person in roster.persons:
            if not person.is_header or len(person.header_lines) != 1 or person.lines != person.header_lines:
                continue
            target = roster.near_miss(person.name, exclude=person)
            if target is None or len(target.lines) < 2:
                continue
            line = person.header_lines[0]
            ref = _reference_line(target)
            yield self.finding(
                transcript,
                line,
                f"Header name '{person.name}' appears nowhere else and resembles {target.name}, "
                f"named on {len(target.lines)} other lines.",
                transcript.line_text(line),
                severity=Severity.ERROR if target.kind == "executive" and target.is_header else Severity.WARNING,
                confidence=0.8,
                suggestion=f"{target.name} (as on line {ref})",
                related=[(ref, transcript.line_text(ref))],
            )


# --- titles -----------------------------------------------------------------------------------

_ACRONYMS = {
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "coo": "chief operating officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "cso": "chief strategy officer",
    "cmo": "chief marketing officer",
    "cao": "chief accounting officer",
}
_QUALIFIERS = ("acting", "interim", "deputy", "co", "former", "incoming", "outgoing")
_C_ROLE = re.compile(r"(?:\b(?P<q>acting|interim|deputy|co|former|incoming|outgoing)[ -]+)?chief (?P<what>(?:\w+ ){1,3}?)officer\b")


def _c_roles(title: str) -> dict[str, str]:
    """C-suite roles of a title with their qualifier: 'Acting CEO' -> {'chief executive officer': 'acting'}."""
    text = title.lower()
    for short, long in _ACRONYMS.items():
        text = re.sub(rf"\b{short}\b", long, text)
    roles: dict[str, str] = {}
    for m in _C_ROLE.finditer(text):
        core = f"chief {m.group('what')}officer"
        roles[core] = m.group("q") or ""
    return roles


def _qualified(core: str, qualifier: str) -> str:
    return f"{qualifier} {core}".strip().title().replace("Co ", "Co-")


class TitleConflict(Check):
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

    def run(self, transcript: Transcript) -> Iterator[Finding]:
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
        for header_role, header_line in person.header_roles:
            header = _c_roles(header_role)
            if not header:
                continue
            for text_role, text_line in person.text_roles:
                text = _c_roles(text_role)
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


# --- gender -----------------------------------------------------------------------------------

_HONORIFIC_FOR = {"male": "Mr.", "female": "Ms."}


class GenderConflict(Check):
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

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for person in transcript.roster.persons:
            genders = {e.gender for e in person.genders}
            if len(genders) < 2:
                continue
            reference = _reference_gender(person.genders)
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
            suggestion = f"{_HONORIFIC_FOR[anchor.gender]} {name}"
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


def _reference_gender(evidence: list[GenderEvidence]) -> str:
    """Majority of honorifics, then of pronouns; on a tie, the earliest statement."""
    for source in ("honorific", "pronoun"):
        votes = Counter(e.gender for e in evidence if e.source == source)
        ranked = votes.most_common()
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        if ranked:
            return next(e.gender for e in evidence if e.source == source)
    return evidence[0].gender


CHECKS = (
    NearMissName,
    ThirdPersonInOwnTurn,
    AnnouncedSpeakerMismatch,
    HeaderNameNearMiss,
    TitleConflict,
    GenderConflict,
)
