"""The figure model's shortcuts for speed read what the slow ways read, on any text.

`auditor.figures.folding` runs the lexicon's case-insensitive patterns as case-sensitive twins on
text with its ASCII letters lower-cased, and answers a span's scan from one scan of its paragraph
(`ParagraphMatches`); `ContextReader._named_as_line` tries a name only where a business-line noun
follows. Each is compared here with what it replaces, on generated text full of the lexicon's own
phrases in any case, of hyphens, ampersands, digits and the non-ASCII letters case folding treats
apart, and on random spans of it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.figures import folding
from auditor.figures.context import _WORDS_OF_RE, ContextReader, _company_or_slide, words_of
from auditor.figures.lexicon import load_lexicon
from auditor.figures.parts import _words as _part_words
from auditor.textutil import IGNORECASE_ASCII_TWINS
from auditor.words import default_words

_LEX = load_lexicon()


def _patterns_of(owner: object) -> dict[str, re.Pattern[str]]:
    """A vocabulary's patterns: those compiled up front, and those compiled when first read (by their sources)."""
    names = [n for n, v in vars(owner).items() if isinstance(v, re.Pattern)] + [n for n, _, _ in getattr(owner, "sources", ())]
    return {name: getattr(owner, name) for name in dict.fromkeys(names)}


_PATTERNS = _patterns_of(_LEX)
_PATTERNS.update({f"parts.{name}": value for name, value in _patterns_of(_part_words(default_words())).items()})
_PATTERNS.update({f"vague.{i}": pattern for i, (pattern, _, _) in enumerate(_LEX.vague)})
#: the patterns `ParagraphMatches` answers spans of (see its docstring for what they must be)
_BOUNDED = ["alias_re", "period_re", "company_scope_re", "slide_re", "qualifier_re"]


def _phrases() -> list[str]:
    words = sorted(_LEX.alias_of)[::5] + sorted(_LEX.period_of)[::3]
    return words + ["group level", "slide 12", "slide eleven", "page", "organic", "constant currency",
                    "consolidated results", "Q3", "2021", "quarter four", "business", "segment"]


_PIECES = _phrases() + ["mid-teens", "high single digits", "low-twenties", "of which", "out of", "including", "That includes", "comprising", "12", "1,200", " ", "  ", "-", "&", ",", ".", "'", "’", "–", "é", "É", "İ", "ı", "ſ", "\u212a", "\n", "x", "7"]


def _cased(piece: str, style: int) -> str:
    return [piece, piece.upper(), piece.title(), piece.swapcase()][style]


_FEW = ["revenue", "last quarter", "organic", "slide 3", "group level", "&", "-", " ", "x", "_", "7"]
_texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(_PIECES), st.integers(0, 3)), max_size=30),
    st.lists(st.tuples(st.sampled_from(_FEW), st.integers(0, 3)), max_size=10),  # dense in edges
).map(lambda parts: "".join(_cased(p, s) for p, s in parts))


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), {k: v.lower() if v else v for k, v in m.groupdict().items()}) for m in pattern.finditer(text)]


_EVERYTHING = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)


def test_only_four_non_ascii_characters_match_an_ascii_letter_ignoring_case() -> None:
    found = {c for c in re.findall("[a-z]", _EVERYTHING, re.IGNORECASE) if not c.isascii()}
    assert found == set(IGNORECASE_ASCII_TWINS)


def test_lower_casing_keeps_what_a_folded_pattern_reads_of_a_character() -> None:
    """Its length, its being ASCII, a word character, a space or a digit: on every code point but
    the four `fold` refuses."""
    kept = "".join(c for c in _EVERYTHING if c not in IGNORECASE_ASCII_TWINS)
    lower = kept.lower()
    assert len(lower) == len(kept)
    assert [c.isascii() for c in lower] == [c.isascii() for c in kept]
    for cls in (r"\w", r"\s", r"\d"):
        assert [m.start() for m in re.finditer(cls, lower)] == [m.start() for m in re.finditer(cls, kept)], cls


def test_most_of_the_lexicon_patterns_have_a_folded_twin() -> None:
    twins = [name for name, p in _PATTERNS.items() if folding.folded(p) is not None]
    assert set(_BOUNDED) <= set(twins) and len(twins) > 25


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_folded_twins_match_as_the_patterns(text: str) -> None:
    folded_text = folding.fold(text)
    if folded_text is None:
        assert not set(IGNORECASE_ASCII_TWINS).isdisjoint(text)
        return
    assert len(folded_text) == len(text)
    for name, pattern in _PATTERNS.items():
        twin = folding.folded(pattern)
        if twin is not None:
            assert _matches(twin, folded_text) == _matches(pattern, text), name
            a, b = len(text) // 3, 2 * len(text) // 3  # read between positions of the paragraph, as parts does
            assert [m.span() for m in twin.finditer(folded_text, a, b)] == [m.span() for m in pattern.finditer(text, a, b)]
            assert folding.finditer(pattern, text, folded_text) == [m.span() for m in pattern.finditer(text)]


