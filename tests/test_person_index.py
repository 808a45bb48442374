"""The roster's name-word index answers every lookup as aligning the name with every person did.

Why: `Roster.find` and `Roster.resemble` now align a name only with the persons
`auditor.person_index` returns (issue 14, item 6); a person it left out would silently change a
speaker finding. The references below are the lookups as they were written first (a scan of
every person), run on random rosters and names with typos, initials, nicknames and hyphens.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from auditor.names import name_tokens, pair_names, surname_positions
from auditor.persons import NearMiss, Person, Roster

_WORDS = ["kovacs", "kovecs", "maria", "mariah", "tao", "zou", "zao", "glen", "klein", "katherine", "kathy",
          "o'neill-park", "park", "oneillpark", "chen", "cheng", "robert", "bob", "roberta", "lee", "li", "smith"]
_WORD = st.one_of(st.sampled_from(_WORDS), st.sampled_from("ajkmz"),
                  st.text(alphabet="aeiklmnorstz", min_size=2, max_size=7))
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(lambda ws: " ".join(w.capitalize() for w in ws))


def _find_reference(roster: Roster, name: str) -> Person | None:
    hits = [p for p in roster.persons if p.matches(name)]
    if len(hits) == 1:
        return hits[0]
    tokens = frozenset(name_tokens(name, roster.words))
    exact = [p for p in hits if tokens == p.tokens]
    return exact[0] if len(exact) == 1 else None


def _resemble_reference(roster: Roster, name: str, addressed: bool, min_ratio: float,
                        exclude: Person | None) -> tuple[Person, str] | None:
    tokens = name_tokens(name, roster.words)
    if not tokens:
        return None
    others = [p for p in roster.persons if p is not exclude]
    if any(p.matches(name) for p in others):
        return None
    whole = sum(1 for t in tokens if len(t) > 1)
    lenient = addressed or whole > 1 or whole < len(tokens)
    hits: list[NearMiss] = []
    for person in others:
        pairing = pair_names(tokens, person.ordered_tokens, min_ratio, roster.words, lenient=lenient)
        if pairing is None or pairing.exact:
            continue
        surnames = surname_positions(person.ordered_tokens, roster.words)
        if pairing.whole_words == 1 and not lenient:
            part = "single"
        elif pairing.whole_words == 1:
            if not pairing.near <= surnames:
                continue
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
    return hit.person, hit.part


@settings(max_examples=300, deadline=None)
@given(people=st.lists(_NAME, min_size=1, max_size=8), names=st.lists(_NAME, min_size=1, max_size=6),
       addressed=st.booleans(), strict=st.booleans(), honorific=st.sampled_from(["", "Mr. ", "Ms. "]))
def test_lookups_answer_as_the_full_scan(people: list[str], names: list[str], addressed: bool, strict: bool,
                                         honorific: str) -> None:
    roster = Roster()
    for at, person in enumerate(people):
        roster.add(person, at + 1, header=at % 2 == 0)
    assert [p.name for p in roster.persons] == _added_reference(people)
    min_ratio = 75.0 if strict else 60.0
    for name in [honorific + n for n in names] + people:
        assert roster.find(name) is _find_reference(roster, name)
        for exclude in (None, roster.persons[0]):
            hit = roster.resemble(name, addressed=addressed, min_ratio=min_ratio, exclude=exclude)
            expected = _resemble_reference(roster, name, addressed, min_ratio, exclude)
            assert (None if hit is None else (hit.person, hit.part)) == expected


def _added_reference(people: list[str]) -> list[str]:
    """The persons `Roster.add` creates when each person is matched by a scan of all of them."""
    roster = Roster()
    persons: list[Person] = []
    for at, name in enumerate(people):
        tokens = frozenset(name_tokens(name, roster.words))
        person = next((p for p in persons if p.tokens == tokens), None)
        if person is None and at % 2:
            hits = [p for p in persons if p.matches(name)]
            exact = [p for p in hits if tokens == p.tokens]
            person = hits[0] if len(hits) == 1 else exact[0] if len(exact) == 1 else None
        if person is None:
            persons.append(Person(name=name, words=roster.words))
    return [p.name for p in persons]


@settings(max_examples=300, deadline=None)
@given(people=st.lists(_NAME, min_size=1, max_size=8), names=st.lists(_NAME, min_size=1, max_size=6),
       surnames=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4))
def test_a_given_name_resembled_is_a_word_the_roster_names(people: list[str], names: list[str],
                                                           surnames: list[str]) -> None:
    """`Roster.names_part` is false only where no `resemble` hit could have `given_same`: the roster
    skips those runs of words (auditor.roster._misspells_surname) without asking `resemble`."""
    roster = Roster()
    for at, person in enumerate(people):
        roster.add(person, at + 1, header=at % 2 == 0)
    names += [f"{p.split()[0]} {s.capitalize()}" for p in people for s in surnames]  # a given name, a near surname
    for name in names + [n.replace(" ", " K. ", 1) for n in names]:
        hit = roster.resemble(name, addressed=False)
        if hit is not None and hit.given_same:
            assert roster.names_part(name_tokens(name, roster.words))
