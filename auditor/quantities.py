"""The shared quantity parser: every number a check compares goes through here.

Why one parser: the figure checks, the translation check and the date check must agree on what
"RMB1,625.3 million", "人民幣16.253億元" and "over 120%" mean, including how precise the printed
digits are. A printed number stands for an interval (plus or minus half a unit of its last printed
digit, times its scale word); qualifiers such as "over" or "about" make it one-sided or wider. This
is the rule XBRL Calculations 1.1 uses for rounding, and it is what keeps correct arithmetic silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditor.textutil import to_halfwidth

INF = Decimal("Infinity")

# --- vocabularies -----------------------------------------------------------------------------

EN_SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mm": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}

EN_CURRENCY_PREFIXES: dict[str, str] = {
    "rmb": "CNY",
    "cny": "CNY",
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "nt$": "TWD",
    "s$": "SGD",
    "a$": "AUD",
    "c$": "CAD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "CNY",
    "jpy": "JPY",
}

EN_CURRENCY_SUFFIXES: dict[str, str] = {
    "rmb": "CNY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "us dollars": "USD",
    "dollars": "USD",
    "hong kong dollars": "HKD",
    "euros": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
}

# qualifier phrase -> normalised qualifier
EN_QUALIFIERS: dict[str, str] = {
    "over": "over",
    "more than": "over",
    "above": "over",
    "exceeding": "over",
    "in excess of": "over",
    "north of": "over",
    "at least": "at_least",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "some": "about",
    "under": "under",
    "less than": "under",
    "below": "under",
    "up to": "at_most",
    "at most": "at_most",
}

ZH_CURRENCY_PREFIXES: dict[str, str] = {
    "人民幣": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "港幣": "HKD",
    "港币": "HKD",
    "新台幣": "TWD",
    "新台币": "TWD",
    "歐元": "EUR",
    "欧元": "EUR",
    "日圓": "JPY",
    "日元": "JPY",
    "英鎊": "GBP",
    "英镑": "GBP",
}

ZH_CURRENCY_SUFFIXES: dict[str, str] = {
    "人民幣元": "CNY",
    "人民币元": "CNY",
    "元人民幣": "CNY",  # "5.067億元人民幣": the currency written after 元
    "元人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "港幣": "HKD",
    "港币": "HKD",
    "歐元": "EUR",
    "欧元": "EUR",
    "日圓": "JPY",
    "日元": "JPY",
    "英鎊": "GBP",
    "英镑": "GBP",
    "元": None,  # plain 元: money, currency taken from context (usually the reporting currency)
}

ZH_SCALES: dict[str, Decimal] = {
    "萬億": Decimal(10) ** 12,
    "万亿": Decimal(10) ** 12,
    "千億": Decimal(10) ** 11,
    "千亿": Decimal(10) ** 11,
    "百億": Decimal(10) ** 10,
    "百亿": Decimal(10) ** 10,
    "億": Decimal(10) ** 8,
    "亿": Decimal(10) ** 8,
    "千萬": Decimal(10) ** 7,
    "千万": Decimal(10) ** 7,
    "百萬": Decimal(10) ** 6,
    "百万": Decimal(10) ** 6,
    "萬": Decimal(10) ** 4,
    "万": Decimal(10) ** 4,
    "兆": Decimal(10) ** 12,
    "千": Decimal(10) ** 3,
}

ZH_QUALIFIERS_BEFORE: dict[str, str] = {
    "超過": "over",
    "超过": "over",
    "逾": "over",
    "多於": "over",
    "多于": "over",
    "高於": "over",
    "高于": "over",
    "至少": "at_least",
    "約": "about",
    "约": "about",
    "大約": "about",
    "大约": "about",
    "接近": "nearly",
    "將近": "nearly",
    "将近": "nearly",
    "近": "nearly",
    "不到": "under",
    "低於": "under",
    "低于": "under",
    "少於": "under",
    "少于": "under",
    "最多": "at_most",
}

ZH_QUALIFIERS_AFTER: dict[str, str] = {
    "以上": "over",
    "多": "over",
    "左右": "about",
    "上下": "about",
    "以下": "under",
    "以內": "at_most",
    "以内": "at_most",
}

ZH_NUMERAL_CHARS = "零〇一二兩两三四五六七八九十百千萬万億亿點点壹貳叁參肆伍陸柒捌玖拾佰仟"

# --- the value type ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number as printed, with what it measures and how precise the print is.

    `number` is the printed number ("1,625.3" -> 1625.3), `scale` the multiplier of its scale
    word (million -> 10**6, 億 -> 10**8), `step` one unit of the last printed digit expressed in
    the same units as `value`. `kind` is money, percent, points (percentage points), bps,
    multiple ("2.5x", "兩倍") or number.
    """

    text: str
    start: int
    end: int
    number: Decimal
    scale: Decimal
    kind: str
    unit: str | None
    qualifier: str | None
    step: Decimal
    lang: str

    @property
    def value(self) -> Decimal:
        return self.number * self.scale

    @property
    def is_ratio(self) -> bool:
        return self.kind in ("percent", "points", "bps")

    def interval(self) -> tuple[Decimal, Decimal]:
        """The closed interval of true values this printed figure is consistent with."""
        half = self.step / 2
        value = self.value
        lo, hi = value - half, value + half
        q = self.qualifier
        if q in ("over", "at_least"):
            return lo, INF
        if q in ("under", "at_most"):
            return -INF, hi
        if q == "nearly":
            return value - max(abs(value) * Decimal("0.1"), self.step), hi
        if q == "about":
            widen = max(abs(value) * Decimal("0.1"), self.step)
            return value - widen, value + widen
        return lo, hi

    def same_value(self, other: Quantity) -> bool:
        """Whether two printed figures can stand for the same true value (intervals overlap)."""
        a_lo, a_hi = self.interval()
        b_lo, b_hi = other.interval()
        return a_lo <= b_hi and b_lo <= a_hi

    def describe(self) -> str:
        """A short normalised rendering, e.g. 'CNY 1,625,300,000' or '24.2%'."""
        if self.kind == "percent":
            return f"{format_decimal(self.value)}%"
        if self.kind == "points":
            return f"{format_decimal(self.value)} percentage points"
        if self.kind == "bps":
            return f"{format_decimal(self.value)} basis points"
        if self.kind == "multiple":
            return f"{format_decimal(self.value)}x"
        prefix = f"{self.unit} " if self.unit else ""
        return f"{prefix}{format_decimal(self.value, grouping=True)}"


