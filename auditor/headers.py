"""Speaker header lines in the styles real transcript sources use.

Why a module of its own: a transcript is only as good as its turns. A header read as speech merges
two turns (and every speaker check after it goes wrong); speech read as a header splits one. The
styles seen in the wild:

- dash: `Jane Roe - Chief Financial Officer`, `Jane Roe -- CFO`, `Jane Roe — Analyst, J.P. Morgan`;
- bare labels: `Operator`, `Unidentified Participant`, `Speaker 3`;
- numbered speakers: `Speaker 1 - Participant` (speech-recognition services);
- timestamped: `Jane Roe (00:01:23):`, `Speaker 1 (00:00):`, `Jane Roe [01:02:03]`, with or without
  speech after it on the same line;
- colon: `JANE ROE:` on its own line, or `Jane Roe: Thank you, operator.` (accepted only for names
  the file uses as headers at least twice, or alone on a line, so "Note: ..." stays speech).

The vocabulary (interjections, role abbreviations, section headings, name particles) is data in
`auditor/data/speakers.toml` and `people.toml`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from auditor.model import speaker_label_kind
from auditor.names import alternation
from auditor.prefilter import LazyPattern, pattern_sources
from auditor.textutil import has_han
from auditor.words import Words, default_words


@dataclass(frozen=True)
class Header:
    """A recognised speaker header: who speaks, in what role, and any speech on the same line."""

    name: str
    role: str | None
    style: str  # dash | label | timestamp | colon
    text: str | None = None  # speech after the header on the same line (timestamp and colon styles)
    text_offset: int = 0  # where that speech starts in the stripped line


@dataclass(frozen=True)
class _Patterns:
    """The header patterns (each compiled when first read: `auditor.prefilter.LazyPattern`) and words."""

    sources: tuple[tuple[str, str, int], ...]
    dash = LazyPattern()
    timestamp = LazyPattern()
    name_only = LazyPattern()
    bare = LazyPattern()
    interjections: frozenset[str]
    role_abbreviations: tuple[str, ...]
    section_headings: frozenset[str]
    not_names: frozenset[str]


@cache
def _patterns(words: Words) -> _Patterns:
    particles = alternation(words.table("people")["names"]["particles"])
    headers = words.table("speakers")["headers"]
    # a name word: capitalised (Jane, O'Neil, Jean-Luc, J.P.), a particle (de, van), or a number
    # after a numbered-speaker word ("Speaker 1")
    word = rf"(?:[A-Z][\w.'’\-]*|{particles})"
    name = rf"{word}(?:\s+(?:{word}|\d{{1,3}})){{0,5}}"
    stamp = r"[(\[]?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?[)\]]?"
    return _Patterns(
        pattern_sources(
            dash=rf"^(?P<name>{name})\s+(?:-{{1,2}}|[–—])\s+(?P<role>[^\s].{{1,200}})$",
            timestamp=rf"^(?P<name>{name})\s*(?:[-–—]\s*(?P<role>[^()\[\]:]{{1,80}}?)\s*)?{stamp}\s*:?\s*(?P<text>.*)$",
            name_only=rf"^{name}$",
            bare=r"^[A-Z][\w.'’\-]*(?:\s+(?:[A-Za-z][\w.'’\-]*|\d{1,3})){0,4}$",
        ),
        interjections=frozenset(str(w).lower() for w in headers["interjections"]),
        role_abbreviations=tuple(str(w).lower() for w in headers["role_abbreviations"]),
        section_headings=frozenset(str(w).lower() for w in headers["section_headings"]),
        not_names=frozenset(str(w).lower() for w in headers["not_names"]),
    )


def vocabulary(words: Words | None = None) -> _Patterns:
    """Headers are recognised as the file is read, before a configuration is at hand: shipped words."""
    return _patterns(words or default_words())


def parse_header(line: str) -> Header | None:
    """The header on `line` in a style that needs no context (dash, bare label, timestamp), else None."""
    text = line.strip()
    if not text or len(text) > 240 or has_han(text):
        return None
    v = vocabulary()
    m = v.dash.match(text)
    if m and _plausible_name(m.group("name")) and _plausible_role(m.group("role")):
        return Header(m.group("name").strip(), m.group("role").strip(), "dash")
    m = v.timestamp.match(text)
    if m and _plausible_name(m.group("name")):
        speech = m.group("text").strip()
        role = (m.group("role") or "").strip() or None
        return Header(m.group("name").strip(), role, "timestamp", speech or None, m.start("text") if speech else 0)
    if speaker_label_kind(text) != "person":
        return Header(text, None, "label")
    return None


def colon_speakers(lines: Iterable[str]) -> frozenset[str]:
    """Names this file uses as `Name:` headers: alone on a line, or in front of speech twice or more.

    Why per file: "Revenue: up 12%" is speech in a file whose speakers are dash headers, and one
    "Note:" line proves nothing; a name that opens two paragraphs with a colon is a speaker, and so
    is a role label such as "Operator:" or "Unidentified Participant:".
    """
    counts: Counter[str] = Counter()
    alone: set[str] = set()
    for line in lines:
        name, speech = _colon_split(line)
        if name is None:
            continue
        counts[name] += 1
        if not speech:
            alone.add(name)
    return frozenset(n for n, c in counts.items() if c >= 2 or n in alone or speaker_label_kind(n) != "person")


def colon_header(line: str, speakers: frozenset[str]) -> Header | None:
    """The `Name:` header on `line` when `Name` is one of the file's colon speakers."""
    if not speakers:
        return None
    name, speech = _colon_split(line)
    if name is None or name not in speakers:
        return None
    text = line.strip()
    return Header(name, None, "colon", speech or None, text.index(speech, len(name)) if speech else 0)


