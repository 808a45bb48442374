"""A release read into facts: its tables and its prose, each value with metric, scope and period.

Why both: the tables are the precise record (every digit, the prior-year column), the prose is
where a release states what the tables leave out (segment revenue, adjusted measures, change
rates) and names its quarter ("Third Quarter 2025 Results"). The prose is read with the very
figure model the checks use on the call (`auditor.figures.build_model`), so a phrase means the same
in the release as on the call.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

from auditor.figures import Figure, Lexicon, build_model, load_lexicon
from auditor.model import Paragraph, Transcript, Turn
from auditor.quantities import Quantity
from auditor.reference.columns import relative_period
from auditor.reference.document import PERIODS, Fact, Reference, ReleasePeriod, TableNote
from auditor.reference.participants import contact_section
from auditor.reference.raw import RawRelease
from auditor.reference.tables import TableValue, read_table
from auditor.reference.vocabulary import Vocabulary, vocabulary
from auditor.words import Words


def prose_transcript(raw: RawRelease, words: Words) -> Transcript:
    """The release's paragraphs as a one-turn transcript, annotated like a call."""
    from auditor.nlp import annotate

    paragraphs = [p for p in raw.paragraphs if len(p) <= 5000]
    turn = Turn(0, "Release", None, ())
    turn.paragraphs = [Paragraph(i, i + 1, text, 0, "Release", None) for i, text in enumerate(paragraphs)]
    transcript = Transcript(raw.path, "english", paragraphs, [turn])
    transcript.words = words
    annotate(transcript)
    return transcript


def read_release(raw: RawRelease, words: Words) -> Reference:
    """Facts, period, tables and contacts of a release."""
    lex = load_lexicon(words)
    vocab = vocabulary(words)
    doc = Reference(raw.path, "release")
    prose = prose_transcript(raw, words)
    model = build_model(prose)
    values: list[TableValue] = []
    for table in raw.tables:
        found, reason = read_table(table, lex, vocab)
        values.extend(found)
        doc.tables.append(TableNote(table.name, reason))
    ends = [v.column.end for v in values if v.column.kind == "quarter" and v.column.end is not None]
    current_end = max(ends) if ends else None
    quarter = (model.call.quarter, model.call.year) if model.call.quarter and model.call.year else None
    titled = _title_quarter(prose)
    trust_prose = titled is None or titled == quarter
    if titled is not None and titled != quarter:
        quarter = titled  # the headline names the quarter; the prose's periods were read against another
    doc.period = ReleasePeriod(
        quarter=quarter[0] if quarter else None, year=quarter[1] if quarter else None, fiscal=_fiscal(prose, quarter), end=current_end,
        title=_title(prose, quarter),
    )
    currency = _dominant_currency(model.figures)
    for v in values:
        period = relative_period(v.column, current_end, quarter)
        if period not in PERIODS:
            continue
        q = v.quantity
        if q.kind == "money" and q.unit is None:
            if currency is None:
                continue
            q = replace(q, unit=currency)
        doc.facts.append(Fact(v.mention.metric, v.mention.segment, v.mention.adjusted, v.per_share, period, q,
                              "table", v.where, _printed(q, v.printed, lex), doc.name,
                              v.column.comparison if v.column.kind == "change" else None))
    if trust_prose:
        doc.facts.extend(_prose_facts(model.figures, lex, vocab, doc.name))
    doc.facts = _with_losses(doc.facts, vocab)
    doc.participants = contact_section(raw.paragraphs, doc.name, vocab)
    return doc


def _printed(q: Quantity, text: str, lex: Lexicon) -> str:
    """A table value as printed, with the unit and scale its caption gives: 'US$249,246 thousand'."""
    if q.kind != "money":
        return text if text.endswith("%") or q.kind != "percent" else f"{text}%"
    scales = {Decimal(str(power)): f" {word}" for word, power in lex.wording["scales"].items()}
    unit = lex.wording["currencies"].get(q.unit or "", f"{q.unit} " if q.unit else "")
    digits = text.strip().lstrip("$¥€£").strip()
    for prefix in ("US$", "RMB", "HK$"):
        digits = digits.removeprefix(prefix)
    return f"{unit}{digits.strip()}{scales.get(q.scale, '')}"


def _title_quarter(prose: Transcript) -> tuple[int, int] | None:
    """The quarter the release's headline (its first paragraphs) names, if any."""
    for par in prose.paragraphs[:3]:
        for p in par.periods:
            if p.kind == "quarter" and p.number and p.year and p.relative is None:
                return (p.number, p.year)
    return None


def _fiscal(prose: Transcript, quarter: tuple[int, int] | None) -> bool:
    if quarter is None:
        return False
    return any(p.fiscal and (p.number, p.year) == quarter for par in prose.paragraphs[:12] for p in par.periods)


def _title(prose: Transcript, quarter: tuple[int, int] | None) -> str | None:
    if quarter is None:
        return None
    for par in prose.paragraphs[:12]:
        for p in par.periods:
            if p.kind == "quarter" and (p.number, p.year) == quarter:
                return p.text
    return None


def _dominant_currency(figures: list[Figure]) -> str | None:
    counts = Counter(f.quantity.unit for f in figures if f.quantity.kind == "money" and f.quantity.unit)
    return counts.most_common(1)[0][0] if counts else None


def _prose_facts(figures: list[Figure], lex: Lexicon, vocab: Vocabulary, name: str) -> list[Fact]:
    """Levels the release's sentences state ("Total revenues were RMB1,482.6 million"), the bases
    of its changes ("from RMB1,211.3 million in the same period of 2024") and its change rates."""
    out: list[Fact] = []
    for f in figures:
        if f.mention is None or f.period not in PERIODS:
            continue
        q = f.quantity
        text = f.text[f.mention.start : min(len(f.text), q.end + 40)]
        per_share = bool(vocab.call_per_share_re.search(text))
        kind = lex.metrics[f.mention.metric].kind
        where = f"prose: “{f.sentence.text.strip()[:160]}”"
        m = f.mention
        if f.role == "change" and f.comparison and f.direction and q.kind == "percent" and f.period == "current":
            signed = replace(q, number=q.number * f.direction)
            out.append(Fact(m.metric, m.segment, m.adjusted, per_share, "current", signed, "prose", where, q.text,
                            name, f.comparison))
            continue
        usable = (f.role == "level" and f.linked) or (f.role == "base" and f.period != "current")
        if not usable or q.qualifier is not None:
            continue
        if (kind == "money" and q.kind == "money") or (kind == "ratio" and q.kind == "percent"):
            out.append(Fact(m.metric, m.segment, m.adjusted, per_share, f.period, q, "prose", where, q.text, name))
    return out


def _with_losses(facts: list[Fact], vocab: Vocabulary) -> list[Fact]:
    """Costs and losses by magnitude; a negative income value also states the loss ("Net income (loss)
    (39,812)" is a net loss of 39,812)."""
    income_to_loss = {income: loss for loss, income in vocab.loss_pairs.items()}
    out: list[Fact] = []
    for f in facts:
        q = f.quantity
        if f.comparison is None and f.metric not in vocab.signed and q.number < 0:
            f = replace(f, quantity=replace(q, number=-q.number))  # costs in parentheses, losses by magnitude
        out.append(f)
        if f.comparison is None and f.metric in income_to_loss and q.number < 0:
            out.append(replace(f, metric=income_to_loss[f.metric], quantity=replace(q, number=-q.number)))
    return out