def format_decimal(value: Decimal, grouping: bool = False) -> str:
    """Render a Decimal without exponent or trailing zeros ('1625300000', '24.2')."""
    if value.is_infinite():
        return "∞" if value > 0 else "-∞"
    normal = value.normalize()
    text = f"{normal:,f}" if grouping else f"{normal:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def digit_step(digits: str) -> Decimal:
    """One unit of the last printed digit of a plain decimal string ('1,625.3' -> 0.1, '728' -> 1)."""
    if "." in digits:
        return Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
    return Decimal(1)


def parse_decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


# --- English ----------------------------------------------------------------------------------

_EN_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_EN_CURRENCY = r"(?:RMB|CNY|Rmb|rmb|US\$|USD|HK\$|HKD|NT\$|S\$|A\$|C\$|EUR|GBP|JPY|\$|€|£|¥)"
_EN_QUALIFIER = "|".join(sorted((re.escape(q) for q in EN_QUALIFIERS), key=len, reverse=True))
_EN_SCALE = r"(?:thousand|millions?|billions?|trillion|mn|mm|bn|tn|[kmb](?![a-z]))"
_EN_SUFFIX_UNIT = (
    r"(?:%|\s?percent(?:age points?)?|\s?per\s?cent|\s?pp(?![a-z])|\s?ppts?(?![a-z])"
    r"|\s?basis points?|\s?bps|x(?![a-z])|\s?times(?![a-z])|-fold)"
)
_EN_CURRENCY_SUFFIX = r"(?:\s(?:RMB|yuan|renminbi|US dollars|Hong Kong dollars|dollars|euros|yen))"

EN_QUANTITY_RE = re.compile(
    rf"(?:(?P<qual>{_EN_QUALIFIER})\s+)?"
    rf"(?:(?P<cur>{_EN_CURRENCY})\s?)?"
    rf"(?P<num>{_EN_NUMBER})"
    rf"(?:\s?(?P<scale>{_EN_SCALE})(?![\w]))?"
    rf"(?P<unit>{_EN_SUFFIX_UNIT})?"
    rf"(?P<cursuf>{_EN_CURRENCY_SUFFIX}(?![\w]))?",
    re.IGNORECASE,
)


def _en_scale(word: str | None) -> Decimal:
    if not word:
        return Decimal(1)
    return EN_SCALES[word.lower()]


def _en_kind(unit: str | None) -> tuple[str, str | None]:
    if not unit:
        return "number", None
    u = unit.strip().lower()
    if u in ("%", "percent", "per cent", "percent") or u.startswith("per"):
        if "point" in u:
            return "points", "pp"
        return "percent", "%"
    if u in ("pp", "ppt", "ppts"):
        return "points", "pp"
    if "basis" in u or u == "bps":
        return "bps", "bp"
    return "multiple", "x"


