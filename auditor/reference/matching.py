"""The call's figures matched to the release's facts, once per transcript, for every reference check.

Why strict: a call figure is compared with a release value only when the metric, the scope
(segment, adjusted, per share), the period and the unit agree, and values are compared within the
rounding of both prints (a figure cut short, 728 for 728.7, agrees). When the release states one
scope and period twice with different values the figure is left unchecked. When most matched
figures disagree the release is probably not this call's, and nothing is reported but that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from auditor.figures import Figure, Interval, build_model, fmt, percent_change
from auditor.reference.document import PERIODS, Fact
from auditor.reference.vocabulary import Vocabulary, vocabulary

if TYPE_CHECKING:
    from auditor.model import Transcript


@dataclass(frozen=True)
class Match:
    """A call figure and the release facts of its metric, scope, period and unit."""

    figure: Figure
    facts: tuple[Fact, ...]
    agrees: bool
    uncertain: bool

    @property
    def fact(self) -> Fact:
        """The most precise fact (a table value before a rounded sentence)."""
        return min(self.facts, key=lambda f: (f.quantity.step, f.origin != "table"))


@dataclass(frozen=True)
class ChangeMatch:
    """A change rate on the call and the rate the release's own figures give."""

    figure: Figure
    release: Interval  # the signed change rate in percent
    facts: tuple[Fact, ...]  # the facts it was computed from (or the release's stated rate)
    agrees: bool


@dataclass
class Comparison:
    matches: list[Match] = field(default_factory=list)
    changes: list[ChangeMatch] = field(default_factory=list)
    unmatched: int = 0  # call figures of a metric and period the release does not state
    ambiguous: int = 0  # call figures the release states two ways
    unrelated: str | None = None  # why the release seems to be another call's


def uncertain(f: Figure, vocab: Vocabulary) -> bool:
    """Whether the transcriber marked the figure as unsure: "[US$12.5 million]", "12.5 million [ph]"."""
    before = f.text[: f.quantity.start].rstrip()
    after = f.text[f.quantity.end :].lstrip()
    if before.endswith(("[", "【")) and after.startswith(("]", "】")):
        return True
    return any(after.lower().startswith(mark) for mark in vocab.uncertain_marks)


def _per_share(f: Figure, vocab: Vocabulary) -> bool:
    assert f.mention is not None
    window = f.text[f.mention.start : min(len(f.text), f.quantity.end + 30)]
    return bool(vocab.call_per_share_re.search(window))


def _truncated(call: Figure, fact: Fact) -> bool:
    """The call's figure is the release's cut short at the call's precision (728 for 728.7)."""
    step = call.quantity.step
    if step <= 0 or fact.quantity.step > step:
        return False
    value = abs(fact.quantity.value)
    cut = (value / step).to_integral_value(rounding="ROUND_DOWN") * step
    return cut == abs(call.quantity.value)


def same_value(call: Figure, fact: Fact) -> bool:
    return call.quantity.same_value(fact.quantity) or _truncated(call, fact)


def call_period(f: Figure) -> str:
    """The release period a call figure speaks of: a figure whose speaker has named no period yet
    ("implicit") speaks of the quarter the call reports, which is the release's current column."""
    return "current" if f.period == "implicit" else f.period


def _facts_for(f: Figure, per_share: bool, facts: list[Fact]) -> list[Fact]:
    assert f.mention is not None
    key = (f.mention.metric, f.mention.segment, f.mention.adjusted, per_share)
    q = f.quantity
    return [
        x for x in facts
        if x.key == key and x.period == call_period(f) and x.comparison is None and x.quantity.kind == q.kind
        and (q.kind != "money" or x.quantity.unit == q.unit)
    ]


def _consistent(facts: list[Fact]) -> bool:
    """The release states the value one way (its facts overlap pairwise)."""
    return all(a.quantity.same_value(b.quantity) for i, a in enumerate(facts) for b in facts[i + 1 :])


def compare(transcript: Transcript) -> Comparison:
    """The comparison of the call with its releases, built once per transcript."""
    return transcript.derived("reference.comparison", lambda: _compare(transcript))


def _eligible(f: Figure) -> bool:
    """A level the metric phrase governs directly, or the base of a change with its own earlier
    period ("compared with 40.1% in the third quarter of 2024")."""
    q = f.quantity
    earlier = f.period in ("prior_year", "prior_quarter")  # named explicitly: the model defaults to current
    stated = (f.role == "level" and (f.linked or earlier)) or (f.role == "base" and earlier)
    return (f.mention is not None and stated and call_period(f) in PERIODS and q.qualifier not in ("about", "nearly")
            and (q.kind == "percent" or (q.kind == "money" and q.unit is not None)))


