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
says which person it resembles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import jellyfish
from rapidfuzz import fuzz

if TYPE_CHECKING:
    from auditor.model import Paragraph, Transcript, Turn

FEMALE_HONORIFICS = frozenset({"ms", "mrs", "miss", "madam", "madame"})
MALE_HONORIFICS = frozenset({"mr", "sir"})
_TITLE_WORDS = frozenset(
    {"chairman", "chairwoman", "chair", "president", "speaker", "secretary", "ambassador", "minister",
     "governor", "mayor", "senator", "director", "operator"}
)

#: One name word: "Zou", "O'Brien", "Jean-Luc", "McDonald", or an initial "T.".
_TOK = r"(?:[A-Z]\.|[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)*(?:[A-Z][a-z]+)?)"
_NAME = rf"{_TOK}(?:[ \t]+{_TOK}){{0,2}}"
_HON = r"(?:Mrs|Mr|Ms|Miss|Madam|Madame|Dr|Prof)"
HONORIFIC_RE = re.compile(rf"\b(?P<hon>{_HON})\b\.?[ \t]+(?P<name>{_NAME})")
_NOT_HON = rf"(?!{_HON}\b)"

#: Words that start a capitalised run but are not names ("Thank you, Operator", "As Chairman ...").
_STOP_WORDS = frozenset(
    {"operator", "everyone", "everybody", "all", "again", "so", "very", "and", "the", "our", "we", "you",
     "management", "team", "guys", "sir", "madam", "okay", "ok", "yes", "no", "good", "great", "hello",
     "hi", "thank", "thanks", "ladies", "gentlemen", "folks", "both", "much", "for", "i", "it", "this",
     "that", "a", "an", "in", "on", "of", "with", "with that", "now", "then", "well", "next", "please"}
)

#: Person-referring contexts without an honorific; each captures `name`.
_CONTEXT_RES = (
    re.compile(rf"\b(?:[Tt]hank you|[Tt]hanks)(?: (?:so|very) much)?,[ \t]+{_NOT_HON}(?P<name>{_NAME})\b"),
    re.compile(
        rf"\b[Aa]s[ \t]+{_NOT_HON}(?P<name>{_NAME})[ \t]+(?:just[ \t]+|already[ \t]+)?(?:has[ \t]+|had[ \t]+)?"
        r"(?:mentioned|said|noted|explained|highlighted|pointed out|indicated|described|discussed|stated)\b"
    ),
    re.compile(
        r"\b(?:turn|hand|pass)(?:ing)?[ \t]+(?:it[ \t]+|the[ \t]+(?:call|conference|floor|line|mic|microphone)[ \t]+)?"
        r"(?:back[ \t]+|over[ \t]+)*to[ \t]+(?:(?:our|your)[ \t][\w ,]{0,60}?,[ \t]+)?"
        rf"{_NOT_HON}(?P<name>{_NAME})"
    ),
    re.compile(rf"(?<![\w.])(?P<name>{_NAME})['’]s[ \t]+(?:answer|response|reply|remarks|comments|question)"),
)

#: What follows a mention that makes it a third-person reference to someone's speech.
SPEECH_NOUN_RE = re.compile(
    r"^['’]s[ \t]+(?:(?:first|second|third|last|previous|earlier|prepared|opening|closing|brief)[ \t]+)?"
    r"(?P<noun>answers?|responses?|repl(?:y|ies)|remarks|comments|questions?|words|explanation|presentation)\b"
)
SPEECH_PREFIX_RE = re.compile(
    r"(?:on behalf of|translat\w* (?:briefly |quickly )?for|interpret\w* for)[ \t]+$", re.IGNORECASE
)

