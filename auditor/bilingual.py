"""Helpers for comparing an English paragraph with its Chinese translation (en->zh first).

Why a module of its own: the translation checks compare facts (figures, dates, negations, names)
rather than strings, and they all need the same small pieces: Simplified/Traditional folding so
that one vocabulary serves both scripts, negation cues with their non-negating look-alikes ("not
only", 不僅, 非常), direction words, and a table of Chinese surnames by romanisation so that
"Mr. Guo" can be tied to 郭先生 (and "Mr. Kuo" too).

The vocabularies are data (`auditor/data/negation.toml`, `directions.toml`, `zh_names.toml`,
`markers.toml`), read through `auditor.words`; every function that matches words takes the run's
`Words` (the shipped tables when none is given) and compiles its patterns once per vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from auditor import regex_cache
from auditor.alternation import first_char_lookahead, literal_alternation
from auditor.quantities import Quantity
from auditor.textutil import han_count, holds_case_twin, to_halfwidth
from auditor.words import Words, default_words

# --- script folding ---------------------------------------------------------------------------


@cache
def _s2t() -> Any:  # an opencc.OpenCC (the package has no type hints)
    import opencc  # imported lazily: only bilingual transcripts need it

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=4096)
def fold_zh(text: str) -> str:
    """Chinese text in Traditional characters with half-width digits, for vocabulary matching.

    Simplified input ("没有减少") becomes Traditional ("沒有減少") so that every cue list is
    written once. Not used for offsets: OpenCC may change the length of rare phrases. Remembered:
    OpenCC converts in Python, and several checks fold the same translation line.
    """
    return to_halfwidth(s2t(text))


def s2t(text: str) -> str:
    """OpenCC's s2t conversion of `text`, its pieces remembered.

    OpenCC cuts a text at punctuation and converts each piece on its own (then joins them with the
    punctuation); the same pieces recur, since the checks fold a translation line and then each of
    its clauses, so each piece is converted once (`_s2t_piece`) and the result is OpenCC's."""
    converter = _s2t()
    separators = getattr(converter, "split_chars_re", None)
    if not isinstance(separators, re.Pattern) or separators.groups != 1 or not hasattr(converter, "_convert"):
        return str(converter.convert(text))
    return "".join(_s2t_piece(piece) if i % 2 == 0 else piece for i, piece in enumerate(separators.split(text)))


@lru_cache(maxsize=16384)
def _s2t_piece(piece: str) -> str:
    converter = _s2t()
    return str(converter._convert(piece, converter._dict_chain_data))


def fold_zh_same_length(text: str) -> str:
    """`fold_zh`, character by character where a phrase conversion would change the length, so
    that offsets into the folded text are offsets into `text`."""
    folded = fold_zh(text)
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, fold_zh(ch)) for ch in text))




# --- negation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Negations:
    """The negations of a text: `strong` ones negate a clause ("not", "never", 不會, 沒有); `weak`
    ones negate a word or say "not" without a negation word (avoid, unclear, careless, 缺乏, 無形).

    Why two strengths: a translation may render "not certain" as 不確定 (a word) and "uncertain" as
    不確定 or 不肯定. Only a strong negation on one side is evidence, and only against a side with no
    negation of either strength: the weak ones are counted so that a lexical rendering is not
    mistaken for a lost negation.
    """

    strong: tuple[str, ...]
    weak: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.strong or self.weak)


@dataclass(frozen=True)
class _NegationPatterns:
    en: re.Pattern[str]  # every English cue, look-alike and lexical negation; the group name says which
    en_affixed: re.Pattern[str]  # un-/non- words and -less words
    en_prefixed: re.Pattern[str]  # un-/non- words only: en_affixed on a text without a suffix
    en_suffixes: tuple[str, ...] | None  # the suffixes in lower case (None: one is not plain ASCII)
    en_affix_exceptions: frozenset[str]
    zh: re.Pattern[str]  # every Chinese word of the vocabulary, longest first
    zh_kind: dict[str, str]  # word -> strong | weak | cue | not
    zh_question: re.Pattern[str]  # A-not-A questions (會不會, 有沒有)
    en_markers: re.Pattern[str]
    zh_markers: re.Pattern[str]


