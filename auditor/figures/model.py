"""The figure model of a transcript: every figure with its metric and period, built once and shared.

Why shared: five checks (change, parts_total, ratio, restatement, misheard) read the same linked
figures; building them is the expensive part, so it is done once per transcript
(`transcript.derived`) and every check reads the same `FigureModel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from auditor.figures.extraction import Figure, FigureExtractor
from auditor.figures.lexicon import Lexicon, MetricDef, load_lexicon
from auditor.figures.mentions import CallPeriod

if TYPE_CHECKING:
    from auditor.model import Transcript


@dataclass
class FigureModel:
    """Every figure of a transcript with its metric and period, and the claims among them."""

    transcript: Transcript
    lexicon: Lexicon
    call: CallPeriod
    figures: list[Figure]

    def levels(self, key: tuple[str, str | None, bool], period: str, linked_only: bool = True) -> list[Figure]:
        """Figures stating the value of metric `key` for `period`, in transcript order."""
        return [
            f for f in self.figures
            if f.key == key and f.role == "level" and f.period == period and (f.linked or not linked_only)
        ]

    def levels_like(self, f: Figure, key: tuple[str, str | None, bool]) -> list[Figure]:
        """Linked levels of metric `key` in the same period as figure `f` (see `Figure.same_period`)."""
        return [g for g in self._linked_levels.get(key, ()) if g.same_period(f)]

    @cached_property
    def _linked_levels(self) -> dict[tuple[str, str | None, bool] | None, list[Figure]]:
        """The linked levels by metric, in transcript order: a check asks for those of one metric
        once per figure, and scanning every figure each time made a line of margins quadratic."""
        out: dict[tuple[str, str | None, bool] | None, list[Figure]] = {}
        for g in self.figures:
            if g.role == "level" and g.linked:
                out.setdefault(g.key, []).append(g)
        return out

    def metric(self, metric_id: str) -> MetricDef:
        return self.lexicon.metrics[metric_id]


def build_model(transcript: Transcript) -> FigureModel:
    """Link every English figure of `transcript` to its metric and period (built once per transcript),
    with the lexicon of the transcript's vocabulary (`transcript.words`)."""

    def build() -> FigureModel:
        lex = load_lexicon(transcript.words)
        extractor = FigureExtractor(transcript, lex)
        return FigureModel(transcript, lex, extractor.call, extractor.figures())

    return transcript.derived("figures.model", build)