_ROLE_WORD = (
    r"(?:Chief|Officer|CEO|CFO|COO|CTO|CIO|CSO|President|Chairman|Chairwoman|Chair|Director|Head|VP|SVP|EVP|"
    r"Vice|Founder|Partner|Treasurer|Controller|Secretary|Manager|Executive|Investor|Relations|IR|General|"
    r"Counsel|Analyst|Strategy)"
)
_TITLE = r"(?:[A-Z][\w&\-]*|of|and|the|&)(?:[ \t]+(?:[A-Z][\w&\-]*|of|and|the|&))*"
#: "our Vice Chairman and CEO, Mr. Tao Zou", "the CFO, Yi Li", "our CFO Ms. Shen".
_INTRO_TITLE_NAME = re.compile(
    r"\b(?:our|the|my)[ \t]+(?:company['’]s[ \t]+)?(?:new[ \t]+)?(?P<title>" + _TITLE + r")"
    rf"(?:,[ \t]+(?:(?P<hon>{_HON})\.?[ \t]+)?|[ \t]+(?P<hon2>{_HON})\.?[ \t]+)(?P<name>{_NAME})"
)
#: "Priya Ramaswamy, Head of Investor Relations", "Grace Tan, our Investor Relations Director".
_INTRO_NAME_TITLE = re.compile(
    rf"(?:^|(?<=[ \t(]))(?:(?P<hon>{_HON})\.?[ \t]+)?(?P<name>{_NAME}),[ \t]+(?:our[ \t]+|the[ \t]+)?(?P<title>"
    + _TITLE + r")"
)
_ROLE_IN_TITLE = re.compile(rf"\b{_ROLE_WORD}\b")
_FIRM = r"[A-Z][\w&.'’\-]*(?:[ \t]+(?:[A-Z][\w&.'’\-]*|&|of|and|de))*"
#: Operator announcements of a questioner.
_ANNOUNCE_RES = (
    re.compile(
        r"\bquestions?[ \t]+(?:today[ \t]+)?(?:comes?|is[ \t]+coming|will[ \t]+come|is|will[ \t]+be)[ \t]+from[ \t]+"
        rf"(?:the[ \t]+line[ \t]+of[ \t]+)?(?P<name>{_NAME})(?:[ \t]+(?:with|from|of|at)[ \t]+(?P<firm>{_FIRM}))?"
    ),
    re.compile(
        r"\b(?:we have|we'll go to|we will go to|we go to|goes to)[ \t]+(?:the[ \t]+line[ \t]+of[ \t]+)?"
        rf"(?P<name>{_NAME})[ \t]+(?:with|from|of|at)[ \t]+(?P<firm>{_FIRM})"
    ),
    re.compile(rf"\[(?P<name>{_NAME}),[ \t]*(?P<firm>[^\]\[]{{2,80}})\]"),
    re.compile(
        rf"^(?:\((?:Operator Instructions|Operator instructions)\)[ \t]*)?(?P<name>{_NAME})"
        rf"(?:,|[ \t]+(?:from|with|of|at))[ \t]+(?P<firm>{_FIRM})\.?$"
    ),
)
#: Lower-case only: "He" capitalised mid-sentence is a surname ("Mr. He").
_PRONOUNS = {
    "male": re.compile(r"\b(?:he|him|his|himself)\b"),
    "female": re.compile(r"\b(?:she|her|hers|herself)\b"),
}
#: A sentence opening with a pronoun followed by a lower-case word ("He joined", not "He Jianguo").
_LEADING_PRONOUN = re.compile(r"^\s*(?P<p>He|She|His|Her)[ \t]+[a-z]")
_AFFILIATION_RE = re.compile(r"^,?[ \t]+(?:(?:of|from|at)[ \t]+(?:the[ \t]+)?\w|with[ \t]+(?:the[ \t]+)?[A-Z])")
_INTERPRETED_RE = re.compile(r"\((?:interpreted|interpretation|translated)\)|\binterpreter\b", re.IGNORECASE)
_OPERATOR_LABELS = frozenset({"operator", "moderator", "coordinator", "host", "conference operator"})