@cache
def _negation(words: Words) -> _NegationPatterns:
    table = words.table("negation")
    en, zh = table["en"], table["zh"]
    kind: dict[str, str] = {}
    # a word listed twice keeps its strongest reading: a look-alike never erases a real negation
    for name, key in (("not", "not_negation"), ("weak", "lexical"), ("cue", "cues"), ("strong", "strong")):
        for word in zh[key]:
            kind[word] = name
    for cue, nexts in zh["strong_before"].items():
        for nxt in nexts:
            kind[cue + nxt] = "strong"
    markers = words.table("markers")["marker"]
    en_marker_words = [w for m in markers for w in m["english"]]
    zh_marker_words = [w for m in markers for w in m["chinese"]]
    lists = (en["not_negation"], en["lexical"] + en["prefixed"], en["cues"], en["endings"])
    en_pattern = (
        rf"\b(?:(?P<not>{literal_alternation(lists[0])})\b|no\.\s?\d"  # "No. 5" is a number
        rf"|(?P<weak>{literal_alternation(lists[1])})\b"
        rf"|too\s+\w+\s+to\b"  # "too small to see": 小得看不見
        rf"|(?P<strong>{literal_alternation(lists[2])})\b)|(?P<ending>{literal_alternation(lists[3])})\b"
    )
    # One \b for the four alternatives that start with one, and a look-ahead for the first letter of
    # a cue: the engine then rejects most positions of a line in one step (3 times faster, the
    # same matches). Only when no list is empty: an empty one matches the empty word anywhere.
    if all(lists):
        firsts = {w[0] for words_ in lists for w in words_} | {"n", "t"}
        en_pattern = f"(?=[{''.join(re.escape(c) for c in sorted(firsts))}])(?:{en_pattern})"
    return _NegationPatterns(
        en=regex_cache.compile(en_pattern, re.IGNORECASE),
        en_affixed=regex_cache.compile(
            rf"\b(?:{literal_alternation(en['prefixes'])})[a-z]{{3,}}\b"
            rf"|\b[a-z]{{3,}}(?:{literal_alternation(en['suffixes'])})\b",
            re.IGNORECASE,
        ),
        en_prefixed=regex_cache.compile(rf"\b(?:{literal_alternation(en['prefixes'])})[a-z]{{3,}}\b", re.IGNORECASE),
        en_suffixes=tuple(x.lower() for x in en["suffixes"])
        if en["suffixes"] and all(x.isascii() and x.isalpha() for x in en["suffixes"]) else None,
        en_affix_exceptions=frozenset(w.lower() for w in en["affix_exceptions"]),
        zh=regex_cache.compile(literal_alternation(kind)),
        zh_kind=kind,
        zh_question=regex_cache.compile(r"([\u4e00-\u9fff])(?:不|沒)\1"),
        en_markers=regex_cache.compile(rf"[(\[]\s*(?:{literal_alternation(en_marker_words)})\s*[)\]]", re.IGNORECASE),
        zh_markers=regex_cache.compile(rf"[(（\[【][^()（）\[\]【】]{{0,20}}(?:{literal_alternation(zh_marker_words)})"
                                      rf"[^()（）\[\]【】]{{0,20}}[)）\]】]"),
    )


def _affixed(patterns: _NegationPatterns, text: str) -> re.Pattern[str]:
    """en_affixed, or its prefix half alone when no suffix ("less") is in the text: the suffix half
    tries every word letter by letter and cannot match then, so the matches are the same. The text
    is read in lower case, which re.IGNORECASE agrees with but on textutil.IGNORECASE_ASCII_TWINS."""
    suffixes = patterns.en_suffixes
    if suffixes is None or holds_case_twin(text):
        return patterns.en_affixed
    lowered = text.lower()
    return patterns.en_affixed if any(x in lowered for x in suffixes) else patterns.en_prefixed


