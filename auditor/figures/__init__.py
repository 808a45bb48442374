"""The figure model: which metric and which period each printed figure belongs to.

Why: the figure checks may only compare numbers of the same metric (revenue, adjusted gross margin,
public cloud revenue ...) and the same period (this quarter, the same quarter last year, last
quarter). This package links every English quantity of a transcript to the metric phrase that
governs it (from a lexicon kept as data in `auditor/data/metrics.toml`) and to its period, and
extracts the claims the checks verify: change claims ("up 18.4% from US$210.5 million"), shares
("accounting for 45% of public cloud revenue"), breakdowns ("Of this revenue, ...") and series
("41.2% this quarter, compared with 40% a year ago and 40.6% last quarter"). When the metric or
the period of a number is unclear it is left unlinked: the checks then stay silent on it.

Modules: `intervals` (interval arithmetic and printing), `lexicon` (the vocabulary, once per
`Words`), `mentions` (metric phrases, the call's quarter, period phrases), `context` (the period
and business line a sentence inherits from its speaker), `extraction` (figures), `claims` (claims
among figures), `slips` (how a number is mis-heard) and `model` (the per-transcript `FigureModel`).
"""

from auditor.figures.claims import (
    Breakdown,
    ChangeClaim,
    Series,
    ShareClaim,
    breakdowns,
    change_claims,
    series,
    share_claims,
    word_change_claims,
)
from auditor.figures.extraction import Figure, FigureExtractor
from auditor.figures.intervals import HUNDRED, Interval, fmt, fmt_money, percent_change, round_to_step
from auditor.figures.lexicon import Lexicon, MetricDef, load_lexicon
from auditor.figures.mentions import CallPeriod, MetricMention, call_period, find_mentions, periods_in
from auditor.figures.model import FigureModel, build_model
from auditor.figures.restated import agree, restated_slip
from auditor.figures.slips import misreadings, slip, teen_readings

__all__ = [
    "HUNDRED",
    "Breakdown",
    "CallPeriod",
    "ChangeClaim",
    "Figure",
    "FigureExtractor",
    "FigureModel",
    "Interval",
    "Lexicon",
    "MetricDef",
    "MetricMention",
    "Series",
    "agree",
    "ShareClaim",
    "breakdowns",
    "build_model",
    "call_period",
    "change_claims",
    "find_mentions",
    "fmt",
    "fmt_money",
    "load_lexicon",
    "misreadings",
    "percent_change",
    "periods_in",
    "restated_slip",
    "round_to_step",
    "series",
    "share_claims",
    "slip",
    "teen_readings",
    "word_change_claims",
]