_EXECUTIVE_ROLE = re.compile(
    r"chief|officer|\bceo\b|\bcfo\b|\bcoo\b|\bcto\b|president|chair|director|head|\bvp\b|vice|"
    r"founder|partner|manager|treasurer|controller|secretary|executive|investor relations|\bir\b",
    re.IGNORECASE,
)
_ANALYST_ROLE = re.compile(r"analyst|research|securities|capital|investor(?! relations)", re.IGNORECASE)

#: Groups of given names that are the same name (nickname, short form, common spelling variant).
_NICKNAME_GROUPS = (
    ("katherine", "catherine", "kathryn", "kathy", "cathy", "kate", "katie", "kat", "cat"),
    ("william", "bill", "billy", "will", "willie", "liam"),
    ("elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby"),
    ("robert", "rob", "robbie", "bob", "bobby", "bert"),
    ("michael", "mike", "mikey", "mick"),
    ("james", "jim", "jimmy", "jamie"),
    ("thomas", "tomas", "tom", "tommy"),
    ("daniel", "dan", "danny"),
    ("david", "dave", "davey"),
    ("joseph", "joe", "joey"),
    ("christopher", "chris", "kit"),
    ("christine", "christina", "chris", "chrissy", "tina"),
    ("stephen", "steven", "steve", "stevie"),
    ("anthony", "tony"),
    ("richard", "rick", "ricky", "rich", "dick"),
    ("edward", "ed", "eddie", "ted", "ned"),
    ("alexander", "alex", "al", "sandy"),
    ("alexandra", "alex", "sandra", "sandy", "lexi"),
    ("samuel", "sam", "sammy"),
    ("samantha", "sam"),
    ("benjamin", "ben", "benny"),
    ("nicholas", "nick", "nicky", "nico"),
    ("andrew", "andy", "drew"),
    ("gregory", "greg"),
    ("john", "jon", "johnny", "jack"),
    ("jonathan", "jon", "jonny"),
    ("jennifer", "jen", "jenny"),
    ("matthew", "matt", "matty"),
    ("patrick", "pat", "paddy"),
    ("patricia", "pat", "patty", "trish"),
    ("margaret", "maggie", "meg", "peggy", "greta"),
    ("susan", "sue", "susie", "suzanne"),
    ("timothy", "tim", "timmy"),
    ("victoria", "vicky", "tori"),
    ("rebecca", "becky", "becca"),
    ("deborah", "debbie", "deb"),
    ("jessica", "jess", "jessie"),
    ("kenneth", "ken", "kenny"),
    ("lawrence", "larry"),
    ("charles", "charlie", "chuck"),
    ("frederick", "fred", "freddie"),
    ("philip", "phillip", "phil"),
    ("jeffrey", "geoffrey", "jeff", "geoff"),
    ("douglas", "doug"),
    ("ronald", "ron", "ronnie"),
    ("donald", "don", "donnie"),
    ("raymond", "ray"),
    ("gerald", "gerry", "jerry"),
    ("peter", "pete"),
    ("abigail", "abby"),
    ("pamela", "pam"),
    ("cynthia", "cindy"),
    ("kimberly", "kim"),
    ("melissa", "mel", "missy"),
    ("jacqueline", "jackie"),
)
_NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAME_GROUPS:
    for _name in _group:
        _NICKNAMES[_name] = _NICKNAMES.get(_name, frozenset()) | frozenset(_group)

#: Common pinyin surnames. Two different ones ("Zhang" / "Zheng", "Zhu" / "Zhou") are usually two
#: real people, not a mis-hearing, so they are never reported as near misses of each other.
_PINYIN_SURNAME_TEXT = (
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song "
    "tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen "
    "yao fang zou tan jin shi qian qin dai xia fu lei long wan duan hao kong bai cui kang mao qiu jia gu hou "
    "meng xiong qin yan yin hong wen mo zhong"
)
PINYIN_SURNAMES = frozenset(_PINYIN_SURNAME_TEXT.split())


