"""The roster: every person of the call, where each was named, their roles and their gender.

It is part of the shared model (not of a check) because several checks need it: the speaker
checks compare every name against it, and the translation check compares honorifics and
pronouns (Mr./Ms., 先生/女士) against the gender the English text gives each person.

Sources, in order of authority: speaker headers (the reference spellings), then people the text
introduces ("our CFO, Ms. Shen Lixia", "Priya Ramaswamy, Head of Investor Relations"), then
questioners the operator announces ("Our next question comes from Helen Cho with Northgate
Capital", "[Fang Ruo, Jade Bay Capital]", "Kevin Lau, Harbourview Securities."). Every other
person-like mention (after an honorific, in "Thanks, Kathy", "As Ingrid mentioned") is resolved
against the roster and kept in `Roster.mentions`, resolved or not, for the checks to judge.

Name-order variants ("Zou Tao" / "Tao Zou"), initials ("T. Whitlock") and common nicknames
("Kathy" / "Katherine") are the same person. A spelling that is merely close to a roster name
("Mr. Zao" for Zou Tao) is NOT merged: it stays an unresolved mention, and `Roster.near_miss`
says which person it resembles. The rules for names are in `auditor.names`, the patterns the text is
read with in `auditor.mentions`, their words in `auditor/data/people.toml` and `speakers.toml`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from auditor.mentions import mention_patterns
from auditor.names import align, honorific_gender, name_tokens
from auditor.words import Words, default_words

if TYPE_CHECKING:
    from auditor.model import Paragraph, Transcript, Turn

__all__ = [
    "Announcement", "GenderEvidence", "Mention", "Person", "Roster", "build_roster", "c_suite_roles",
    "decide_gender", "is_interpreted", "name_tokens",
]


@dataclass(frozen=True)
class GenderEvidence:
    """One place the English text gives a person a gender: an honorific or a pronoun."""

    line: int
    text: str
    gender: str  # "female" | "male"
    source: str  # "honorific" | "pronoun"


@dataclass
class Mention:
    """A person-like name in the English text and what it resolved to."""

    line: int
    start: int
    end: int
    name: str  # the name as written, without honorific
    text: str  # the mention as written, with honorific
    kind: str  # "intro" | "announcement" | "honorific" | "context"
    honorific: str | None = None
    person: Person | None = None
    speech_noun: str | None = None  # "answer" in "Ms. Sulberg's answer": a third-person reference
    #: Followed by an affiliation ("Mr. Wang from the city government"): maybe an outsider namesake.
    affiliated: bool = False

    @property
    def resolved(self) -> bool:
        return self.person is not None


@dataclass(frozen=True)
class Announcement:
    """An operator announcing a questioner: who, from which firm, and in which turn."""

    line: int
    name: str
    firm: str | None
    turn: int
    text: str


@dataclass(eq=False)
class Person:
    """One participant (or a person introduced in the text) with the evidence about them."""

    name: str
    lines: list[int] = field(default_factory=list)
    roles: list[tuple[str, int]] = field(default_factory=list)
    kind: str = "participant"  # "executive" | "analyst" | "participant"
    firm: str | None = None
    is_header: bool = False
    gender: str | None = None  # "female" | "male" | None when the text does not say (or contradicts itself)
    gender_evidence: list[tuple[int, str]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    #: Roles as stated by the speaker headers (label) versus the text (introduction), with lines.
    header_roles: list[tuple[str, int]] = field(default_factory=list)
    text_roles: list[tuple[str, int]] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)
    genders: list[GenderEvidence] = field(default_factory=list)
    #: The C-suite roles of each of the person's titles ("Acting CEO" -> {"chief executive officer":
    #: "acting"}), parsed once when the title is recorded.
    c_suite: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The vocabulary names are compared with (nicknames, honorifics).
    words: Words = field(default_factory=default_words, repr=False)

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(self.ordered_tokens)

    @property
    def ordered_tokens(self) -> tuple[str, ...]:
        return name_tokens(self.name, self.words)

    def matches(self, name: str) -> bool:
        """Same person: the same words in any order, with initials, nicknames or a single name word."""
        if name.strip().lower() in self.aliases:
            return True
        return align(name_tokens(name, self.words), self.ordered_tokens, 101.0, self.words) == "exact"


@dataclass
class Roster:
    persons: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    #: The vocabulary of the transcript the roster was read from.
    words: Words = field(default_factory=default_words, repr=False, compare=False)

    def find(self, name: str) -> Person | None:
        """The unique person `name` refers to, or None when it names nobody or several people."""
        hits = [p for p in self.persons if p.matches(name)]
        if len(hits) == 1:
            return hits[0]
        tokens = frozenset(name_tokens(name, self.words))
        exact = [p for p in hits if tokens == p.tokens]
        return exact[0] if len(exact) == 1 else None

    def near_miss(self, name: str, *, min_ratio: float = 60.0, exclude: Person | None = None) -> Person | None:
        """The one person `name` resembles without naming anybody ("Zao" -> Zou Tao), else None.

        None when the name names somebody exactly, resembles several people, or nobody.
        """
        tokens = name_tokens(name, self.words)
        if not tokens:
            return None
        others = [p for p in self.persons if p is not exclude]
        if any(align(tokens, p.ordered_tokens, 101.0, self.words) == "exact" for p in others):
            return None
        near = [p for p in others if align(tokens, p.ordered_tokens, min_ratio, self.words) == "near"]
        if len(near) != 1:
            return None
        if len(tokens) > 1 and fuzz.token_sort_ratio(" ".join(tokens), " ".join(near[0].ordered_tokens)) < 70:
            return None
        return near[0]

    def add(self, name: str, line: int, role: str | None = None, *, header: bool = False) -> Person:
        person = next((p for p in self.persons if p.tokens == frozenset(name_tokens(name, self.words))), None)
        if person is None and not header:
            person = self.find(name)
        if person is None:
            person = Person(name=name, words=self.words)
            self.persons.append(person)
        if line not in person.lines:
            person.lines.append(line)
            person.lines.sort()
        if role:
            person.roles.append((role, line))
            (person.header_roles if header else person.text_roles).append((role, line))
            if role not in person.c_suite:
                person.c_suite[role] = c_suite_roles(role, self.words)
            _classify(person, role, self.words)
        if header and line not in person.header_lines:
            person.header_lines.append(line)
        person.is_header = person.is_header or header
        return person


def c_suite_roles(title: str, words: Words | None = None) -> dict[str, str]:
    """C-suite roles of a title with their qualifier: 'Acting CEO' -> {'chief executive officer': 'acting'}.

    Abbreviations are expanded first, so "CFO" in an introduction and "Chief Financial Officer" in
    a label are the same role.
    """
    patterns = mention_patterns(words or default_words())
    text = title.lower()
    for short, long in patterns.c_suite_abbreviations.items():
        text = re.sub(rf"\b{re.escape(short)}\b", long, text)
    roles: dict[str, str] = {}
    for m in patterns.c_suite.finditer(text):
        core = f"chief {m.group('what')}officer"
        roles[core] = m.group("q") or ""
    return roles


def _classify(person: Person, role: str, words: Words) -> None:
    """Analyst when the role says so (firms, 'Analyst'), executive for officer titles."""
    patterns = mention_patterns(words)
    analyst, executive = patterns.analyst_role, patterns.executive_role
    if analyst.search(role) and not executive.search(role):
        person.kind = "analyst"
    elif executive.search(role) and person.kind != "analyst":
        person.kind = "executive"
    if " - " in role and person.firm is None:
        parts = [p.strip() for p in role.split(" - ") if p.strip()]
        if len(parts) >= 2 and analyst.search(parts[-1]):
            person.firm = parts[0]


def is_interpreted(text: str, words: Words | None = None) -> bool:
    """The text marks itself as an interpreter's rendering ("(interpreted)")."""
    return mention_patterns(words or default_words()).interpreted.search(text) is not None


