"""Participant lists and a release's contact section: the names the call's speakers should carry.

Why: the speaker checks compare names within the call, so a name misspelt the same way throughout
(every header "Tomas Whitlok") passes them. A list from outside the call (the company's participant
list, or the investor-relations contact a release names) settles it.
"""

from __future__ import annotations

import re

from auditor.reference.document import Participant
from auditor.reference.vocabulary import Vocabulary

_SPLIT_RE = re.compile(r"\s+[-–—|]\s+|,\s+|\s*\(|\t+|\s{2,}")
_NAME_WORD_RE = re.compile(r"^(?:[A-Z][a-zA-Z'’.-]*|[A-Z]\.)$")


def plausible_name(text: str, vocab: Vocabulary) -> bool:
    """Two to four capitalised words, no digits, no address or company words: a person's name."""
    words = text.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in text) or "@" in text:
        return False
    if any(w.lower().strip(".,") in vocab.not_names for w in words):
        return False
    return all(_NAME_WORD_RE.match(w) for w in words)


def split_entry(line: str) -> tuple[str, str | None]:
    """'Grace Tan - Investor Relations Director' -> ('Grace Tan', 'Investor Relations Director')."""
    parts = [p.strip(" )") for p in _SPLIT_RE.split(line.strip(), maxsplit=1)]
    name = parts[0]
    role = parts[1] if len(parts) > 1 and parts[1] else None
    return name, role


def read_list(text: str, source: str, vocab: Vocabulary) -> list[Participant]:
    """One participant per line ('Name - Role', 'Name, Role', 'Name (Role)' or a bare name);
    headings, blank lines and # comments are skipped."""
    out: list[Participant] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line or vocab.contact_re.fullmatch(line):
            continue
        name, role = split_entry(line)
        if plausible_name(name, vocab):
            out.append(Participant(name, role, f"{source}, line {number}"))
    return out


def contact_section(paragraphs: list[str], source: str, vocab: Vocabulary) -> list[Participant]:
    """Names in a release's contact section: the short lines after a heading such as 'Investor
    Relations Contact:' (or on the heading line itself, after the colon)."""
    out: list[Participant] = []
    for i, paragraph in enumerate(paragraphs):
        m = vocab.contact_re.match(paragraph)
        if not m or len(paragraph) > 160:
            continue
        lines = [paragraph[m.end():]] + paragraphs[i + 1 : i + 9]
        for line in lines:
            if len(line) > 120:
                break
            name, role = split_entry(line)
            if plausible_name(name, vocab):
                out.append(Participant(name, role, f"{source}, contact section"))
    seen: set[str] = set()
    unique = []
    for p in out:
        if p.name.lower() not in seen:
            seen.add(p.name.lower())
            unique.append(p)
    return unique
