"""Release tables as values: metric rows, period columns, units and scale, negatives in parentheses.

Why careful: a table value is compared with what the call says only when its metric, scope
(segment, adjusted, per share) and period are certain. So a row is read as a metric only when its
label names the metric and nothing else ("Total revenues"; "Online games" under "Revenues:"), a
row label that two rows of one column share is dropped, a table about non-GAAP measures keeps only
rows that say they are adjusted, and a per-share row is never scaled by the caption nor taken for
the metric it names ("Net income per share").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.figures import Lexicon, MetricMention, find_mentions
from auditor.figures.mentions import segment_name
from auditor.quantities import Quantity, digit_step, parse_decimal
from auditor.reference.columns import ColumnPeriod, column_period, is_year, join_header
from auditor.reference.raw import RawTable
from auditor.reference.vocabulary import Vocabulary

_NUMBER_RE = re.compile(
    r"^(?P<neg1>[(])?\s*(?P<cur>[A-Za-z]{0,3}\$|RMB|¥|€|£)?\s*(?P<neg2>[(-])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*(?P<pct>%)?\s*(?P<close>[)])?\s*(?P<pct2>%)?\s*$"
)
_SYMBOL_RE = re.compile(r"^(?:[A-Za-z]{0,3}\$|RMB|¥|€|£)$")
_CLOSER_RE = re.compile(r"^(?:\)|%|\)%|%\))$")
_FOOTNOTE_RE = re.compile(r"(?:\s*\(\s*(?:\d{1,2}|[a-z])\s*\)|\s*[*†‡§]+|\s+\d{1,2})\s*$")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z&'-]*")


@dataclass(frozen=True)
class TableValue:
    """A value of a table with its row's metric scope and its column's period (not yet related to
    the release's quarter)."""

    mention: MetricMention
    per_share: bool
    column: ColumnPeriod
    quantity: Quantity
    where: str
    printed: str


def parse_cell(text: str) -> tuple[Decimal, str, bool] | None:
    """(number, printed digits, is percent) of a cell: "(1,234.5)" -> (-1234.5, '1,234.5', False)."""
    m = _NUMBER_RE.match(text.strip())
    if not m:
        return None
    number = parse_decimal(m.group("num"))
    if number is None:
        return None
    if (m.group("neg1") and m.group("close")) or m.group("neg2") == "-" or (m.group("neg2") and m.group("close")):
        number = -number
    elif m.group("neg1") or m.group("neg2") or m.group("close"):
        return None
    return number, m.group("num"), bool(m.group("pct") or m.group("pct2"))


def _merge_symbols(row: list[str]) -> list[str]:
    """'$' in its own cell is joined to the value after it, ')' and '%' to the value before it."""
    out = list(row)
    for i, cell in enumerate(out):
        if _SYMBOL_RE.match(cell) and i + 1 < len(out) and parse_cell(out[i + 1]) is not None:
            out[i + 1] = f"{cell}{out[i + 1]}"
            out[i] = ""
        elif _CLOSER_RE.match(cell) and i > 0:
            j = next((k for k in range(i - 1, 0, -1) if out[k]), None)
            if j is not None and parse_cell(out[j] + cell) is not None:
                out[j] = out[j] + cell
                out[i] = ""
    return out


def _is_data_row(row: list[str]) -> bool:
    return bool(row[0].strip()) and any(parse_cell(c) is not None and not is_year(c) for c in row[1:])


def _is_section(row: list[str], lex: Lexicon, vocab: Vocabulary) -> bool:
    """A row with only a label (spread over the row by a span) that names a metric."""
    label = clean_label(row[0])
    if not label or any(c and c != row[0] for c in row[1:]):
        return False
    found = find_mentions(label, lex)
    return len(found) == 1 and _covers(label, found[0], lex, vocab)


def clean_label(label: str) -> str:
    """A row label without footnote markers, trailing colons and surrounding punctuation."""
    text = label.strip()
    for _ in range(3):
        text = _FOOTNOTE_RE.sub("", text).strip()
    return text.strip(" :—–-").strip()


def _covers(label: str, mention: MetricMention, lex: Lexicon, vocab: Vocabulary, per_share: bool = False) -> bool:
    """Whether the label names the metric and nothing else (besides total/net, footnotes, the
    adjustment prefix and the mention's own segment)."""
    rest = label[: mention.start] + " " + label[mention.end :]
    allowed = set(vocab.ignore_words) | {w for p in lex.adjust_prefixes for w in p.split()}
    if mention.segment:
        allowed |= set(mention.segment.split()) | set(lex.filler)
    if per_share or vocab.per_share_re.search(label):
        allowed |= vocab.per_share_words
    return all(w.lower() in allowed for w in _WORD_RE.findall(rest))


def row_mention(label: str, section: MetricMention | None, lex: Lexicon, vocab: Vocabulary) -> MetricMention | None:
    """The metric (with segment and adjusted flag) a row label names, helped by its section header."""
    found = find_mentions(label, lex)
    per_share = bool(vocab.per_share_re.search(label))
    if not found and per_share:
        # the figure model reads "net income per share" as no metric of its own (an amount per share
        # is not the metric's level); a release row so labelled is the metric's per-share row, so the
        # per-share words are blanked (offsets kept) and the label read again
        label = vocab.per_share_re.sub(lambda m: " " * len(m.group(0)), label)
        found = find_mentions(label, lex)
    if len(found) == 1 and _covers(label, found[0], lex, vocab, per_share):
        return found[0]
    if found or section is None:
        return None
    words = _WORD_RE.findall(label)
    if words and all(w.lower() in vocab.ignore_words for w in words):
        return MetricMention(section.metric, section.segment, section.adjusted, 0, len(label), label)
    if lex.metrics[section.metric].segmentable:
        segment = segment_name(_WORD_RE.findall(label), lex)
        if not segment:
            return None
        return MetricMention(section.metric, segment, section.adjusted, 0, len(label), label)
    for noun in vocab.head_nouns:
        longer = f"{label} {noun}"
        found = find_mentions(longer, lex)
        if len(found) == 1 and found[0].start == 0 and _covers(longer, found[0], lex, vocab):
            return found[0]
    return None


def read_table(table: RawTable, lex: Lexicon, vocab: Vocabulary) -> tuple[list[TableValue], str | None]:
    """The values of a table and, when none could be read, why."""
    if table.error:
        return [], table.error
    rows = [_merge_symbols([c.strip() for c in row]) for row in table.rows if any(c.strip() for c in row)]
    if not rows or max(len(r) for r in rows) < 2:
        return [], "it has no columns of figures"
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    first = next((i for i, r in enumerate(rows) if _is_data_row(r)), None)
    if first is None:
        return [], "no row of figures was found"
    while first > 0 and _is_section(rows[first - 1], lex, vocab):
        first -= 1  # "Revenues:" above the first row of figures opens a section, it heads no column
    header, body = rows[:first], rows[first:]
    value_cols = [c for c in range(1, width) if any(parse_cell(r[c]) is not None for r in body)]
    # pandas repeats a spanning label into the cells it covers: a value column whose label repeats
    # the row label is the label spread over it, not a column
    value_cols = [c for c in value_cols if not all(r[c] == r[0] for r in body if r[c])]
    context = table.context + " " + " ".join(r[0] for r in header)
    caption_scale = vocab.scale_of(context[-300:])
    caption_currency = vocab.currency_of(context[-300:])
    exempt = bool(vocab.except_re.search(context))
    adjusted_table = bool(re.search(r"non[\s-]?gaap|non[\s-]?ifrs|adjusted", (table.name + " " + context[-200:]).lower()))
    columns: dict[int, ColumnPeriod] = {}
    for c in value_cols:
        col = column_period(join_header([r[c] for r in header]), context[-300:], vocab)
        if col is not None:
            columns[c] = col
    if not columns:
        return [], "no column names a period it could read"
    values: list[TableValue] = []
    section: MetricMention | None = None
    for row in body:
        label = clean_label(row[0])
        cells = {c: parse_cell(row[c]) for c in columns}
        if not any(v is not None for v in cells.values()):
            found = find_mentions(label, lex)
            section = found[0] if len(found) == 1 and _covers(label, found[0], lex, vocab) else None
            continue
        mention = row_mention(label, section, lex, vocab)
        if mention is None:
            continue
        if mention.segment is None and section is not None and mention.metric == section.metric:
            section = None  # "Total revenues" closes the "Revenues:" section
        if adjusted_table and not mention.adjusted:
            continue
        per_share = bool(vocab.per_share_re.search(label))
        percent_row = bool(vocab.percent_row_re.search(label))
        for c, parsed in cells.items():
            if parsed is None:
                continue
            col = columns[c]
            number, digits, pct = parsed
            value = _quantity(row[c], number, digits, pct or percent_row, col, caption_scale, caption_currency,
                              per_share, exempt, lex.metrics[mention.metric].kind)
            if value is None:
                continue
            where = f"{table.name}, row '{label}', column '{col.header}'"
            values.append(TableValue(mention, per_share, col, value, where, row[c]))
    return _unique(values), None


def _quantity(text: str, number: Decimal, digits: str, percent: bool, col: ColumnPeriod, caption_scale: Decimal | None,
              caption_currency: str | None, per_share: bool, exempt: bool, metric_kind: str) -> Quantity | None:
    unit: str | None = "%"
    if col.kind == "change":
        kind, scale = "percent", Decimal(1)
        unit = "%"
    elif percent:
        if metric_kind != "ratio":
            return None
        kind, unit, scale = "percent", "%", Decimal(1)
    else:
        if metric_kind != "money":
            return None
        kind = "money"
        unit = col.currency or caption_currency
        scale = Decimal(1) if per_share else (col.scale or caption_scale or Decimal(1))
        if per_share and not exempt and (col.scale or caption_scale):
            return None  # a scaled table that does not exempt per-share rows: unclear, left out
    return Quantity(text=text, start=0, end=len(text), number=number, scale=scale, kind=kind, unit=unit,
                    qualifier=None, step=digit_step(digits) * scale, lang="en")


def _unique(values: list[TableValue]) -> list[TableValue]:
    """Values whose scope and column no other row of the table shares with another value."""
    seen: dict[tuple[object, ...], list[TableValue]] = {}
    for v in values:
        key = (v.mention.key, v.per_share, v.column, v.quantity.kind)
        seen.setdefault(key, []).append(v)
    return [group[0] for group in seen.values() if len({g.quantity.value for g in group}) == 1]
