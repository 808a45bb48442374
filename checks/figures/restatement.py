"""figures.restatement: one figure stated twice, the two values a transcription slip apart."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from decimal import Decimal

from auditor.check import TranscriptCheck
from auditor.figures import Figure, Lexicon, agree, build_model, restated_slip
from auditor.findings import Finding, Severity
from auditor.model import Transcript

from ._common import GROUPS, evidence_of, metric_name, quoted

# more distinct values than this in one group: the text mixes figures it does not tell apart
_MAX_VALUES = 3


def _groups(figures: list[Figure]) -> list[list[Figure]]:
    """Statements of one figure: the company's or a named business line's level of one metric for
    one comparable period, or its growth rate against one comparison."""
    groups: dict[tuple, list[Figure]] = {}
    for f in figures:
        if f.key is None or f.mention is None or not f.comparable_period or f.approximate:
            continue
        if (f.mention.segment or "").startswith("?"):
            continue  # a business line the text does not name: only itself
        if f.role == "level" and f.linked:
            groups.setdefault(("level", f.key, f.period, f.quantity.kind, f.quantity.unit), []).append(f)
        elif f.role == "change" and f.direction and f.quantity.kind in ("percent", "points", "bps"):
            # a rate without its comparison is taken as year over year, the usual one; a rate on
            # another basis (organic ...) only with rates on that basis
            against = "qoq" if f.comparison == "qoq" else "yoy"
            key = ("change", f.key, f.period, against, f.direction, f.qualified, f.quantity.kind)
            groups.setdefault(key, []).append(f)
    return [g for _, g in sorted(groups.items(), key=lambda kv: (kv[1][0].line, kv[1][0].quantity.start))]


#: a companion's value: its kind and the interval of true values it stands for
_Value = tuple[str, Decimal, Decimal]


def _companion_values(
    x: Figure, companions: dict[tuple[int, int], list[Figure]], known: dict[tuple[object, ...], frozenset[_Value]]
) -> frozenset[_Value]:
    """The values of the figures of x's sentence that accompany it: its growth rate for a level,
    its level for a growth rate ("US$22.1 million, up 94%"), of x's metric and stated exactly.
    Found once per sentence, role and metric (`known`), not once per statement of a sentence."""
    other = "change" if x.role == "level" else "level"
    key = (x.paragraph.index, x.sentence.start, other, x.key)
    if key not in known:
        known[key] = frozenset(
            (c.quantity.kind, *c.quantity.interval()) for c in companions[(x.paragraph.index, x.sentence.start)]
            if c.role == other and c.key == x.key and not c.approximate
        )
    return known[key]


class _Companions:
    """The statements read so far by the intervals of their companions' values, per role and
    metric, and by line.

    Why: `_anchored` pairs a statement with an earlier one on another line whose companion can be
    the same value (`Quantity.same_value`: the intervals overlap, of one kind); asking every
    earlier statement makes a call of thousands of figures of one metric quadratic. The distinct
    intervals sorted by their lower end, and the widest of each list, bound the search to those
    that can overlap; the statements of one interval are kept by line, so those of the asking
    statement's own line (a sentence of a hundred figures) are never read."""

    def __init__(self) -> None:
        self._sorted: dict[tuple[object, ...], list[tuple[Decimal, Decimal]]] = {}
        self._widest: dict[tuple[object, ...], Decimal] = {}
        self._lines: dict[tuple[object, ...], dict[tuple[Decimal, Decimal], dict[int, list[int]]]] = {}

    def add(self, at: int, line: int, key: tuple[object, ...], values: frozenset[_Value]) -> None:
        for kind, lo, hi in values:
            interval = (lo, hi)
            bucket = (*key, kind)
            lines = self._lines.setdefault(bucket, {})
            if interval not in lines:
                lines[interval] = {}
                insort(self._sorted.setdefault(bucket, []), interval, key=lambda iv: iv[0])
                self._widest[bucket] = max(self._widest.get(bucket, Decimal(0)), interval[1] - interval[0])
            statements = lines[interval].setdefault(line, [])
            if not statements or statements[-1] != at:
                statements.append(at)

    def agreeing(self, line: int, key: tuple[object, ...], values: frozenset[_Value]) -> list[int]:
        """In order, the statements added under `key` on other lines than `line` with a companion
        of the kind and an interval overlapping that of one of `values`."""
        found: set[int] = set()
        for kind, lo, hi in values:
            bucket = (*key, kind)
            intervals = self._sorted.get(bucket)
            if not intervals:
                continue
            first = bisect_left(intervals, lo - self._widest[bucket], key=lambda iv: iv[0])
            last = bisect_right(intervals, hi, key=lambda iv: iv[0])
            for interval in intervals[first:last]:
                if interval[0] <= hi and lo <= interval[1]:
                    for other, statements in self._lines[bucket][interval].items():
                        if other != line:
                            found.update(statements)
        return sorted(found)