def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-case name parts without honorifics or punctuation: 'Mr. Tao Zou' -> ('tao', 'zou')."""
    parts = re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", name.lower())
    return tuple(p.replace("’", "'") for p in parts if p not in FEMALE_HONORIFICS | MALE_HONORIFICS | {"dr", "prof"})


def _same_token(a: str, b: str) -> bool:
    """Same name word: equal (ignoring hyphens), a nickname of it, or an initial of it."""
    if a == b or a.replace("-", "") == b.replace("-", ""):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in _NICKNAMES.get(a, frozenset())


def close_tokens(a: str, b: str, min_ratio: float = 60.0) -> bool:
    """Two different name words that sound alike (a likely mis-hearing or misspelling).

    Edit similarity alone confuses short names, so it must be backed by equal phonetic keys
    (metaphone or NYSIIS), except for long words that differ by a single letter or two.
    Two distinct common pinyin surnames are never close: "Zhang" and "Zheng" are two people.
    """
    if _same_token(a, b) or min(len(a), len(b)) < 2:
        return False
    if a in PINYIN_SURNAMES and b in PINYIN_SURNAMES:
        return False
    ratio = fuzz.ratio(a, b)
    if ratio < min_ratio:
        return False
    phonetic = jellyfish.metaphone(a) == jellyfish.metaphone(b) or jellyfish.nysiis(a) == jellyfish.nysiis(b)
    return phonetic or (ratio >= 85 and min(len(a), len(b)) >= 5)


def _align(tokens: tuple[str, ...], person_tokens: tuple[str, ...], min_ratio: float) -> str:
    """'exact' when every word names a word of the person, 'near' when some only sound alike, else 'none'."""
    if not tokens or len(tokens) > len(person_tokens):
        return "none"
    free = list(person_tokens)
    near = False
    whole_word = False  # an initial alone ("C." for Colette) identifies nobody
    for token in tokens:
        hit = next((p for p in free if len(p) > 1 and len(token) > 1 and _same_token(token, p)), None)
        whole_word = whole_word or hit is not None
        if hit is None:
            hit = next((p for p in free if _same_token(token, p)), None)
        if hit is None:
            hit = next((p for p in free if close_tokens(token, p, min_ratio)), None)
            near = near or hit is not None
            whole_word = whole_word or hit is not None
        if hit is None:
            return "none"
        free.remove(hit)
    if not whole_word:
        return "none"
    return "near" if near else "exact"


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

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(self.ordered_tokens)

    @property
    def ordered_tokens(self) -> tuple[str, ...]:
        return name_tokens(self.name)

    def matches(self, name: str) -> bool:
        """Same person: the same words in any order, with initials, nicknames or a single name word."""
        if name.strip().lower() in self.aliases:
            return True
        return _align(name_tokens(name), self.ordered_tokens, 101.0) == "exact"


@dataclass
class Roster:
    persons: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)

    def find(self, name: str) -> Person | None:
        """The unique person `name` refers to, or None when it names nobody or several people."""
        hits = [p for p in self.persons if p.matches(name)]
        if len(hits) == 1:
            return hits[0]
        tokens = frozenset(name_tokens(name))
        exact = [p for p in hits if tokens == p.tokens]
        return exact[0] if len(exact) == 1 else None

    def near_miss(self, name: str, *, min_ratio: float = 60.0, exclude: Person | None = None) -> Person | None:
        """The one person `name` resembles without naming anybody ("Zao" -> Zou Tao), else None.

        None when the name names somebody exactly, resembles several people, or nobody.
        """
        tokens = name_tokens(name)
        if not tokens:
            return None
        others = [p for p in self.persons if p is not exclude]
        if any(_align(tokens, p.ordered_tokens, 101.0) == "exact" for p in others):
            return None
        near = [p for p in others if _align(tokens, p.ordered_tokens, min_ratio) == "near"]
        if len(near) != 1:
            return None
        if len(tokens) > 1 and fuzz.token_sort_ratio(" ".join(tokens), " ".join(near[0].ordered_tokens)) < 70:
            return None
        return near[0]

    def add(self, name: str, line: int, role: str | None = None, *, header: bool = False) -> Person:
        person = next((p for p in self.persons if p.tokens == frozenset(name_tokens(name))), None)
        if person is None and not header:
            person = self.find(name)
        if person is None:
            person = Person(name=name)
            self.persons.append(person)
        if line not in person.lines:
            person.lines.append(line)
            person.lines.sort()
        if role:
            person.roles.append((role, line))
            (person.header_roles if header else person.text_roles).append((role, line))
            _classify(person, role)
        if header and line not in person.header_lines:
            person.header_lines.append(line)
        person.is_header = person.is_header or header
        return person


def _classify(person: Person, role: str) -> None:
    """Analyst when the role says so (firms, 'Analyst'), executive for officer titles."""
    if _ANALYST_ROLE.search(role) and not _EXECUTIVE_ROLE.search(role):
        person.kind = "analyst"
    elif _EXECUTIVE_ROLE.search(role) and person.kind != "analyst":
        person.kind = "executive"
    if " - " in role and person.firm is None:
        parts = [p.strip() for p in role.split(" - ") if p.strip()]
        if len(parts) >= 2 and _ANALYST_ROLE.search(parts[-1]):
            person.firm = parts[0]


def is_operator_turn(turn: Turn) -> bool:
    return turn.speaker.strip().lower() in _OPERATOR_LABELS


def is_interpreted(text: str) -> bool:
    """The text marks itself as an interpreter's rendering ("(interpreted)")."""
    return _INTERPRETED_RE.search(text) is not None


