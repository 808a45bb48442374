"""The people of a call and how a written name is looked up among them.

Why a module of its own: `auditor.roster` reads the roster from the text (headers, introductions,
announcements, mentions); this module is what it reads into - the persons, the mentions and
announcements found, and the two lookups every name goes through: `Roster.find` (the person a
name names) and `Roster.resemble` (the one person a name that names nobody resembles, and which
part of it differs). The speaker checks judge the result; the rules for names themselves are in
`auditor.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from auditor.mentions import mention_patterns
from auditor.names import Pairing, align, name_tokens, pair_names, surname_positions
from auditor.person_index import PersonIndex
from auditor.words import Words, default_words

__all__ = ["Announcement", "GenderEvidence", "Mention", "NearMiss", "Person", "Roster", "c_suite_roles"]


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
    #: "intro" | "announcement" | "honorific" | "title" ("Chairman Hartley") | "context" ("Thanks,
    #: Kathy") | "name" (a full name anywhere in the text)
    kind: str
    honorific: str | None = None
    person: Person | None = None
    speech_noun: str | None = None  # "answer" in "Ms. Sulberg's answer": a third-person reference
    #: Followed by an affiliation ("Mr. Wang from the city government"): maybe an outsider namesake.
    affiliated: bool = False

    @property
    def resolved(self) -> bool:
        return self.person is not None

    @property
    def addressed(self) -> bool:
        """Written after an honorific or a title: a lone word is then a surname ("Ms. Osei")."""
        return self.honorific is not None or self.kind == "title"


@dataclass(frozen=True)
class Announcement:
    """A turn saying who speaks next (or, for "self", who is speaking): who, from which firm, where.

    `kind`: "question" (a questioner announced: management may answer first), "handover" (the
    floor given to a named person), "self" ("Hi, this is Helen Cho": the turn's own speaker).
    `placed`: the announcement closes its turn (question, handover) or opens it (self), so the
    turn it speaks of is known. `stand_in`: that turn opens with a colleague standing in ("Hi,
    it's Dan on for Helen", "this is Dan for Helen"), or the announcement says so. `sentence`:
    the sentence the announcement stands in ("Bob, maybe you can start and then hand over to
    Glen" names Bob too).
    """

    line: int
    name: str
    firm: str | None
    turn: int
    text: str
    kind: str = "question"
    placed: bool = True
    stand_in: bool = False
    sentence: str = ""
    #: where the announced name starts in its line: the order of several announcements in one paragraph
    offset: int = 0


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

    def written(self, position: int) -> str:
        """The person's name word at token `position` as written ("A.J." for both of 'a', 'j')."""
        at = 0
        for word in self.name.split():
            count = len(name_tokens(word, self.words))
            if at <= position < at + count:
                return word.strip(",")
            at += count
        return self.name.split()[-1]


@dataclass(frozen=True)
class NearMiss:
    """A written name that names nobody but resembles one person, and which part of it differs.

    `part`: "surname" (the surname is a letter or two off: "Ms. Kovecs", "Maria Kovecs" for Maria
    Kovacs), "given" (only the given name: "Chao Lu" for Chau Lu), "both", or "single" (one word
    without honorific, a first name as often as a surname: "Thanks, Roberta").
    """

    person: Person
    part: str
    pairing: Pairing

    @property
    def edits(self) -> int:
        return self.pairing.edits

    @property
    def given_same(self) -> bool:
        """A given name is written and is the person's ("Maria" in "Maria Kovecs")."""
        surnames = surname_positions(self.person.ordered_tokens, self.person.words)
        return self.pairing.whole_words > 1 and bool(self.pairing.same - surnames)


@dataclass
class Roster:
    persons: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    #: Where each capitalised word of the English text stands (lower case -> (line, start, end)):
    #: how often a spelling of a name is attested, and where.
    spellings: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict, repr=False)
    #: The vocabulary of the transcript the roster was read from.
    words: Words = field(default_factory=default_words, repr=False, compare=False)
    #: The persons by name word: a lookup aligns a name with the few persons it can name, not all.
    _index: PersonIndex = field(default_factory=PersonIndex, init=False, repr=False, compare=False)

    def find(self, name: str) -> Person | None:
        """The unique person `name` refers to, or None when it names nobody or several people."""
        self._index.sync(self.persons)
        hits = [p for p in self._index.named(name) if p.matches(name)]
        if len(hits) == 1:
            return hits[0]
        tokens = frozenset(name_tokens(name, self.words))
        exact = [p for p in hits if tokens == p.tokens]
        return exact[0] if len(exact) == 1 else None

    def names_part(self, tokens: tuple[str, ...]) -> bool:
        """Some word of the name (lower-case name tokens) names a word of some person exactly
        (`same_token`: equal, hyphen part, nickname, initial): no `resemble` hit can have a
        `given_same` otherwise."""
        self._index.sync(self.persons)
        return any(len(t) == 1 or self._index.keyed(t, self.words) for t in tokens)

    def resemble(
        self, name: str, *, addressed: bool = True, min_ratio: float = 60.0, exclude: Person | None = None
    ) -> NearMiss | None:
        """The one person `name` resembles without naming anybody, and how; else None.

        Surnames are compared with surnames: a lone word after an honorific or title ("Mr. Klein")
        resembles a person only through their surname, never their given name ("Glen"). A lone
        word without one (`addressed=False`, "Thanks, Roberta") may be either. A written name that
        names somebody exactly, or resembles several people, resembles nobody.
        """
        tokens = name_tokens(name, self.words)
        if not tokens:
            return None
        self._index.sync(self.persons)
        if any(p.matches(name) for p in self._index.named(name) if p is not exclude):
            return None
        whole = sum(1 for t in tokens if len(t) > 1)
        lenient = addressed or whole > 1 or whole < len(tokens)  # an initial before a word addresses it too
        hits: list[NearMiss] = []
        for person in self._index.resembling(tokens, self.words, min_ratio, lenient):
            if person is exclude:
                continue
            pairing = pair_names(tokens, person.ordered_tokens, min_ratio, self.words, lenient=lenient)
            if pairing is None or pairing.exact:
                continue
            surnames = surname_positions(person.ordered_tokens, self.words)
            if pairing.whole_words == 1 and not lenient:
                part = "single"
            elif pairing.whole_words == 1:
                if not pairing.near <= surnames:
                    continue  # "Mr. Klein" is no misspelling of Glen: surnames match surnames
                part = "surname"
            elif pairing.near <= surnames:
                part = "surname"
            elif not pairing.near & surnames:
                part = "given"
            else:
                part = "both"
            hits.append(NearMiss(person, part, pairing))
        if len(hits) != 1:
            return None
        hit = hits[0]
        if hit.part == "both" and fuzz.token_sort_ratio(" ".join(tokens), " ".join(hit.person.ordered_tokens)) < 70:
            return None
        return hit

    def reference(self, hit: NearMiss) -> bool:
        """Whether the person's spelling is the reference one against a name that resembles it.

        A speaker header is the reference; otherwise the spelling written on more lines, and on
        a tie the one written first. "Tsang" introduced on line 2 and "Tssang" on line 40 make
        "Tssang" the misspelling, whichever of the two the roster met first.
        """
        if hit.person.is_header or not hit.pairing.near_words:
            return True
        written, position = hit.pairing.near_words[0]
        mine = [line for line, _, _ in self.spellings.get(written, [])]
        theirs = [line for line, _, _ in self.spellings.get(hit.person.ordered_tokens[position], [])]
        if not mine or not theirs:
            return True
        return len(set(theirs)) > len(set(mine)) or (len(set(theirs)) == len(set(mine)) and theirs[0] <= mine[0])

    def near_miss(self, name: str, *, min_ratio: float = 60.0, exclude: Person | None = None) -> Person | None:
        """The one person `name` resembles without naming anybody ("Zao" -> Zou Tao), else None."""
        hit = self.resemble(name, min_ratio=min_ratio, exclude=exclude)
        return hit.person if hit is not None else None

    def add(self, name: str, line: int, role: str | None = None, *, header: bool = False) -> Person:
        self._index.sync(self.persons)
        person = self._index.spelt(frozenset(name_tokens(name, self.words)))
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

    def holder(self, title: str) -> Person | None:
        """The one person whose title includes the C-suite role(s) of `title` ("our CFO"), else None."""
        wanted = set(c_suite_roles(title, self.words))
        if not wanted:
            return None
        hits = [p for p in self.persons if any(wanted <= set(roles) for roles in p.c_suite.values())]
        return hits[0] if len(hits) == 1 else None


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