class Restatement(TranscriptCheck):
    """One figure stated twice with values that a transcription slip sets apart.

    Anti-pattern: "Revenue reached US$249.2 million" in the CEO's remarks and "total revenue was
    US$294.2 million for the quarter" in the CFO's: one of them has transposed digits.

    Best practice: a metric stated twice for one period agrees within rounding ("RMB2.35 billion"
    and "RMB2,349.2 million"; "24%" and "24.2%"; a figure cut short, 728 for 728.7, is accepted).
    Only figures whose metric phrase directly governs them are compared, never across metrics,
    business lines, adjusted/unadjusted bases or periods (a quarter, a full year, nine months, a
    forecast); a figure without a period of its own or from its speaker is compared with nothing.
    A balance (cash, net debt, backlog) stated as it stands ("we remain debt free with cash of ...")
    is the balance at the end of the call's quarter, unless the sentence forecasts it; in a
    half-year call, a sentence about both quarters of the half leaves the half as the period.
    Two prints of one precision that differ are two values, even one unit apart (EUR623 million and
    EUR624 million). A difference is reported only when a slip explains it (a teen heard as a ten, a
    decimal point, transposed digits, the scale word, one digit of a long number, or of any value of
    two or more digits, not of a growth rate): two values no slip connects are more likely two
    figures the text did not tell apart. The finding points at the statement that
    disagrees with the others, and at both when there are two.
    """

    id = "figures.restatement"
    title = "Same figure stated two ways"
    severity = Severity.WARNING
    weight = 1.1
    groups = GROUPS

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        model = build_model(transcript)
        self._reported: set[tuple[int, int]] = set()
        for group in _groups(model.figures):
            yield from self._compare(transcript, group, model.lexicon)
        yield from self._anchored(transcript, model.figures, model.lexicon)

    def _anchored(self, transcript: Transcript, figures: list[Figure], lex: Lexicon) -> Iterator[Finding]:
        """Two statements of one metric whose companion agrees ("US$22.1 million, up 94%" and
        "US$22.2 million, up 94%"): the same figure even when the text names no period for them,
        unless it names two different ones."""
        companions: dict[tuple[int, int], list[Figure]] = {}
        for f in figures:
            companions.setdefault((f.paragraph.index, f.sentence.start), []).append(f)
        statements = [
            f for f in figures
            if f.key is not None and f.mention is not None and not (f.mention.segment or "").startswith("?")
            and not f.approximate
            and ((f.role == "level" and f.linked) or (f.role == "change" and f.direction and not f.qualified))
        ]
        earlier = _Companions()
        known: dict[tuple[object, ...], frozenset[_Value]] = {}
        for i, f in enumerate(statements):
            mine = _companion_values(f, companions, known)
            if (f.line, f.quantity.start) not in self._reported:
                # only the earlier statements of f's role and metric with a companion of f's value
                for j in earlier.agreeing(f.line, (f.role, f.key), mine):
                    g = statements[j]
                    if f.comparable_period and g.comparable_period and f.period != g.period:
                        continue
                    why = restated_slip(g.quantity, f.quantity, lex, f.role == "level")
                    if why is None:
                        continue
                    self._reported.add((f.line, f.quantity.start))
                    self.stats["contradicted"] += 1
                    yield self._report(transcript, [f], [g], why)
                    break
            earlier.add(i, f.line, (f.role, f.key), mine)

    def _compare(self, transcript: Transcript, figs: list[Figure], lex: Lexicon) -> Iterator[Finding]:
        clusters: list[list[Figure]] = []
        for f in figs:
            home = next((c for c in clusters if any(agree(f, g) for g in c)), None)
            if home is None:
                clusters.append([f])
                if len(clusters) > _MAX_VALUES:
                    # clusters never merge: too many values already, whatever the rest say (and
                    # clustering on would compare each figure with every cluster, quadratic)
                    self.stats["unchecked"] += 1
                    return
            else:
                home.append(f)
        sentences = {(f.paragraph.index, f.sentence.start) for f in figs}
        if len(clusters) == 1:
            self.stats["verified"] += len(sentences) > 1
            return
        reported: set[int] = set()
        for i, odd in enumerate(clusters):
            for j, other in enumerate(clusters):
                if i == j or id(odd) in reported or len(odd) > len(other):
                    continue
                if len(odd) == len(other) and i < j:
                    continue  # two statements: point at the later one, with the earlier one related
                if {(f.paragraph.index, f.sentence.start) for f in odd} == {(f.paragraph.index, f.sentence.start) for f in other}:
                    continue
                # the statement the odd one is a slip of: the first of the others a slip explains
                found = next(
                    ((w, g) for g in other if (w := restated_slip(odd[0].quantity, g.quantity, lex, g.role == "level")) is not None),
                    None,
                )
                if found is None:
                    continue
                why, anchor = found
                reported.add(id(odd))
                self._reported.update((f.line, f.quantity.start) for f in odd)
                self.stats["contradicted"] += 1
                yield self._report(transcript, odd, other, why, anchor)

    def _report(
        self, transcript: Transcript, odd: list[Figure], other: list[Figure], why: str, anchor: Figure | None = None
    ) -> Finding:
        """`anchor`: the statement of `other` the slip is measured against (the first by default)."""
        f = odd[-1]
        anchor = anchor or other[0]
        name = metric_name(f, "the figure")
        what = "growth rate" if f.role == "change" else "value"
        lines = sorted({g.line for g in other})
        where = "line " + ", ".join(str(n) for n in lines) if len(lines) < 3 else f"lines {lines[0]}-{lines[-1]}"
        majority = len(other) > len(odd)
        if majority:
            message = (
                f"The {what} of {name} is {quoted(f)} here but {quoted(anchor)} on {where}, for the same period: "
                f"the difference looks like {why}."
            )
            suggestion = f"{quoted(anchor)}, as on {where}"
        else:
            message = (
                f"The {what} of {name} is {quoted(f)} here but {quoted(anchor)} on {where}, for the same period: "
                f"one of the two is wrong, and the difference looks like {why}."
            )
            suggestion = f"use one value on both lines ({quoted(anchor)} on {where}, {quoted(f)} here)"
        related = [(g.line, evidence_of(g)) for g in other] + [(g.line, evidence_of(g)) for g in odd[:-1]]
        return self.finding(
            transcript,
            f.line,
            message,
            evidence_of(f),
            severity=Severity.WARNING,
            confidence=0.85 if majority else 0.75,
            suggestion=suggestion,
            related=related,
        )