def _plausible_name(name: str) -> bool:
    """A run of capitalised words that can be a person's name (not "Thank You" or "Operator")."""
    words = name_tokens(name)
    return bool(words) and not any(w in _STOP_WORDS or w in _TITLE_WORDS for w in words)


def _title_ok(title: str) -> bool:
    return bool(_ROLE_IN_TITLE.search(title)) and title.split()[-1][:1].isupper() and len(title.split()) <= 12


def build_roster(transcript: Transcript) -> Roster:
    """Headers first (reference spellings), then introductions and announcements, then mentions."""
    roster = Roster()
    for turn in transcript.turns:
        if turn.is_person:
            for line in turn.header_lines[:1] or (turn.header_line,):
                roster.add(turn.speaker, line, turn.role, header=True)
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            _collect_introductions(roster, paragraph)
            if is_operator_turn(turn):
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
    if not _plausible_name(name):
        return None
    person = roster.find(name)
    if person is None and len(name_tokens(name)) > 1:
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
        speech_noun=_speech_noun(paragraph.text, text_start, end),
        affiliated=_AFFILIATION_RE.match(paragraph.text[end:]) is not None,
    )
    roster.mentions.append(mention)
    return mention


def _speech_noun(text: str, start: int, end: int) -> str | None:
    """'answer' when the mention is a third-person reference to someone's speech."""
    after = SPEECH_NOUN_RE.match(text[end:])
    if after:
        return after.group("noun")
    if SPEECH_PREFIX_RE.search(text[max(0, start - 40) : start]):
        return "behalf"
    return None


def _collect_introductions(roster: Roster, paragraph: Paragraph) -> None:
    for regex in (_INTRO_TITLE_NAME, _INTRO_NAME_TITLE):
        for m in regex.finditer(paragraph.text):
            title = m.group("title").strip()
            if not _title_ok(title):
                continue
            hon = m.group("hon") or (m.groupdict().get("hon2"))
            name = m.group("name")
            if not _plausible_name(name):
                continue
            if roster.find(name) is None and len(name_tokens(name)) < 2:
                continue  # "our CFO, Ms. Shen" names nobody new: a single word is no introduction
            if roster.find(name) is None and roster.near_miss(name) is not None:
                _record(roster, paragraph, m, "intro", hon)
                continue
            person = roster.add(name, paragraph.line, title)
            mention = _record(roster, paragraph, m, "intro", hon)
            if mention is not None:
                mention.person = person


