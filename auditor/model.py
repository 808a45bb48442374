"""The transcript model every check reads: turns, paragraphs, sentences and their translations.

Checks depend on this module (and on `auditor.quantities`, `auditor.dates`, `auditor.roster`),
never on each other. Every element keeps its 1-based physical line number in the input file so
that a finding can point the editor at the exact line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from auditor.dates import (
    DateMention,
    PeriodEndMention,
    PeriodMention,
    find_dates,
    find_period_ends,
    find_periods,
)
from auditor.quantities import Quantity, parse_quantities
from auditor.textutil import HiddenCharacter
from auditor.words import Words, default_words

if TYPE_CHECKING:
    from auditor.pairs import Pair
    from auditor.reference import ReferenceSet
    from auditor.roster import Roster

T = TypeVar("T")

@cache
def _speaker_labels(words: Words) -> dict[str, str]:
    """Each speaker label that is a role, not a person (lower case), with its kind."""
    labels: dict[str, str] = {}
    for kind, values in words.table("speakers")["labels"].items():
        for value in values:
            labels.setdefault(str(value).strip().lower(), kind)
    return labels


def speaker_label_kind(label: str, words: Words | None = None) -> str:
    """What a speaker label names: "person", or a role ("operator", "unidentified", "company", "other").

    Why one function: the reader (is this line a header?), the roster (whose turns announce
    questioners?) and the speaker checks (was the announced questioner left unidentified?) must
    agree on the labels, which are listed once in `auditor/data/speakers.toml`.
    """
    words = words or default_words()
    key = label.strip().lower()
    kind = _speaker_labels(words).get(key)
    if kind is not None:
        return kind
    first, _, number = key.partition(" ")
    if number.strip().lstrip("#").isdigit() and first in _numbered_speaker_words(words):
        return "anonymous"  # "Speaker 3": a source's numbering, not a name and not a defect
    return "person"


@cache
def _numbered_speaker_words(words: Words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words.table("speakers")["headers"]["numbered_speakers"])


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph; offsets are character offsets into the paragraph text."""

    text: str
    start: int
    end: int


@dataclass
class Paragraph:
    """One paragraph of speech (one physical line in the line layouts) and its translation."""

    index: int
    line: int
    text: str
    turn: int
    speaker: str | None
    role: str | None
    translation: str | None = None
    translation_line: int | None = None
    sentence_spans: list[Sentence] = field(default_factory=list, repr=False)
    translation_sentence_spans: list[Sentence] = field(default_factory=list, repr=False)

    @property
    def lines(self) -> tuple[int, ...]:
        """The physical lines of this paragraph: its source line and its translation line."""
        if self.translation_line is None:
            return (self.line,)
        return (self.line, self.translation_line)

    @property
    def last_line(self) -> int:
        return self.translation_line or self.line

    @property
    def sentences(self) -> list[Sentence]:
        return self.sentence_spans or [Sentence(self.text, 0, len(self.text))]

    @property
    def translation_sentences(self) -> list[Sentence]:
        if self.translation is None:
            return []
        return self.translation_sentence_spans or [Sentence(self.translation, 0, len(self.translation))]

    @cached_property
    def dates(self) -> list[DateMention]:
        return find_dates(self.text, "en")

    @cached_property
    def translation_dates(self) -> list[DateMention]:
        return find_dates(self.translation, "zh") if self.translation else []

    @cached_property
    def periods(self) -> list[PeriodMention]:
        return find_periods(self.text, "en")

    @cached_property
    def translation_periods(self) -> list[PeriodMention]:
        return find_periods(self.translation, "zh") if self.translation else []

    @cached_property
    def period_ends(self) -> list[PeriodEndMention]:
        """Quarters and halves the English text says end on a date ("Q2 ended June 30")."""
        return find_period_ends(self.text)

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Quantities of the English text; numbers inside dates are not quantities."""
        return parse_quantities(self.text, "en", masked=[(d.start, d.end) for d in self.dates])

    @cached_property
    def translation_quantities(self) -> list[Quantity]:
        if not self.translation:
            return []
        masked = [(d.start, d.end) for d in self.translation_dates]
        masked += [(p.start, p.end) for p in self.translation_periods]
        return parse_quantities(self.translation, "zh", masked=masked)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence containing character `offset` of the paragraph text."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.sentences[-1]


@dataclass
class Turn:
    """A speaker's turn: a header (one line, or an identical pair in the bilingual layout)."""

    index: int
    speaker: str
    role: str | None
    header_lines: tuple[int, ...]
    paragraphs: list[Paragraph] = field(default_factory=list)
    header_translation: str | None = None

    @property
    def header_line(self) -> int:
        return self.header_lines[0] if self.header_lines else (self.paragraphs[0].line if self.paragraphs else 1)

    @property
    def label_kind(self) -> str:
        """The kind of this turn's label: "person", or a role ("operator", "unidentified", ...).

        Labels are classified as the file is read, before a configuration is at hand, so with the
        shipped labels.
        """
        return speaker_label_kind(self.speaker)

    @property
    def is_person(self) -> bool:
        """False for role labels such as Operator or Unidentified Participant."""
        return self.label_kind == "person"


