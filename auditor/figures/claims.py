"""Claims among figures: change claims, shares, breakdowns and series, and how a number is mis-heard.

Why separate from the extraction: a claim relates several figures of one sentence ("up 18.4% from
US$210.5 million to US$249.2 million"); the checks verify claims, never raw numbers. Each
function reads the figures of the model (`FigureModel.figures`) and the lexicon's phrase lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.figures.extraction import Figure
from auditor.figures.lexicon import Lexicon, load_lexicon
from auditor.figures.mentions import MetricMention, find_mentions
from auditor.quantities import Quantity


@dataclass(frozen=True)
class ChangeClaim:
    """'up 18.4% from US$210.5 million to US$249.2 million': a change rate with its base and result."""

    change: Figure | None
    word: str | None  # "doubled", "tripled", "halved" when the change is a word
    base: Figure
    result: Figure
    direction: int
    factor: Decimal | None = None  # the factor of the word ("doubled" -> 2)

    @property
    def line(self) -> int:
        return self.result.line


@dataclass(frozen=True)
class ShareClaim:
    """'accounting for 45% of public cloud revenue': a part, its share and the named whole."""

    share: Figure
    part: Figure
    whole: MetricMention


@dataclass(frozen=True)
class Breakdown:
    """'Of this revenue, A contributed X and B the remaining Y': parts of a total."""

    total: Figure
    parts: tuple[Figure, ...]
    complete: bool
    opener: str


@dataclass(frozen=True)
class Series:
    """One ratio metric stated for several periods in one sentence."""

    figures: tuple[Figure, ...]


def _gap(a: Figure | Quantity, b: Figure | Quantity, text: str) -> str:
    qa = a.quantity if isinstance(a, Figure) else a
    qb = b.quantity if isinstance(b, Figure) else b
    return text[qa.end : qb.start]


def _comparable_values(a: Figure, b: Figure) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa.kind == "money" and qb.kind == "money":
        return qa.unit == qb.unit or None in (qa.unit, qb.unit)
    return qa.kind == qb.kind and qa.kind in ("percent", "number")


def change_claims(figures: list[Figure]) -> tuple[list[ChangeClaim], list[Figure]]:
    """Change claims with both a base and a result, and the change figures left unchecked."""
    claims: list[ChangeClaim] = []
    unchecked: list[Figure] = []
    for sentence_figs in _by_sentence(figures):
        text = sentence_figs[0].text
        for i, f in enumerate(sentence_figs):
            if f.role != "change":
                continue
            claim = _claim_after(f, sentence_figs, i, text) or _claim_before(f, sentence_figs, i, text)
            if claim is None:
                unchecked.append(f)
            else:
                claims.append(claim)
    return claims, unchecked


def _claim_after(f: Figure, figs: list[Figure], i: int, text: str) -> ChangeClaim | None:
    """'up P from A to B', 'up P from A' (result before P), 'up P to B from A'."""
    rest = figs[i + 1 :]
    if not rest:
        return None
    nxt = rest[0]
    gap = _gap(f, nxt, text)
    if nxt.role == "base" and len(gap) <= 45:
        base = nxt
        if len(rest) > 1 and re.search(r"\bto\b", _gap(base, rest[1], text)) and len(_gap(base, rest[1], text)) <= 60:
            result = rest[1]
            if result.role == "level" and _comparable_values(base, result):
                return ChangeClaim(f, None, base, result, f.direction)
        before = _result_before(f, figs, i, text)
        if before is not None and _comparable_values(base, before):
            return ChangeClaim(f, None, base, before, f.direction)
        return None
    if re.match(r"^[\s\])]*(?:year[\s-]over[\s-]year\s+)?to\s+[\[(]?$", gap) and len(rest) > 1:
        result, base = rest[0], rest[1]
        between = _gap(result, base, text)
        if base.role == "base" and re.search(r"\bfrom\b", between) and len(between) <= 60 and _comparable_values(base, result):
            return ChangeClaim(f, None, base, result, f.direction)
    return None


def _result_before(f: Figure, figs: list[Figure], i: int, text: str) -> Figure | None:
    """The value a change rate follows: 'EBITDA was RMB96.7 million, increased by 312.4% ...'."""
    for j in range(i - 1, -1, -1):
        g = figs[j]
        if g.role == "change":
            continue
        if g.role != "level" or len(_gap(g, figs[j + 1], text)) > 45:
            return None
        if f.mention is not None and g.mention is not None and g.mention != f.mention:
            return None
        return g
    return None


def _claim_before(f: Figure, figs: list[Figure], i: int, text: str) -> ChangeClaim | None:
    """'increased from A to B, up P'."""
    if i < 2:
        return None
    base, result = figs[i - 2], figs[i - 1]
    if base.role != "base" or result.role != "level":
        return None
    if not re.search(r"\bto\b", _gap(base, result, text)) or len(_gap(base, result, text)) > 60:
        return None
    if len(_gap(result, f, text)) > 40 or not _comparable_values(base, result):
        return None
    return ChangeClaim(f, None, base, result, f.direction)


def word_change_claims(figures: list[Figure], lex: Lexicon | None = None) -> list[ChangeClaim]:
    """'doubled from A to B', 'B, which tripled from A'."""
    lex = lex or load_lexicon()
    claims: list[ChangeClaim] = []
    for figs in _by_sentence(figures):
        text = figs[0].text
        sentence = figs[0].sentence
        for m in lex.multiplier_re.finditer(text[sentence.start : sentence.end]):
            pos = sentence.start + m.end()
            after = [f for f in figs if f.quantity.start >= pos]
            before = [f for f in figs if f.quantity.end <= sentence.start + m.start()]
            word = m.group(1).lower()
            if (
                len(after) >= 2 and after[0].role == "base" and len(text[pos : after[0].quantity.start]) < 25
                and re.search(r"\bto\b", _gap(after[0], after[1], text)) and _comparable_values(after[0], after[1])
            ):
                claims.append(ChangeClaim(None, word, after[0], after[1], 1, lex.multipliers[word]))
                continue
            if (
                after and before and after[0].role == "base" and before[-1].role == "level"
                and len(text[before[-1].quantity.end : sentence.start + m.start()]) < 40
                and _comparable_values(after[0], before[-1])
            ):
                claims.append(ChangeClaim(None, word, after[0], before[-1], 1, lex.multipliers[word]))
    return claims


def misreadings(q: Quantity, lex: Lexicon | None = None) -> list[tuple[Decimal, str]]:
    """Values a speech recogniser (or a typist) may have turned into the printed number, with why.

    In order of likelihood: a teen heard as a ten ("seventeen"/"seventy"), a dropped or shifted
    decimal point, two adjacent digits transposed. Values are in the units of `q.value`.
    """
    lex = lex or load_lexicon()
    teens, tens = lex.teens, lex.tens  # 13..19 and 30..90
    out: list[tuple[Decimal, str]] = []
    n = q.number
    whole = int(n)
    frac = n - whole
    if 13 <= whole <= 19:
        out.append((Decimal((whole - 10) * 10) + frac, f"'{teens[whole - 13]}' misheard as '{tens[whole - 13]}'"))
    if whole in (30, 40, 50, 60, 70, 80, 90):
        out.append((Decimal(10 + whole // 10) + frac, f"'{teens[whole // 10 - 3]}' misheard as '{tens[whole // 10 - 3]}'"))
    out.append((n / 10, "a misplaced decimal point"))
    out.append((n * 10, "a misplaced decimal point"))
    printed = re.sub(r"[^\d.]", "", q.text.split("%")[0]) or str(n)
    for a in range(len(printed) - 1):
        b = a + 1
        if printed[a] == printed[b] or not (printed[a].isdigit() and printed[b].isdigit()):
            continue
        chars = list(printed)
        chars[a], chars[b] = chars[b], chars[a]
        try:
            value = Decimal("".join(chars))
        except ArithmeticError:
            continue
        out.append((value, "transposed digits"))
    return [(value * q.scale, why) for value, why in out]


def share_claims(figures: list[Figure]) -> list[ShareClaim]:
    claims: list[ShareClaim] = []
    for figs in _by_sentence(figures):
        for i, f in enumerate(figs):
            if f.role != "share" or f.whole is None:
                continue
            part = next((g for g in reversed(figs[:i]) if g.role == "level" and g.quantity.kind == "money"), None)
            if part is not None and part.mention is not None:
                claims.append(ShareClaim(f, part, f.whole))
    return claims


def breakdowns(figures: list[Figure], lex: Lexicon | None = None) -> list[Breakdown]:
    """Parts presented as the breakdown of a total, with the total they break down."""
    lex = lex or load_lexicon()
    out: list[Breakdown] = []
    for figs in _by_sentence(figures):
        text = figs[0].text
        sentence = figs[0].sentence
        body = text[sentence.start : sentence.end]
        m = lex.breakdown_opener_re.search(body)
        if not m:
            continue
        pos = sentence.start + m.start()
        parts = tuple(
            f for f in figs
            if f.quantity.start > pos and f.role == "level" and f.quantity.kind == "money" and f.period == "current"
        )
        if not parts:
            continue
        total = _breakdown_total(figures, figs, pos, m.group(0).lower(), text, lex)
        if total is None or total.quantity.unit != parts[0].quantity.unit:
            continue
        complete = bool(lex.breakdown_complete_re.search(body))
        out.append(Breakdown(total, parts, complete, m.group(0)))
    return out


def _breakdown_total(
    figures: list[Figure], figs: list[Figure], pos: int, opener: str, text: str, lex: Lexicon
) -> Figure | None:
    if opener in lex.breakdown_inline:
        before = [f for f in figs if f.quantity.end <= pos and f.role == "level" and f.quantity.kind == "money"]
        return before[-1] if before and before[-1].mention is not None else None
    # "Of this revenue," -> the latest current level of that metric stated before the sentence
    tail = text[pos : pos + 60]
    mention = next(iter(find_mentions(tail, lex)), None)
    if mention is None or mention.start > len(opener) + 12:
        return None
    sentence = figs[0].sentence
    paragraph = figs[0].paragraph
    earlier = [
        f for f in figures
        if f.key == (mention.metric, None, mention.adjusted) and f.role == "level" and f.period == "current"
        and f.linked and (f.paragraph.index, f.sentence.start) < (paragraph.index, sentence.start)
    ]
    return earlier[-1] if earlier else None


def series(figures: list[Figure]) -> list[Series]:
    """A ratio metric given for three or more distinct periods within one sentence."""
    out: list[Series] = []
    for figs in _by_sentence(figures):
        groups: dict[MetricMention, list[Figure]] = {}
        for f in figs:
            if f.role == "level" and f.quantity.kind == "percent" and f.mention is not None:
                groups.setdefault(f.mention, []).append(f)
        for group in groups.values():
            periods = [g.period for g in group]
            known = [p for p in periods if p in ("current", "prior_year", "prior_quarter")]
            if len(group) >= 3 and len(set(known)) == len(group):
                out.append(Series(tuple(group)))
    return out


def _by_sentence(figures: list[Figure]) -> list[list[Figure]]:
    groups: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        groups.setdefault((f.paragraph.index, f.sentence.start), []).append(f)
    return [groups[k] for k in sorted(groups)]
