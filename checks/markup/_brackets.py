"""What the markup checks share: the editorial marker vocabulary and the bracket scan of each line.

Why one scan: the three markup checks read the same brackets (unclosed ones, markers, bracketed
figures). Each line is scanned once per transcript (`bracket_lines`, kept in `transcript.derived`)
and the checks read the result. The marker vocabulary is `[[marker]]` of
`auditor/data/boilerplate.toml`, read through `auditor.words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from auditor.model import Transcript
from auditor.textutil import is_chinese_line
from auditor.words import Words, default_words

OPENERS = {"(": ")", "[": "]", "（": "）", "【": "】", "［": "］"}
CLOSERS = {v: k for k, v in OPENERS.items()}
#: every opener and closer: the scan visits these characters only (a line holds few of them)
_BRACKET_RE = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")
# a full-width bracket closes its half-width partner and the reverse: "（聽不清楚)" is balanced, its
# mixed widths are a matter of style
_SHAPE = {"(": "(", "（": "(", "[": "[", "【": "[", "［": "["}
# "a)", "2)", "iv)" in a list, and ":)" are not brackets that need a partner
_ENUMERATOR_RE = re.compile(r"(?:^|[\s,;:])(?:[A-Za-z]|[0-9]{1,2}|[ivx]{1,4})$|[:;]-?$")
# the longest text the enumerator pattern can match (a separator and four letters): it is matched in
# the last characters before a closer only, not in the whole line before it (quadratic in "a)a)a)")
_ENUMERATOR_REACH = 5
# an unclosed bracket's content runs to the end of its sentence, quoted at most this long
_UNCLOSED_REACH = 80
_SENTENCE_END_RE = re.compile(r"[.;!?。；！？]")
_NON_SPACE_RE = re.compile(r"\S")
#: The longest bracket content read whole. A marker, a figure or a name the transcriber was unsure
#: of is a few words; a longer content is a passage, or brackets nested in brackets, where reading
#: each group whole would be quadratic in the line: it is never a marker or a figure, and findings
#: quote its start.
LONG = 400


@dataclass(frozen=True)
class Marker:
    label: str
    kind: str  # loss | language | routine
    pattern: re.Pattern[str]


@cache
def _markers(words: Words) -> tuple[Marker, ...]:
    return tuple(
        Marker(m["label"], m["kind"], re.compile(r"(?:" + m["pattern"] + r")", re.IGNORECASE))
        for m in words.table("boilerplate").get("marker", [])
    )


def load_markers(words: Words | None = None) -> tuple[Marker, ...]:
    """The editorial markers of the vocabulary (the shipped one by default), compiled once."""
    return _markers(words or default_words())


def marker_for(inner: str, words: Words | None = None) -> Marker | None:
    """The editorial marker a bracket's content is ("inaudible", "Operator Instructions"), if any."""
    content = inner.strip().strip(".,;:!?").strip()
    for marker in load_markers(words):
        if marker.pattern.fullmatch(content):
            return marker
    return None


@dataclass(frozen=True)
class Group:
    """A bracketed span of a line. `close` is None when the bracket is never closed."""

    open: int
    close: int | None
    char: str
    close_char: str | None = None

    @property
    def mixed_width(self) -> bool:
        """Opened with a full-width bracket and closed with a half-width one, or the reverse."""
        return self.close_char is not None and OPENERS[self.char] != self.close_char

    @property
    def long(self) -> bool:
        """Closed, with more than LONG characters inside: a passage, never read whole."""
        return self.close is not None and self.close - self.open - 1 > LONG

    def inner(self, text: str) -> str:
        """The content: up to the closer, or for an unclosed bracket up to the end of its sentence
        (at most 80 characters, looked for in those only)."""
        if self.close is not None:
            return text[self.open + 1 : self.close]
        reach = min(len(text), self.open + 1 + _UNCLOSED_REACH)
        stop = _SENTENCE_END_RE.search(text, self.open + 1, reach)
        return text[self.open + 1 : stop.start() if stop else reach]

    def blank(self, text: str) -> bool:
        """Nothing but spaces inside (found without copying the content: groups nest)."""
        end = self.close if self.close is not None else self.open + 1 + len(self.inner(text))
        return _NON_SPACE_RE.search(text, self.open + 1, end) is None

    def shown(self, text: str) -> str:
        """The content as a finding quotes it, stripped: whole, or its first LONG characters and
        an ellipsis when the group is long."""
        if not self.long:
            return self.inner(text).strip()
        return text[self.open + 1 : self.open + 1 + LONG].strip() + "…"

    def span_end(self) -> int:
        """Where a quotation of the group ends: after its closer, or LONG characters in when long."""
        assert self.close is not None
        return self.open + 1 + LONG if self.long else self.close + 1


@dataclass(frozen=True)
class Scan:
    groups: list[Group]
    stray_closers: list[int]

    @property
    def unclosed(self) -> list[Group]:
        return [g for g in self.groups if g.close is None]


def scan_brackets(text: str) -> Scan:
    """Pair every bracket of `text`; an opener without partner and a closer without one are kept."""
    stack: list[tuple[int, str]] = []
    # where each shape's openers stand in `stack`, innermost last: a closer finds its partner at
    # once instead of walking a stack of the other shape ("(a]" repeated was quadratic)
    depths: dict[str, list[int]] = {"(": [], "[": []}
    groups: list[Group] = []
    stray: list[int] = []
    for found in _BRACKET_RE.finditer(text):
        i, ch = found.start(), found.group()
        if ch in OPENERS:
            depths[_SHAPE[ch]].append(len(stack))
            stack.append((i, ch))
        elif ch in CLOSERS:
            shape = _SHAPE[CLOSERS[ch]]
            if not depths[shape]:
                # "a)" or "2)" numbers a list item; with an opener before it, it closes it ("(Tier 1)")
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


@dataclass(frozen=True)
class BracketLine:
    """One line of the transcript with its brackets paired."""

    line: int
    text: str
    scan: Scan
    english: bool  # read by the checks of English lines (a paragraph, or a preamble line not in Chinese)


def bracket_lines(transcript: Transcript, with_translation: bool) -> list[BracketLine]:
    """The scanned lines of the paragraphs and the preamble in file order, English only unless
    `with_translation`. Scanned once per transcript, shared by the markup checks."""
    lines = transcript.derived("markup.bracket_lines", lambda: _scan_lines(transcript))
    return lines if with_translation else [b for b in lines if b.english]


def _scan_lines(transcript: Transcript) -> list[BracketLine]:
    out = [(line, text, not is_chinese_line(text)) for line, text in transcript.preamble]
    for p in transcript.paragraphs:
        out.append((p.line, p.text, True))
        if p.translation_line is not None and p.translation:
            out.append((p.translation_line, p.translation, False))
    out.sort(key=lambda x: (x[0], x[1]))
    return [BracketLine(line, text, scan_brackets(text), english) for line, text, english in out]


def is_figure(inner: str) -> bool:
    """A bracket's content that is a figure ("RMB2,349.2 million"): digits, and a few words at most."""
    return any(ch.isdecimal() for ch in inner) and len(inner.split()) <= 6
