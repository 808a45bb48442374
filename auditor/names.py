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
from rapidfuzz.distance import Levenshtein

from auditor.words import Words, default_words


def one_of(latin1: str, *beyond: str) -> str:
    """A regex matching one character: one of the class `[latin1]`, or one of `beyond`.

    Why not one class: a character class holding a character beyond Latin-1 ("’", "…") makes
    `re` build a table of all 65,536 code points as it compiles (0.2 ms a class, and the roster's
    patterns held two hundred of them: most of their compile time). Written as alternatives of
    their own ("{1}" keeps the parser from merging them back into the class) they compile in
    microseconds and match exactly the same: one character of the union, no group.
    """
    return "(?:[" + latin1 + "]|" + "|".join(re.escape(c) + "{1}" for c in beyond) + ")"


#: an apostrophe (straight or typographic) or a hyphen, inside a name word
APOSTROPHE_HYPHEN = one_of(r"'\-", "’")
#: an apostrophe, straight or typographic ("Helen's", "Helen’s")
APOSTROPHE = one_of("'", "’")
#: One name word after its capital letter: "Zou", "O'Brien", "Jean-Luc", "McDonald", or an initial "T.".
TOKEN_TAIL = rf"(?:\.|[a-z]+(?:{APOSTROPHE_HYPHEN}[A-Za-z][a-z]+)*(?:[A-Z][a-z]+)?)"
#: One name word (the capital letter in front of both alternatives, as `re` would factor it).
TOKEN = rf"(?:[A-Z]{TOKEN_TAIL})"
#: A name of one to three words.
NAME = rf"{TOKEN}(?:[ \t]+{TOKEN}){{0,2}}"

_WORD = re.compile(rf"[^\W\d_]+(?:{APOSTROPHE_HYPHEN}[^\W\d_]+)*")


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
    #: the same honorifics, as written
    honorifics_written: tuple[str, ...]
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
        honorifics_written=tuple(str(w) for w in written),
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
    """Same name word: equal (ignoring hyphens), one part of a hyphenated name ("Park" in
    "O'Neill-Park"), a nickname of it, or an initial of it."""
    if a == b or a.replace("-", "") == b.replace("-", ""):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if ("-" in a) != ("-" in b) and (a in b.split("-") or b in a.split("-")):
        return True
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


def edits(a: str, b: str) -> int:
    """Letters to change, add or drop to turn one name word into the other ("Kovecs"/"Kovacs": 1)."""
    return int(Levenshtein.distance(a, b))


def misspelt(a: str, b: str, words: Words | None = None) -> bool:
    """`a` is `b` with one or two letters wrong: close by sound, or a letter or two off a long word.

    Why beyond `close_tokens`: a misspelling of a surname ("Hartwell" typed "Hartwel", "Brennan"
    typed "Brannen") need not sound alike to a phonetic key. One edit is enough on a word of four
    letters or more, two on a word of five or more with the same first letter; shorter words must
    also sound alike.
    """
    if same_token(a, b, words) or min(len(a), len(b)) < 3:
        return False
    surnames = _rules(words).pinyin_surnames
    if a in surnames and b in surnames:
        return False
    n = edits(a, b)
    if n == 1 and min(len(a), len(b)) >= 4:
        return True
    if n == 2 and min(len(a), len(b)) >= 5 and a[0] == b[0]:
        return True
    return n <= 2 and close_tokens(a, b, 60.0, words)


def surname_positions(tokens: tuple[str, ...], words: Words | None = None) -> frozenset[int]:
    """Which words of a name can be the surname: the last, and the first when it is a common pinyin
    surname written first ("Zou Tao"). A middle word is a given name as often as a first surname
    ("Juan Carlos Mora"), so it is not counted."""
    if len(tokens) < 2:
        return frozenset(range(len(tokens)))
    positions = {len(tokens) - 1}
    if tokens[0] in _rules(words).pinyin_surnames:
        positions.add(0)
    return frozenset(positions)


