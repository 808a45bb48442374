"""Person names: the words of a name, and whether two names (or two name words) are the same.

Why a module of its own: the roster resolves every mention with these rules, and the checks that
compare names (speakers, translation) must apply exactly the same ones, so that a name the roster
merged is never reported as a misspelling. The vocabularies (honorifics, nicknames, pinyin
surnames) are data in `auditor/data/people.toml`, read once per `Words`.

Name-order variants ("Zou Tao" / "Tao Zou"), initials ("T. Whitlock") and common nicknames
("Kathy" / "Katherine") name the same person; a word that merely sounds alike ("Zao" / "Zou") is
a *near* match, which the roster never merges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jellyfish
from rapidfuzz import fuzz

from auditor.words import Words, default_words

#: One name word: "Zou", "O'Brien", "Jean-Luc", "McDonald", or an initial "T.".
TOKEN = r"(?:[A-Z]\.|[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)*(?:[A-Z][a-z]+)?)"
#: A name of one to three words.
NAME = rf"{TOKEN}(?:[ \t]+{TOKEN}){{0,2}}"

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def alternation(words: tuple[str, ...] | list[str], *, spaced: bool = False) -> str:
    """A regex group matching any of `words` literally (longest first, so no word hides a longer one).

    With `spaced`, a space inside a phrase matches any run of spaces and tabs.
    """
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    escaped = (re.escape(w) for w in ordered)
    if spaced:
        escaped = (e.replace(r"\ ", r"[ \t]+") for e in escaped)
    return "(?:" + "|".join(escaped) + ")"


@dataclass(frozen=True)
class NameRules:
    """The name vocabulary of one run, ready for lookups."""

    #: lower-case honorific (without full stop) -> "female" | "male" | None
    honorifics: dict[str, str | None]
    #: written form of the honorifics read before a name ("Mrs", "Dr"), as a regex group
    honorific_pattern: str
    nicknames: dict[str, frozenset[str]]
    pinyin_surnames: frozenset[str]


@cache
def name_rules(words: Words) -> NameRules:
    """The name rules of a vocabulary, built once."""
    people = words.table("people")
    honorifics = people["honorifics"]
    genders: dict[str, str | None] = {}
    for key, gender in (("female", "female"), ("male", "male"), ("male_address", "male"), ("neutral", None)):
        for word in honorifics[key]:
            genders.setdefault(str(word).lower(), gender)
    nicknames: dict[str, frozenset[str]] = {}
    for group in people["names"]["nicknames"]:
        same = frozenset(str(n).lower() for n in group)
        for name in same:
            nicknames[name] = nicknames.get(name, frozenset()) | same
    written = [*honorifics["female"], *honorifics["male"], *honorifics["neutral"]]
    return NameRules(
        honorifics=genders,
        honorific_pattern=alternation(written),
        nicknames=nicknames,
        pinyin_surnames=frozenset(str(s).lower() for s in people["names"]["pinyin_surnames"]),
    )


def _rules(words: Words | None) -> NameRules:
    return name_rules(words or default_words())


def honorific_gender(honorific: str, words: Words | None = None) -> str | None:
    """'female' for Ms./Mrs., 'male' for Mr., None for Dr. or a word that is no honorific."""
    return _rules(words).honorifics.get(honorific.lower())


def name_tokens(name: str, words: Words | None = None) -> tuple[str, ...]:
    """Lower-case name parts without honorifics or punctuation: 'Mr. Tao Zou' -> ('tao', 'zou')."""
    honorifics = _rules(words).honorifics
    parts = _WORD.findall(name.lower())
    return tuple(p.replace("’", "'") for p in parts if p not in honorifics)


def same_token(a: str, b: str, words: Words | None = None) -> bool:
    """Same name word: equal (ignoring hyphens), a nickname of it, or an initial of it."""
    if a == b or a.replace("-", "") == b.replace("-", ""):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in _rules(words).nicknames.get(a, frozenset())


def close_tokens(a: str, b: str, min_ratio: float = 60.0, words: Words | None = None) -> bool:
    """Two different name words that sound alike (a likely mis-hearing or misspelling).

    Edit similarity alone confuses short names, so it must be backed by equal phonetic keys
    (metaphone or NYSIIS), except for long words that differ by a single letter or two.
    Two distinct common pinyin surnames are never close: "Zhang" and "Zheng" are two people.
    """
    if same_token(a, b, words) or min(len(a), len(b)) < 2:
        return False
    surnames = _rules(words).pinyin_surnames
    if a in surnames and b in surnames:
        return False
    ratio = fuzz.ratio(a, b)
    if ratio < min_ratio:
        return False
    phonetic = jellyfish.metaphone(a) == jellyfish.metaphone(b) or jellyfish.nysiis(a) == jellyfish.nysiis(b)
    return phonetic or (ratio >= 85 and min(len(a), len(b)) >= 5)


def align(tokens: tuple[str, ...], person_tokens: tuple[str, ...], min_ratio: float, words: Words | None = None) -> str:
    """'exact' when every word names a word of the person, 'near' when some only sound alike, else 'none'."""
    if not tokens or len(tokens) > len(person_tokens):
        return "none"
    free = list(person_tokens)
    near = False
    whole_word = False  # an initial alone ("C." for Colette) identifies nobody
    for token in tokens:
        hit = next((p for p in free if len(p) > 1 and len(token) > 1 and same_token(token, p, words)), None)
        whole_word = whole_word or hit is not None
        if hit is None:
            hit = next((p for p in free if same_token(token, p, words)), None)
        if hit is None:
            hit = next((p for p in free if close_tokens(token, p, min_ratio, words)), None)
            near = near or hit is not None
            whole_word = whole_word or hit is not None
        if hit is None:
            return "none"
        free.remove(hit)
    if not whole_word:
        return "none"
    return "near" if near else "exact"
