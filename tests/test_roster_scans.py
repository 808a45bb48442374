"""The roster's prefiltered scans and word searches find exactly what `re` finds.

Why: `auditor.prefilter.Scan` skips paragraphs that lack a word its pattern needs and tries the
pattern only where its anchor says a match can start (`auditor.mentions` writes both beside each
pattern); a word or a start left out by mistake would silently drop a speaker announcement. And
the patterns spell their classes with a character beyond Latin-1 as `auditor.names.one_of` (for
compile time), which must match as the plain class did. Texts are built from the very words the
patterns read, with names, firms, punctuation runs, tabs, and characters whose lower case is
longer ("İ") or that case-fold to ASCII (the Kelvin sign), and strings hypothesis writes from the
patterns themselves, so that matches are the rule.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import prefilter
from auditor.mentions import announcement_patterns, mention_patterns
from auditor.names import NAME, TOKEN, name_rules, one_of
from auditor.prefilter import Scan, TextView
from auditor.reader import read_transcript
from auditor.roster import _CAPITALISED, _TRAILING_CAPITALISED
from auditor.word_search import after_for, whole_words
from auditor.words import default_words

ROOT = Path(__file__).resolve().parent.parent
WORDS = default_words()


def _scans() -> list[Scan]:
    ann, men = announcement_patterns(WORDS), mention_patterns(WORDS)
    intros = (men.intro_title_name, men.intro_name_title, men.intro_lower_title, men.intro_name_lower_title)
    return [*(s for _, s in ann.patterns), ann.handover_title, men.honorific, men.title_name, *intros, *men.contexts]


SCANS = _scans()


def _plain_classes(source: str) -> str:
    """The source with each `one_of` group written back as the one character class it stands for."""
    return re.sub(
        r"\(\?:\[((?:\\.|[^\]\\])*)\]((?:\|[^|()]\{1\})+)\)",
        lambda m: "[" + m.group(1) + "".join(re.findall(r"\|([^|()])\{1\}", m.group(2))) + "]",
        source,
    )


def _phrases() -> list[str]:
    people, speakers = WORDS.table("people"), WORDS.table("speakers")
    found: list[str] = []
    for table in (people["mentions"], people["introductions"], people["roles"], speakers["announcements"]):
        for value in table.values():
            if isinstance(value, list):
                found += [str(v) for v in value]
    for key in ("female", "male", "neutral"):
        found += [str(v) for v in people["honorifics"][key]]
    return found


_NAMES = ["Helen Cho", "Mr.", "Ms", "Dr", "T.", "O'Brien", "O’Neill-Park", "Jean-Luc", "McDonald", "Zou Tao", "Kathy",
          "Northgate Capital", "J.P. Morgan", "Robert W. Baird & Co.", "CFO", "Chief Financial Officer", "Nick",
          "Operator", "Thank you", "İlker", "\u212aevin", "Straße", "ß", "(Operator Instructions)"]
_GLUE = ["", "(", ")", "[", "]", "'s", "’s", "-", "…", "uh,", "um…", "?", "to", "you", "the", "our", "with", "from",
         "line of", "will", "please", "Now,", "And", "Thanks,", "As", "is"]
_SEPARATORS = [" "] * 8 + ["", "  ", "\t", ", ", ". ", "? ", "! ", "; ", "\n"]
_PIECE = st.one_of(
    st.sampled_from(_phrases()).flatmap(lambda p: st.sampled_from([p, p.capitalize(), p.upper()])),
    st.sampled_from(_NAMES),
    st.sampled_from(_NAMES),
    st.sampled_from(_GLUE),
    st.text(alphabet="aAbBeEoOtT’'.- ", max_size=4),
)
#: a text holding what one of the patterns matches (hypothesis writes it from the regex), with
#: random characters around it
_MATCHING = st.sampled_from(SCANS).flatmap(lambda scan: st.from_regex(scan.source))
_TEXT = st.lists(
    st.tuples(st.one_of(_MATCHING, _PIECE, _PIECE), st.sampled_from(_SEPARATORS)).map("".join), max_size=12
).map("".join)


def _found(pattern: re.Pattern[str] | Scan, text: str, view: TextView | None = None) -> list[tuple[object, ...]]:
    matches = pattern.finditer(text, view) if isinstance(pattern, Scan) else pattern.finditer(text)
    return [(m.span(), m.groups(), m.start() < m.end()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_scans_find_what_finditer_finds(text: str) -> None:
    view = TextView(text)  # one view shared by all the scans, as the roster does
    for scan in SCANS:
        expected = _found(re.compile(scan.source), text)
        assert all(nonempty for _, _, nonempty in expected)  # the scans rely on this
        assert _found(scan, text, view) == expected, scan.source[:80]


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_one_of_matches_as_the_class(text: str) -> None:
    for scan in SCANS:
        plain = _plain_classes(scan.source)
        assert "{1}" not in plain
        assert _found(re.compile(plain), text) == _found(re.compile(scan.source), text)


def test_one_of_is_one_character_of_the_union() -> None:
    pattern = re.compile(one_of(r"\w'.\-", "’", "…"))
    for c in "aZ9_'.-’…‘ \t,\u212a":
        assert bool(pattern.fullmatch(c)) == bool(re.fullmatch(r"[\w'.\-’…]", c)), c
    assert pattern.fullmatch("’’") is None


def test_scans_on_the_bundled_calls() -> None:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        if path.name.endswith((".participants.txt", ".release.txt")):
            continue
        for paragraph in read_transcript(path).paragraphs:
            view = TextView(paragraph.text)
            for scan in SCANS:
                assert _found(scan, paragraph.text, view) == _found(re.compile(scan.source), paragraph.text)


_WORD_TEXT = st.lists(
    st.sampled_from(["for", " ", "\t", "Helen", "Cho", "Helena", "ChoCho", "_", "1", "é", "’", ",", "-", "a", "O'Brien"]),
    max_size=16,
).map("".join)
_NAME_WORDS = st.lists(st.sampled_from(["Helen", "Cho", "Helena", "ChoCho", "O'Brien", "forCho", "a1_"]), min_size=1, max_size=3)


@settings(max_examples=400, deadline=None)
@given(_WORD_TEXT, _NAME_WORDS)
def test_word_search_finds_what_re_finds(text: str, words: list[str]) -> None:
    alternatives = "|".join(re.escape(w) for w in words)
    assert list(whole_words(text, words)) == [m.start() for m in re.finditer(rf"\b(?:{alternatives})\b", text)]
    assert after_for(text, words) == bool(re.search(rf"\bfor[ \t]+(?:{alternatives})\b", text))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_capitalised_words_as_first_written(text: str) -> None:
    first = re.compile(r"(?<![\w'’\-])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:['’\-][A-Za-z][a-z]+)*(?![\w'’\-])")
    assert [m.span() for m in _CAPITALISED.finditer(text)] == [m.span() for m in first.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_trailing_capitalised_words_as_first_written(text: str) -> None:
    first = re.compile(r"(?:[A-Z][\w'’\-]*[ \t]+)+$")
    assert _TRAILING_CAPITALISED.sub("", text) == first.sub("", text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_name_runs_as_first_written(text: str) -> None:
    token = r"(?:[A-Z]\.|[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)*(?:[A-Z][a-z]+)?)"
    first = re.compile(rf"(?<![\w'’.\-])(?P<name>{token}(?:[ \t]+{token}){{1,3}})(?![\w'’\-])")
    runs = mention_patterns(WORDS).name_run
    assert [(m.span(), m.groups()) for m in runs.finditer(text)] == [(m.span(), m.groups()) for m in first.finditer(text)]
    assert re.fullmatch(TOKEN, "Jean-Luc") and re.fullmatch(NAME, "T. Whitlock")


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_possessive_speech_as_first_written(text: str) -> None:
    token = r"(?:[A-Z]\.|[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)*(?:[A-Z][a-z]+)?)"
    speech = "|".join(sorted(WORDS.table("people")["mentions"]["possessed_speech"], key=len, reverse=True))
    first = re.compile(rf"(?<![\w.])(?P<name>{token}(?:[ \t]+{token}){{0,2}})['’]s[ \t]+(?:{speech})")
    now = re.compile(mention_patterns(WORDS).contexts[3].source)
    assert [(m.span(), m.groups()) for m in now.finditer(text)] == [(m.span(), m.groups()) for m in first.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_view_learns_each_group_as_first_written(text: str) -> None:
    """`TextView.learn` tests each literal once for all its groups (and none whose run is the word
    itself): every group is found present exactly when one of its literals is in the text."""
    view = TextView(text)
    view.learn()
    lowered, words = text.lower(), set(re.findall("[a-z]+", text.lower()))
    for bit, group in prefilter._GROUPS.items():
        hay = text if group.cased else lowered
        if group.whole:
            expected = any(w in hay for run in group.runs & words for w in group.by_run[run])
        else:
            expected = any(w in hay for w in group.needed)
        assert bool(view.present & bit) == expected, group.words


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_named_comma_anchor_as_first_written(text: str) -> None:
    """The introductions' "name, title" anchor skips to capitals: the places of the first form."""
    hon = name_rules(WORDS).honorific_pattern
    first = re.compile(rf"[ \t(](?=(?:(?:{hon})\.?[ \t]+)?{NAME},[ \t]+)")
    anchor = mention_patterns(WORDS).intro_name_title.anchor
    assert anchor is not None and anchor.regex is not None
    assert [m.start() + 1 for m in first.finditer(text)] == [m.start() for m in re.finditer(anchor.regex, text)]