def _items(tokens: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Name words with runs of initials joined: ('a', 'j', 'kowalski') -> [('aj', True), ('kowalski', False)]."""
    items: list[tuple[str, bool]] = []
    for token in tokens:
        if len(token) == 1 and items and items[-1][1]:
            items[-1] = (items[-1][0] + token, True)
        else:
            items.append((token, len(token) == 1))
    return items


@dataclass(frozen=True)
class Pairing:
    """How the words of a written name pair with the words of a person's name.

    `near` holds the person's word positions that a written word only resembles; `same` those a
    written word names exactly (equal, nickname, hyphen part, initial).
    """

    same: frozenset[int]
    near: frozenset[int]
    #: the most letters any resembling word is off by
    edits: int
    #: each resembling written word with the position of the person's word it stands for
    near_words: tuple[tuple[str, int], ...] = ()
    #: how many whole words (not initials) the written name has
    whole_words: int = 0

    @property
    def exact(self) -> bool:
        return not self.near


def pair_names(
    tokens: tuple[str, ...],
    person_tokens: tuple[str, ...],
    min_ratio: float = 60.0,
    words: Words | None = None,
    *,
    lenient: bool = False,
) -> Pairing | None:
    """Pair a written name with a person's name word by word, or None when it is not that person.

    A written word pairs with a person's word when it names it (`same_token`) or resembles it
    (`close_tokens`; with `lenient`, also `misspelt`). Initials: "T. Whitlock" and "A.J. Kowalski"
    name the person whose given name starts so, and a middle initial the roster does not know
    ("John S. Smith" for John Smith) is skipped; but an initial is never the whole name ("J."
    names nobody) and a trailing initial never stands for a surname ("Maria K." is not Maria Kovacs).
    """
    mine, theirs = _items(tokens), _items(person_tokens)
    whole = [(i, t) for i, (t, initial) in enumerate(mine) if not initial]
    if not whole or len(whole) > len(theirs):
        return None
    free = list(range(len(theirs)))
    matched: dict[int, int] = {}
    for i, token in whole:  # whole words first: they decide which person words the initials may take
        hit = next((j for j in free if not theirs[j][1] and same_token(token, theirs[j][0], words)), None)
        if hit is not None:
            matched[i] = hit
            free.remove(hit)
    near: set[int] = set()
    near_words: list[tuple[str, int]] = []
    most = 0
    for i, token in whole:
        if i in matched:
            continue
        hit = next(
            (
                j
                for j in free
                if not theirs[j][1]
                and (
                    close_tokens(token, theirs[j][0], min_ratio, words)
                    or (lenient and misspelt(token, theirs[j][0], words))
                )
            ),
            None,
        )
        if hit is not None:
            near.add(hit)
            near_words.append((token, hit))
            most = max(most, edits(token, theirs[hit][0]))
        else:  # a word against a person's initial ("Colette" for "C. J. Muse") is weak but allowed
            hit = next((j for j in free if theirs[j][1] and theirs[j][0][0] == token[0]), None)
        if hit is None:
            return None
        matched[i] = hit
        free.remove(hit)
    last_whole = whole[-1][0]
    for i, (initials, _) in enumerate(mine):
        if i in matched:
            continue
        if i < last_whole:
            hit = next((j for j in free if theirs[j][0] == initials or theirs[j][0][0] == initials[0]), None)
            if hit is not None:
                matched[i] = hit
                free.remove(hit)
                continue
            if i > whole[0][0]:
                continue  # a middle initial the roster does not spell
        return None
    if not any(not theirs[j][1] for j in matched.values()):
        return None  # an initial alone identifies nobody
    positions = _token_positions(theirs)
    return Pairing(
        same=frozenset(positions[j] for j in matched.values() if j not in near),
        near=frozenset(positions[j] for j in near),
        edits=most,
        near_words=tuple((token, positions[j]) for token, j in near_words),
        whole_words=len(whole),
    )


def _token_positions(items: list[tuple[str, bool]]) -> list[int]:
    """The position in the person's tokens of each item (a run of initials counts from its first letter)."""
    positions, at = [], 0
    for text, initial in items:
        positions.append(at)
        at += len(text) if initial else 1
    return positions


def align(tokens: tuple[str, ...], person_tokens: tuple[str, ...], min_ratio: float, words: Words | None = None) -> str:
    """'exact' when every word names a word of the person, 'near' when some only sound alike, else 'none'."""
    pairing = pair_names(tokens, person_tokens, min_ratio, words)
    if pairing is None:
        return "none"
    return "exact" if pairing.exact else "near"
