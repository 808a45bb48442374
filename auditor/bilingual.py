"""Helpers for comparing an English paragraph with its Chinese translation (en->zh first).

Why a module of its own: the translation checks compare facts (figures, dates, negations, names)
rather than strings, and they all need the same small pieces: Simplified/Traditional folding so
that one vocabulary serves both scripts, sentence splitting that works the same way on both sides,
negation cues with their non-negating look-alikes ("not only", 不僅, 非常), and a table of Chinese
surnames by romanisation so that "Mr. Guo" can be tied to 郭先生 (and "Mr. Kuo" too).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from auditor.quantities import Quantity
from auditor.textutil import to_halfwidth

# --- script folding ---------------------------------------------------------------------------


@cache
def _s2t():  # type: ignore[no-untyped-def]
    import opencc  # imported lazily: only bilingual transcripts need it

    return opencc.OpenCC("s2t")


def fold_zh(text: str) -> str:
    """Chinese text in Traditional characters with half-width digits, for vocabulary matching.

    Simplified input ("没有减少") becomes Traditional ("沒有減少") so that every cue list below is
    written once. Not used for offsets: OpenCC may change the length of rare phrases.
    """
    return to_halfwidth(_s2t().convert(text))


# --- negation ---------------------------------------------------------------------------------

EN_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|neither|nor|without|cannot|unable)\b|n't\b", re.IGNORECASE
)
#: English phrases that contain a negation word but do not negate the clause.
EN_NOT_NEGATION = re.compile(
    r"\bnot only\b|\bnot just\b|\bno doubt\b|\bnot to mention\b|\bno\.\s?\d|\bif not\b|\bwhether or not\b",
    re.IGNORECASE,
)
ZH_NEGATION = re.compile(r"[不沒没未無无非勿別别莫]")
#: Chinese words built on a negation character that do not negate ("not only", "continuously", "very").
ZH_NOT_NEGATION = re.compile(
    r"不僅|不只|不斷|不同|不確定|不過|不少|不錯|不良|不論|不管|不久|不定|不單|不然|不利|不足|不動產|不一|"
    r"無論|非常|非公認|非經常|非GAAP|非核心|非流動|除非|是否|否則|未來|特別|分別|區別|類別|級別|個別|識別|告別|"
    r"別人|別的|莫過於|無疑|無數|無限|無線|無縫|毫無疑問|不可思議|未知|未完成訂單|未交付訂單|未履約"
)


#: Verbal negations that make a Chinese clause say "not": the only ones trusted when the English
#: has no negation, because 不/未/無 also build words whose English has a prefix instead
#: (不確定 uncertain, 未知 unknown, 無形 intangible).
ZH_STRONG_NEGATION = re.compile(
    r"不(?:會|是|能|再|要|想|預期|預計|打算|希望|需要|應|可以|可能|願|用|必|曾)|沒有?|並未|並非|尚未|"
    r"未(?:能|曾|有|予|見|來得)|從未|無法|請勿|切勿|勿|別(?=[再讓說做])"
)
_MARKER_TEXT = re.compile(r"[(（\[【][^()（）\[\]【】]{0,40}[)）\]】]")


def _clean(text: str, lang: str) -> str:
    """Text without editorial markers ((inaudible), (聽不清楚)) or negation look-alikes."""
    text = _MARKER_TEXT.sub(" ", text)
    if lang == "en":
        return EN_NOT_NEGATION.sub(" ", text)
    return ZH_NOT_NEGATION.sub("", fold_zh(text))


def negation_count(text: str, lang: str, strong: bool = False) -> int:
    """How many negation cues `text` holds, after removing the look-alikes that do not negate.

    With `strong`, Chinese counts only verbal negations (不會, 沒有, 未能, 無法, 請勿).
    """
    cleaned = _clean(text, lang)
    if lang == "en":
        return len(EN_NEGATION.findall(cleaned))
    return len((ZH_STRONG_NEGATION if strong else ZH_NEGATION).findall(cleaned))


def negation_cues(text: str, lang: str, strong: bool = False) -> list[str]:
    """The negation cues themselves (for evidence), in order."""
    cleaned = _clean(text, lang)
    if lang == "en":
        return [m.group(0) for m in EN_NEGATION.finditer(cleaned)]
    return [m.group(0) for m in (ZH_STRONG_NEGATION if strong else ZH_NEGATION).finditer(cleaned)]


# --- direction of a change --------------------------------------------------------------------

EN_UP = re.compile(
    r"\b(?:up|increas(?:e|ed|es|ing)|gr[eo]w(?:th|ing|s|n)?|rose|rise[ns]?|rising|higher|expand(?:ed|ing)?|jump(?:ed)?|climb(?:ed)?)\b",
    re.IGNORECASE,
)
EN_DOWN = re.compile(
    r"\b(?:down|decreas(?:e|ed|es|ing)|declin(?:e|ed|es|ing)|fell|fall(?:en|ing|s)?|drop(?:ped|s)?|lower|narrow(?:ed|ing)?|"
    r"shr[aiu]nk|reduc(?:ed|tion)|contract(?:ed|ion))\b",
    re.IGNORECASE,
)
ZH_UP = re.compile(r"增|成長|上升|提升|提高|上漲|上揚|攀升|擴大")
ZH_DOWN = re.compile(r"減|下降|下滑|降低|下跌|收窄|縮小|衰退|萎縮|降")


def direction_en(before: str, after: str) -> str | None:
    """'up' or 'down' from the words nearest a figure: the last cue before it, else the first after."""
    ups = [m.end() for m in EN_UP.finditer(before)]
    downs = [m.end() for m in EN_DOWN.finditer(before)]
    if ups or downs:
        return "up" if max(ups, default=-1) > max(downs, default=-1) else "down"
    up_after = EN_UP.search(after)
    down_after = EN_DOWN.search(after)
    if up_after and not down_after:
        return "up"
    if down_after and not up_after:
        return "down"
    return None


def direction_zh(before: str, after: str) -> str | None:
    """'up' or 'down' from the Chinese cue nearest a figure (年增6.2%, 下降8.5%, 6.2%的增長)."""
    before, after = fold_zh(before), fold_zh(after)
    ups = [m.end() for m in ZH_UP.finditer(before)]
    downs = [m.end() for m in ZH_DOWN.finditer(before)]
    if ups or downs:
        return "up" if max(ups, default=-1) > max(downs, default=-1) else "down"
    up_after, down_after = ZH_UP.search(after), ZH_DOWN.search(after)
    if up_after and not down_after:
        return "up"
    if down_after and not up_after:
        return "down"
    return None


# --- names ------------------------------------------------------------------------------------

#: Common Chinese surnames by romanisation (Hanyu Pinyin, Wade-Giles, Cantonese), Traditional script.
SURNAMES: dict[str, str] = {
    "li": "李黎厲利", "lee": "李", "lei": "雷", "wang": "王汪", "wong": "王黃", "zhang": "張章", "chang": "張章",
    "cheung": "張", "liu": "劉柳", "lau": "劉", "chen": "陳", "chan": "陳", "tan": "陳譚", "yang": "楊",
    "yeung": "楊", "huang": "黃", "zhao": "趙", "chao": "趙", "chiu": "趙邱", "zhou": "周", "chow": "周鄒",
    "chou": "周", "wu": "吳伍", "ng": "吳伍", "xu": "徐許", "hsu": "徐許", "tsui": "徐", "sun": "孫", "ma": "馬",
    "zhu": "朱", "chu": "朱", "hu": "胡", "guo": "郭", "kuo": "郭", "kwok": "郭", "he": "何", "ho": "何",
    "lin": "林", "lam": "林", "luo": "羅", "law": "羅", "gao": "高", "kao": "高", "zheng": "鄭", "cheng": "鄭程",
    "liang": "梁", "leung": "梁", "xie": "謝", "tse": "謝", "song": "宋", "tang": "唐鄧", "han": "韓",
    "feng": "馮", "fung": "馮", "deng": "鄧", "cao": "曹", "peng": "彭", "zeng": "曾", "tsang": "曾",
    "xiao": "蕭肖", "tian": "田", "dong": "董", "pan": "潘", "yuan": "袁", "cai": "蔡", "tsai": "蔡",
    "jiang": "江蔣姜", "yu": "余于俞", "du": "杜", "ye": "葉", "yip": "葉", "wei": "魏韋",
    "su": "蘇", "lu": "呂盧陸", "ding": "丁", "shen": "沈申", "shan": "單", "jiao": "焦", "zou": "鄒",
    "tsou": "鄒", "zhong": "鍾鐘", "chung": "鍾", "fang": "方", "shi": "石史施", "yao": "姚", "fu": "傅",
    "qian": "錢", "qin": "秦", "kong": "孔", "bai": "白", "mao": "毛", "jin": "金", "kim": "金", "dai": "戴",
    "fan": "范", "xia": "夏", "ren": "任", "yan": "嚴顏閻", "gu": "顧", "mo": "莫", "tao": "陶", "kang": "康",
    "hou": "侯", "wen": "溫文", "lai": "賴", "qiu": "邱", "yin": "尹殷", "wan": "萬", "xiong": "熊",
    "hao": "郝", "niu": "牛", "long": "龍", "duan": "段", "ou": "歐", "lo": "羅盧", "mak": "麥",
}


def surname_chars(token: str) -> str:
    """Chinese surname characters a romanised token may stand for ('guo' -> '郭', 'kuo' -> '郭')."""
    return SURNAMES.get(token.lower(), "")


def pinyin_syllables(word: str) -> int:
    """Syllables of a romanised given name ('Mingyuan' -> 2, 'Lixia' -> 2, 'Tao' -> 1).

    Counts vowel groups, which is what a pinyin syllable boundary nearly always is; the count is
    the number of Chinese characters the given name is written with.
    """
    return max(1, len(re.findall(r"[aeiouü]+", word.lower())))


ZH_HONORIFICS: dict[str, str] = {"先生": "male", "女士": "female", "小姐": "female", "太太": "female"}
#: Characters that cannot be part of a given name in running text (they are grammar words).
NOT_NAME_CHARS = frozenset("的將在和與及是了為於把被對向從也都就而但或並先女小太之其這那我你他她們")


# --- editorial markers ------------------------------------------------------------------------

#: English editorial markers -> Chinese keywords that identify their rendering.
MARKERS: dict[str, tuple[re.Pattern[str], str]] = {
    "inaudible": (re.compile(r"[(\[]\s*inaudible\s*[)\]]", re.IGNORECASE), "聽|听"),
    "interpreted": (re.compile(r"[(\[]\s*interpreted\s*[)\]]", re.IGNORECASE), "口譯|口译|傳譯|传译"),
    "foreign language": (re.compile(r"[(\[]\s*spoken in foreign language\s*[)\]]", re.IGNORECASE), "外語|外语|外文"),
    "technical difficulty": (re.compile(r"[(\[]\s*technical difficult(?:y|ies)\s*[)\]]", re.IGNORECASE), "技術|技术"),
    "operator instructions": (re.compile(r"[(\[]\s*operator instructions\s*[)\]]", re.IGNORECASE), "操作員|操作员|接線員|接线员|主持人"),
}
ZH_PARENTHETICAL = re.compile(r"[(（\[【]([^()（）\[\]【】]{1,20})[)）\]】]")


def marker_renderings(english: str, chinese: str) -> list[tuple[str, str, int, int]]:
    """(marker, Chinese rendering, start, end) for every English marker rendered on the Chinese line."""
    out: list[tuple[str, str, int, int]] = []
    parens = list(ZH_PARENTHETICAL.finditer(chinese))
    for name, (rx, keywords) in sorted(MARKERS.items()):
        if not rx.search(english):
            continue
        for m in parens:
            if re.search(keywords, m.group(1)):
                out.append((name, m.group(1).strip(), m.start(), m.end()))
    return out


# --- figures ----------------------------------------------------------------------------------


def figure_family(q: Quantity) -> str:
    """What a figure measures, for pairing: an amount (money or a scaled count), or its ratio kind."""
    return "amount" if q.kind in ("money", "number") else q.kind


def comparable_figures(quantities: list[Quantity]) -> list[Quantity]:
    """Figures worth comparing across languages: money, ratios, multiples and scaled counts.

    A bare small number ("3 models", "第3") is left out: translations spell those as words
    (三種模式) that the parser rightly does not read as figures.
    """
    return [q for q in quantities if q.kind != "number" or q.scale != 1]


def match_figures(
    english: list[Quantity], chinese: list[Quantity]
) -> tuple[list[tuple[Quantity, Quantity]], list[Quantity], list[Quantity]]:
    """Pair each English figure with the Chinese figure of the same value (closest first).

    Returns the pairs, the English figures left without a partner and the Chinese ones left over.
    Pairing by value (not by digits) is what lets 2.35 billion meet 23.5億 and 25.8 million 2580萬.
    """
    used: set[int] = set()
    pairs: list[tuple[Quantity, Quantity]] = []
    rest: list[Quantity] = []
    for e in english:
        candidates = [
            (abs(z.value - e.value), i)
            for i, z in enumerate(chinese)
            if i not in used and figure_family(z) == figure_family(e) and e.same_value(z)
        ]
        if not candidates:
            rest.append(e)
            continue
        _, best = min(candidates)
        used.add(best)
        pairs.append((e, chinese[best]))
    return pairs, rest, [z for i, z in enumerate(chinese) if i not in used]


def significant_digits(q: Quantity) -> str:
    """The printed digits without separators, decimal point or outer zeros ('1,482.6' -> '14826')."""
    digits = re.sub(r"\D", "", to_halfwidth(q.text).split("%")[0])
    return digits.strip("0")


def power_of_ten_slip(e: Quantity, z: Quantity) -> int | None:
    """k when the Chinese figure is the English one times 10**k (a 萬/億 or decimal-point slip)."""
    if e.value == 0 or z.value == 0 or figure_family(e) != figure_family(z):
        return None
    e_lo, e_hi = e.interval()
    z_lo, z_hi = z.interval()
    for k in (1, -1, 2, -2, 3, -3, 4, -4):
        factor = Decimal(10) ** k
        if z_lo / factor <= e_hi and e_lo <= z_hi / factor:
            return k
    return None
