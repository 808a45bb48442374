"""The figure model's vocabulary: metric definitions and every phrase list, compiled once per `Words`.

Why one object: the figure model reads many word lists around a number (metric aliases, link
words, change nouns, breakdown openers ...). They are data (`auditor/data/metrics.toml`, with the
shared `periods.toml`, `directions.toml` and the mis-hearings of `terms.toml`), and a user may
extend them from configuration, so the lists and the patterns compiled from them are built here,
once per vocabulary (`load_lexicon(transcript.words)`), and passed to the code that reads them.

Mis-hearings of a metric are written once, as `variants` in `terms.toml`: a variant whose fix is an
alias of a metric becomes an alias of that metric here, so the figure checks link "growth margin
was 14.9%" to gross margin while the terms check reports the mis-hearing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from auditor.alternation import phrase_alternation as alternation
from auditor.figures.folding import literal_gate
from auditor.prefilter import LazyPattern, pattern_sources
from auditor.words import Words, default_words


@dataclass(frozen=True)
class MetricDef:
    """One metric of the lexicon."""

    id: str
    name: str
    kind: str  # money | ratio
    aliases: tuple[str, ...]
    parent: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    segmentable: bool = False
    balance: bool = False  # a balance at a date (cash, net debt, backlog), not a flow over a period


def _spaced_alternation(phrases: Iterable[str]) -> str:
    """Like `alternation`, but a space in a phrase matches any space or a hyphen ("year-over-year")."""
    return "|".join(
        r"[\s-]".join(re.escape(part) for part in p.split(" "))
        for p in sorted(set(phrases), key=lambda p: (-len(p), p))
    )


def _bounded(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """Any of `phrases` as whole words, not inside a hyphenated compound."""
    return re.compile(_bounded_source(phrases), flags)


def _bounded_source(phrases: Iterable[str]) -> str:
    """The source of `_bounded`."""
    return rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])"


@dataclass(frozen=True)
class Lexicon:
    """The financial-terms lexicon and the figure model's phrase lists, with their compiled patterns."""

    metrics: dict[str, MetricDef]
    alias_of: dict[str, str]
    adjust_prefixes: tuple[str, ...]
    neutral_modifiers: frozenset[str]
    company_words: frozenset[str]
    total_words: frozenset[str]
    unnamed_words: frozenset[str]
    not_segments: frozenset[str]
    filler: frozenset[str]
    segment_stop: frozenset[str]
    link_words: frozenset[str]
    period_of: dict[str, str]
    yoy: tuple[str, ...]
    qoq: tuple[str, ...]
    up: frozenset[str]
    down: frozenset[str]
    forward: frozenset[str]
    outlook: frozenset[str]  # forward words that speak of a later period, not of a hypothesis
    holding: frozenset[str]  # verbs that state a balance as it stands ("remain", "have")
    still: frozenset[str]  # of these, the ones a forward sentence may state it with ("will remain")
    breakdown_openers: tuple[str, ...]
    breakdown_inline: tuple[str, ...]
    breakdown_complete: tuple[str, ...]
    not_parts: frozenset[str]
    base_lead_stop: frozenset[str]
    subject_skip: frozenset[str]
    not_to: frozenset[str]
    per_share_metrics: frozenset[str]
    share_cues: tuple[str, ...]
    share_lead: tuple[str, ...]
    multipliers: dict[str, Decimal]
    quarter_numbers: tuple[str, ...]  # "one".."four" after "quarter"
    vague: tuple[tuple[re.Pattern[str], Decimal, Decimal], ...]  # "mid-teens" and the values it covers
    range_re = LazyPattern()
    not_ranges: frozenset[str]
    priors: dict[str, tuple[Decimal, Decimal]]
    fillers: frozenset[str]
    change_gap: frozenset[str]
    leads_to: frozenset[str]
    compare_re = LazyPattern()
    restate_re = LazyPattern()
    level_from_re = LazyPattern()
    bare_year_re = LazyPattern()
    period_ends_re = LazyPattern()
    from_segment_re = LazyPattern()
    compared_amount_re = LazyPattern()
    teens: tuple[str, ...]  # 13..19
    tens: tuple[str, ...]  # 30..90
    wording: Mapping[str, Mapping[str, str]]
    alias_re = LazyPattern()
    period_re = LazyPattern()
    adjust_re = LazyPattern()
    # patterns of the phrase lists (see metrics.toml for what each list means)
    modifier_re = LazyPattern()
    basis_after_re = LazyPattern()
    change_noun_re = LazyPattern()
    rate_of_re = LazyPattern()
    per_share_re = LazyPattern()
    segment_link_re = LazyPattern()
    periodish_re = LazyPattern()
    scope_re = LazyPattern()
    scope_period_re = LazyPattern()
    break_re = LazyPattern()
    clause_break_re = LazyPattern()
    base_before_re = LazyPattern()
    base_lead_re = LazyPattern()
    delta_before_re = LazyPattern()
    change_after_re = LazyPattern()
    multiplier_re = LazyPattern()
    yoy_re = LazyPattern()
    qoq_re = LazyPattern()
    share_cue_re = LazyPattern()
    breakdown_opener_re = LazyPattern()
    breakdown_complete_re = LazyPattern()
    move_re = LazyPattern()
    name_move_re = LazyPattern()
    compared_re = LazyPattern()
    continuation_re = LazyPattern()
    conversion_re = LazyPattern()
    subject_re = LazyPattern()
    line_subject_re = LazyPattern()
    line_nouns: tuple[str, ...]
    slide_re = LazyPattern()
    company_scope_re = LazyPattern()
    qualifier_re = LazyPattern()
    loose_re = LazyPattern()
    delta_after_re = LazyPattern()
    quarter_number_re = LazyPattern()
    year_start_re = LazyPattern()
    #: the sources of the patterns, each compiled when first read (`auditor.prefilter.LazyPattern`):
    #: a call reads only some of them
    sources: tuple[tuple[str, str, int], ...] = field(repr=False)
    #: literals one of which a match of `company_scope_re` or `slide_re` holds, and of `qualifier_re`
    #: (`folding.literal_gate`): a paragraph without any is not scanned for them
    company_or_slide_gate: tuple[str, ...] | None = field(default=None, repr=False)
    qualifier_gate: tuple[str, ...] | None = field(default=None, repr=False)

    def metric(self, metric_id: str) -> MetricDef:
        return self.metrics[metric_id]

    def period_name(self, period: str) -> str:
        """How a finding names a period ('a year earlier'); the period id when it has no name."""
        return self.wording["periods"].get(period, period)

    def unit_word(self, kind: str) -> str:
        """The unit printed after a rate of quantity kind `kind` ('%', ' percentage points' ...)."""
        units = self.wording["units"]
        return units.get(kind, units["percent"])