def test_the_folded_twins_match_as_the_patterns_on_the_examples() -> None:
    root = Path(__file__).resolve().parent.parent / "examples"
    for path in sorted(root.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            folded_text = folding.fold(line)
            for pattern in _PATTERNS.values():
                twin = folding.folded(pattern)
                if twin is not None and folded_text is not None:
                    assert _matches(twin, folded_text) == _matches(pattern, line)


def test_patterns_lower_casing_would_change_have_no_twin() -> None:
    for source in (r"\W+ab", r"(?-i:[A-Z])b", r"[0-Z]", r"(a)\1", r"(?P<Name>a)"):
        assert folding.folded(re.compile(source, re.IGNORECASE)) is None
    assert folding.folded(re.compile("ab")) is None  # case-sensitive already
    assert folding.folded(re.compile(r"(?P<n>[A-Za-z]+)\b", re.IGNORECASE)) is not None


@settings(max_examples=300, deadline=None)
@given(_texts, st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=12))
def test_a_span_reads_from_the_paragraph_what_its_own_scan_finds(text: str, cuts: list[tuple[int, int]]) -> None:
    folded_text = folding.fold(text)
    for name in _BOUNDED:
        pattern = _PATTERNS[name]
        matches = folding.ParagraphMatches(pattern, text, folded_text)
        for a, b in cuts:
            start, end = sorted((a % (len(text) + 1), b % (len(text) + 1)))
            answer = matches.within(start, end)
            if answer is not None:
                assert answer == [m.span() for m in pattern.finditer(text[start:end])], (name, start, end)


def _named_as_line_reference(text: str, name: str) -> bool:
    """_named_as_line as first written: the whole call searched for the name and a noun."""
    pattern = rf"\b{re.escape(name)}\s+(?:{'|'.join(re.escape(n) for n in _LEX.line_nouns)})\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


_NAME_PIECES = ["downstream", "down", "stream", "chemical", "chem", " ", "  ", "\n", "-", "_", "x", "ſ"] + list(_LEX.line_nouns)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_NAME_PIECES), st.integers(0, 3)), max_size=20).map(
        lambda parts: "".join(_cased(p, s) for p, s in parts)
    ),
    st.lists(st.sampled_from(["downstream", "down", "stream", "chemical", "down stream", "unit"]), min_size=1, max_size=4),
)
def test_a_name_is_named_as_a_line_where_the_whole_call_says_so(text: str, names: list[str]) -> None:
    paragraph = SimpleNamespace(text=text)
    reader = ContextReader(SimpleNamespace(paragraphs=[paragraph]), _LEX, None)  # type: ignore[arg-type]
    for name in names:
        assert reader._named_as_line(name) == _named_as_line_reference(text, name), name


_EDGY = [
    "x-last quarter&revenue_organic slide 3-group level",
    "Revenue-Last Quarter, &Organic; slide 12x and ORGANIC-group level&x",
    "net revenue growth in the first half of 2021 - Slide 3: organic sales",
]


def test_every_span_of_edgy_text_reads_as_its_own_scan() -> None:
    for text in _EDGY:
        for name in _BOUNDED:
            pattern = _PATTERNS[name]
            matches = folding.ParagraphMatches(pattern, text, folding.fold(text))
            for start in range(len(text) + 1):
                for end in range(start, len(text) + 1):
                    answer = matches.within(start, end)
                    if answer is not None:
                        assert answer == [m.span() for m in pattern.finditer(text[start:end])], (name, text[start:end])


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_union_of_company_and_slide_finds_what_either_finds(text: str) -> None:
    union = _company_or_slide(_LEX)
    either = bool(_LEX.company_scope_re.search(text) or _LEX.slide_re.search(text))
    assert bool(union.search(text)) == either
    folded_text = folding.fold(text)
    if folded_text is not None:
        assert folding.search(union, text, folded_text) == either


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_words_of_folded_text_are_the_words_lower_cased(text: str) -> None:
    folded_text = folding.fold(text)
    if folded_text is not None:
        assert _WORDS_OF_RE.findall(folded_text) == words_of(text)


def _gated(text: str) -> None:
    """Where the literal gates say a text holds none of their phrases, the patterns find nothing."""
    folded_text = folding.fold(text)
    if not folding.may_hold(_LEX.company_or_slide_gate, folded_text):
        assert _company_or_slide(_LEX).search(text) is None, text
        assert _LEX.company_scope_re.search(text) is None and _LEX.slide_re.search(text) is None, text
    if not folding.may_hold(_LEX.qualifier_gate, folded_text):
        assert _LEX.qualifier_re.search(text) is None, text


@settings(max_examples=500, deadline=None)
@given(_texts)
def test_a_text_the_literal_gates_shut_has_no_match_of_their_patterns(text: str) -> None:
    _gated(text)
    for word in ("slide", "Group Level", "ORGANIC", "constant-currency", "pages"):  # a phrase, cut or whole
        for cut in range(len(word) + 1):
            _gated(text + word[:cut])


def test_the_literal_gates_shut_real_paragraphs_only_where_the_patterns_find_nothing() -> None:
    shut = 0
    for path in sorted(Path(__file__).resolve().parent.parent.glob("examples/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            _gated(line)
            shut += not folding.may_hold(_LEX.company_or_slide_gate, folding.fold(line))
    assert _LEX.company_or_slide_gate and _LEX.qualifier_gate and shut


def test_a_gate_is_given_up_where_case_folding_is_not_lower_casing() -> None:
    assert folding.literal_gate(["Organic", "organically", "like for like"]) == ("organic", "like for like")
    assert folding.literal_gate(["σύνολο"]) is None and folding.literal_gate([""]) is None
    assert folding.may_hold(None, "anything") and folding.may_hold(("x",), None)
