"""Which persons of a roster a written name can possibly pair with, without pairing it with all.

Why a module of its own: `Roster.find` and `Roster.resemble` (auditor.persons) used to align a
name word by word with every person of the call, so a transcript with thousands of distinct names
took time quadratic in its length (issue 14, item 6). This index gives each lookup the few
persons that can pass `auditor.names.pair_names` at all; the lookups then run that same pairing on
them, in roster order, so every answer is what the full scan gave.

The guarantee rests on one necessary condition of `pair_names`: each whole written word pairs
with some word of the person, which is one of
  - a word `same_token` accepts: equal, equal without hyphens, one part of a hyphenated name,
    or a nickname of the written word;
  - an initial of the person with the written word's first letter (the weak pairing it allows);
  - for a resemblance, a word of `fuzz.ratio` at least `min_ratio` (`close_tokens`) or, when
    `lenient`, at most two edits away (`misspelt`).
The first two are exact keys; the last is answered by rapidfuzz over the distinct name words, in C.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from auditor.names import _items, name_rules, name_tokens
from auditor.words import Words

if TYPE_CHECKING:
    from auditor.persons import Person


def _person_keys(tokens: tuple[str, ...]) -> set[str]:
    """The keys a person is found under: each whole name word (as written, without hyphens, and
    each part of a hyphenated one) and "^" + the first letter of each run of initials."""
    keys: set[str] = set()
    for text, initial in _items(tokens):
        if initial:
            keys.add("^" + text[0])
            continue
        keys.update((text, text.replace("-", "")))
        if "-" in text:
            keys.update(text.split("-"))
    return keys


def _query_keys(token: str, words: Words) -> set[str]:
    """The keys of every person word `same_token(token, word)` accepts, and of an initial of
    `token`'s first letter (a written whole word may pair with a person's initial)."""
    keys = {token, token.replace("-", ""), "^" + token[0]}
    if "-" in token:
        keys.update(token.split("-"))
    keys.update(name_rules(words).nicknames.get(token, frozenset()))
    return keys


class PersonIndex:
    """The persons of one roster by name word. The roster only ever appends persons, and a
    person's name never changes: persons appended since the last lookup are indexed on the next
    one (and everything again if the list was replaced)."""

    def __init__(self) -> None:
        self._persons: list[Person] = []
        self._by_key: dict[str, list[int]] = {}  # key -> positions in the roster
        self._by_tokens: dict[frozenset[str], int] = {}  # a person's name words -> the first such person
        self._aliases: dict[str, list[int]] = {}
        self._by_word: dict[str, list[int]] = {}  # whole name word -> positions
        self._choices: list[str] = []  # the distinct whole name words, for rapidfuzz
        self._vocabularies: dict[int, Words] = {}  # the persons' vocabularies (one, in practice)

    def sync(self, persons: list[Person]) -> None:
        """Index the persons appended since the last lookup."""
        known = len(self._persons)
        if len(persons) < known or (known and persons[known - 1] is not self._persons[-1]):
            self.__init__()  # type: ignore[misc]
            known = 0
        for at in range(known, len(persons)):
            person = persons[at]
            self._persons.append(person)
            self._vocabularies[id(person.words)] = person.words
            self._by_tokens.setdefault(person.tokens, at)
            for key in _person_keys(person.ordered_tokens):
                self._by_key.setdefault(key, []).append(at)
            for alias in person.aliases:
                self._aliases.setdefault(alias, []).append(at)
            for text, initial in _items(person.ordered_tokens):
                if initial:
                    continue
                if text not in self._by_word:
                    self._choices.append(text)
                self._by_word.setdefault(text, []).append(at)

    def spelt(self, tokens: frozenset[str]) -> Person | None:
        """The first person whose name has exactly these words (in any order)."""
        at = self._by_tokens.get(tokens)
        return None if at is None else self._persons[at]

    def named(self, name: str) -> list[Person]:
        """In roster order, every person `Person.matches(name)` can be true of (and a few more).
        A person reads the name with their own vocabulary (honorifics, nicknames)."""
        found: set[int] = set(self._aliases.get(name.strip().lower(), ()))
        for words in self._vocabularies.values():
            whole = _whole_words(name_tokens(name, words))
            if whole:
                found |= set.intersection(*(self._keyed(t, words) for t in whole))
        return self._ordered(found)

    def resembling(self, tokens: tuple[str, ...], words: Words, min_ratio: float, lenient: bool) -> list[Person]:
        """In roster order, every person `pair_names(tokens, person.ordered_tokens, min_ratio,
        words, lenient=lenient)` can pair with (and a few more): each whole written word pairs
        with a word of theirs, so a person is returned when every whole word may."""
        whole = _whole_words(tokens)
        if not whole:
            return []
        return self._ordered(set.intersection(*(self._resembled(t, words, min_ratio, lenient) for t in whole)))

    def _resembled(self, token: str, words: Words, min_ratio: float, lenient: bool) -> set[int]:
        """The persons with a word `token` names, whose initial it may stand for, or that it resembles."""
        found = self._keyed(token, words)
        for text, _, _ in process.extract(
            token, self._choices, scorer=fuzz.ratio, processor=None, score_cutoff=min_ratio, limit=None
        ):
            found.update(self._by_word[text])
        if lenient:
            for text, _, _ in process.extract(
                token, self._choices, scorer=Levenshtein.distance, processor=None, score_cutoff=2, limit=None
            ):
                found.update(self._by_word[text])
        return found

    def keyed(self, token: str, words: Words) -> bool:
        """Some person has a word `same_token` accepts for `token`, or an initial it may stand for."""
        return bool(self._keyed(token, words))

    def _keyed(self, token: str, words: Words) -> set[int]:
        """The persons with a word `same_token` accepts for `token`, or an initial it may stand for."""
        found: set[int] = set()
        for key in _query_keys(token, words):
            found.update(self._by_key.get(key, ()))
        return found

    def _ordered(self, positions: set[int]) -> list[Person]:
        return [self._persons[at] for at in sorted(positions)]


def _whole_words(tokens: tuple[str, ...]) -> list[str]:
    """The whole words (not initials) of a written name: `pair_names` pairs each or fails."""
    return [text for text, initial in _items(tokens) if not initial]
