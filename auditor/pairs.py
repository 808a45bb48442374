"""An English paragraph and its Chinese translation line, as the translation checks read them.

Why a model of its own: several translation checks need the same alignment of figures (which
English figure the translation renders, which are left over on each side), the years each side
names and the length of each side. They are computed once per pair here, so the checks read them
instead of each matching figures or compiling year and word patterns again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from auditor.alignment import ClauseGap, clause_gaps
from auditor.bilingual import (
    aligned_units,
    chinese_unit_count,
    comparable_figures,
    english_word_count,
    match_figures,
    years_en,
    years_zh,
)
from auditor.dates import DateMention, PeriodMention
from auditor.figure_words import Figure, english_figures, unaccounted
from auditor.figure_words_zh import chinese_figures
from auditor.quantities import Quantity
from auditor.textutil import has_han
from auditor.words import Words

if TYPE_CHECKING:
    from auditor.model import Paragraph  # the model builds pairs; a pair never builds the model


@dataclass(frozen=True)
class FigureAlignment:
    """Figures of a pair matched by value: pairs, English figures left over, Chinese ones left over."""

    english: tuple[Quantity, ...]
    chinese: tuple[Quantity, ...]
    matched: tuple[tuple[Quantity, Quantity], ...]
    english_only: tuple[Quantity, ...]
    chinese_only: tuple[Quantity, ...]


class Pair:
    """One English paragraph (its source line) with its translation line."""

    def __init__(self, paragraph: Paragraph) -> None:
        if paragraph.translation is None or paragraph.translation_line is None:
            raise ValueError("a pair needs a paragraph with a translation line")
        self.paragraph = paragraph
        self.en: str = paragraph.text
        self.zh: str = paragraph.translation
        self.line: int = paragraph.line
        self.translation_line: int = paragraph.translation_line
        self._all_figures: dict[Words, tuple[tuple[Figure, ...], tuple[Figure, ...]]] = {}
        self._clause_gaps: dict[Words, tuple[ClauseGap, ...]] = {}

    @property
    def is_translated(self) -> bool:
        """True when the translation line is written in Chinese (else it is left untranslated)."""
        return has_han(self.zh)

    @property
    def en_quantities(self) -> list[Quantity]:
        return self.paragraph.quantities

    @property
    def zh_quantities(self) -> list[Quantity]:
        return self.paragraph.translation_quantities

    @property
    def en_dates(self) -> list[DateMention]:
        return self.paragraph.dates

    @property
    def zh_dates(self) -> list[DateMention]:
        return self.paragraph.translation_dates

    @property
    def en_periods(self) -> list[PeriodMention]:
        return self.paragraph.periods

    @property
    def zh_periods(self) -> list[PeriodMention]:
        return self.paragraph.translation_periods

    @cached_property
    def figures(self) -> FigureAlignment:
        """Comparable figures of both sides, matched by value once (closest value first)."""
        english = comparable_figures(self.en_quantities)
        chinese = comparable_figures(self.zh_quantities)
        matched, en_rest, zh_rest = match_figures(english, chinese)
        return FigureAlignment(tuple(english), tuple(chinese), tuple(matched), tuple(en_rest), tuple(zh_rest))

    def all_figures(self, words: Words) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
        """Every figure of each side, digits and words alike (two, 兩朵, a third, 第五, the 1980s),
        read once per vocabulary (the transcript's `words`)."""
        if words not in self._all_figures:
            en = english_figures(self.en, self.en_quantities, self.en_dates, self.en_periods, words)
            zh = chinese_figures(self.zh, self.zh_quantities, self.zh_dates, self.zh_periods, words)
            self._all_figures[words] = (tuple(en), tuple(zh))
        return self._all_figures[words]

    def unaccounted_figures(self, words: Words) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
        """Figures of the English with no same-value figure in the translation, and the reverse.

        When both sides write a calendar date, the dates are left to translation.date to compare."""
        en, zh = self.all_figures(words)
        if any(f.in_date for f in en) and any(f.in_date for f in zh):
            en = tuple(f for f in en if not f.in_date)
            zh = tuple(f for f in zh if not f.in_date)
        return tuple(unaccounted(list(en), list(zh))), tuple(unaccounted(list(zh), list(en)))

    def clause_gaps(self, words: Words) -> tuple[ClauseGap, ...]:
        """Clauses the translation adds or drops: no dictionary counterpart on the other side, and the
        pair's length is off by about that clause (`auditor.alignment`), read once per vocabulary."""
        if words not in self._clause_gaps:
            en_sents = [s.text for s in self.paragraph.sentences]
            zh_sents = [s.text for s in self.paragraph.translation_sentences if s.text.strip()]
            self._clause_gaps[words] = tuple(clause_gaps(self.en, self.zh, en_sents, zh_sents, words))
        return self._clause_gaps[words]

    @cached_property
    def units(self) -> tuple[tuple[str, str], ...]:
        """The pair cut into aligned units, clauses or sentences (`auditor.bilingual.aligned_units`),
        cut once for the checks that compare unit by unit (negation, opposite words)."""
        en_sents = [s.text for s in self.paragraph.sentences]  # the model's spaCy sentences, both sides
        zh_sents = [s.text for s in self.paragraph.translation_sentences if s.text.strip()]
        return tuple(aligned_units(self.en, self.zh, en_sents, zh_sents))

    @cached_property
    def en_years(self) -> frozenset[int]:
        """Calendar years of the English line (2024)."""
        return years_en(self.en)

    @cached_property
    def zh_years(self) -> frozenset[int]:
        """Calendar years of the translation line (2024年)."""
        return years_zh(self.zh)

    @cached_property
    def en_word_count(self) -> int:
        """Words of the English line: the yardstick for the length of a complete rendering."""
        return english_word_count(self.en)

    @cached_property
    def zh_unit_count(self) -> int:
        """Chinese characters plus Latin tokens of the translation line."""
        return chinese_unit_count(self.zh)

    @cached_property
    def zh_english_word_count(self) -> int:
        """English words on the translation line (a line left in English has many)."""
        return english_word_count(self.zh)

    def __repr__(self) -> str:
        return f"Pair(line={self.line}, translation_line={self.translation_line})"
