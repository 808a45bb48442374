"""The term lexicon (known mis-hearings of financial terms) and the word tools the term checks share.

The lexicon is data, `auditor/data/terms.toml`, read through `auditor.words` (so a desk extends it
from its configuration) and built once per vocabulary.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import accumulate
from typing import Any

import jellyfish

from auditor.anchored import fold
from auditor.model import Transcript
from auditor.words import Words, default_words

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*")
_WORD_SPLIT_RE = re.compile(r"([A-Za-z][A-Za-z']*)")  # _WORD_RE, its words kept by `split`
_JOIN_RE = re.compile(r"^[ \t-]+$")


@dataclass(frozen=True)
class Variant:
    """A known mis-recognition and the phrase that should stand in its place."""

    text: str
    fix: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: most calls hold none of the variants (`may_occur` says so first)."""
        return phrase_pattern(self.text)


@dataclass(frozen=True)
class Term:
    """A financial term, its known mis-recognitions and the context that makes them suspicious."""

    term: str
    variants: tuple[Variant, ...]
    context: frozenset[str]
    figures: frozenset[str]
    phonetic: bool

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use, as a variant's is."""
        return phrase_pattern(self.term)

    @cached_property
    def words(self) -> tuple[str, ...]:  # read for every paragraph: split once
        return tuple(normalise_word(w) for w in re.split(r"[\s-]+", self.term))


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    common_modifiers: frozenset[str]
    heads: frozenset[str]
    function_words: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    verb_cues: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: frozenset[str] = frozenset()
    standard: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every (normalised) word of a lexicon term: words a financial call uses on purpose."""
        return frozenset(w for t in self.terms for w in t.words)

    def is_standard(self, modifier: str, head: str) -> bool:
        """Whether "modifier head" is a financial phrase that stands on its own ("coverage ratio").

        Why a word list: a recogniser's slip ("clash flow", "personal costs") is odd as a phrase,
        while two real phrases that sound alike ("leverage ratio", "coverage ratio") are both meant.
        """
        if modifier in self.common_modifiers or modifier in self.standard.get(head, frozenset()):
            return True
        return any(t.words == (modifier, head) for t in self.terms)

    def is_grammar_word(self, word: str) -> bool:
        """A determiner, pronoun, numeral or ordinary verb: never the first word of a term."""
        return word in self.function_words or word in self.verbs

    def are_forms_of_one_word(self, a: str, b: str) -> bool:
        """Two forms of one word: a prefix apart ("financing", "refinancing") or one stem with two
        suffixes ("recurring", "recurrent"). Both are meant as said, never a mis-hearing."""
        short, long_ = sorted((a, b), key=len)
        if any(long_ == p + short for p in self.prefixes):
            return True
        shared = len(os.path.commonprefix((a, b)))
        if shared < 4:
            return False
        return any(
            a[:cut] == b[:cut] and a[cut:] in self.suffixes and b[cut:] in self.suffixes
            for cut in range(4, shared + 1)
        )


def phrase_pattern(text: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive pattern of a phrase, allowing a plural and hyphens for spaces.

    A phrase preceded by a hyphen is the tail of a compound ("high-growth margin") and not matched.
    """
    words = [re.escape(w) for w in re.split(r"[\s-]+", text.strip()) if w]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?:e?s)?(?![\w-])", re.IGNORECASE)


def folded(text: str) -> str:
    """`text` in the case `may_occur` compares in: a phrase pattern can only match where its words
    stand, in any case, as plain substrings of this (`auditor.anchored.fold`, which skips the slow
    `translate` when none of the four non-ASCII characters it maps is in the text)."""
    return fold(text)


@cache
def needles(phrase: str) -> tuple[str, ...]:
    """The lower-case words `may_occur` looks for (none when a word is not ASCII: always may)."""
    words = [w for w in re.split(r"[\s-]+", phrase.strip()) if w]
    return tuple(w.lower() for w in words) if all(w.isascii() for w in words) else ()


def may_occur(phrase: str, folded_text: str) -> bool:
    """Whether `phrase_pattern(phrase)` can match a text folded by `folded`: every word of the
    phrase must be in it. A cheap test that spares running each of the lexicon's patterns over
    every paragraph; never false where the pattern would match."""
    return all(map(folded_text.__contains__, needles(phrase)))  # no generator: runs ~50 times a paragraph