def negations(text: str, lang: str, words: Words | None = None) -> Negations:
    """The strong and weak negations of `text` ("en" or "zh"), look-alikes left out.

    Left out: the editorial markers of the lexicon ("(inaudible)", (聽不清楚)), never other
    bracketed text; phrases that hold a cue but do not negate ("not only", 不僅, 非常, 是否);
    A-not-A questions (會不會, 有沒有). Chinese is matched longest word first, so a look-alike
    cannot swallow the cue of a longer negation (並不只限於 keeps 並不).
    """
    patterns = _negation(words or default_words())
    strong: list[str] = []
    weak: list[str] = []
    if lang == "en":
        text = patterns.en_markers.sub(" ", text)
        for m in patterns.en.finditer(text):
            if m.group("strong") or m.group("ending"):
                strong.append(m.group(0))
            elif not m.group("not"):
                weak.append(m.group(0))
        weak += [
            m.group(0) for m in _affixed(patterns, text).finditer(text)
            if m.group(0).lower() not in patterns.en_affix_exceptions
        ]
        return Negations(tuple(strong), tuple(weak))
    text = patterns.zh_markers.sub("", fold_zh(text))
    text = patterns.zh_question.sub("", text)
    for m in patterns.zh.finditer(text):
        kind = patterns.zh_kind[m.group(0)]
        if kind == "strong":
            strong.append(m.group(0))
        elif kind != "not":
            weak.append(m.group(0))
    return Negations(tuple(strong), tuple(weak))


def negation_cues(text: str, lang: str, strong: bool = False, words: Words | None = None) -> list[str]:
    """The negation cues of `text` in order: English clause negations ("not", "n't"); Chinese
    negation characters and words, or with `strong` only verbal negations (不會, 沒有, 未能, 無法)."""
    found = negations(text, lang, words)
    if lang == "en" or strong:
        return list(found.strong)
    patterns = _negation(words or default_words())
    return [w for w in found.strong + found.weak if patterns.zh_kind.get(w) in ("strong", "cue")]


def negation_count(text: str, lang: str, strong: bool = False, words: Words | None = None) -> int:
    """How many negation cues `text` holds (see `negation_cues`)."""
    return len(negation_cues(text, lang, strong, words))


# --- clauses ----------------------------------------------------------------------------------

#: clause boundaries: sentence ends, commas (not between digits), semicolons, colons and dashes:
#: r"[;:!?]|(?<!\d),|,(?!\d)|\.(?:\s|$)|\s-{1,2}\s|\s?[—–]\s?" and r"[，,；;：:。！？!?]|—+|--|\s-\s",
#: written to start with the set of their first characters, each alternative then checking what was
#: read by a look-behind: the regex engine skips to a character of the set in one fast loop instead
#: of trying every alternative at every letter (twice as fast; the tests compare both forms)
_EN_CLAUSE = re.compile(r"[;:!?,.\s—–](?:(?<=[;:!?])|(?<!\d,)(?<=,)|(?<=,)(?!\d)|(?<=\.)(?:\s|$)"
                        r"|(?<=\s)-{1,2}\s|(?<=\s)[—–]\s?|(?<=[—–])\s?)")
_ZH_CLAUSE = re.compile(r"[，,；;：:。！？!?—\-\s](?:(?<=[，,；;：:。！？!?])|(?<=—)—*|(?<=-)-|(?<=\s)-\s)")

#: how the checks cut a pair into comparable units: "clause", "sentence" or "line"
ALIGN_MODE = "clause"
#: Chinese characters per English word of two clauses that render each other (a whole line has
#: about 1.4-1.7; a clause pair outside these bounds is not a rendering of each other)
CLAUSE_RATIO = (0.8, 3.0)


def clauses(text: str, lang: str) -> list[str]:
    """The clauses of `text`, non-empty, in order (commas between digits do not cut: 1,625.3)."""
    rx = _EN_CLAUSE if lang == "en" else _ZH_CLAUSE
    return [c.strip() for c in rx.split(text) if c and c.strip(" \t\"'“”‘’()（）")]


def _clauses_align(en: list[str], zh: list[str]) -> bool:
    """Clauses align when both sides have as many and each pair has about the length of a rendering
    (Chinese characters per English word within CLAUSE_RATIO): a reordered translation (除非…否則
    for "… except as required") fails the test and is compared sentence by sentence instead."""
    if len(en) != len(zh) or len(en) < 2:
        return False
    lo, hi = CLAUSE_RATIO
    return all(lo <= chinese_unit_count(z) / max(1, english_word_count(e)) <= hi for e, z in zip(en, zh, strict=True))