def _looks_like_year(num: str, m: re.Match[str]) -> bool:
    if m.group("cur") or m.group("scale") or m.group("unit") or m.group("cursuf"):
        return False
    return bool(re.fullmatch(r"(19|20)\d\d", num))


def parse_english(text: str, masked: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """All quantities in an English text, in order. Spans in `masked` (dates) are skipped."""
    found: list[Quantity] = []
    masked = masked or []
    for m in EN_QUANTITY_RE.finditer(text):
        num = m.group("num")
        start, end = m.start(), m.end()
        if any(a <= m.start("num") < b for a, b in masked):
            continue
        # a number glued to letters is a name (H20, B330A, 2Q25), not a quantity
        if end < len(text) and text[end].isalpha() and not (m.group("unit") or m.group("scale")):
            continue
        if m.start("num") > 0 and text[m.start("num") - 1].isalpha() and not m.group("cur"):
            continue
        if _looks_like_year(num, m):
            continue
        number = parse_decimal(num)
        if number is None:
            continue
        scale_word = m.group("scale")
        # a lone "m"/"b" after a space is a word ("5 b"), only glued forms count ("5m", "$0.5bn")
        if scale_word and len(scale_word) == 1 and text[m.start("scale") - 1] == " ":
            scale_word = None
            end = m.end("num")
        scale = _en_scale(scale_word)
        kind, unit = _en_kind(m.group("unit"))
        cur = m.group("cur")
        cursuf = m.group("cursuf")
        if kind == "number" and (cur or cursuf):
            kind = "money"
            unit = EN_CURRENCY_PREFIXES[cur.lower()] if cur else EN_CURRENCY_SUFFIXES[cursuf.strip().lower()]
        elif cursuf:
            cursuf = None  # "24% RMB" is not a money amount
        ends = [m.end("num")]
        if scale_word:
            ends.append(m.end("scale"))
        if m.group("unit"):
            ends.append(m.end("unit"))
        if cursuf:
            ends.append(m.end("cursuf"))
        end = max(ends)
        qual = m.group("qual")
        qualifier = EN_QUALIFIERS.get(qual.lower()) if qual else None
        step = digit_step(num) * scale
        found.append(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                number=number,
                scale=scale,
                kind=kind,
                unit=unit,
                qualifier=qualifier,
                step=step,
                lang="en",
            )
        )
    return found


# --- Chinese ----------------------------------------------------------------------------------

_ZH_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ZH_NUMERALS = f"[{ZH_NUMERAL_CHARS}]+"
_ZH_SCALE = "|".join(sorted((re.escape(s) for s in ZH_SCALES), key=len, reverse=True))
_ZH_CUR_PRE = "|".join(sorted((re.escape(s) for s in ZH_CURRENCY_PREFIXES), key=len, reverse=True))
_ZH_CUR_SUF = "|".join(sorted((re.escape(s) for s in ZH_CURRENCY_SUFFIXES), key=len, reverse=True))
_ZH_QUAL_PRE = "|".join(sorted((re.escape(s) for s in ZH_QUALIFIERS_BEFORE), key=len, reverse=True))
_ZH_QUAL_POST = "|".join(sorted((re.escape(s) for s in ZH_QUALIFIERS_AFTER), key=len, reverse=True))

ZH_QUANTITY_RE = re.compile(
    rf"(?P<qual>{_ZH_QUAL_PRE})?"
    rf"(?P<cur>{_ZH_CUR_PRE})?\s?"
    rf"(?:(?P<pct_pre>百分之)(?P<pct_num>{_ZH_DIGITS}|{_ZH_NUMERALS})"
    rf"|(?P<num>{_ZH_DIGITS})|(?P<cn>{_ZH_NUMERALS}))"
    rf"\s?(?P<scale>{_ZH_SCALE})?"
    rf"(?P<qual_post1>多)?"
    rf"(?P<unit>%|個百分點|个百分点|個基點|个基点|基點|基点|倍|成(?![長长本功為为立交])|{_ZH_CUR_SUF})?"
    rf"(?P<qual_post>{_ZH_QUAL_POST})?"
)


def _cn_to_decimal(numeral: str) -> Decimal | None:
    """Chinese numerals ('二十四', '兩', '一點五') as a Decimal, via cn2an."""
    import cn2an  # imported here: only Chinese text needs it

    text = numeral.replace("兩", "二").replace("两", "二").replace("〇", "零").replace("點", "点")
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _cn_step(numeral: str, value: Decimal) -> Decimal:
    """Precision of a Chinese numeral: the place value of its last digit ('二十億' -> 10**9)."""
    if "点" in numeral or "點" in numeral:
        decimals = len(re.split("[点點]", numeral, maxsplit=1)[1])
        return Decimal(1).scaleb(-decimals)
    multiplier = Decimal(1)
    while numeral and numeral[-1] in "萬万億亿":
        multiplier *= Decimal(10**4) if numeral[-1] in "萬万" else Decimal(10**8)
        numeral = numeral[:-1]
    places = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
    base = Decimal(places.get(numeral[-1], 1)) if numeral and value else Decimal(1)
    return base * multiplier


