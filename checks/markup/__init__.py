"""Markup checks: unbalanced brackets, the transcriber's editorial markers and uncertain figures.

A transcript carries the transcriber's notes to the editor: "(inaudible)" where words are missing,
"[RMB2,349.2 million]" where a figure was not heard clearly, "[Jane Doe, Acme Capital]" where a name
was spelt by ear. They must be resolved before publication, so they are listed with their lines.
The marker vocabulary lives in `auditor/data/boilerplate.toml`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.registry import Check
from auditor.textutil import is_chinese_line, snippet

OPENERS = {"(": ")", "[": "]", "（": "）", "【": "】"}
CLOSERS = {v: k for k, v in OPENERS.items()}
# "a)", "2)", "iv)" in a list, and ":)" are not brackets that need a partner
_ENUMERATOR_RE = re.compile(r"(?:^|[\s,;:])(?:[A-Za-z]|[0-9]{1,2}|[ivx]{1,4})$|[:;]-?$")
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class Marker:
    label: str
    kind: str  # loss | language | routine
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def load_markers() -> tuple[Marker, ...]:
    text = (files("auditor") / "data" / "boilerplate.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return tuple(
        Marker(m["label"], m["kind"], re.compile(r"(?:" + m["pattern"] + r")", re.IGNORECASE))
        for m in data.get("marker", [])
    )


def marker_for(inner: str) -> Marker | None:
    """The editorial marker a bracket's content is ("inaudible", "Operator Instructions"), if any."""
    content = inner.strip().strip(".,;:!?").strip()
    for marker in load_markers():
        if marker.pattern.fullmatch(content):
            return marker
    return None


@dataclass(frozen=True)
class Group:
    """A bracketed span of a line. `close` is None when the bracket is never closed."""

    open: int
    close: int | None
    char: str

    def inner(self, text: str) -> str:
        if self.close is not None:
            return text[self.open + 1 : self.close]
        rest = text[self.open + 1 :]
        stop = re.search(r"[.;!?。；！？]|$", rest)
        return rest[: stop.start() if stop else len(rest)][:80]


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
    groups: list[Group] = []
    stray: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append((i, ch))
        elif ch in CLOSERS:
            opener = CLOSERS[ch]
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == opener), None)
            if depth is None:
                # "a)" or "2)" numbers a list item; with an opener before it, it closes it ("(Tier 1)")
                if not (ch == ")" and _ENUMERATOR_RE.search(text[:i])):
                    stray.append(i)
                continue
            for pos, och in stack[depth + 1 :]:
                groups.append(Group(pos, None, och))
            pos, och = stack[depth]
            del stack[depth:]
            groups.append(Group(pos, i, och))
    groups += [Group(pos, None, och) for pos, och in stack]
    return Scan(sorted(groups, key=lambda g: g.open), sorted(stray))


def _lines_of(transcript: Transcript, with_translation: bool) -> list[tuple[int, str]]:
    """(line, text) of the paragraphs and the preamble, English only unless `with_translation`."""
    out = [(line, text) for line, text in transcript.preamble if with_translation or not is_chinese_line(text)]
    for p in transcript.paragraphs:
        out.append((p.line, p.text))
        if with_translation and p.translation_line is not None and p.translation:
            out.append((p.translation_line, p.translation))
    return sorted(out)


def _is_figure(inner: str) -> bool:
    return bool(_DIGIT_RE.search(inner)) and len(inner.split()) <= 6


class UnbalancedBracket(Check):
    """A parenthesis or square bracket that is opened and never closed, or closed and never opened.

    Anti-pattern: "ahead of the holiday season (inaudible." - the transcriber's marker lost its
    closing parenthesis, and a publishing system may swallow the rest of the paragraph or show a
    stray bracket to readers.

    Best practice: every bracket on a line has its partner on the same line. List enumerators such
    as "a)" and "2)" are not brackets and are not reported. English and translation lines are each
    checked.
    """

    id = "markup.unbalanced"
    title = "Unbalanced bracket or parenthesis"
    severity = Severity.WARNING
    weight = 0.5
    groups = ("markup",)

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for line, text in _lines_of(transcript, with_translation=True):
            scan = scan_brackets(text)
            for group in scan.unclosed:
                inner = group.inner(text)
                marker = marker_for(inner)
                closer = OPENERS[group.char]
                fix = (
                    f"{group.char}{inner.strip().strip('.,;:')}{closer}" if marker
                    else f"close the '{group.char}' with '{closer}', or remove it"
                )
                yield self.finding(
                    transcript, line,
                    f"'{group.char}' opened before '{inner.strip()[:40]}' is never closed.",
                    snippet(text, group.open, group.open + 1, 60),
                    confidence=0.85, suggestion=fix,
                )
            for pos in scan.stray_closers:
                yield self.finding(
                    transcript, line,
                    f"'{text[pos]}' closes a bracket that was never opened.",
                    snippet(text, pos, pos + 1, 60),
                    confidence=0.8, suggestion=f"add the opening '{CLOSERS[text[pos]]}', or remove the '{text[pos]}'",
                )


