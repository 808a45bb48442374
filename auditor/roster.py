"""The roster: every person of the call, where each was named, their roles and their gender.

It is part of the shared model (not of a check) because several checks need it: the speaker
check compares every name against it, and the translation check compares honorifics and
pronouns (Mr./Ms., 先生/女士) against the gender the English text gives each person.
Name-order variants ("Zou Tao" / "Tao Zou") are one person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.model import Transcript

FEMALE_HONORIFICS = frozenset({"ms", "mrs", "miss", "madam", "madame"})
MALE_HONORIFICS = frozenset({"mr", "sir"})
HONORIFIC_RE = re.compile(r"\b(?P<hon>Mr|Mrs|Ms|Miss|Madam|Dr|Prof)\.?\s+(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)")

_EXECUTIVE_ROLE = re.compile(
    r"chief|officer|\bceo\b|\bcfo\b|\bcoo\b|\bcto\b|president|chair|director|head|\bvp\b|vice|"
    r"founder|partner|manager|treasurer|controller|secretary|executive",
    re.IGNORECASE,
)
_ANALYST_ROLE = re.compile(r"analyst|research|securities|capital|investor(?! relations)", re.IGNORECASE)


def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-case name parts without honorifics or punctuation: 'Mr. Tao Zou' -> ('tao', 'zou')."""
    parts = re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", name.lower())
    return tuple(p for p in parts if p not in FEMALE_HONORIFICS | MALE_HONORIFICS | {"dr", "prof"})


@dataclass
class Person:
    """One participant (or a person introduced in the text) with the evidence about them."""

    name: str
    lines: list[int] = field(default_factory=list)
    roles: list[tuple[str, int]] = field(default_factory=list)
    kind: str = "participant"  # "executive" | "analyst" | "participant"
    firm: str | None = None
    is_header: bool = False
    gender: str | None = None  # "female" | "male" | None when the text does not say
    gender_evidence: list[tuple[int, str]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(name_tokens(self.name))

    @property
    def surname_candidates(self) -> frozenset[str]:
        """Tokens that may stand alone after an honorific ("Mr. Zou" for Zou Tao or Tao Zou)."""
        return self.tokens

    def matches(self, name: str) -> bool:
        """Same person: equal token sets (any order), or one token of the name after an honorific."""
        tokens = frozenset(name_tokens(name))
        if not tokens:
            return False
        if tokens == self.tokens or name.strip().lower() in self.aliases:
            return True
        return len(tokens) == 1 and tokens <= self.tokens


@dataclass
class Roster:
    persons: list[Person] = field(default_factory=list)

    def find(self, name: str) -> Person | None:
        """The unique person `name` refers to, or None when it names nobody or several people."""
        hits = [p for p in self.persons if p.matches(name)]
        if len(hits) == 1:
            return hits[0]
        exact = [p for p in hits if frozenset(name_tokens(name)) == p.tokens]
        return exact[0] if len(exact) == 1 else None

    def add(self, name: str, line: int, role: str | None = None, *, header: bool = False) -> Person:
        person = next((p for p in self.persons if p.tokens == frozenset(name_tokens(name))), None)
        if person is None:
            person = Person(name=name)
            self.persons.append(person)
        if line not in person.lines:
            person.lines.append(line)
        if role:
            person.roles.append((role, line))
            if _ANALYST_ROLE.search(role) and not _EXECUTIVE_ROLE.search(role):
                person.kind = "analyst"
            elif _EXECUTIVE_ROLE.search(role) and person.kind != "analyst":
                person.kind = "executive"
        person.is_header = person.is_header or header
        return person


def build_roster(transcript: Transcript) -> Roster:
    """Speaker headers first (they are the reference spellings), then honorific mentions for gender."""
    roster = Roster()
    for turn in transcript.turns:
        if turn.is_person:
            roster.add(turn.speaker, turn.header_line, turn.role, header=True)
    _collect_gender(transcript, roster)
    return roster


def _collect_gender(transcript: Transcript, roster: Roster) -> None:
    votes: dict[int, dict[str, list[tuple[int, str]]]] = {}
    for paragraph in transcript.paragraphs:
        for m in HONORIFIC_RE.finditer(paragraph.text):
            hon = m.group("hon").lower()
            gender = "female" if hon in FEMALE_HONORIFICS else "male" if hon in MALE_HONORIFICS else None
            if gender is None:
                continue
            person = roster.find(m.group("name"))
            if person is None:
                first = m.group("name").split()[0]
                person = roster.find(first)
            if person is None:
                continue
            votes.setdefault(id(person), {}).setdefault(gender, []).append((paragraph.line, m.group(0)))
    for person in roster.persons:
        by_gender = votes.get(id(person), {})
        if not by_gender:
            continue
        person.gender_evidence = sorted(e for evidence in by_gender.values() for e in evidence)
        if len(by_gender) == 1:
            person.gender = next(iter(by_gender))
