"""Translation checks: facts of the English source that the Chinese translation changes or loses.

Translation-QA tools compare numbers as digit strings, so they cannot see that "RMB1,625.3
million" and "人民幣16.253億元" are one figure. These checks compare facts by value: figures
(value, currency, direction, role in a change), dates and periods, negation, people, and whether
the line was translated at all. Each finding quotes both sides and names the fact that differs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import jellyfish

from auditor.bilingual import (
    NOT_NAME_CHARS,
    ZH_HONORIFICS,
    comparable_figures,
    direction_en,
    direction_zh,
    figure_family,
    marker_renderings,
    match_figures,
    negation_count,
    negation_cues,
    pinyin_syllables,
    power_of_ten_slip,
    significant_digits,
    surname_chars,
)
from auditor.dates import DateMention
from auditor.findings import Finding, Severity
from auditor.model import Paragraph, Transcript
from auditor.quantities import Quantity
from auditor.registry import Check
from auditor.roster import Person, name_tokens
from auditor.textutil import han_count, has_han, latin_count, quote, snippet

GROUPS = ("translation",)


def _translated(transcript: Transcript) -> Iterator[Paragraph]:
    """Paragraphs with a translation line written in Chinese (untranslated lines are another check)."""
    for p in transcript.paragraphs:
        if p.translation and p.translation_line is not None and has_han(p.translation):
            yield p


def _evidence(p: Paragraph, en_span: tuple[int, int] | None = None, zh_span: tuple[int, int] | None = None) -> str:
    """Both sides quoted: 'EN: … | ZH: …', centred on the spans that differ when given."""
    en = snippet(p.text, *en_span, width=60) if en_span else quote(p.text, 180)
    zh_text = p.translation or ""
    zh = snippet(zh_text, *zh_span, width=30) if zh_span else quote(zh_text, 120)
    return f"EN: {en} | ZH: {zh}"


def _clause_bounds(text: str, start: int, end: int, limit: int) -> tuple[str, str]:
    """The text of the same clause before `start` and after `end` (at most `limit` characters each).

    Clause boundaries are sentence punctuation and commas, except a comma between digits (1,625.3).
    """
    boundary = re.compile(r"[;；。!?！？，、:：]|(?<!\d),|,(?!\d)|\.\s")
    before = text[max(0, start - limit) : start]
    cut = [m.end() for m in boundary.finditer(before)]
    before = before[cut[-1] :] if cut else before
    after = text[end : end + limit]
    stop = boundary.search(after)
    after = after[: stop.start()] if stop else after
    return before, after


# --- 1. numbers by value ----------------------------------------------------------------------


class TranslationCheck(Check):
    """Base of the translation checks: each compares an English line with its translation line."""

    groups = GROUPS
    needs_translation = True


class NumberDivergence(TranslationCheck):
    """A figure whose value or currency changes in the translation.

    Anti-pattern: "RMB18.6 million" rendered 人民幣1,860億元 (a 萬/億 slip: ten thousand times the
    amount), "RMB1,482.6 million" rendered 148.26億 (ten times), or US$ rendered 人民幣. A reader of
    the Chinese text gets a different number from the one management said.

    Best practice: every figure of the English line appears on the Chinese line with the same value
    (compared by value at printed precision, so 2.35 billion = 23.5億 and 25.8 million = 2580萬
    stay silent) and the same currency. A changed value is an error; a currency the translation
    leaves out (7.28億元 for RMB728 million) is reported as info.
    """

    id = "translation.number"
    title = "Figure changed in translation"
    severity = Severity.ERROR
    weight = 1.5

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in _translated(transcript):
            english = comparable_figures(p.quantities)
            chinese = comparable_figures(p.translation_quantities)
            if not english:
                continue
            pairs, en_rest, zh_rest = match_figures(english, chinese)
            self.stats["verified"] += len(pairs)
            yield from self._slips(transcript, p, en_rest, zh_rest)
            yield from self._currencies(transcript, p, pairs)

    def _slips(
        self, transcript: Transcript, p: Paragraph, en_rest: list[Quantity], zh_rest: list[Quantity]
    ) -> Iterator[Finding]:
        left = list(zh_rest)
        en_left: list[Quantity] = []
        for e in en_rest:
            slip = next(((z, k) for z in left if (k := power_of_ten_slip(e, z)) is not None), None)
            if slip is None:
                en_left.append(e)
            else:
                z, k = slip
                left.remove(z)
                self.stats["contradicted"] += 1
                same_digits = significant_digits(e) == significant_digits(z)
                yield self.finding(
                    transcript,
                    p.line,
                    f"'{e.text}' ({e.describe()}) becomes '{z.text}' ({z.describe()}) in the translation: "
                    f"{10 ** abs(k):,} times {'larger' if k > 0 else 'smaller'}.",
                    _evidence(p, (e.start, e.end), (z.start, z.end)),
                    end_line=p.translation_line,
                    confidence=0.95 if same_digits else 0.85,
                    suggestion=f"render {e.describe()} ({_zh_amount(e)})" if e.kind in ("money", "number") else None,
                    related=[(p.line, p.text)],
                )
        # one figure left on each side, of the same kind: the translation changed its value
        if len(en_left) == 1 and len(left) == 1 and figure_family(en_left[0]) == figure_family(left[0]):
            e, z = en_left[0], left[0]
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                p.line,
                f"'{e.text}' ({e.describe()}) has no counterpart of the same value in the translation, "
                f"which has '{z.text}' ({z.describe()}) instead.",
                _evidence(p, (e.start, e.end), (z.start, z.end)),
                severity=Severity.WARNING,
                end_line=p.translation_line,
                confidence=0.6,
                suggestion=f"render {e.describe()}" + (f" ({_zh_amount(e)})" if e.kind == "money" else ""),
                related=[(p.line, p.text)],
            )

    def _currencies(
        self, transcript: Transcript, p: Paragraph, pairs: list[tuple[Quantity, Quantity]]
    ) -> Iterator[Finding]:
        missing: list[tuple[Quantity, Quantity]] = []
        for e, z in pairs:
            if e.kind != "money" or not e.unit:
                continue
            if z.unit and z.unit != e.unit:
                self.stats["contradicted"] += 1
                yield self.finding(
                    transcript,
                    p.line,
                    f"'{e.text}' is in {e.unit} but the translation '{z.text}' is in {z.unit}.",
                    _evidence(p, (e.start, e.end), (z.start, z.end)),
                    end_line=p.translation_line,
                    confidence=0.9,
                    suggestion=f"render {e.describe()}",
                    related=[(p.line, p.text)],
                )
            elif not z.unit:
                missing.append((e, z))
        if missing:
            listed = ", ".join(f"'{e.text}' -> '{z.text}'" for e, z in missing)
            e0, z0 = missing[0]
            yield self.finding(
                transcript,
                p.line,
                f"The translation drops the currency of {len(missing)} figure(s): {listed}.",
                _evidence(p, (e0.start, e0.end), (z0.start, z0.end)),
                severity=Severity.INFO,
                end_line=p.translation_line,
                confidence=0.7,
                suggestion=f"write the currency ({_zh_currency(e0.unit)}) before the amount, e.g. "
                f"{_zh_currency(e0.unit)}{z0.text.strip()}",
            )


_ZH_CURRENCY = {"CNY": "人民幣", "USD": "美元", "HKD": "港元", "TWD": "新台幣", "EUR": "歐元", "GBP": "英鎊", "JPY": "日圓"}


def _zh_currency(unit: str | None) -> str:
    return _ZH_CURRENCY.get(unit or "", unit or "")


def _zh_amount(q: Quantity) -> str:
    """The amount written the usual Chinese way: in 億 from 10**8 up, else in 萬 (25.8 million -> 2,580萬)."""
    from auditor.quantities import format_decimal

    value = q.value
    if abs(value) >= 10**8:
        text = f"{format_decimal(value / 10**8)}億"
    elif abs(value) >= 10**4:
        text = f"{format_decimal(value / 10**4, grouping=True)}萬"
    else:
        text = format_decimal(value)
    currency = _zh_currency(q.unit) if q.kind == "money" else ""
    return f"{currency}{text}{'元' if currency and currency == '人民幣' else ''}"


# --- direction of a change ---------------------------------------------------------------------


class DirectionDivergence(TranslationCheck):
    """A change whose direction flips in the translation (an increase rendered as a decrease).

    Anti-pattern: "revenue decreased by 6.2% year over year" rendered 收入年增6.2% (grew 6.2%):
    the figure survives, so digit-based QA passes, but the fact is reversed.

    Best practice: a percentage change keeps its direction: up/increased/grew with 增/成長/上升,
    down/decreased/narrowed with 減/下降/收窄. Only figures with a direction cue next to them on
    both sides are compared, so a translation that leaves the cue out stays silent.
    """

    id = "translation.direction"
    title = "Increase and decrease swapped in translation"
    severity = Severity.WARNING
    weight = 1.3

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        zh_text: str
        for p in _translated(transcript):
            pairs, _, _ = match_figures(comparable_figures(p.quantities), comparable_figures(p.translation_quantities))
            zh_text = p.translation or ""
            for e, z in pairs:
                if e.kind not in ("percent", "points", "bps"):
                    continue
                en_dir = direction_en(*_clause_bounds(p.text, e.start, e.end, 60))
                zh_before, zh_after = _clause_bounds(zh_text, z.start, z.end, 8)
                zh_dir = direction_zh(zh_before, zh_after[:6])
                if en_dir is None or zh_dir is None:
                    self.stats["unchecked"] += 1
                    continue
                if en_dir == zh_dir:
                    self.stats["verified"] += 1
                    continue
                self.stats["contradicted"] += 1
                word = {"up": "an increase", "down": "a decrease"}
                yield self.finding(
                    transcript,
                    p.line,
                    f"'{e.text}' is {word[en_dir]} in English but {word[zh_dir]} in the translation "
                    f"('{zh_before[-4:]}{z.text}').",
                    _evidence(p, (e.start, e.end), (z.start, z.end)),
                    end_line=p.translation_line,
                    confidence=0.85,
                    suggestion=f"render it as {'增加/成長' if en_dir == 'up' else '減少/下降'} {z.text}",
                    related=[(p.line, p.text)],
                )


# --- 2. roles of figures -----------------------------------------------------------------------

_EN_TO = re.compile(r"^\s*(?:to|up to|down to)\s+$", re.IGNORECASE)


def _en_roles(text: str, figures: list[Quantity]) -> dict[int, str]:
    """'start' / 'end' for English figures in "from A to B" (or "A to B") changes, by start offset."""
    roles: dict[int, str] = {}
    for a, b in zip(figures, figures[1:], strict=False):
        if _EN_TO.match(text[a.end : b.start]) and figure_family(a) == figure_family(b):
            roles[a.start] = "start"
            roles[b.start] = "end"
    for q in figures:
        if q.start not in roles and re.search(r"\bfrom\s+$", text[max(0, q.start - 8) : q.start], re.IGNORECASE):
            roles[q.start] = "start"
    return roles


def _zh_role(text: str, q: Quantity) -> str | None:
    """'start' for 從/由/自 X, 'end' for 至/到 X: the nearest marker in the clause before the figure."""
    before, _ = _clause_bounds(text, q.start, q.end, 14)
    marks = [(m.start(), m.group(0)) for m in re.finditer(r"[從从由自]|[至到](?!今|目前|現在)", before)]
    if not marks:
        return None
    return "start" if marks[-1][1] in "從从由自" else "end"


class FigureRoles(TranslationCheck):
    """The start and end of a change swapped in the translation ("from A to B" becomes "from B to A").

    Anti-pattern: "increased from RMB412.5 million to RMB503.8 million" rendered 從人民幣5.038億元增至
    人民幣4.125億元: both figures survive, so value checks pass, but the change is reversed.

    Best practice: the figure after "from" is the starting point (從/由 in Chinese) and the figure
    after "to" the end point (至/到). A figure is only judged when both sides mark its role.
    """

    id = "translation.figure_roles"
    title = "Start and end of a change swapped in translation"
    severity = Severity.WARNING
    weight = 1.3

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in _translated(transcript):
            english = comparable_figures(p.quantities)
            roles = _en_roles(p.text, english)
            if not roles:
                continue
            pairs, _, _ = match_figures(english, comparable_figures(p.translation_quantities))
            swapped = []
            for e, z in pairs:
                en_role = roles.get(e.start)
                zh_role = _zh_role(p.translation or "", z)
                if en_role is None or zh_role is None:
                    continue
                if en_role == zh_role:
                    self.stats["verified"] += 1
                else:
                    swapped.append((e, z, en_role, zh_role))
            if not swapped:
                continue
            self.stats["contradicted"] += 1
            e, z, en_role, zh_role = swapped[0]
            detail = "; ".join(f"'{a.text}' is the {r} point in English but the {s} point in the translation"
                               for a, _, r, s in swapped)
            yield self.finding(
                transcript,
                p.line,
                f"The translation swaps the roles of the figures of a change: {detail}.",
                _evidence(p, (e.start, e.end), (z.start, z.end)),
                end_line=p.translation_line,
                confidence=0.8,
                suggestion="keep the English order: 從 <start figure> 至 <end figure>",
                related=[(p.line, p.text)],
            )


# --- 3. dates and periods ---------------------------------------------------------------------


def _same_date(a: DateMention, b: DateMention) -> bool:
    return a.month == b.month and a.day == b.day and (a.year is None or b.year is None or a.year == b.year)


class DateDivergence(TranslationCheck):
    """A calendar date that the translation changes ("September 30" rendered 9月3日).

    Anti-pattern: a dropped digit or a swapped month turns the balance-sheet date into another
    day; the figure it dates is then misdated for every Chinese reader.

    Best practice: every date of the English line appears on the Chinese line with the same month,
    day and year. Only a paragraph with exactly one unmatched date on each side is reported, so a
    translation that merely adds or omits a date stays silent.
    """

    id = "translation.date"
    title = "Date changed in translation"
    severity = Severity.ERROR
    weight = 1.3

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in _translated(transcript):
            en = [d for d in p.dates if d.day is not None]
            zh = [d for d in p.translation_dates if d.day is not None]
            en_rest = [d for d in en if not any(_same_date(d, z) for z in zh)]
            zh_rest = [z for z in zh if not any(_same_date(d, z) for d in en)]
            self.stats["verified"] += len(en) - len(en_rest)
            if len(en_rest) != 1 or len(zh_rest) != 1:
                continue
            d, z = en_rest[0], zh_rest[0]
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                p.line,
                f"'{d.text.strip()}' becomes '{z.text.strip()}' in the translation.",
                _evidence(p, (d.start, d.end), (z.start, z.end)),
                end_line=p.translation_line,
                confidence=0.9,
                suggestion=d.render_zh(),
                related=[(p.line, p.text)],
            )


_EN_YEAR = re.compile(r"(?<![\d.,$])\b((?:19|20)\d\d)\b(?![.,]?\d)")
_ZH_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)\s?年")
_REL_NAMES = {"previous": "quarter over quarter (季增/環比)", "year_ago": "year over year (年增/同比)"}


class PeriodDivergence(TranslationCheck):
    """A reporting period that changes in the translation: quarter, half, year, or YoY against QoQ.

    Anti-pattern: "third quarter" rendered 第二季, "quarter over quarter" rendered 年增 (year over
    year), "second half" rendered 上半年, or another year. The figure is then attributed to the
    wrong period.

    Best practice: the quarters, halves and years of the English line are the ones of the Chinese
    line, and a year-over-year change stays 年增/同比 while a sequential one stays 季增/環比. Only
    periods stated on both sides are compared; a period the translation leaves out is not reported.
    """

    id = "translation.period"
    title = "Reporting period changed in translation"
    severity = Severity.WARNING
    weight = 1.2

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in _translated(transcript):
            yield from self._numbered(transcript, p, "quarter", ["first", "second", "third", "fourth"], "第{}季")
            yield from self._numbered(transcript, p, "half", ["first", "second"], "{}半年")
            yield from self._years(transcript, p)
            yield from self._relative(transcript, p)

    def _numbered(
        self, transcript: Transcript, p: Paragraph, kind: str, ordinals: list[str], zh_form: str
    ) -> Iterator[Finding]:
        en = {m.number for m in p.periods if m.kind == kind and m.number}
        zh = {m.number for m in p.translation_periods if m.kind == kind and m.number}
        if not en or not zh or not (en - zh) or not (zh - en):
            if en and zh:
                self.stats["verified"] += 1
            return
        self.stats["contradicted"] += 1
        e = next(m for m in p.periods if m.kind == kind and m.number in en - zh)
        z = next(m for m in p.translation_periods if m.kind == kind and m.number in zh - en)
        zh_names = "一二三四" if kind == "quarter" else "上下"
        assert e.number is not None
        yield self.finding(
            transcript,
            p.line,
            f"The English '{e.text}' is the {ordinals[e.number - 1]} {kind}, but the translation says "
            f"'{z.text}' ({ordinals[(z.number or 1) - 1]} {kind}).",
            _evidence(p, (e.start, e.end), (z.start, z.end)),
            end_line=p.translation_line,
            confidence=0.85,
            suggestion=zh_form.format(zh_names[e.number - 1]),
            related=[(p.line, p.text)],
        )

    def _years(self, transcript: Transcript, p: Paragraph) -> Iterator[Finding]:
        en = {int(y) for y in _EN_YEAR.findall(p.text)}
        zh = {int(y) for y in _ZH_YEAR.findall(p.translation or "")}
        if not en or not zh or not (en - zh) or not (zh - en) or len(en - zh) != 1 or len(zh - en) != 1:
            return
        (e_year,), (z_year,) = en - zh, zh - en
        self.stats["contradicted"] += 1
        e_at = p.text.find(str(e_year))
        z_at = (p.translation or "").find(str(z_year))
        yield self.finding(
            transcript,
            p.line,
            f"The English year {e_year} becomes {z_year} in the translation.",
            _evidence(p, (e_at, e_at + 4), (z_at, z_at + 4)),
            end_line=p.translation_line,
            confidence=0.75,
            suggestion=f"{e_year}年",
            related=[(p.line, p.text)],
        )

    def _relative(self, transcript: Transcript, p: Paragraph) -> Iterator[Finding]:
        en = {m.relative for m in p.periods if m.relative in _REL_NAMES}
        zh = {m.relative for m in p.translation_periods if m.relative in _REL_NAMES}
        if not en or not zh or en & zh:
            return
        e = next(m for m in p.periods if m.relative in _REL_NAMES)
        z = next(m for m in p.translation_periods if m.relative in _REL_NAMES)
        self.stats["contradicted"] += 1
        assert e.relative is not None and z.relative is not None
        yield self.finding(
            transcript,
            p.line,
            f"'{e.text}' is {_REL_NAMES[e.relative].split(' (')[0]} but the translation says '{z.text}' "
            f"({_REL_NAMES[z.relative].split(' (')[0]}).",
            _evidence(p, (e.start, e.end), (z.start, z.end)),
            end_line=p.translation_line,
            confidence=0.8,
            suggestion=_REL_NAMES[e.relative],
            related=[(p.line, p.text)],
        )


# --- 4. negation ------------------------------------------------------------------------------


class NegationDivergence(TranslationCheck):
    """A negation present on one side and absent on the other ("do not expect" rendered 預計).

    Anti-pattern: "We do not expect further impairment" rendered 我們預計將出現進一步減值 (we
    expect further impairment): the translation states the opposite of what management said.

    Best practice: a negated statement stays negated (not/no/never/n't against 不/沒/未/無/非/勿).
    Sentences are compared one by one when both sides have the same number of sentences, else the
    whole line; look-alikes that do not negate ("not only", 不僅, 不斷, 非常, 未來) are ignored, and
    only a side with no negation at all against one with a negation is reported.
    """

    id = "translation.negation"
    title = "Negation lost or added in translation"
    severity = Severity.WARNING
    weight = 1.2

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in _translated(transcript):
            zh_text = p.translation or ""
            en_sents = [s.text for s in p.sentences]  # the model's spaCy sentences, both sides
            zh_sents = [s.text for s in p.translation_sentences if s.text.strip()]
            units = list(zip(en_sents, zh_sents, strict=True)) if len(en_sents) == len(zh_sents) else [(p.text, zh_text)]
            for en, zh in units:
                n_en, n_zh = negation_count(en, "en"), negation_count(zh, "zh")
                if n_en == 0 and n_zh:
                    n_zh = negation_count(zh, "zh", strong=True)
                if (n_en == 0) == (n_zh == 0):
                    self.stats["verified" if n_en else "unchecked"] += 1
                    continue
                self.stats["contradicted"] += 1
                if n_en:
                    cues = ", ".join(f"'{c}'" for c in negation_cues(en, "en"))
                    message = f"The English is negated ({cues}) but its translation has no negation."
                    suggestion = "render the negation (不/沒有/未)"
                else:
                    cues = ", ".join(f"'{c}'" for c in negation_cues(zh, "zh", strong=True))
                    message = f"The translation is negated ({cues}) but the English has no negation."
                    suggestion = "remove the negation from the translation, or check the English"
                yield self.finding(
                    transcript,
                    p.line,
                    message,
                    f"EN: {quote(en, 180)} | ZH: {quote(zh, 120)}",
                    end_line=p.translation_line,
                    confidence=0.7,
                    suggestion=suggestion,
                    related=[(p.line, p.text)],
                )


# --- 5. people --------------------------------------------------------------------------------

_EN_HONORIFIC = re.compile(r"\b(?P<hon>Mr|Ms|Mrs|Miss)\.?\s+(?P<name>[A-Z][a-z]+)")
_EN_GENDER = {"mr": "male", "ms": "female", "mrs": "female", "miss": "female"}
_ZH_HONORIFIC = re.compile("|".join(ZH_HONORIFICS))


@dataclass(frozen=True)
class _Rendering:
    """One Chinese rendering of a roster person's full name on one line."""

    person: str
    form: str
    line: int
    start: int


def _name_parts(person: Person) -> list[tuple[str, str]]:
    """(surname token, given-name tokens joined) for each token that may be the surname."""
    tokens = list(name_tokens(person.name))
    if len(tokens) < 2:
        return []
    out = []
    for i, t in enumerate(tokens):
        if surname_chars(t):
            out.append((t, "".join(tokens[:i] + tokens[i + 1 :])))
    return out


def _full_name_mentioned(text: str, person: Person) -> bool:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    tokens = list(name_tokens(person.name))
    return any(words[i : i + len(tokens)] in (tokens, tokens[::-1]) for i in range(len(words)))


def _renderings(transcript: Transcript) -> list[_Rendering]:
    """Chinese full-name renderings of roster people, where the English line names them in full."""
    found: list[_Rendering] = []
    for p in _translated(transcript):
        zh = p.translation or ""
        for person in transcript.roster.persons:
            if not _full_name_mentioned(p.text, person):
                continue
            for surname, given in _name_parts(person):
                n_given = min(pinyin_syllables(given), 2)
                starts = [m.start() for m in re.finditer(f"[{surname_chars(surname)}]", zh)]
                forms = [(zh[s : s + 1 + n_given], s) for s in starts]
                forms = [(f, s) for f, s in forms if len(f) == 1 + n_given and han_count(f) == len(f)
                         and not (set(f[1:]) & NOT_NAME_CHARS)]
                if len(forms) == 1:
                    found.append(_Rendering(person.name, forms[0][0], p.translation_line or p.line, forms[0][1]))
                    break
    return found


def _misheard(heard: str, surname: str) -> bool:
    """'zao' for 'zou', 'fang' for 'feng': one edit, or two in a same-length name with the same initial."""
    distance = jellyfish.levenshtein_distance(heard, surname)
    if distance == 1:
        return True
    return distance == 2 and len(heard) == len(surname) >= 3 and heard[0] == surname[0]


class PersonDivergence(TranslationCheck):
    """A person rendered with the wrong gender, two Chinese names, or another surname.

    Anti-pattern: "Ms. Shen" rendered 沈先生 (Mr.) when the call establishes her as Ms. Shen
    Lixia; one executive written 郭明遠 on one line and 郭明源 on another; a misheard "Mr. Zao"
    rendered 趙先生 when the only person it can mean is Mr. Zou (鄒).

    Best practice: honorifics (先生/女士) follow the gender the transcript gives each person
    (Mr./Ms. in the English, via the roster); one person has one Chinese name throughout; a name
    that is not on the roster is not turned into a new Chinese surname.
    """

    id = "translation.person"
    title = "Person's name or gender changed in translation"
    severity = Severity.WARNING
    weight = 1.1

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        renderings = _renderings(transcript)
        yield from self._inconsistent_names(transcript, renderings)
        surnames = self._surname_chars(transcript, renderings)
        for p in _translated(transcript):
            yield from self._genders(transcript, p, renderings, surnames)
            yield from self._other_surname(transcript, p, surnames)

    def _inconsistent_names(self, transcript: Transcript, renderings: list[_Rendering]) -> Iterator[Finding]:
        by_person: dict[str, list[_Rendering]] = defaultdict(list)
        for r in renderings:
            by_person[r.person].append(r)
        for person, items in sorted(by_person.items()):
            counts = Counter(r.form for r in items)
            if len(counts) < 2:
                self.stats["verified"] += 1
                continue
            first_line = {form: min(r.line for r in items if r.form == form) for form in counts}
            reference = max(counts, key=lambda f: (counts[f], -first_line[f]))
            for r in items:
                if r.form == reference:
                    continue
                self.stats["contradicted"] += 1
                p = transcript.paragraph_at(r.line)
                ref_lines = sorted({x.line for x in items if x.form == reference})
                yield self.finding(
                    transcript,
                    p.line if p else r.line,
                    f"{person} is rendered '{r.form}' here but '{reference}' on line {ref_lines[0]}.",
                    _evidence(p, None, (r.start, r.start + len(r.form))) if p else r.form,
                    end_line=r.line,
                    confidence=0.75,
                    suggestion=reference,
                    related=[(ln, transcript.line_text(ln)) for ln in ref_lines[:3]],
                )

    @staticmethod
    def _surname_chars(transcript: Transcript, renderings: list[_Rendering]) -> dict[str, str]:
        """Roster person -> the Chinese surname character the file uses for them (learned, else table)."""
        learned: dict[str, Counter[str]] = defaultdict(Counter)
        for r in renderings:
            learned[r.person][r.form[0]] += 1
        out: dict[str, str] = {}
        for person in transcript.roster.persons:
            if learned.get(person.name):
                out[person.name] = learned[person.name].most_common(1)[0][0]
        return out

    def _genders(
        self, transcript: Transcript, p: Paragraph, renderings: list[_Rendering], surnames: dict[str, str]
    ) -> Iterator[Finding]:
        zh = p.translation or ""
        line = p.translation_line or p.line
        full_forms = {r.form: r.person for r in renderings}
        for m in _ZH_HONORIFIC.finditer(zh):
            before = zh[max(0, m.start() - 3) : m.start()]
            person_name = next((name for form, name in full_forms.items() if before.endswith(form)), None)
            if person_name is None and before:
                owners = sorted(name for name, char in surnames.items() if char == before[-1])
                person_name = owners[0] if len(owners) == 1 else None
            person = next((x for x in transcript.roster.persons if x.name == person_name), None)
            if person is None or person.gender is None:
                continue
            said = ZH_HONORIFICS[m.group(0)]
            if said == person.gender:
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            right = "女士" if person.gender == "female" else "先生"
            start = m.start() - (len(before) if person_name and before.endswith(surnames.get(person.name, "~")) else 1)
            yield self.finding(
                transcript,
                p.line,
                f"The translation calls {person.name} '{m.group(0)}' ({said}), but the transcript establishes "
                f"{person.name} as {person.gender}.",
                _evidence(p, None, (max(0, start), m.end())),
                end_line=line,
                confidence=0.8,
                suggestion=f"{zh[max(0, m.start() - 1) : m.start()]}{right}",
                related=[(ln, text) for ln, text in person.gender_evidence[:3]],
            )

    def _other_surname(self, transcript: Transcript, p: Paragraph, surnames: dict[str, str]) -> Iterator[Finding]:
        """'Mr. Zao' (nobody on the call) rendered 趙先生 while the near name Zou is 鄒 in this file."""
        zh = p.translation or ""
        known = set(surnames.values())
        for m in _EN_HONORIFIC.finditer(p.text):
            name = m.group("name")
            if transcript.roster.find(name) is not None:
                continue
            near = sorted(
                (person, char) for person, char in surnames.items()
                if any(_misheard(name.lower(), t) for t in name_tokens(person) if surname_chars(t))
            )
            if len(near) != 1:
                continue
            person, char = near[0]
            hons = [h for h in re.finditer(f"([\u4e00-\u9fff])(?:{_ZH_HONORIFIC.pattern})", zh) if h.group(1) not in known]
            if len(hons) != 1:
                continue
            hon_zh = hons[0]
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                p.line,
                f"'{m.group(0)}' names nobody on the call and is rendered '{hon_zh.group(0)}', a different surname "
                f"from {person} ({char}), the nearest name.",
                _evidence(p, (m.start(), m.end()), (hon_zh.start(), hon_zh.end())),
                end_line=p.translation_line,
                confidence=0.7,
                suggestion=f"{char}{hon_zh.group(0)[1:]} (if {person} is meant)",
            )


