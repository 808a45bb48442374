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

from auditor.names import NAME, alternation, name_rules
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
    #: what follows a mention that makes it a third-person reference to someone's speech
    speech_noun: re.Pattern[str]
    #: what precedes such a mention ("on behalf of", "translating for")
    speech_prefix: re.Pattern[str]
    intro_title_name: re.Pattern[str]
    intro_name_title: re.Pattern[str]
    role_in_title: re.Pattern[str]
    announcements: tuple[re.Pattern[str], ...]
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
    c_suite: re.Pattern[str]
    c_suite_abbreviations: dict[str, str]


@cache
def mention_patterns(words: Words) -> MentionPatterns:
    """Compile the patterns of a vocabulary (once: the roster of every transcript reuses them)."""
    people: dict[str, Any] = words.table("people")
    speakers: dict[str, Any] = words.table("speakers")
    hon = name_rules(words).honorific_pattern
    not_hon = rf"(?!{hon}\b)"
    m, roles, intro, ann = people["mentions"], people["roles"], people["introductions"], speakers["announcements"]

    title = rf"(?:[A-Z][\w&\-]*|{alternation(roles['title_connectives'])})"
    title = rf"{title}(?:[ \t]+{title})*"
    firm = rf"[A-Z][\w&.'’\-]*(?:[ \t]+(?:[A-Z][\w&.'’\-]*|{alternation(ann['firm_connectives'])}))*"
    prep = alternation(ann["firm_prepositions"])
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
            rf"^['’]s[ \t]+(?:{alternation(m['speech_modifiers'])}[ \t]+)?(?P<noun>{alternation(m['speech_nouns'])})\b"
        ),
        speech_prefix=re.compile(rf"{_wildcard(m['on_behalf'])}[ \t]+$", re.IGNORECASE),
        intro_title_name=re.compile(
            rf"\b{alternation(intro['before_title'])}[ \t]+(?:company['’]s[ \t]+)?(?:new[ \t]+)?(?P<title>{title})"
            rf"(?:,[ \t]+(?:(?P<hon>{hon})\.?[ \t]+)?|[ \t]+(?P<hon2>{hon})\.?[ \t]+)(?P<name>{NAME})"
        ),
        intro_name_title=re.compile(
            rf"(?:^|(?<=[ \t(]))(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}),[ \t]+"
            rf"(?:{alternation(intro['after_name'])}[ \t]+)?(?P<title>{title})"
        ),
        role_in_title=re.compile(rf"\b{alternation(roles['title_words'])}\b"),
        announcements=(
            re.compile(
                rf"\bquestions?[ \t]+(?:today[ \t]+)?{alternation(ann['question_verbs'], spaced=True)}[ \t]+from[ \t]+"
                rf"(?:the[ \t]+line[ \t]+of[ \t]+)?(?P<name>{NAME})(?:[ \t]+{prep}[ \t]+(?P<firm>{firm}))?"
            ),
            re.compile(
                rf"\b{alternation(ann['handoffs'])}[ \t]+(?:the[ \t]+line[ \t]+of[ \t]+)?"
                rf"(?P<name>{NAME})[ \t]+{prep}[ \t]+(?P<firm>{firm})"
            ),
            re.compile(rf"\[(?P<name>{NAME}),[ \t]*(?P<firm>[^\]\[]{{2,80}})\]"),
            re.compile(
                rf"^(?:\({alternation(ann['operator_instructions'])}\)[ \t]*)?(?P<name>{NAME})"
                rf"(?:,|[ \t]+{prep})[ \t]+(?P<firm>{firm})\.?$"
            ),
        ),
        pronouns={g: re.compile(rf"\b{alternation(pronouns[g])}\b") for g in ("male", "female")},
        leading_pronoun=re.compile(rf"^\s*(?P<p>{alternation(leading)})[ \t]+[a-z]"),
        male_pronouns=frozenset(str(p).lower() for p in pronouns["male"]),
        affiliation=re.compile(
            rf"^,?[ \t]+(?:{alternation(m['affiliation'])}[ \t]+(?:the[ \t]+)?\w"
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
        c_suite=re.compile(
            rf"(?:\b(?P<q>{alternation(people['c_suite']['qualifiers'])})[ -]+)?chief (?P<what>(?:\w+ ){{1,3}}?)officer\b"
        ),
        c_suite_abbreviations={str(k).lower(): str(v).lower() for k, v in people["c_suite"]["abbreviations"].items()},
    )