def _plausible_name(name: str, words: Words) -> bool:
    """A run of capitalised words that can be a person's name (not "Thank You" or "Operator")."""
    patterns = mention_patterns(words)
    tokens = name_tokens(name, words)
    return bool(tokens) and not any(w in patterns.not_names or w in patterns.address_titles for w in tokens)


def _title_ok(title: str, words: Words) -> bool:
    return (
        bool(mention_patterns(words).role_in_title.search(title))
        and title.split()[-1][:1].isupper()
        and len(title.split()) <= 12
    )


def build_roster(transcript: Transcript) -> Roster:
    """Headers first (reference spellings), then introductions and announcements, then mentions."""
    roster = Roster(words=transcript.words)
    for turn in transcript.turns:
        if turn.is_person:
            for line in turn.header_lines[:1] or (turn.header_line,):
                roster.add(turn.speaker, line, turn.role, header=True)
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            _collect_introductions(roster, paragraph)
            if turn.label_kind == "operator":
                _collect_announcements(roster, paragraph, turn)
    for paragraph in transcript.paragraphs:
        _collect_mentions(roster, paragraph)
    roster.mentions.sort(key=lambda m: (m.line, m.start))
    for mention in roster.mentions:
        if mention.person is not None and mention.line not in mention.person.lines:
            mention.person.lines.append(mention.line)
            mention.person.lines.sort()
    _collect_gender(transcript, roster)
    return roster