def aligned_units(en: str, zh: str, en_sentences: list[str], zh_sentences: list[str]) -> list[tuple[str, str]]:
    """The pair cut into aligned units: clauses where they align, else sentences where both sides
    have as many, else the whole line. A fact is compared within its unit, so a negation kept in
    one clause does not hide one lost in the next."""
    if ALIGN_MODE == "clause":
        en_c, zh_c = clauses(en, "en"), clauses(zh, "zh")
        if _clauses_align(en_c, zh_c):
            return list(zip(en_c, zh_c, strict=True))
    if ALIGN_MODE in ("clause", "sentence") and len(en_sentences) == len(zh_sentences) > 1:
        return list(zip(en_sentences, zh_sentences, strict=True))
    return [(en, zh)]


# --- direction of a change --------------------------------------------------------------------


@dataclass(frozen=True)
class _DirectionPatterns:
    en_up: re.Pattern[str]
    en_down: re.Pattern[str]
    zh_up: re.Pattern[str]
    zh_down: re.Pattern[str]


@cache
def _directions(words: Words) -> _DirectionPatterns:
    table = words.table("directions")
    en, zh = table["en"], table["zh"]
    return _DirectionPatterns(
        en_up=re.compile(rf"\b{first_char_lookahead(en['up'])}(?:{literal_alternation(en['up'])})\b", re.IGNORECASE),
        en_down=re.compile(rf"\b{first_char_lookahead(en['down'])}(?:{literal_alternation(en['down'])})\b",
                           re.IGNORECASE),
        zh_up=re.compile(literal_alternation(zh["up"])),
        zh_down=re.compile(literal_alternation(zh["down"])),
    )


def _nearest(before: str, after: str, up: re.Pattern[str], down: re.Pattern[str]) -> str | None:
    """'up' or 'down': the last cue before a figure, else the only kind of cue after it."""
    ups = [m.end() for m in up.finditer(before)]
    downs = [m.end() for m in down.finditer(before)]
    if ups or downs:
        return "up" if max(ups, default=-1) > max(downs, default=-1) else "down"
    up_after, down_after = up.search(after), down.search(after)
    if up_after and not down_after:
        return "up"
    if down_after and not up_after:
        return "down"
    return None


def direction_en(before: str, after: str, words: Words | None = None) -> str | None:
    """'up' or 'down' from the words nearest a figure: the last cue before it, else the first after."""
    patterns = _directions(words or default_words())
    return _nearest(before, after, patterns.en_up, patterns.en_down)


def direction_zh(before: str, after: str, words: Words | None = None) -> str | None:
    """'up' or 'down' from the Chinese cue nearest a figure (年增6.2%, 下降8.5%, 6.2%的增長)."""
    patterns = _directions(words or default_words())
    return _nearest(fold_zh(before), fold_zh(after), patterns.zh_up, patterns.zh_down)


# --- names ------------------------------------------------------------------------------------


def surname_chars(token: str, words: Words | None = None) -> str:
    """Chinese surname characters a romanised token may stand for ('guo' -> '郭', 'kuo' -> '郭')."""
    surnames: dict[str, str] = (words or default_words()).table("zh_names")["surnames"]
    return surnames.get(token.lower(), "")


def pinyin_syllables(word: str) -> int:
    """Syllables of a romanised given name ('Mingyuan' -> 2, 'Lixia' -> 2, 'Tao' -> 1).

    Counts vowel groups, which is what a pinyin syllable boundary nearly always is; the count is
    the number of Chinese characters the given name is written with.
    """
    return max(1, len(re.findall(r"[aeiouü]+", word.lower())))


def zh_honorifics(words: Words | None = None) -> dict[str, str]:
    """Chinese honorific -> the gender it states ('先生' -> 'male'), in table order."""
    return dict((words or default_words()).table("zh_names")["honorifics"])


