"""How the translation renders the people of the roster: the evidence translation.person judges.

Why a helper of its own: the person check first learns, across the whole file, which Chinese name
each roster person is given (where the English names them in full), and only then judges the
honorifics and surnames of each line against what it learned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jellyfish

from auditor.bilingual import not_name_chars, pinyin_syllables, surname_chars
from auditor.model import Transcript
from auditor.roster import Person, name_tokens
from auditor.textutil import han_count
from auditor.words import Words

from ._common import translated_pairs

_LATIN_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Rendering:
    """One Chinese rendering of a roster person's full name on one line."""

    person: str
    form: str
    line: int
    start: int


def _name_parts(person: Person, words: Words) -> list[tuple[str, str]]:
    """(surname token, given-name tokens joined) for each token that may be the surname."""
    tokens = list(name_tokens(person.name))
    if len(tokens) < 2:
        return []
    out = []
    for i, t in enumerate(tokens):
        if surname_chars(t, words):
            out.append((t, "".join(tokens[:i] + tokens[i + 1 :])))
    return out


def _latin_words(text: str) -> list[str]:
    """The Latin words of a line in lower case, the sequence a full name is looked for in."""
    return [w.lower() for w in _LATIN_WORD.findall(text)]


def _full_name_mentioned(words: list[str], present: set[str], tokens: list[str]) -> bool:
    """True when the name `tokens` appear in `words` in order or reversed (Zou Tao, Tao Zou).

    `present` is the set of `words`: a name one of whose tokens is not on the line cannot be
    there, which settles nearly every person of nearly every line without scanning it."""
    if not present.issuperset(tokens):
        return False
    return any(words[i : i + len(tokens)] in (tokens, tokens[::-1]) for i in range(len(words)))


def renderings(transcript: Transcript) -> list[Rendering]:
    """Chinese full-name renderings of roster people, where the English line names them in full."""
    words = transcript.words
    not_name = not_name_chars(words)
    persons = [(person, list(name_tokens(person.name))) for person in transcript.roster.persons]
    found: list[Rendering] = []
    for pair in translated_pairs(transcript):
        zh = pair.zh
        en_words = _latin_words(pair.en)  # read once per line, not once per person
        present = set(en_words)
        for person, tokens in persons:
            if not _full_name_mentioned(en_words, present, tokens):
                continue
            for surname, given in _name_parts(person, words):
                n_given = min(pinyin_syllables(given), 2)
                starts = [m.start() for m in re.finditer(f"[{surname_chars(surname, words)}]", zh)]
                forms = [(zh[s : s + 1 + n_given], s) for s in starts]
                forms = [
                    (f, s)
                    for f, s in forms
                    if len(f) == 1 + n_given and han_count(f) == len(f) and not (set(f[1:]) & not_name)
                ]
                if len(forms) == 1:
                    found.append(Rendering(person.name, forms[0][0], pair.translation_line, forms[0][1]))
                    break
    return found


def misheard(heard: str, surname: str) -> bool:
    """'zao' for 'zou', 'fang' for 'feng': one edit, or two in a same-length name with the same initial."""
    distance = jellyfish.levenshtein_distance(heard, surname)
    if distance == 1:
        return True
    return distance == 2 and len(heard) == len(surname) >= 3 and heard[0] == surname[0]