# --- 6. omissions, untranslated lines, editorial markers ---------------------------------------

#: Chinese characters (plus Latin tokens kept as-is) per English word in a complete en->zh rendering
#: is about 1.4-1.7; below this ratio a long line has lost most of its content.
OMISSION_RATIO = 0.5
OMISSION_MIN_WORDS = 20


def _en_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*", text))


def _zh_units(text: str) -> int:
    return han_count(text) + len(re.findall(r"[A-Za-z0-9]+", text))


class Omission(TranslationCheck):
    """A Chinese line much shorter than its English source: most of what was said is not translated.

    Anti-pattern: a 60-word analyst question with three parts rendered 謝謝。請問電池價格趨勢如何?
    (only the first part). Chinese readers never see the other questions the answer responds to.

    Best practice: a complete en->zh rendering has about 1.4-1.7 Chinese characters per English word
    (measured on machine-translated calls). A line of at least 20 English words whose translation
    has under half an English word's worth of characters per word is reported, with the sentences
    the Chinese side lacks when the question marks or sentence counts show which.
    """

    id = "translation.omission"
    title = "Translation much shorter than the source"
    severity = Severity.WARNING
    weight = 1.1

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in _translated(transcript):
            words = _en_words(p.text)
            if words < OMISSION_MIN_WORDS:
                continue
            units = _zh_units(p.translation or "")
            ratio = units / words
            if ratio >= OMISSION_RATIO:
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            en_q, zh_q = p.text.count("?"), (p.translation or "").count("?") + (p.translation or "").count("？")
            detail = f" ({en_q} questions in English, {zh_q} in the translation)" if en_q > zh_q else ""
            yield self.finding(
                transcript,
                p.line,
                f"The translation has {units} characters for {words} English words, about a third of a "
                f"complete rendering: most of the line is not translated{detail}.",
                _evidence(p),
                end_line=p.translation_line,
                confidence=0.75,
                suggestion="translate the whole line",
                related=[(p.line, p.text)],
            )