@cache
def not_name_chars(words: Words) -> frozenset[str]:
    """Characters that cannot be part of a given name in running text (grammar words: 的, 將, 在)."""
    return frozenset(words.table("zh_names")["chars"]["not_name"])


def zh_currency(unit: str | None, words: Words | None = None) -> str:
    """The Chinese name of a currency code ('CNY' -> '人民幣'); an unknown code is returned as is."""
    names: dict[str, str] = (words or default_words()).table("zh_names")["currencies"]
    return names.get(unit or "", unit or "")


# --- editorial markers ------------------------------------------------------------------------

ZH_PARENTHETICAL = re.compile(r"[(（\[【]([^()（）\[\]【】]{1,20})[)）\]】]")


@cache
def _markers(words: Words) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
    """(label, English marker pattern, Chinese keywords) per marker, sorted by label."""
    out = []
    for marker in words.table("markers")["marker"]:
        english = re.compile(rf"[(\[]\s*(?:{literal_alternation(marker['english'])})\s*[)\]]", re.IGNORECASE)
        out.append((marker["label"], english, tuple(marker["chinese"])))
    return tuple(sorted(out, key=lambda m: m[0]))


def marker_renderings(english: str, chinese: str, words: Words | None = None) -> list[tuple[str, str, int, int]]:
    """(marker, Chinese rendering, start, end) for every English marker rendered on the Chinese line."""
    out: list[tuple[str, str, int, int]] = []
    parens = list(ZH_PARENTHETICAL.finditer(chinese))
    for label, rx, keywords in _markers(words or default_words()):
        if not rx.search(english):
            continue
        for m in parens:
            if any(k in m.group(1) for k in keywords):
                out.append((label, m.group(1).strip(), m.start(), m.end()))
    return out


# --- years and length (read once per pair by auditor.pairs) -----------------------------------

_EN_YEAR = re.compile(r"(?<![\d.,$])\b((?:19|20)\d\d)\b(?![.,]?\d)")
_ZH_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)\s?年")
_EN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’][A-Za-z0-9]+)*")
_LATIN_TOKEN = re.compile(r"[A-Za-z0-9]+")


def years_en(text: str) -> frozenset[int]:
    """Calendar years written in English text (2024, not 2,024 or 2024.5)."""
    return frozenset(int(y) for y in _EN_YEAR.findall(text))


def years_zh(text: str) -> frozenset[int]:
    """Calendar years written in Chinese text: a year is followed by 年 (2024年)."""
    return frozenset(int(y) for y in _ZH_YEAR.findall(text))


def english_word_count(text: str) -> int:
    """Words of English text; '1,625.3' and "don't" count once."""
    return len(_EN_WORD.findall(text))


def chinese_unit_count(text: str) -> int:
    """Chinese characters plus Latin tokens (names, tickers kept as-is): the length of a rendering."""
    return han_count(text) + len(_LATIN_TOKEN.findall(text))


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
    # Chinese figures alike in all that pairing reads (family, value, interval) are interchangeable
    # but for their order: each class offers only its first unused figure, so a line of one figure
    # repeated is paired in linear time, not by scanning every Chinese figure for each English one.
    classes: dict[tuple[str, Decimal, Decimal, Decimal], list[int]] = {}
    for i, z in enumerate(chinese):
        classes.setdefault((figure_family(z), z.value, *z.interval()), []).append(i)
    unused = {key: 0 for key in classes}  # class -> position of its first unused figure
    used: set[int] = set()
    pairs: list[tuple[Quantity, Quantity]] = []
    rest: list[Quantity] = []
    for e in english:
        family, value = figure_family(e), e.value
        lo, hi = e.interval()
        best: tuple[Decimal, int, tuple[str, Decimal, Decimal, Decimal]] | None = None
        for key, at in unused.items():
            z_family, z_value, z_lo, z_hi = key
            if z_family == family and lo <= z_hi and z_lo <= hi:
                candidate = (abs(z_value - value), classes[key][at], key)
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        if best is None:
            rest.append(e)
            continue
        _, index, key = best
        used.add(index)
        unused[key] += 1
        if unused[key] == len(classes[key]):
            del unused[key]
        pairs.append((e, chinese[index]))
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
