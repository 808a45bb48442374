"""Helpers shared by the reference checks: how a release fact and a call figure are quoted."""

from __future__ import annotations

from auditor.figures import Figure, load_lexicon
from auditor.reference import Fact
from auditor.textutil import snippet
from auditor.words import Words

GROUPS = ("reference",)


def evidence_of(f: Figure) -> str:
    return snippet(f.text, f.quantity.start, f.quantity.end, 90)


def metric_phrase(f: Figure, words: Words) -> str:
    """'adjusted EBITDA for this quarter', 'public cloud revenue a year earlier'."""
    lex = load_lexicon(words)
    assert f.mention is not None
    name = lex.metrics[f.mention.metric].name
    if f.mention.segment:
        name = f"{f.mention.segment} {name}"
    if f.mention.adjusted:
        name = f"adjusted {name}"
    period = {"current": "for this quarter"}.get(f.period, lex.period_name(f.period))
    return f"{name} {period}"


def release_quote(fact: Fact) -> str:
    """Where the release states a fact and how: "US$249,246 thousand (release.html, table 1 ...)"."""
    return f"{fact.printed} ({fact.document}, {fact.where})"