def _variant(raw: Any, term: str) -> Variant:
    if isinstance(raw, str):
        return Variant(raw, term)
    return Variant(raw["text"], raw["fix"])


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build the lexicon from the parsed TOML table (see the comments in terms.toml)."""
    terms = []
    for entry in data.get("term", []):
        name = entry["term"].strip().lower()
        terms.append(
            Term(
                term=name,
                variants=tuple(_variant(v, name) for v in entry.get("variants", [])),
                context=frozenset(c.lower() for c in entry.get("context", [])),
                figures=frozenset(entry.get("figures", [])),
                phonetic=bool(entry.get("phonetic", False)),
            )
        )
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    return Lexicon(
        terms=tuple(terms),
        common_modifiers=frozenset(normalise_word(w) for w in data.get("common_modifiers", [])),
        heads=frozenset(normalise_word(w) for w in data.get("heads", [])),
        function_words=words("function_words"),
        verbs=words("verbs"),
        verb_cues=words("verb_cues"),
        prefixes=tuple(sorted(words("prefixes"), key=len, reverse=True)),
        suffixes=words("suffixes"),
        standard={
            normalise_word(head): frozenset(normalise_word(w) for w in modifiers)
            for head, modifiers in data.get("standard", {}).items()
        },
    )


@cache
def _lexicon(words: Words) -> Lexicon:
    return parse_lexicon(words.table("terms"))


def load_lexicon(words: Words | None = None) -> Lexicon:
    """The lexicon of the vocabulary (the shipped one by default), built once per vocabulary."""
    return _lexicon(words or default_words())


# -- words and sounds ----------------------------------------------------------------------------


def normalise_word(word: str) -> str:
    """Lower case, without a possessive or plural ending, so that "revenues" equals "revenue".

    Cached: a call repeats the same few thousand words, and this runs for every word of it.
    """
    w = word.lower().removesuffix("'s").strip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("es") and w[:-2].endswith(("ss", "x", "ch", "sh")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=1 << 14)
def sounds_alike(a: str, b: str) -> bool:
    """Two different words a recogniser can confuse: close phonetic keys and close spelling.

    Inflections of one stem ("public"/"publish", "basic"/"basis") are not confusions: they share
    all but the last letter or two and are usually intended. Cached: the term checks ask about the
    same pairs of words many times a call.
    """
    if a == b or len(a) < 4 or len(b) < 4:
        return False
    shared = len(os.path.commonprefix((a, b)))
    if shared >= min(len(a), len(b)) - 1:
        return False
    ka, kb = jellyfish.metaphone(a), jellyfish.metaphone(b)
    if max(len(ka), len(kb)) < 2 or jellyfish.levenshtein_distance(ka, kb) > 1:
        return False
    return jellyfish.jaro_winkler_similarity(a, b) >= 0.75


class _Normalised(dict[str, str]):
    """`normalise_word` of every word asked for, kept: `map(_NORMALISED.__getitem__, words)` runs
    in C for every word already seen (an `lru_cache` wrapper moves each hit in its recency list,
    which cost more than the split of the text). The only cache of `normalise_word` (a second one
    held the same words again); emptied when it holds 65,536 words, so memory stays bounded."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 1 << 16:
            self.clear()
        found = self[word] = normalise_word(word)
        return found


_NORMALISED = _Normalised()


@dataclass(frozen=True)
class Token:
    word: str  # normalised
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(_NORMALISED[m.group()], m.start(), m.end()) for m in _WORD_RE.finditer(text)]


