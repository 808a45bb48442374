"""How the English text of a call names people: the patterns the roster reads, compiled once.

Why separate from `auditor.roster`: the roster is the model (who is on the call, and the evidence
about each person); this module is the vocabulary it reads that model from - introductions ("our
CFO, Ms. Shen Lixia"), operator announcements ("Our next question comes from Helen Cho with
Northgate Capital"), honorifics, person-referring contexts ("Thanks, Kathy", "As Ingrid
mentioned"), pronouns and role words. Every word of these patterns is data in
`auditor/data/people.toml` and `auditor/data/speakers.toml`; only the grammar of each frame (the
order of name, comma, title, firm) is written here. `mention_patterns(words)` builds the whole
set once per vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from auditor.names import NAME, TOKEN, alternation, name_rules
from auditor.words import Words


def _capitalisable(phrases: list[str]) -> str:
    """Like `alternation`, with the first letter of each phrase in either case ("[Tt]hanks")."""
    ordered = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    return "(?:" + "|".join(f"[{p[0].upper()}{p[0].lower()}]{re.escape(p[1:])}" for p in ordered) + ")"


def _wildcard(phrases: list[str]) -> str:
    """Like `alternation`, where "*" in a phrase stands for the rest of a word ("translat*")."""
    return alternation(phrases).replace(r"\*", r"\w*")


def _except(words: list[str], exceptions: list[str]) -> str:
    """Any of `words`, except where it opens one of the `exceptions` ("investor", not "investor relations")."""
    parts = []
    for word in sorted(dict.fromkeys(words), key=len, reverse=True):
        rests = [e[len(word) :] for e in exceptions if e.lower().startswith(word.lower()) and len(e) > len(word)]
        parts.append(re.escape(word) + (f"(?!{alternation(rests)})" if rests else ""))
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class MentionPatterns:
    """The compiled patterns and word sets of one vocabulary."""

    honorific: re.Pattern[str]
    #: person-referring contexts without an honorific; each captures `name`
    contexts: tuple[re.Pattern[str], ...]
    #: what follows a mention that makes it a third-person reference to someone's speech; this and
    #: `affiliation` are matched where the mention ends (`.match(text, end)`, no copy of the rest)
    speech_noun: re.Pattern[str]
    #: what precedes such a mention ("on behalf of", "translating for")
    speech_prefix: re.Pattern[str]
    intro_title_name: re.Pattern[str]
    intro_name_title: re.Pattern[str]
    #: "our chief financial officer, Yi Li": a title in lower case, ending with a title word
    intro_lower_title: re.Pattern[str]
    #: "Yi Li, our chief financial officer": the same after the name
    intro_name_lower_title: re.Pattern[str]
    role_in_title: re.Pattern[str]
    #: "Chairman Hartley", "CFO Osei": a title read like an honorific before a surname
    title_name: re.Pattern[str]
    #: a run of two to four capitalised name words anywhere in the text ("Maria Kovacs")
    name_run: re.Pattern[str]
    pronouns: dict[str, re.Pattern[str]]
    leading_pronoun: re.Pattern[str]
    male_pronouns: frozenset[str]
    affiliation: re.Pattern[str]
    interpreted: re.Pattern[str]
    executive_role: re.Pattern[str]
    analyst_role: re.Pattern[str]
    #: words that are never (part of) a name: "Thank you, Operator", "Mr. Chairman"
    not_names: frozenset[str]
    address_titles: frozenset[str]
    #: words of job titles ("chief", "officer"): never part of a person's name
    title_words: frozenset[str]
    c_suite: re.Pattern[str]
    c_suite_abbreviations: dict[str, str]


#: the most words a job title before a name has ("Executive Vice President and Chief Financial Officer")
_TITLE_WORDS = 16


@cache
def mention_patterns(words: Words) -> MentionPatterns:
    """Compile the patterns of a vocabulary (once: the roster of every transcript reuses them)."""
    people: dict[str, Any] = words.table("people")
    speakers: dict[str, Any] = words.table("speakers")
    hon = name_rules(words).honorific_pattern
    not_hon = rf"(?!{hon}\b)"
    m, roles, intro = people["mentions"], people["roles"], people["introductions"]

    word = rf"(?:[A-Z][\w&\-]*|{alternation(roles['title_connectives'])})"
    title = rf"{word}(?:[ \t]+{word})*"
    # a title a name follows is a few words: unbounded, "the the the ..." (or any run of capitalised
    # words) was tried at every "the" to the end of the paragraph, quadratic in its length
    bounded_title = rf"{word}(?:[ \t]+{word}){{0,{_TITLE_WORDS - 1}}}"
    pronouns = people["pronouns"]
    leading = [p.capitalize() for p in pronouns["leading"]]
    interpretation = speakers["interpretation"]
    abbreviations = alternation(roles["executive_abbreviations"])
    return MentionPatterns(
        honorific=re.compile(rf"\b(?P<hon>{hon})\b\.?[ \t]+(?P<name>{NAME})"),
        contexts=(
            re.compile(
                rf"\b{_capitalisable(m['thanks'])}(?: {alternation(m['thanks_intensifiers'])} much)?,"
                rf"[ \t]+{not_hon}(?P<name>{NAME})\b"
            ),
            re.compile(
                rf"\b[Aa]s[ \t]+{not_hon}(?P<name>{NAME})[ \t]+(?:{alternation(m['as_adverbs'])}[ \t]+)?"
                rf"(?:{alternation(m['as_auxiliaries'])}[ \t]+)?{alternation(m['speech_verbs'])}\b"
            ),
            re.compile(
                rf"\b{alternation(m['handover_verbs'])}(?:ing)?[ \t]+"
                rf"(?:it[ \t]+|the[ \t]+{alternation(m['handover_objects'])}[ \t]+)?"
                rf"(?:{alternation(m['handover_particles'])}[ \t]+)*to[ \t]+"
                rf"(?:{alternation(m['handover_possessives'])}[ \t][\w ,]{{0,60}}?,[ \t]+)?"
                rf"{not_hon}(?P<name>{NAME})"
            ),
            re.compile(rf"(?<![\w.])(?P<name>{NAME})['’]s[ \t]+{alternation(m['possessed_speech'])}"),
        ),
        speech_noun=re.compile(
            rf"['’]s[ \t]+(?:{alternation(m['speech_modifiers'])}[ \t]+)?(?P<noun>{alternation(m['speech_nouns'])})\b"
        ),
        speech_prefix=re.compile(rf"{_wildcard(m['on_behalf'])}[ \t]+$", re.IGNORECASE),
        intro_title_name=re.compile(
            rf"\b{alternation(intro['before_title'])}[ \t]+(?:company['’]s[ \t]+)?(?:new[ \t]+)?(?P<title>{bounded_title})"
            rf"(?:,[ \t]+(?:(?P<hon>{hon})\.?[ \t]+)?|[ \t]+(?P<hon2>{hon})\.?[ \t]+)(?P<name>{NAME})"
        ),
        intro_name_title=re.compile(
            rf"(?:^|(?<=[ \t(]))(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}),[ \t]+"
            rf"(?:{alternation(intro['after_name'])}[ \t]+)?(?P<title>{title})"
        ),
        intro_lower_title=re.compile(
            rf"\b{alternation(intro['before_title'])}[ \t]+(?P<title>(?:[a-z][\w&\-]*[ \t]+){{0,5}}?"
            rf"{alternation(m['title_heads'])}(?:[ \t]+of[ \t]+(?:[\w&\-]+[ \t]+){{0,3}}?[\w&\-]+)?)"
            rf"(?:,[ \t]+|[ \t]+)(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME})"
            rf"(?=[ \t]*(?:[,.;:!?)\-]|$|(?:and|who|will|is|has|to|for|here)\b))"
        ),
        intro_name_lower_title=re.compile(
            rf"(?:^|(?<=[ \t(]))(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}),[ \t]+"
            rf"(?:{alternation(intro['after_name'])}[ \t]+)?(?P<title>(?:[a-z][\w&\-]*[ \t]+){{0,5}}?"
            rf"{alternation(m['title_heads'])})\b"
        ),
        role_in_title=re.compile(rf"\b{alternation(roles['title_words'])}\b"),
        title_name=re.compile(rf"\b(?P<hon>{alternation(m['titles_before_name'])})\.?[ \t]+(?P<name>{NAME})"),
        name_run=re.compile(rf"(?<![\w'’.\-])(?P<name>{TOKEN}(?:[ \t]+{TOKEN}){{1,3}})(?![\w'’\-])"),
        pronouns={g: re.compile(rf"\b{alternation(pronouns[g])}\b") for g in ("male", "female")},
        leading_pronoun=re.compile(rf"^\s*(?P<p>{alternation(leading)})[ \t]+[a-z]"),
        male_pronouns=frozenset(str(p).lower() for p in pronouns["male"]),
        affiliation=re.compile(
            rf",?[ \t]+(?:{alternation(m['affiliation'])}[ \t]+(?:the[ \t]+)?\w"
            rf"|{alternation(m['affiliation_capitalised'])}[ \t]+(?:the[ \t]+)?[A-Z])"
        ),
        interpreted=re.compile(
            rf"\({alternation(interpretation['parenthesised'])}\)|\b{alternation(interpretation['words'])}\b",
            re.IGNORECASE,
        ),
        executive_role=re.compile(rf"{alternation(roles['executive'])}|\b{abbreviations}\b", re.IGNORECASE),
        analyst_role=re.compile(_except(roles["analyst"], roles["not_analyst"]), re.IGNORECASE),
        not_names=frozenset(str(w).lower() for w in people["names"]["not_names"]),
        address_titles=frozenset(str(w).lower() for w in people["names"]["address_titles"]),
        title_words=frozenset(str(w).lower() for w in roles["title_words"]),
        c_suite=re.compile(
            rf"(?:\b(?P<q>{alternation(people['c_suite']['qualifiers'])})[ -]+)?chief (?P<what>(?:\w+ ){{1,3}}?)officer\b"
        ),
        c_suite_abbreviations={str(k).lower(): str(v).lower() for k, v in people["c_suite"]["abbreviations"].items()},
    )


@dataclass(frozen=True)
class AnnouncementPatterns:
    """How a call says who speaks next: each pattern with the kind of announcement it reads.

    Kinds: "question" (the operator or host announces a questioner: the next turn is theirs unless
    management answers first), "handover" (the floor goes to a named person: the next turn is
    theirs), "self" (a speaker names themselves at the start of their turn). Two forms are checked
    further by the roster before they count: "call" (a turn ending on a name, "Nick?": a hand-over
    when the call knows the name) and "line" (a bare "Ivan Kirov, Kestrel Capital.": a questioner
    when the name is a full one).
    """

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    #: "turn the call over to our CFO." - a hand-over that names a title, not a person
    handover_title: re.Pattern[str]
    stand_in: re.Pattern[str]
    #: the end of "Hi, this is" / "It's": what precedes a speaker's own name
    self_opener: re.Pattern[str]
    firm_words: frozenset[str]
    person_like_firms: frozenset[str]
    closing_tail: int
    opening_head: int


@cache
def announcement_patterns(words: Words) -> AnnouncementPatterns:
    """Compile the announcement patterns of a vocabulary once."""
    people: dict[str, Any] = words.table("people")
    ann: dict[str, Any] = words.table("speakers")["announcements"]
    m = people["mentions"]
    hon = name_rules(words).honorific_pattern
    # spoken hesitations between the words ("from the line of, uh, Helen Cho")
    fillers = rf"(?:{alternation(ann['fillers'])}[,.…]*[ \t]+|\[[a-z]{{1,20}}\][ \t]+)*"
    # a false start ("to Di- Diego Ramos", "our CE- our CEO") is skipped
    restart = r"(?:[A-Za-z]{1,8}-[ \t]+)?"
    not_after = rf"(?![ \t]+{alternation(ann['not_after_name'])}\b)"
    person = rf"{fillers}{restart}(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}){not_after}"
    # a firm's words ("J.P. Morgan", "Robert W. Baird & Co."): a full stop followed by a space
    # ends the firm (and the sentence) unless it closes an initial
    word = r"[A-Z][\w&'’\-]*(?:\.[A-Z][\w&'’\-]*)*"
    firm = rf"{word}(?:(?:(?<=\b[A-Z])\.)?[ \t]+(?:{word}|{alternation(ann['firm_connectives'])}))*\.?"
    prep = alternation(ann["firm_prepositions"])
    firm_after = rf"(?:,?[ \t]+{fillers}{prep}[ \t]+{fillers}(?P<firm>{firm}))"
    not_possessive = r"(?![\w'’])(?![ \t]*['’]s\b)"
    possessive = alternation(m["handover_possessives"])
    heads = alternation(m["title_heads"])
    go_ahead = _capitalisable(ann["go_ahead"])
    particles = alternation(m["handover_particles"])
    # the ways to the floor: "turn (the call) (back) over to", "hand (it) over to", "pass to",
    # "give (now) the floor to"; "turn" needs "over" or "back" ("turn to Europe" is none)
    objects = rf"(?:it|things|this|(?:the|that|this|a)[ \t]+{alternation(m['handover_objects'])})"
    openings = (
        rf"\b{alternation(ann['pass_verbs'])}(?:es|s|ing|ed)?(?:[ \t]+{particles})?(?:[ \t]+{objects})?"
        rf"(?:[ \t]+{particles}){{0,2}}",
        rf"\b{alternation(m['handover_verbs'])}(?:s|ing|ed)?[ \t]+(?:{particles}[ \t]+{objects}|(?:{objects}[ \t]+)?"
        rf"{particles}(?:[ \t]+{particles})?)",
        rf"\b{alternation(ann['floor_verbs'])}(?:s|ing)?[ \t]+(?:(?:now|over|back)[ \t]+)?(?:you[ \t]+)?the[ \t]+floor"
        rf"(?:[ \t]+(?:back|over))?",
    )
    # whom to: "(our chairman, CEO,) Mr. Leslie Tan", "our CFO Jane Doe", "Jane"
    targets = (
        rf"{possessive}[ \t]+(?P<title>[^.;]{{1,60}}?),[ \t]+{person}",
        rf"(?P<title>(?:[\w&\-]+[ \t]+){{0,4}}?(?:{heads}|[A-Z]{{2,4}})),[ \t]+{person}",
        rf"{possessive}[ \t]+(?P<title>(?:[\w&\-]+[ \t]+){{0,6}}?(?:{heads}|[A-Z]{{2,4}}))[ \t]+{person}",
        rf"{person}{not_possessive}",
    )
    # "hand it over t- to you, Mark": a false start before "to", the person after "you,"
    handovers = [rf"{o}[ \t]+(?:\w{{1,3}}-[ \t]+)?to[ \t]+{fillers}(?:you,[ \t]+)?{t}" for o in openings for t in targets]
    question = (
        rf"\b{_capitalisable(ann['question_nouns'])}(?:['’]s)?(?:[ \t]+{alternation(ann['question_fillers'], spaced=True)})?"
        rf",?(?:[ \t]+{alternation(ann['question_verbs'], spaced=True)})?,?[ \t]+{fillers}"
        # "comes from the English line, from the line of ...": the language line first
        rf"(?:(?:from|on|in)[ \t]+the[ \t]+[A-Z]\w+[ \t]+line,?[ \t]+)?"
    )
    line = rf"(?:(?:(?:from|in|on)[ \t]+)?(?:(?:the|a)[ \t]+)?line[ \t]+of,?[ \t]+{fillers}|from[ \t]+(?:from[ \t]+)?)"
    routing = _capitalisable(ann["routing_verbs"])
    pronoun = rf"\b(?:[Ii]t|[Tt]hat|[Tt]his)(?:['’]s|[ \t]+(?:{alternation(ann['question_verbs'], spaced=True)}))[ \t]+"
    patterns: list[tuple[str, str]] = [
        ("question", rf"{question}{line}{person}{not_possessive}{firm_after}?"),
        ("question", rf"{question}{alternation(ann['question_by'], spaced=True)}[ \t]+{person}{not_possessive}{firm_after}?"),
        ("question", rf"{pronoun}{line}{person}{firm_after}"),
        ("question", rf"{question}{line}(?P<firm>{firm}),[ \t]+{person}(?=[ \t]*(?:[,.;!?]|$))"),
        ("question", rf"{question}(?:is|will be|would be|be)[ \t]+{fillers}{person}{firm_after}"),
        ("question", rf"\b{_capitalisable(ann['handoffs'])}[ \t]+(?:{line}|the[ \t]+)?{person}{firm_after}"),
        ("question", rf"\b{_capitalisable(ann['callers'])}[ \t]+{person}{not_possessive}{firm_after}?"),
        ("question", rf"\[(?P<name>{NAME}),[ \t]*(?P<firm>[^\]\[]{{2,80}})\]"),
        (
            "line",
            rf"(?:^|(?<=[.?!])[ \t]+)(?:\({alternation(ann['operator_instructions'])}\)[ \t]*)?{person}"
            rf"(?:,|[ \t]+{prep})[ \t]+(?P<firm>{firm})[.,]?[ \t]*(?:$|{go_ahead}\b)",
        ),
        *(("handover", h) for h in handovers),
        ("handover", rf"(?:^|(?<=[.?!,])[ \t]+){person},?[ \t]+{fillers}{go_ahead}\b"),
        ("handover", rf"\b{go_ahead},?[ \t]+{person}[ \t]*(?:[,.!?]|$)"),
        # "Now, Mr. Fujita will present the results."
        (
            "handover",
            rf"(?:^|(?<=[.?!])[ \t]+)(?:(?:[Nn]ow|[Ss]o|[Aa]nd)[ \t,]+)?(?!(?:He|She|They|We|It|You|I)\b){person}[ \t]+will[ \t]+"
            rf"(?:now[ \t]+)?{routing}\b",
        ),
        # management routing a question: "I'll let Hannes answer", "Javier, maybe you can add ..."
        ("handover", rf"\b(?:I['’]ll|I will|[Ll]et me)[ \t]+let[ \t]+{person}[ \t]+{routing}\b"),
        ("handover", rf"\b[Ll]et[ \t]+{person}[ \t]+(?:to[ \t]+)?{routing}\b"),
        (
            "handover",
            rf"(?:^|(?<=[.?!,])[ \t]+)(?:[Aa]nd[ \t]+|[Ss]o[ \t]+|[Bb]ut[ \t]+)?{person},?[ \t]+(?:maybe[ \t]+)?"
            rf"(?:you[ \t]+)?(?:can|could|would|will|do)[ \t]+you[ \t]+(?:also[ \t]+)?(?:want[ \t]+to[ \t]+)?{routing}\b",
        ),
        (
            "handover",
            rf"(?:^|(?<=[.?!,])[ \t]+)(?:[Aa]nd[ \t]+|[Ss]o[ \t]+|[Bb]ut[ \t]+)?{person},?[ \t]+(?:maybe[ \t]+)?"
            rf"you[ \t]+(?:can|could|may|might)[ \t]+(?:also[ \t]+)?{routing}\b",
        ),
        # "And now, Pascal, I'll hand the call back to you."
        ("handover", rf"(?:^|(?<=[.?!,])[ \t]+){person},[ \t]+[^.?!]{{0,30}}?(?:{'|'.join(openings)})[ \t]+to[ \t]+you\b"),
        # a turn that ends by calling a name: "Nick?", "Ms. Ito, please."
        ("call", rf"(?:^|(?<=[.?!])[ \t]+){person}(?:,?[ \t]+please[ \t]*[?.!]?|[ \t]*\?)[ \t]*$"),
        (
            "self",
            rf"\b{_capitalisable(ann['self_any'])}[ \t]+{person}{not_possessive}"
            rf"(?=[ \t]*(?:[,.;!?\-]|$|(?:{prep}|here|speaking|calling|on|in|for|again)\b))",
        ),
        (
            "self",
            rf"\b{_capitalisable(ann['self_firm'])}[ \t]+{person}[ \t]+"
            rf"(?:{prep}|on[ \t]+for|in[ \t]+for|here)\b",
        ),
    ]
    return AnnouncementPatterns(
        patterns=tuple((kind, re.compile(regex)) for kind, regex in patterns),
        handover_title=re.compile(
            rf"(?:{'|'.join(openings)})[ \t]+to[ \t]+{possessive}[ \t]+(?P<title>(?:[\w&\-]+[ \t]+){{0,6}}?(?:{heads}|[A-Z]{{2,4}}))"
            rf"(?=[ \t]*(?:[.,;!?]|$)|[ \t]+(?:for|who|to)\b)",
        ),
        stand_in=re.compile(
            rf"(?i:\b{alternation(ann['stand_in'], spaced=True)})[ \t]+{fillers}[A-Z]|(?i:\b{alternation(ann['stand_in_words'])}\b)"
        ),
        self_opener=re.compile(rf"(?i:\b{alternation(ann['self_openers'], spaced=True)})[ \t,]+{fillers}(?:{hon}\.?[ \t]+)?$"),
        firm_words=frozenset(str(w).lower() for w in ann["firm_words"]),
        person_like_firms=frozenset(str(w).lower() for w in ann["person_like_firms"]),
        closing_tail=int(ann["closing_tail"]),
        opening_head=int(ann["opening_head"]),
    )