def _lower(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v).lower() for v in values)


def _misheard_aliases(words: Words, alias_of: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(variant, metric id) for every mis-hearing in terms.toml whose fix is an alias of a metric."""
    for term in words.table("terms").get("term", []):
        for variant in term.get("variants", []):
            if isinstance(variant, str):
                text, fix = variant, term["term"]
            else:
                text, fix = variant["text"], variant.get("fix", term["term"])
            metric = alias_of.get(str(fix).lower())
            if metric is not None:
                yield str(text).lower(), metric


def _metrics(words: Words) -> tuple[dict[str, MetricDef], dict[str, str]]:
    """The metric definitions, with the terms.toml mis-hearings of their aliases added as aliases."""
    specs = words.table("metrics")["metric"]
    aliases: dict[str, list[str]] = {}
    alias_of: dict[str, str] = {}
    for mid, spec in sorted(specs.items()):
        aliases[mid] = list(_lower(spec["aliases"]))
        for alias in aliases[mid]:
            alias_of.setdefault(alias, mid)
    for text, mid in list(_misheard_aliases(words, alias_of)):
        if text not in alias_of:
            alias_of[text] = mid
            aliases[mid].append(text)
    metrics = {
        mid: MetricDef(
            id=mid,
            name=spec["name"],
            kind=spec["kind"],
            aliases=tuple(aliases[mid]),
            parent=spec.get("parent"),
            numerator=spec.get("numerator"),
            denominator=spec.get("denominator"),
            segmentable=bool(spec.get("segmentable", False)),
            balance=bool(spec.get("balance", False)),
        )
        for mid, spec in sorted(specs.items())
    }
    return metrics, alias_of


@cache
def _build(words: Words) -> Lexicon:
    raw = words.table("metrics")
    periods = words.table("periods")
    directions = words.table("directions")["en"]
    metrics, alias_of = _metrics(words)
    period_of = {p.lower(): kind for kind, phrases in sorted(periods["relative"].items()) for p in phrases}
    # the figure model's own period phrases win: "full year" is a full year here, not just "other"
    period_of.update({p.lower(): "other" for p in raw["period"]["other"]})
    period_of.update({p.lower(): "local" for p in raw["period"]["local"]})
    period_of.update({p.lower(): "year" for p in raw["period"]["full_year"]})
    period_of.update({p.lower(): "half:1" for p in raw["period"]["first_half"]})
    period_of.update({p.lower(): "half:2" for p in raw["period"]["second_half"]})
    period_of.update({p.lower(): "9m" for p in raw["period"]["nine_months"]})
    prefixes = _lower(raw["adjustment"]["prefixes"])
    segment, scope, link, roles, change = raw["segment"], raw["scope"], raw["link"], raw["roles"], raw["change"]
    grammar = raw["grammar"]
    multipliers = {str(m["word"]).lower(): Decimal(str(m["factor"])) for m in change["multipliers"]}
    yoy, qoq = tuple(periods["comparisons"]["yoy"]), tuple(periods["comparisons"]["qoq"])
    ci = re.IGNORECASE
    return Lexicon(
        metrics=metrics,
        alias_of=alias_of,
        adjust_prefixes=prefixes,
        neutral_modifiers=frozenset(segment["neutral_modifiers"]),
        company_words=frozenset(_lower(segment["company"])),
        total_words=frozenset(_lower(segment["total"])),
        unnamed_words=frozenset(_lower(segment["unnamed"])),
        not_segments=frozenset(_lower(scope["not_segments"]) + _lower(words.table("calendar")["months"]["names"])),
        filler=frozenset(segment["filler"]),
        segment_stop=frozenset(_lower(segment["stop"])),
        link_words=frozenset(_lower(link["words"])),
        period_of=period_of,
        yoy=yoy,
        qoq=qoq,
        up=frozenset(directions["up"]),
        down=frozenset(directions["down"]),
        forward=frozenset(raw["forward"]["words"]),
        outlook=frozenset(raw["forward"]["outlook"]),
        holding=frozenset(raw["balance"]["holding"]) | frozenset(raw["balance"]["still"]),
        still=frozenset(raw["balance"]["still"]),
        breakdown_openers=tuple(raw["breakdown"]["openers"]),
        breakdown_inline=_lower(raw["breakdown"]["inline"]),
        breakdown_complete=tuple(raw["breakdown"]["complete"]),
        not_parts=frozenset(_lower(raw["breakdown"]["not_parts"])),
        base_lead_stop=frozenset(_lower(roles["base_lead_stop"])),
        subject_skip=frozenset(_lower(link["subject_skip"])),
        not_to=frozenset(_lower(roles["not_to"])),
        per_share_metrics=frozenset(raw["mention"]["per_share_metrics"]),
        share_cues=tuple(raw["shares"]["cues"]),
        share_lead=_lower(raw["shares"]["lead"]),
        multipliers=multipliers,
        quarter_numbers=_lower(raw["period"]["quarter_numbers"]),
        vague=tuple(
            (_bounded(v["words"], ci), Decimal(str(v["low"])), Decimal(str(v["high"]))) for v in raw["misheard"]["vague"]
        ),
        not_ranges=frozenset(_lower(raw["misheard"]["not_ranges"])),
        priors={k: (Decimal(str(v["low"])), Decimal(str(v["high"]))) for k, v in raw["priors"].items()},
        fillers=frozenset(_lower(grammar["fillers"])),
        change_gap=frozenset(_lower(grammar["change_gap"])),
        leads_to=frozenset(_lower(grammar["leads_to"])),
        teens=_lower(raw["misheard"]["teens"]),
        tens=_lower(raw["misheard"]["tens"]),
        wording=raw["wording"],
        line_nouns=_lower(scope["nouns"]),
        sources=pattern_sources(
            range_re=(rf"\b(?:{alternation(raw['misheard']['range_openers'])})\s+[\[(]?\s*$", ci),
            compare_re=(_bounded_source(grammar["compare"]), ci),
            restate_re=(rf"^[\s,(]*(?:{alternation(grammar['restate'])})\s+(?:an?\s+|the\s+)?[\[(]?\s*$", ci),
            level_from_re=(rf"^[\s,]*(?:{_spaced_alternation(grammar['level_from'])})\b", ci),
            bare_year_re=(rf"\b(?:{alternation(grammar['year_lead'])})\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]?\s*\d)", ci),
            period_ends_re=(rf"\s+(?:{alternation(grammar['period_ends'])})\s+(?:the\s+)?", ci),
            from_segment_re=(rf"^\s+(?:{alternation(grammar['from_segment'])})\s+(?:(?:{alternation(scope['move_determiners'])})\s+)?"
                rf"(?P<rest>[A-Za-z][^,.;:]{{0,50}})", ci),
            # "... from US$210.5 million in [the third quarter of 2024]": a period after a compared amount
            compared_amount_re=(rf"\b(?:{alternation(raw['period']['compared'])})\b[^,;]*\d[^,;]*$", ci),
            alias_re=(rf"(?<![\w&-])(?:{alternation(alias_of)})(?![\w&])", ci),
            period_re=(rf"(?<![\w-])(?:{alternation(period_of)})(?![\w-])", ci),
            adjust_re=(rf"(?<![\w-])(?:{alternation(prefixes)})\s+$", ci),
            modifier_re=(rf"\s+(?:{alternation(raw['mention']['modifiers'])})\b", ci),
            # "EBIT margin before special items", "EBIT before special amo... items": the metric's usual basis,
            # named after it (one garbled word may stand between)
            basis_after_re=(rf"\s+(?:(?:{alternation(raw['mention']['basis']['leads'])})\s+(?:{alternation(raw['mention']['basis']['kinds'])})"
                rf"\s+(?:\S+\s+)?(?:{alternation(raw['mention']['basis']['nouns'])})|{_spaced_alternation(raw['mention']['basis']['phrases'])})\b", ci),
            per_share_re=(rf"^[\s\])]*(?:{alternation(raw['mention']['per_share'])})\b", ci),
            # "a 75% decrease in net income", "59.3% year-over-year decline of revenues": the metric after a rate
            rate_of_re=(rf"[\s\])]*(?:(?:{_spaced_alternation(change['comparisons'])})\s+)?(?:{alternation(raw['mention']['change_nouns'])})s?"
                rf"\s+(?:in|of)\s+(?:(?:{alternation(scope['move_determiners'])})\s+)?", ci),
            change_noun_re=(rf"\s+(?P<noun>{alternation(raw['mention']['change_nouns'])})\b", ci),
            segment_link_re=(rf"\s+(?:{alternation(segment['links'])})\s+", ci),
            # matched against lower-cased text; "q1".."q4" and a digit name a period too
            periodish_re=rf"^(?:{alternation(_lower(segment['period_determiners']))})?\s*"
                rf"(?:{alternation(_lower(segment['period_words']))}|q[1-4]|\d)",
            scope_re=(rf"^\s*(?:{alternation(scope['openers'])})\s+(?:(?:{alternation(scope['determiners'])})\s+)?"
                rf"(?P<seg>[A-Za-z][A-Za-z &-]{{1,40}}?)\s+(?:{alternation(scope['nouns'])})\s*,", ci),
            scope_period_re=(rf"{alternation(scope['period_words'])}|q[1-4]", ci),
            break_re=(rf"\b(?:{alternation(link['breaks'])})\b|;", ci),
            clause_break_re=rf"[,;]|\b(?:{alternation(link['clause_breaks'])})\b",
            base_before_re=(rf"\b(?:{alternation(roles['base_before'])})\s+(?:the\s+)?[\[(]?\s*$", ci),
            base_lead_re=(rf"\b(?:{alternation(roles['base_lead'])})\b(?P<between>(?:\s+[a-z'’-]+){{0,4}}?)\s+[\[(]?\s*$", ci),
            delta_before_re=(rf"\b(?:{alternation(roles['delta_before'])})\s+[\[(]?\s*$", ci),
            change_after_re=(rf"^[\s\])]*(?:(?P<cmp>{_spaced_alternation(change['comparisons'])})\b)?"
                rf"\s*(?P<word>{alternation(change['nouns'])})?", ci),
            multiplier_re=(rf"\b({alternation(multipliers)})\b", ci),
            # matched against lower-cased text
            yoy_re=_bounded_source(yoy),
            qoq_re=_bounded_source(qoq),
            share_cue_re=rf"\b(?:{alternation(raw['shares']['cues'])})\b",
            breakdown_opener_re=(_bounded_source(raw["breakdown"]["openers"]), ci),
            breakdown_complete_re=(_bounded_source(raw["breakdown"]["complete"]), ci),
            move_re=(rf"^(?:[\s,.:;-]|\b(?:{alternation(scope['move_fillers'])})\b)*(?:{alternation(scope['moves'])})\s+"
                rf"(?:(?:{alternation(scope['move_determiners'])})\s+)?(?P<seg>[^,.;:!?]{{1,60}}?)\s*(?:[,.;:!?]|$)", ci),
            name_move_re=(rf"^(?:[\s,.:;-]|\b(?:{alternation(scope['move_fillers'])})\b)*(?:{alternation(scope['name_moves'])})\s+"
                rf"(?:(?:{alternation(scope['move_determiners'])})\s+)?(?P<seg>(?-i:[A-Z])[^,.;:!?]{{0,59}}?)\s*(?:[,.;:!?]|$)", ci),
            conversion_re=(rf"\b(?:{alternation(roles['conversions'])})(?:\s+[A-Za-z.]+){{0,3}}\s*[\[(]?\s*$", ci),
            # a capitalised name of one to three words opening the sentence, then a verb
            subject_re=(rf"^(?:[\s,.:;-]|\b(?:{alternation(scope['move_fillers'])})\b)*"
                rf"(?P<name>(?-i:[A-Z])[\w&'-]*(?:\s+(?-i:[A-Z])[\w&'-]*){{0,2}})\s+(?:also\s+|again\s+|further\s+)?"
                rf"(?:{alternation(link['subject_verbs'])})\b", ci),
            # "And our downstream performed well also": a lower-case business line as the subject
            line_subject_re=(rf"^(?:[\s,.:;-]|\b(?:{alternation(scope['move_fillers'])})\b)*(?:{alternation(scope['determiners'])})\s+"
                rf"(?P<name>(?-i:[a-z])[\w&'-]*(?:\s+(?-i:[a-z])[\w&'-]*){{0,2}}?)\s+(?:also\s+|again\s+|further\s+)?"
                rf"(?:{alternation(link['subject_verbs'])})\b", ci),
            continuation_re=(rf"^(?:[\s,.:;-]|\b(?:{alternation(scope['move_fillers'])})\b)*(?:{alternation(link['continuations'])})\b", ci),
            # a strong comparison word anywhere in the clause before the period; a weak one only up to
            # three words before it
            compared_re=(rf"\b(?:{alternation(set(raw['period']['compared']) - set(raw['period']['compared_near']))})\b[^,;]*$"
                rf"|\b(?:{alternation(raw['period']['compared_near'])})\s+(?:[^\s,;]+\s+){{0,3}}$", ci),
            slide_re=(rf"\b(?:{alternation(scope['slides'])})\s+(?:number\s+)?(?:\d+|(?:{alternation(scope['slide_numbers'])})\b)", ci),
            company_scope_re=(_bounded_source(scope["company"]), ci),
            qualifier_re=(_bounded_source(change["qualifiers"]), ci),
            loose_re=(rf"(?:{alternation(change['loose'])})\s*[\[(]?\s*$", ci),
            delta_after_re=(rf"^[\s\])]*(?:{_spaced_alternation(roles['delta_after'])})\b", ci),
            quarter_number_re=(rf"\bquarter\s+(?P<n>[1-4]|{alternation(raw['period']['quarter_numbers'])})\b", ci),
            # "a solid start to the [fiscal year]": the words right before a full-year phrase
            year_start_re=(rf"\b(?:{alternation(raw['period']['year_start'])})\s+(?:(?:the|our|this|a)\s+)?$", ci),
        ),
        company_or_slide_gate=literal_gate([*scope["company"], *scope["slides"]]),
        qualifier_gate=literal_gate(change["qualifiers"]),
    )


def load_lexicon(words: Words | None = None) -> Lexicon:
    """The lexicon of vocabulary `words` (the shipped one by default), built once per vocabulary."""
    return _build(default_words() if words is None else words)
