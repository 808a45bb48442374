"""The Chinese half of `auditor.figure_words`: every figure of a Chinese line, numerals included.

Why a module of its own: Chinese figures written in words have their own grammar (a numeral
counts before a classifier, 第 makes an ordinal, Y分之X a fraction, N年代 a decade, 幾/數 a vague
amount) and `auditor.figure_words` stays readable with the value type, the English reader and the
comparison. Both return the same `Figure`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.bilingual import fold_zh_same_length
from auditor.dates import DateMention, PeriodMention
from auditor.figure_words import (
    Figure,
    exact_figure,
    from_dates,
    from_periods,
    from_quantity,
    is_free,
    vocabulary,
)
from auditor.quantities import Quantity
from auditor.quantities_zh import ChineseVocabulary, chinese_vocabulary
from auditor.words import Words, default_words

_ONE = Decimal(1)
_HUNDRED = Decimal(100)

#: cn2an's reading ("smart" mode; None where it refuses the text) of every numeral of one character
#: and of one place word (一百, 一萬), after folding. Most numerals of a call are these, and cn2an
#: costs more to import and compile than the rest of the Chinese side of a call; the table is
#: checked against cn2an itself (tests/test_speed_equivalence.py).
CN2AN_SHORT: dict[str, Decimal | None] = {
    "": None, "零": Decimal(0), "一": Decimal(1), "壹": Decimal(1), "二": Decimal(2), "貳": Decimal(2),
    "三": Decimal(3), "叁": Decimal(3), "參": None, "四": Decimal(4), "肆": Decimal(4), "五": Decimal(5),
    "伍": Decimal(5), "六": Decimal(6), "陸": Decimal(6), "七": Decimal(7), "柒": Decimal(7), "八": Decimal(8),
    "捌": Decimal(8), "九": Decimal(9), "玖": Decimal(9), "点": None,
    "一十": Decimal(10), "一拾": Decimal(10), "一百": Decimal(100), "一佰": Decimal(100), "一千": Decimal(1000),
    "一仟": Decimal(1000), "一萬": Decimal(10000), "一万": Decimal(10000), "一億": Decimal(10**8),
    "一亿": Decimal(10**8),
}


def numeral_value(numeral: str, zh_vocab: ChineseVocabulary) -> Decimal | None:
    """A Chinese numeral or digits as a Decimal ('二十四' -> 24, '兩' -> 2, '1,000' -> 1000)."""
    text = numeral.replace(",", "")
    if text.replace(".", "", 1).isdigit():
        return Decimal(text)
    for variant, standard in zh_vocab.folding.items():
        text = text.replace(variant, standard)
    if text[:1] in zh_vocab.places or text[:1] in zh_vocab.myriads:
        text = "一" + text  # 百萬 is 一百萬
    if text in CN2AN_SHORT:
        return CN2AN_SHORT[text]
    import cn2an  # imported here: only longer Chinese numerals need it

    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
        return None


def chinese_figures(
    text: str, quantities: list[Quantity], dates: list[DateMention], periods: list[PeriodMention],
    words: Words | None = None,
) -> list[Figure]:
    """Every figure of a Chinese line: the parser's quantities, dates and periods, years, numerals."""
    vocab = vocabulary(words or default_words())
    zh_vocab = chinese_vocabulary(words or default_words())
    norm = fold_zh_same_length(text)
    out = [from_quantity(q) for q in quantities] + from_dates(dates) + from_periods(periods)
    taken = [(f.start, f.end) for f in out]
    for m in re.finditer(r"(?<!\d)((?:19|20)?\d0)\s?年代", norm):
        out.append(exact_figure(text, m.start(), m.end(), Decimal(m.group(1)) % 100, "decade"))
        taken.append(m.span())
    for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)\s?年", norm):
        if is_free(taken, m.start(), m.end()):
            out.append(exact_figure(text, m.start(), m.end(), Decimal(m.group(1)), "year"))
            taken.append(m.span())
    for m in vocab.zh_doubles.finditer(norm):
        out.append(exact_figure(text, m.start(), m.end(), Decimal(2), "multiple"))
        taken.append(m.span())
    for m in vocab.zh_soft_words.finditer(norm):
        lo, hi = vocab.zh_soft[m.group(0)]
        out.append(Figure(text[m.start():m.end()], m.start(), m.end(), lo, hi, "count", soft=True))
        taken.append(m.span())
    for m in vocab.zh_halves.finditer(norm):
        soft = len(m.group(0)) == 1  # 半 alone is also 半徑, 半島: it accounts, it is never reported
        out.append(Figure(text[m.start():m.end()], m.start(), m.end(), Decimal("0.5"), Decimal("0.5"), "fraction",
                          soft=soft, parts=(_ONE, Decimal(2))))
        taken.append(m.span())
    marker = vocab.zh_fraction_marker
    for m in re.finditer(rf"(?P<den>[\d{re.escape(''.join(zh_vocab.folding) + '一二三四五六七八九十百千')}]+){marker}"
                         rf"(?P<num>[\d一二兩三四五六七八九十百千]+)", norm):
        den, num = numeral_value(m.group("den"), zh_vocab), numeral_value(m.group("num"), zh_vocab)
        if den and num is not None and is_free(taken, m.start(), m.end()):
            out.append(Figure(text[m.start():m.end()], m.start(), m.end(), num / den, num / den, "fraction",
                              parts=(num, den)))
            taken.append(m.span())
    taken += [m.span() for m in vocab.zh_not.finditer(norm)]
    for m in vocab.zh_numeral.finditer(norm):
        start, end = m.start(), m.end()
        if not is_free(taken, start, end):
            continue
        if norm[end - 1] in "點点":  # 兩點: "two points", not a decimal point
            end -= 1
        value = numeral_value(norm[start:end], zh_vocab)
        if value is None:
            continue
        if any(norm.endswith(p, 0, start) for p in vocab.zh_vague) or norm.startswith(vocab.zh_vague_after, end):
            out.append(exact_figure(text, start, end, value, "count", soft=True))
            continue
        rest = norm[end:]
        if norm.endswith(vocab.zh_ordinal_prefix, 0, start):
            # 第二, 第三: enumerating points, or labelling a quarter or a half, accounts only
            soft = not rest or rest[0] in vocab.zh_ordinal_soft_after
            if value > 1:
                out.append(exact_figure(text, start - 1, end, value, "ordinal", soft=soft))
            continue
        if rest.startswith(vocab.zh_decade_suffix):
            out.append(exact_figure(text, start, end + len(vocab.zh_decade_suffix), value % 100, "decade"))
            continue
        if rest.startswith("倍"):
            # 增加一倍 is "doubled": one times more, or twice as much
            hi = value + 1 if value == 1 else value
            out.append(Figure(text[start:end + 1], start, end + 1, value, hi, "multiple"))
            continue
        classifier = vocab.zh_classifier.match(rest)
        if classifier and rest.startswith("半", classifier.end()):
            # 兩年半: two and a half years
            out.append(exact_figure(text, start, end + classifier.end() + 1, value + Decimal("0.5"), "count"))
            taken.append((end + classifier.end(), end + classifier.end() + 1))
        elif value != _ONE:
            # without a classifier a small numeral may be part of a word (六虎): it accounts only
            out.append(exact_figure(text, start, end, value, "count", soft=not (classifier or value >= _HUNDRED)))
    return sorted(out, key=lambda f: (f.start, f.end))