class Untranslated(TranslationCheck):
    """A translation line left in English (or identical to its source).

    Anti-pattern: "Thank you. We will now take questions." on the line where the Chinese should
    be: the Chinese edition silently switches language.

    Best practice: every translation line is in Chinese; names, tickers and product names may stay
    in Latin script, so only a line with no Chinese character and at least three English words, or
    a copy of the source line, is reported.
    """

    id = "translation.untranslated"
    title = "Line left untranslated"
    severity = Severity.WARNING
    weight = 1.0

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for p in transcript.paragraphs:
            zh = p.translation
            if not zh or p.translation_line is None:
                continue
            copy = zh.strip() == p.text.strip()
            if not copy and (has_han(zh) or latin_count(zh) == 0 or _en_words(zh) < 3):
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                p.translation_line,
                "The translation line is " + ("a copy of the English line." if copy else "in English, not Chinese."),
                f"EN: {quote(p.text, 160)} | ZH: {quote(zh, 160)}",
                confidence=0.9,
                suggestion="translate the line into Chinese",
                related=[(p.line, p.text)],
            )


class MarkerRendering(TranslationCheck):
    """An editorial marker rendered in different ways across the file.

    Anti-pattern: (inaudible) rendered (聽不清) on one line and (聽不清楚) or (我聽不清楚) on another,
    or (interpreted) as (口譯) and (翻譯). Readers cannot tell whether the differences mean something,
    and a marker turned into a sentence (我聽不清楚, "I can't hear") reads as speech.

    Best practice: each marker ((inaudible), (interpreted), (spoken in foreign language),
    (technical difficulty), (Operator Instructions)) has one rendering throughout the file; the
    most frequent one is the reference.
    """

    id = "translation.markers"
    title = "Editorial marker rendered inconsistently"
    severity = Severity.INFO
    weight = 0.5

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        seen: dict[str, list[tuple[str, Paragraph, int, int]]] = defaultdict(list)
        for p in _translated(transcript):
            for marker, rendering, start, end in marker_renderings(p.text, p.translation or ""):
                seen[marker].append((rendering, p, start, end))
        for marker, items in sorted(seen.items()):
            counts = Counter(r for r, *_ in items)
            if len(counts) < 2:
                self.stats["verified"] += len(items)
                continue
            first = {r: min(p.line for x, p, *_ in items if x == r) for r in counts}
            reference = max(counts, key=lambda r: (counts[r], -first[r]))
            ref_lines = sorted({p.translation_line or p.line for r, p, *_ in items if r == reference})
            for rendering, p, start, end in items:
                if rendering == reference:
                    continue
                self.stats["contradicted"] += 1
                yield self.finding(
                    transcript,
                    p.translation_line or p.line,
                    f"'({marker})' is rendered '({rendering})' here but '({reference})' on line {ref_lines[0]}.",
                    _evidence(p, None, (start, end)),
                    confidence=0.7,
                    suggestion=f"({reference})",
                    related=[(ln, transcript.line_text(ln)) for ln in ref_lines[:3]],
                )


CHECKS = (
    NumberDivergence,
    DirectionDivergence,
    FigureRoles,
    DateDivergence,
    PeriodDivergence,
    NegationDivergence,
    PersonDivergence,
    Omission,
    Untranslated,
    MarkerRendering,
)