def _record(roster: Roster, paragraph: Paragraph, m: re.Match[str], kind: str, hon: str | None = None) -> Mention | None:
    """Resolve one name occurrence and keep it; None when it is no plausible name or already recorded."""
    start, end = m.start("name"), m.end("name")
    if any(x.line == paragraph.line and x.start == start for x in roster.mentions):
        return None
    name = m.group("name")
    if not _plausible_name(name, roster.words):
        return None
    person = roster.find(name)
    if person is None and len(name_tokens(name, roster.words)) > 1:
        # "Mr. Guo Mingyuan Thanks" style over-capture: fall back to the longest known prefix
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            person = roster.find(" ".join(words[:cut]))
            if person is not None:
                name, end = " ".join(words[:cut]), start + len(" ".join(words[:cut]))
                break
    text_start = start
    for group in ("hon", "hon2"):
        if hon and group in m.re.groupindex and m.start(group) >= 0:
            text_start = m.start(group)
    mention = Mention(
        line=paragraph.line,
        start=start,
        end=end,
        name=name,
        text=paragraph.text[text_start:end],
        kind=kind,
        honorific=hon,
        person=person,
        speech_noun=_speech_noun(paragraph.text, text_start, end, roster.words),
        affiliated=mention_patterns(roster.words).affiliation.match(paragraph.text[end:]) is not None,
    )
    roster.mentions.append(mention)
    return mention


def _speech_noun(text: str, start: int, end: int, words: Words) -> str | None:
    """'answer' when the mention is a third-person reference to someone's speech."""
    patterns = mention_patterns(words)
    after = patterns.speech_noun.match(text[end:])
    if after:
        return after.group("noun")
    if patterns.speech_prefix.search(text[max(0, start - 40) : start]):
        return "behalf"
    return None


def _collect_introductions(roster: Roster, paragraph: Paragraph) -> None:
    patterns = mention_patterns(roster.words)
    for regex in (patterns.intro_title_name, patterns.intro_name_title):
        for m in regex.finditer(paragraph.text):
            title = m.group("title").strip()
            if not _title_ok(title, roster.words):
                continue
            hon = m.group("hon") or (m.groupdict().get("hon2"))
            name = m.group("name")
            if not _plausible_name(name, roster.words):
                continue
            if roster.find(name) is None and len(name_tokens(name, roster.words)) < 2:
                continue  # "our CFO, Ms. Shen" names nobody new: a single word is no introduction
            if roster.find(name) is None and roster.near_miss(name) is not None:
                _record(roster, paragraph, m, "intro", hon)
                continue
            person = roster.add(name, paragraph.line, title)
            mention = _record(roster, paragraph, m, "intro", hon)
            if mention is not None:
                mention.person = person


def _collect_announcements(roster: Roster, paragraph: Paragraph, turn: Turn) -> None:
    for regex in mention_patterns(roster.words).announcements:
        for m in regex.finditer(paragraph.text):
            name = m.group("name")
            if not _plausible_name(name, roster.words) or len(name_tokens(name, roster.words)) < 2:
                continue
            firm = (m.group("firm") or "").strip().rstrip(".") or None
            roster.announcements.append(Announcement(paragraph.line, name, firm, turn.index, m.group(0)))
            if roster.find(name) is None and roster.near_miss(name) is not None:
                _record(roster, paragraph, m, "announcement")
                continue
            person = roster.add(name, paragraph.line)
            if person.kind == "participant":
                person.kind = "analyst"
            if firm and person.firm is None:
                person.firm = firm
            mention = _record(roster, paragraph, m, "announcement")
            if mention is not None:
                mention.person = person
    roster.announcements.sort(key=lambda a: (a.line, a.name))