#: a speaker name in front of a colon is at most this long ("Unidentified Company Representative")
MAX_HEADER_PREFIX = 60


def _colon_split(line: str) -> tuple[str | None, str]:
    """(name, speech) when `line` opens with a plausible speaker name and a colon, else (None, "")."""
    text = line.strip()
    head, sep, rest = text.partition(":")
    name = head.strip()
    if not sep or not name or len(name) > MAX_HEADER_PREFIX or has_han(name):
        return None, ""
    v = vocabulary()
    if not v.name_only.match(name) or not _plausible_name(name) or name.lower() in v.not_names:
        return None, ""
    return name, rest.strip()


def _plausible_name(name: str) -> bool:
    """A header's name part is not an interjection ("Great - thanks") nor a common sentence opener."""
    v = vocabulary()
    first = name.split()[0].lower()
    return name.strip().lower() not in v.interjections and first not in v.interjections and first not in v.not_names


def _plausible_role(role: str) -> bool:
    """Tell a role ("Analyst, J.P. Morgan") from speech ("thanks, John. Next question?")."""
    role = role.strip()
    v = vocabulary()
    if len(role.split()) > 24 or not (role[0].isupper() or role[0].isdigit()):
        return False
    if role.endswith(("?", "!")):
        return False
    # a second sentence is speech, not a role; an initial ("J.P. Morgan", "Robert W. Baird") or an
    # abbreviation ("Morgan Stanley & Co. LLC", "Sr. Analyst") is not a sentence end
    for m in re.finditer(r"[.?!]\s+[A-Z]", role):
        if m.group(0)[0] != "." or not _abbreviated(role[: m.start() + 1], v.role_abbreviations):
            return False
    return not (role.endswith(".") and not _abbreviated(role, v.role_abbreviations))


def _abbreviated(text: str, abbreviations: tuple[str, ...]) -> bool:
    """`text` ends with an abbreviation's full stop ("Co.", "Sr.") or an initial ("W.", "J.P.")."""
    lower = text.lower()
    for abbreviation in abbreviations:
        if lower.endswith(abbreviation) and not lower[: -len(abbreviation)][-1:].isalpha():
            return True
    return _ends_with_initial(text)


def _ends_with_initial(role: str) -> bool:
    return bool(re.search(r"(?:^|[\s.])[A-Z]\.$", role))


def bare_label(line: str) -> bool:
    """A short title-case line with no sentence punctuation: a bare speaker label in a header pair."""
    text = line.strip()
    v = vocabulary()
    return (
        bool(v.bare.match(text))
        and text.lower() not in v.interjections
        and text.lower() not in v.section_headings
        and len(text) <= 60
    )


def is_section_heading(line: str) -> bool:
    return line.strip().lower() in vocabulary().section_headings


__all__ = ["Header", "bare_label", "colon_header", "colon_speakers", "is_section_heading", "parse_header", "vocabulary"]