class ParagraphWords:
    """A paragraph's words, tokenised once and shared by every term check and helper.

    Kept as a tuple of normalised words, not as `Token` objects: a call holds tens of thousands of
    words until its last check has run, and plain tuples of strings and integers are dropped from
    the garbage collector's bookkeeping, where an object per word made every full collection of
    the (large, spaCy-laden) heap slower and more frequent. The index of every word is built only
    when a caller asks for it (`positions` scans the words instead): most paragraphs never need it.
    """

    __slots__ = ("_bounds", "_index", "_parts", "folded", "vocabulary", "words")

    def __init__(self, text: str) -> None:
        # the text cut at its words: gaps and words alternate, and the running sum of their
        # lengths gives every word's start and end (all in C, where a Match object per word cost more)
        parts = tuple(_WORD_SPLIT_RE.split(text))
        self.words: tuple[str, ...] = tuple(map(_NORMALISED.__getitem__, parts[1::2]))  # normalised, in text order
        self.vocabulary = frozenset(self.words)
        self.folded = folded(text)  # the text as `may_occur` compares it
        self._index: dict[str, tuple[int, ...]] | None = None
        # the words' places, summed only when a caller asks for a `token` (most paragraphs: never)
        self._parts: tuple[str, ...] | None = parts
        self._bounds: tuple[tuple[int, ...], tuple[int, ...]] | None = None

    @property
    def starts(self) -> tuple[int, ...]:
        """Where each word starts in the text."""
        return self._places()[0]

    @property
    def ends(self) -> tuple[int, ...]:
        """Where each word ends in the text."""
        return self._places()[1]

    def _places(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        if self._bounds is None:
            bounds = list(accumulate(map(len, self._parts or ())))
            self._bounds = (tuple(bounds[0:-1:2]), tuple(bounds[1::2]))
            self._parts = None
        return self._bounds

    @classmethod
    def of(cls, text: str) -> ParagraphWords:
        return cls(text)

    def __len__(self) -> int:
        return len(self.words)

    @property
    def index(self) -> dict[str, tuple[int, ...]]:
        """Where each normalised word stands (token positions, ascending)."""
        if self._index is None:
            positions: dict[str, list[int]] = {}
            for i, w in enumerate(self.words):
                positions.setdefault(w, []).append(i)
            self._index = {w: tuple(ks) for w, ks in positions.items()}
        return self._index

    def positions(self, word: str) -> tuple[int, ...]:
        """Where `word` (normalised) stands: `index.get(word, ())`, by a scan of the words in C."""
        if word not in self.vocabulary:
            return ()
        if self._index is not None:
            return self._index[word]
        found, words, at = [], self.words, -1
        for _ in range(words.count(word)):
            at = words.index(word, at + 1)
            found.append(at)
        return tuple(found)

    def token(self, i: int) -> Token:
        """The `i`-th word as a `Token` (the same one `tokens(text)[i]` gives)."""
        starts, ends = self._bounds if self._bounds is not None else self._places()
        return Token(self.words[i], starts[i], ends[i])


def paragraph_words(transcript: Transcript, text: str) -> ParagraphWords:
    """The words of one of the transcript's paragraphs, built once per transcript (never kept across
    files): phrase candidates are looked up in its index instead of trying every window."""
    table: dict[str, ParagraphWords] = transcript.derived("terms.paragraph_words", dict)
    words = table.get(text)
    if words is None:
        words = table[text] = ParagraphWords.of(text)
    return words


def joined(text: str, run: Sequence[Token]) -> bool:
    """Whether the words of `run` are joined only by spaces or hyphens (punctuation breaks a phrase)."""
    return all(_JOIN_RE.match(text[a.end : b.start]) for a, b in zip(run, run[1:], strict=False))


def windows_at(text: str, words: ParagraphWords, size: int, starts: Iterable[int]) -> Iterator[Sequence[Token]]:
    """The joined runs of `size` words that begin at the token positions `starts`, in text order:
    `windows` restricted to candidates found in a `ParagraphWords` index."""
    for i in sorted({i for i in starts if 0 <= i <= len(words) - size}):
        run = [words.token(k) for k in range(i, i + size)]
        if joined(text, run):
            yield run


def pairs_ending_in(text: str, words: ParagraphWords, heads: frozenset[str]) -> Iterator[int]:
    """The positions `i` where words `i` and `i + 1` are joined and the second is one of `heads`,
    in text order: `windows_at(text, words, 2, (k - 1 for each head's position k))` keeping the
    runs whose second word is a head, read off the word tuples (no `Token` per candidate)."""
    present = heads & words.vocabulary
    if not present:
        return
    starts, ends = words.starts, words.ends
    at = words.words
    for i in sorted({k - 1 for w in present for k in words.positions(w) if k >= 1}):
        if at[i + 1] in heads and _JOIN_RE.match(text[ends[i] : starts[i + 1]]):
            yield i


def match_case(fix: str, original: str) -> str:
    """The fix with the original's initial capital ("Adjusted growth margin" -> "Gross margin")."""
    return fix[:1].upper() + fix[1:] if original[:1].isupper() else fix