@dataclass(frozen=True)
class LayoutIssue:
    """A problem found while reading the layout, reported as a finding (e.g. a missing translation)."""

    kind: str  # "missing_translation" | "extra_translation" | "unpaired_header"
    line: int
    text: str
    message: str


@dataclass
class Transcript:
    """A parsed transcript. `lines` are the physical lines of the file (without line endings)."""

    path: str
    layout: str  # "bilingual" | "english" | "json"
    lines: list[str]
    turns: list[Turn]
    preamble: list[tuple[int, str]] = field(default_factory=list)
    layout_issues: list[LayoutIssue] = field(default_factory=list)
    source_lang: str = "en"
    target_lang: str | None = None
    #: invisible characters (zero-width, bidi controls) the reader removed from `lines` and the
    #: paragraphs so that matching sees the visible text; each keeps its original line and column
    hidden_characters: list[HiddenCharacter] = field(default_factory=list)
    #: the vocabulary of this run (shipped word lists plus the user's extensions)
    words: Words = field(default_factory=default_words, repr=False, compare=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: reference documents (earnings release, participant list) read once for this transcript
    references: ReferenceSet | None = field(default=None, repr=False, compare=False)

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A read-only analysis of this transcript, built once and shared by every check that needs
        it (e.g. the figure model): checks stay independent without each redoing the same work."""
        if key not in self._derived:
            self._derived[key] = build()
        value: T = self._derived[key]
        return value

    @property
    def is_bilingual(self) -> bool:
        return self.target_lang is not None

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return [p for turn in self.turns for p in turn.paragraphs]

    @cached_property
    def _by_line(self) -> dict[int, Paragraph]:
        index: dict[int, Paragraph] = {}
        for p in self.paragraphs:
            for line in p.lines:
                index[line] = p
        return index

    def paragraph_at(self, line: int) -> Paragraph | None:
        """The paragraph whose source or translation stands on physical `line`."""
        return self._by_line.get(line)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def speaker_at(self, line: int) -> str | None:
        p = self.paragraph_at(line)
        if p is not None:
            return p.speaker
        for turn in self.turns:
            if line in turn.header_lines:
                return turn.speaker
        return None

    @cached_property
    def pairs(self) -> list[Pair]:
        """Every English paragraph with a Chinese translation line, its figures matched once."""
        from auditor.pairs import Pair

        return [Pair(p) for p in self.paragraphs if p.translation and p.translation_line is not None]

    @cached_property
    def roster(self) -> Roster:
        """Every person of the call (headers and people introduced in the text), built once."""
        from auditor.roster import build_roster

        return build_roster(self)