def _collect_announcements(roster: Roster, paragraph: Paragraph, turn: Turn) -> None:
    for regex in _ANNOUNCE_RES:
        for m in regex.finditer(paragraph.text):
            name = m.group("name")
            if not _plausible_name(name) or len(name_tokens(name)) < 2:
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
    for m in HONORIFIC_RE.finditer(paragraph.text):
        if name_tokens(m.group("name"))[:1] and name_tokens(m.group("name"))[0] in _TITLE_WORDS:
            continue
        _record(roster, paragraph, m, "honorific", m.group("hon"))
    for regex in _CONTEXT_RES:
        for m in regex.finditer(paragraph.text):
            _record(roster, paragraph, m, "context")


def _honorific_gender(hon: str) -> str | None:
    hon = hon.lower()
    return "female" if hon in FEMALE_HONORIFICS else "male" if hon in MALE_HONORIFICS else None


def _collect_gender(transcript: Transcript, roster: Roster) -> None:
    """Gender evidence: honorifics of resolved mentions, and pronouns that can only mean one person."""
    by_line: dict[int, list[Mention]] = {}
    for mention in roster.mentions:
        by_line.setdefault(mention.line, []).append(mention)
        if mention.person is not None and mention.honorific and _attributable(mention):
            gender = _honorific_gender(mention.honorific)
            if gender:
                mention.person.genders.append(GenderEvidence(mention.line, mention.text, gender, "honorific"))
    for paragraph in transcript.paragraphs:
        _pronoun_evidence(paragraph, by_line.get(paragraph.line, []))
    for person in roster.persons:
        person.genders.sort(key=lambda e: (e.line, e.text))
        person.gender_evidence = [(e.line, e.text) for e in person.genders]
        person.gender = _decide_gender(person.genders)


def _pronoun_evidence(paragraph: Paragraph, mentions: list[Mention]) -> None:
    """A pronoun after the only person named in its sentence, or opening the next sentence."""
    sentences = paragraph.sentences
    for i, sentence in enumerate(sentences):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        if len(inside) != 1 or inside[0].person is None:
            continue
        mention = inside[0]
        if not _attributable(mention):
            continue
        if paragraph.speaker and mention.person.matches(paragraph.speaker):
            continue  # a speaker naming themselves: pronouns around it are about someone else
        tail = paragraph.text[mention.end : sentence.end]
        found = {g for g, rx in _PRONOUNS.items() if rx.search(tail)}
        if i + 1 < len(sentences) and not any(sentences[i + 1].start <= m.start < sentences[i + 1].end for m in mentions):
            lead = _LEADING_PRONOUN.match(sentences[i + 1].text)
            if lead:
                found.add("male" if lead.group("p") in ("He", "His") else "female")
        if len(found) == 1:
            gender = next(iter(found))
            evidence = paragraph.text[mention.start : min(sentence.end + 60, len(paragraph.text))].strip()
            mention.person.genders.append(GenderEvidence(paragraph.line, evidence[:160], gender, "pronoun"))


def _attributable(mention: Mention) -> bool:
    """Gender evidence needs a sure identity: a full name, or a surname of someone who speaks.

    "Mr. Wang from the city government" must not give a gender to analyst Bin Wang, who is only
    announced; a lone surname is trusted for participants with a speaker header or introduced
    with a title.
    """
    person = mention.person
    if person is None or (mention.affiliated and mention.kind == "honorific"):
        return False
    return len(name_tokens(mention.name)) > 1 or person.is_header or bool(person.text_roles)


def _decide_gender(evidence: list[GenderEvidence]) -> str | None:
    """Honorifics decide by strict majority; pronouns only when there is no honorific and they agree."""
    honorific = Counter(e.gender for e in evidence if e.source == "honorific")
    if honorific:
        ranked = honorific.most_common()
        return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None
    pronoun = {e.gender for e in evidence if e.source == "pronoun"}
    return next(iter(pronoun)) if len(pronoun) == 1 else None