def _compare(transcript: Transcript) -> Comparison:
    out = Comparison()
    refs = transcript.references
    if refs is None or not refs.releases:
        return out
    facts = refs.facts
    vocab = vocabulary(transcript.words)
    model = build_model(transcript)
    for f in model.figures:
        if _eligible(f):
            found = _facts_for(f, _per_share(f, vocab), facts)
            if not found:
                out.unmatched += 1
            elif not _consistent(found):
                out.ambiguous += 1
            else:
                agrees = any(same_value(f, x) for x in found)
                out.matches.append(Match(f, tuple(found), agrees, uncertain(f, vocab)))
        elif f.role == "change":
            comparison = f.comparison or _implied_comparison(f, model.figures)
            kind = model.lexicon.metrics[f.mention.metric].kind if f.mention else ""
            change = _change(replace(f, comparison=comparison), facts, vocab, kind)
            if change is not None:
                out.changes.append(change)
    against = [m for m in out.matches if not m.agrees]
    if len(out.matches) >= 4 and len(against) > 0.6 * len(out.matches):
        out.unrelated = (f"the release disagrees with {len(against)} of the {len(out.matches)} call figures it "
                         "states: is it this call's release?")
    return out


def _implied_comparison(f: Figure, figures: list[Figure]) -> str | None:
    """'up 4.1% from RMB190.8 million a year ago': the base's period says what the rate compares."""
    later = [g for g in figures if g.paragraph is f.paragraph and g.sentence == f.sentence
             and g.quantity.start > f.quantity.start]
    if later and later[0].role == "base" and later[0].key == f.key:
        return {"prior_year": "yoy", "prior_quarter": "qoq"}.get(later[0].period)
    return None


def _change(f: Figure, facts: list[Fact], vocab: Vocabulary, kind: str) -> ChangeMatch | None:
    """The release's rate for a call change rate ("up 6.1% year over year"), stated or computed."""
    q = f.quantity
    if (f.mention is None or kind != "money" or not f.direction or f.comparison not in ("yoy", "qoq")
            or call_period(f) != "current" or q.kind != "percent" or q.qualifier is not None):
        return None
    key = (f.mention.metric, f.mention.segment, f.mention.adjusted, _per_share(f, vocab))
    call = Interval.of(q).scale(f.direction)
    stated = [x for x in facts if x.key == key and x.comparison == f.comparison]
    if stated and _consistent(stated):
        iv = Interval.of(stated[0].quantity)
        return ChangeMatch(f, iv, tuple(stated), iv.overlaps(call))
    prior = "prior_year" if f.comparison == "yoy" else "prior_quarter"
    by_period: dict[str, list[Fact]] = {}
    for x in facts:
        if x.key == key and x.comparison is None and x.quantity.kind == "money" and x.period in ("current", prior):
            by_period.setdefault(x.period, []).append(x)
    pairs = []
    for unit in sorted({x.quantity.unit or "" for x in by_period.get("current", [])}):
        now = [x for x in by_period.get("current", []) if (x.quantity.unit or "") == unit]
        then = [x for x in by_period.get(prior, []) if (x.quantity.unit or "") == unit]
        if now and then and _consistent(now) and _consistent(then):
            pairs += [(x, y) for x in now for y in then]
    if not pairs:
        return None
    a, b = min(pairs, key=lambda p: p[0].quantity.step + p[1].quantity.step)
    base, result = Interval.of(b.quantity), Interval.of(a.quantity)
    if base.lo <= 0 or result.lo < 0:
        return None
    iv = percent_change(base, result)
    if iv.hi - iv.lo > Decimal(2):
        return None  # the release's figures are too coarse to judge a rate
    return ChangeMatch(f, iv, (a, b), iv.overlaps(call))


_DIGITS_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def restate(call: Figure, fact: Fact) -> str:
    """The call's figure rewritten with the release's value: 'US$294.2 million' -> 'US$249.2 million'.

    A money amount keeps the call's scale and precision (a speaker rounds); a percentage takes the
    release's precision when it is finer ('14%' -> '40.1%').
    """
    q = call.quantity
    value = abs(fact.quantity.value) if fact.quantity.number < 0 and q.number >= 0 else fact.quantity.value
    step = q.step
    if q.kind == "percent":
        step = min(step, fact.quantity.step) if fact.quantity.step > 0 else step
    number = value / q.scale
    text = fmt(number, step / q.scale if step > 0 else Decimal("0.1"))
    m = _DIGITS_RE.search(q.text)
    return q.text[: m.start()] + text + q.text[m.end() :] if m else text


def rate_text(change: ChangeMatch) -> str:
    """The release's rate, as a signed percentage at the call's precision ('up 5.1%')."""
    q = change.figure.quantity
    mid = change.release.mid
    word = "up" if mid >= 0 else "down"
    return f"{word} {fmt(abs(mid), q.step if q.step > 0 else Decimal('0.1'))}%"
