"""The markup and boilerplate shortcuts give what the plain way gives.

`scan_brackets` visits the bracket characters only (found by one search), and a boilerplate
phrase or cited section is searched only in a text holding the literals every match holds
(`auditor.anchored.required_literals`). Each is compared with the plain way on generated text.
"""

from __future__ import annotations

import re

from auditor.checks.markup._brackets import (
    _ENUMERATOR_RE,
    _ENUMERATOR_REACH,
    _SHAPE,
    CLOSERS,
    OPENERS,
    Group,
    Scan,
    scan_brackets,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.anchored import fold, passes_literals, required_literals
from auditor.boilerplate import load_boilerplate


def _scan_every_character(text: str) -> Scan:
    """`scan_brackets` as it was: every character of the text visited in turn."""
    stack: list[tuple[int, str]] = []
    depths: dict[str, list[int]] = {"(": [], "[": []}
    groups: list[Group] = []
    stray: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depths[_SHAPE[ch]].append(len(stack))
            stack.append((i, ch))
        elif ch in CLOSERS:
            shape = _SHAPE[CLOSERS[ch]]
            if not depths[shape]:
                if not (ch == ")" and _ENUMERATOR_RE.search(text, max(0, i - _ENUMERATOR_REACH), i)):
                    stray.append(i)
                continue
            depth = depths[shape][-1]
            for pos, och in stack[depth + 1 :]:
                groups.append(Group(pos, None, och))
                depths[_SHAPE[och]].pop()
            pos, och = stack[depth]
            depths[shape].pop()
            del stack[depth:]
            groups.append(Group(pos, i, och, ch))
    groups += [Group(pos, None, och) for pos, och in stack]
    return Scan(sorted(groups, key=lambda g: g.open), sorted(stray))


_BRACKET_PIECES = ["(", ")", "[", "]", "（", "）", "【", "】", "［", "］", "a", "2", "iv", ":", ";", "-", " ", "inaudible",
                   "RMB2.3 million", "\n", ",", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BRACKET_PIECES), max_size=30).map("".join))
def test_brackets_pair_as_the_scan_of_every_character(text: str) -> None:
    assert scan_brackets(text) == _scan_every_character(text)


_BOILERPLATE_PIECES = ["you", "YOU", "yoU", "may", "can", "now", "all", "disconnect", "dİsconnect", "actual", "results",
                       "events", "could", "differ", "materially", "does", "do", "not", "undertake", "assume", "any",
                       "obligation", "duty", "conference", "call", "is", "ıs", "being", "recorded", "Section", "ſection",
                       "SECTION", "21E", "27A", "of", "the", "U.S.", "Securities", "Exchange", "Act", "1934", " ", "  ",
                       "\n", ",", ".", "'", "é"]
_SYNTHETIC = [re.compile(p, re.IGNORECASE) for p in (r"(?:ab)+c?d{0,2}(?:x|yz)|q", r"a(?:b|c)d", r"x(?i:Y)z*",
                                                    r"(?x) you \s+ now", r"(?:may|can)?\s*go")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BOILERPLATE_PIECES + ["ab", "q", "x", "yz", "abd", "ad", "go", "Y"]), max_size=16)
       .map(" ".join))
def test_a_text_with_a_match_holds_the_required_literals(text: str) -> None:
    bp = load_boilerplate()
    patterns = [p.pattern for p in bp.phrases] + [bp.section_pattern] + _SYNTHETIC
    folded = fold(text)
    for pattern in patterns:
        assert pattern is not None
        for source in (text, text.upper()):
            if pattern.search(source):
                assert passes_literals(required_literals(pattern), fold(source)), (pattern.pattern, source)
    assert passes_literals((), folded)


def test_required_literals_read_the_pattern() -> None:
    assert required_literals(re.compile(r"\byou\s+(?:may|can)\s+(?P<s>\w+\s+)?disconnect\b", re.I)) == (
        ("disconnect",), ("you",), ("may", "can"))
    assert required_literals(re.compile(r"(?:ab)+c?d{0,2}(?:x|yz)|q")) == (("ab", "q"),)
    assert required_literals(re.compile(r"(?:a|\d)b")) == (("b",),)  # an alternative without a literal
    assert required_literals(re.compile(r"é+x")) == (("x",),)  # not ASCII: no gate from it


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "é", "e\u0301", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u3000", "\x1c", "\x85",
                                 "\u200b", "x"]), max_size=20).map("".join))
def test_spaces_normalise_as_the_pattern_does(text: str) -> None:
    import unicodedata

    from auditor.textutil import normalise_space

    assert normalise_space(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