def _collect_mentions(roster: Roster, paragraph: Paragraph) -> None:
    patterns = mention_patterns(roster.words)
    for m in patterns.honorific.finditer(paragraph.text):
        tokens = name_tokens(m.group("name"), roster.words)
        if tokens[:1] and tokens[0] in patterns.address_titles:
            continue
        _record(roster, paragraph, m, "honorific", m.group("hon"))
    for regex in patterns.contexts:
        for m in regex.finditer(paragraph.text):
            _record(roster, paragraph, m, "context")


def _collect_gender(transcript: Transcript, roster: Roster) -> None:
    """Gender evidence: honorifics of resolved mentions, and pronouns that can only mean one person."""
    by_line: dict[int, list[Mention]] = {}
    for mention in roster.mentions:
        by_line.setdefault(mention.line, []).append(mention)
        if mention.person is not None and mention.honorific and _attributable(mention, roster.words):
            gender = honorific_gender(mention.honorific, roster.words)
            if gender:
                mention.person.genders.append(GenderEvidence(mention.line, mention.text, gender, "honorific"))
    for paragraph in transcript.paragraphs:
        _pronoun_evidence(paragraph, by_line.get(paragraph.line, []), roster.words)
    for person in roster.persons:
        person.genders.sort(key=lambda e: (e.line, e.text))
        person.gender_evidence = [(e.line, e.text) for e in person.genders]
        person.gender = decide_gender(person.genders)


def _pronoun_evidence(paragraph: Paragraph, mentions: list[Mention], words: Words) -> None:
    """A pronoun after the only person named in its sentence, or opening the next sentence."""
    patterns = mention_patterns(words)
    sentences = paragraph.sentences
    for i, sentence in enumerate(sentences):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        mention = inside[0] if len(inside) == 1 else None
        person = mention.person if mention is not None else None
        if mention is None or person is None or not _attributable(mention, words):
            continue
        if paragraph.speaker and person.matches(paragraph.speaker):
            continue  # a speaker naming themselves: pronouns around it are about someone else
        tail = paragraph.text[mention.end : sentence.end]
        found = {g for g, rx in patterns.pronouns.items() if rx.search(tail)}
        if i + 1 < len(sentences) and not any(sentences[i + 1].start <= m.start < sentences[i + 1].end for m in mentions):
            lead = patterns.leading_pronoun.match(sentences[i + 1].text)
            if lead:
                found.add("male" if lead.group("p").lower() in patterns.male_pronouns else "female")
        if len(found) == 1:
            gender = next(iter(found))
            evidence = paragraph.text[mention.start : min(sentence.end + 60, len(paragraph.text))].strip()
            person.genders.append(GenderEvidence(paragraph.line, evidence[:160], gender, "pronoun"))


def _attributable(mention: Mention, words: Words) -> bool:
    """Gender evidence needs a sure identity: a full name, or a surname of someone who speaks.

    "Mr. Wang from the city government" must not give a gender to analyst Bin Wang, who is only
    announced; a lone surname is trusted for participants with a speaker header or introduced
    with a title.
    """
    person = mention.person
    if person is None or (mention.affiliated and mention.kind == "honorific"):
        return False
    return len(name_tokens(mention.name, words)) > 1 or person.is_header or bool(person.text_roles)


def decide_gender(evidence: Sequence[GenderEvidence], *, reference: bool = False) -> str | None:
    """The gender the English text gives a person; honorifics outrank pronouns.

    Why one function: the roster's `Person.gender` (which the translation checks hold 先生/女士
    against) and the gender against which `speakers.gender_conflict` reports a contradiction must
    be one decision. The strongest source present decides by strict majority:

    - `Person.gender` (the default) stays None when the honorifics are evenly divided, or when
      pronouns (weaker evidence, used only without honorifics) disagree at all;
    - with `reference=True` a gender is always named, as the anchor a contradiction is reported
      against: on a tie, the source's earliest statement.
    """
    for source in ("honorific", "pronoun"):
        stated = [e for e in evidence if e.source == source]
        if not stated:
            continue
        ranked = Counter(e.gender for e in stated).most_common()
        majority = len(ranked) == 1 or ranked[0][1] > ranked[1][1]
        if len(ranked) == 1 or (majority and (reference or source == "honorific")):
            return ranked[0][0]
        return stated[0].gender if reference else None
    return evidence[0].gender if reference and evidence else None