class EditorialMarker(Check):
    """The transcriber's notes to the editor: missing words, unsure spellings, foreign-language passages.

    Anti-pattern: publishing "(inaudible)", "(technical difficulty)", "[phonetic]" or a bracketed
    name the transcriber spelt by ear without anyone having checked the recording.

    Best practice: every such note is resolved or consciously kept before publication. Each
    missing-words marker and each square-bracketed name or phrase is listed with its line; passages
    marked as spoken in a foreign language are listed once, with all their lines. Routine markers
    ("[Operator Instructions]", "(interpreted)") are not listed. Informational only.
    """

    id = "markup.editorial_marker"
    title = "Editorial marker for the editor to resolve"
    severity = Severity.INFO
    weight = 0.3
    groups = ("markup",)

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        language: list[tuple[int, str]] = []
        for line, text in _lines_of(transcript, with_translation=False):
            listed: set[str] = set()
            for group in scan_brackets(text).groups:
                inner = group.inner(text).strip()
                marker = marker_for(inner)
                if marker is not None and marker.kind == "language":
                    language.append((line, snippet(text, group.open, group.open + len(inner) + 2, 40)))
                    continue
                if marker is not None and marker.kind == "loss" and marker.label not in listed:
                    listed.add(marker.label)
                    self.stats["missing_words"] += 1
                    yield self.finding(
                        transcript, line,
                        f"The transcriber marked '{inner}' here: check the recording for the missing or unsure words.",
                        snippet(text, group.open, group.open + len(inner) + 2, 60),
                        confidence=0.95,
                    )
                elif marker is None and group.char in "[【" and group.close is not None and inner and not _is_figure(inner):
                    self.stats["bracketed_text"] += 1
                    yield self.finding(
                        transcript, line,
                        f"'[{inner}]' is bracketed: the transcriber was unsure of it; verify the spelling.",
                        snippet(text, group.open, group.close + 1, 60),
                        confidence=0.7,
                    )
        if language:
            first = language[0][0]
            lines = sorted({line for line, _ in language})
            yield self.finding(
                transcript, first,
                f"{len(lines)} passage(s) are marked as spoken in a foreign language (lines "
                f"{', '.join(str(n) for n in lines)}): the English is an interpretation.",
                language[0][1], confidence=0.95,
                related=[r for r in language if r[0] != first],
            )


class UncertainFigure(Check):
    """A figure the transcriber put in square brackets because it was not heard clearly.

    Anti-pattern: "Total revenues were [RMB2,349.2 million]" published as is: the brackets say the
    figure was a guess, and a wrong figure in an earnings transcript moves readers.

    Best practice: an editor verifies every bracketed figure against the earnings release, then
    removes the brackets. Each one is listed with its line. Informational only.
    """

    id = "markup.uncertain_figure"
    title = "Figure marked as uncertain by the transcriber"
    severity = Severity.INFO
    weight = 0.4
    groups = ("markup", "numbers")

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for line, text in _lines_of(transcript, with_translation=False):
            for group in scan_brackets(text).groups:
                if group.char not in "[【" or group.close is None:
                    continue
                inner = group.inner(text).strip()
                if not _is_figure(inner) or marker_for(inner) is not None:
                    continue
                self.stats["bracketed_figures"] += 1
                yield self.finding(
                    transcript, line,
                    f"'[{inner}]' is bracketed: the transcriber marked this figure as uncertain; "
                    "verify it against the release.",
                    snippet(text, group.open, group.close + 1, 60),
                    confidence=0.9,
                    suggestion=f"{inner} (after checking it against the release)",
                )


CHECKS = (
    UnbalancedBracket,
    EditorialMarker,
    UncertainFigure,
)