def parse_chinese(text: str, masked: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """All quantities in a Chinese text (Traditional or Simplified), in order.

    Chinese numerals count only when a scale, unit or 百分之 makes them a quantity: "一方面" and
    "三種模式" are words, "兩倍" and "百分之二十四" are quantities. Ordinals (第二季) are periods.
    """
    norm = to_halfwidth(text)
    masked = masked or []
    found: list[Quantity] = []
    for m in ZH_QUANTITY_RE.finditer(norm):
        if m.group(0).strip() == "":
            continue
        start, end = m.start(), m.end()
        num_start = next(m.start(g) for g in ("pct_num", "num", "cn") if m.group(g))
        if any(a <= num_start < b for a, b in masked):
            continue
        if num_start > 0 and norm[num_start - 1] == "第":
            continue
        scale_txt = m.group("scale")
        unit_txt = m.group("unit")
        cur_txt = m.group("cur")
        if m.group("pct_pre"):
            digits = m.group("pct_num")
            number = parse_decimal(digits) if digits[0].isdigit() else _cn_to_decimal(digits)
            step = digit_step(digits) if digits[0].isdigit() else Decimal(1)
            kind, unit, scale = "percent", "%", Decimal(1)
            end = m.end("pct_num")
        else:
            digits = m.group("num") or m.group("cn")
            is_cn = bool(m.group("cn"))
            if is_cn and not (scale_txt or unit_txt or cur_txt):
                continue  # a bare Chinese numeral is a word, not a figure
            if is_cn and scale_txt and not unit_txt and not cur_txt and scale_txt in ("千", "百萬", "百万"):
                continue
            if not is_cn and re.fullmatch(r"(19|20)\d\d", digits) and not (scale_txt or unit_txt or cur_txt):
                continue
            if is_cn:
                number = _cn_to_decimal(digits)
                step = _cn_step(digits, number) if number is not None else Decimal(1)
            else:
                number = parse_decimal(digits)
                step = digit_step(digits)
            if number is None:
                continue
            scale = ZH_SCALES.get(scale_txt, Decimal(1)) if scale_txt else Decimal(1)
            if unit_txt in ("%",):
                kind, unit = "percent", "%"
            elif unit_txt in ("個百分點", "个百分点"):
                kind, unit = "points", "pp"
            elif unit_txt in ("個基點", "个基点", "基點", "基点"):
                kind, unit = "bps", "bp"
            elif unit_txt == "倍":
                kind, unit = "multiple", "x"
            elif unit_txt == "成":
                kind, unit = "percent", "%"
                number, step = number * 10, step * 10
            elif unit_txt is not None or cur_txt:
                kind = "money"
                unit = ZH_CURRENCY_PREFIXES.get(cur_txt) if cur_txt else None
                if unit is None and unit_txt:
                    unit = ZH_CURRENCY_SUFFIXES.get(unit_txt)
            else:
                kind, unit = "number", None
            end = m.end("unit") if unit_txt else (m.end("scale") if scale_txt else m.end("num") if m.group("num") else m.end("cn"))
        if number is None:
            continue
        if start < num_start and not (m.group("qual") or cur_txt or m.group("pct_pre")):
            start = num_start
        qualifier = None
        if m.group("qual"):
            qualifier = ZH_QUALIFIERS_BEFORE[m.group("qual")]
        elif m.group("qual_post1"):
            qualifier = "over"
        elif m.group("qual_post"):
            qualifier = ZH_QUALIFIERS_AFTER[m.group("qual_post")]
            end = m.end("qual_post")
        # a glued Latin letter means a model name (H20), not a quantity
        if end < len(norm) and norm[end].isascii() and norm[end].isalpha() and kind == "number":
            continue
        if num_start > 0 and norm[num_start - 1].isascii() and norm[num_start - 1].isalpha():
            continue
        found.append(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                number=number,
                scale=scale,
                kind=kind,
                unit=unit,
                qualifier=qualifier,
                step=step * scale,
                lang="zh",
            )
        )
    return found


def parse_quantities(text: str, lang: str = "en", masked: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities of `text` in language `lang` ("en" or "zh")."""
    if lang.startswith("zh"):
        return parse_chinese(text, masked)
    return parse_english(text, masked)


def parse_quantity(text: str, lang: str = "en") -> Quantity | None:
    """The first quantity of a short text such as "RMB2.35 billion" or "16.253億元"."""
    found = parse_quantities(text, lang)
    return found[0] if found else None
