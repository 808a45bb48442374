"""Boilerplate checks: the fixed phrases of a call compared with their standard forms.

Safe-harbor statements and operator scripts are read aloud from a template, so any deviation is a
transcription error, and some of them reverse the meaning ("You may not disconnect") or cite a law
that does not exist ("Private Securities Litigation Reform Act of 1985"). The standard forms live in
`auditor/data/boilerplate.toml`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.registry import Check
from auditor.textutil import is_chinese_line, snippet

NEGATIONS = frozenset({"not", "no", "never", "cannot", "n't"})
_US = r"(?:(?:the\s+)?U\.?\s?S\.?\s+)?"
_YEAR = r"(?:,?\s+(?:of\s+)?(?P<year>(?:18|19|20)\d\d)\b)?"
_SECTION_RE = re.compile(
    r"\bSection\s+(?P<num>\d+[A-Za-z]?)\s+of\s+the\s+" + _US
    + r"(?P<act>Securities(?:\s+Exchange)?\s+Act)(?:,?\s+(?:of\s+)?(?P<year>(?:18|19|20)\d\d)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Law:
    name: str
    year: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Section:
    number: str
    act: str
    year: int


@dataclass(frozen=True)
class Phrase:
    standard: str
    pattern: re.Pattern[str]
    allowed: frozenset[str]


@dataclass(frozen=True)
class Boilerplate:
    laws: tuple[Law, ...]
    sections: tuple[Section, ...]
    phrases: tuple[Phrase, ...]


def law_pattern(name: str, wildcard: bool) -> re.Pattern[str]:
    """The law's title with, when `wildcard`, any one of its words replaced by another word.

    One changed word is how a recogniser misnames a law ("Private Security Litigation..."); the
    title must otherwise be intact, so an unrelated phrase never matches.
    """
    words = name.split()
    forms = [r"\s+".join(re.escape(w) for w in words)]
    if wildcard:
        for i in range(len(words)):
            forms.append(r"\s+".join(r"[A-Za-z]+" if j == i else re.escape(w) for j, w in enumerate(words)))
    return re.compile(r"\b(?P<name>" + "|".join(f"(?:{f})" for f in forms) + r")\b" + _YEAR, re.IGNORECASE)


def parse_boilerplate(data: dict[str, Any]) -> Boilerplate:
    laws = tuple(Law(e["name"], int(e["year"]), law_pattern(e["name"], bool(e.get("wildcard")))) for e in data.get("law", []))
    sections = tuple(Section(e["number"].upper(), e["act"], int(e["year"])) for e in data.get("section", []))
    phrases = tuple(
        Phrase(e["standard"], re.compile(e["pattern"], re.IGNORECASE), frozenset(_norm(a) for a in e["allowed"]))
        for e in data.get("phrase", [])
    )
    return Boilerplate(laws, sections, phrases)


@lru_cache(maxsize=1)
def load_boilerplate() -> Boilerplate:
    text = (files("auditor") / "data" / "boilerplate.toml").read_text(encoding="utf-8")
    return parse_boilerplate(tomllib.loads(text))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class _Deviation:
    start: int
    end: int
    message: str
    suggestion: str
    severity: Severity
    confidence: float


def _english_texts(transcript: Transcript) -> list[tuple[int, str]]:
    """(line, text) of every English paragraph and preamble line, in file order."""
    texts = [(line, text) for line, text in transcript.preamble if not is_chinese_line(text)]
    texts += [(p.line, p.text) for p in transcript.paragraphs]
    return sorted(texts)


def section_deviations(text: str, bp: Boilerplate) -> list[_Deviation]:
    """A safe-harbor section cited under the wrong act, or an unknown section of a safe-harbor act."""
    out = []
    by_number = {s.number: s for s in bp.sections}
    for m in _SECTION_RE.finditer(text):
        number, act = m.group("num").upper(), " ".join(m.group("act").split())
        known = by_number.get(number)
        if known is not None and known.act.lower() != act.lower():
            out.append(_Deviation(
                m.start(), m.end(),
                f"Section {number} belongs to the {known.act} of {known.year}, not to the {act}.",
                f"Section {number} of the {known.act} of {known.year}", Severity.WARNING, 0.8,
            ))
        elif known is None and "forward-looking" in text.lower():
            usual = [s for s in bp.sections if s.act.lower() == act.lower()]
            if usual:
                s = usual[0]
                out.append(_Deviation(
                    m.start(), m.end(),
                    f"The safe harbor for forward-looking statements is Section {s.number} of the {s.act}, "
                    f"not Section {number}.",
                    f"Section {s.number} of the {s.act} of {s.year}", Severity.WARNING, 0.6,
                ))
    return out


def law_deviations(text: str, bp: Boilerplate) -> list[_Deviation]:
    """A law named with a changed word or with the wrong year."""
    out = []
    for law in bp.laws:
        for m in law.pattern.finditer(text):
            said = " ".join(m.group("name").split())
            year = m.group("year")
            wrong_name = said.lower() != law.name.lower()
            wrong_year = year is not None and int(year) != law.year
            if not (wrong_name or wrong_year):
                continue
            quoted = m.group(0).strip()
            problems = []
            if wrong_name:
                problems.append(f"the law is the {law.name}")
            if wrong_year:
                problems.append(f"it dates from {law.year}, not {year}")
            out.append(_Deviation(
                m.start(), m.end(),
                f"'{quoted}' misnames a law: {' and '.join(problems)}.",
                f"{law.name} of {law.year}", Severity.WARNING, 0.9 if wrong_year else 0.75,
            ))
    return out


def phrase_deviations(text: str, bp: Boilerplate) -> list[_Deviation]:
    """A set phrase whose variable slot holds words its standard form never has."""
    out = []
    for phrase in bp.phrases:
        for m in phrase.pattern.finditer(text):
            slot = _norm(m.group("slot"))
            if slot in phrase.allowed:
                continue
            said = set(slot.replace("n't", " n't").split())
            usual = {w for a in phrase.allowed for w in a.split()}
            reverses = bool(said & NEGATIONS) != bool(usual & NEGATIONS)
            quoted = " ".join(m.group(0).split())
            if reverses:
                change = f"'{slot}'" if slot else "the missing negation"
                message = f"'{quoted}' deviates from the standard '{phrase.standard}': {change} reverses its meaning."
            else:
                message = f"'{quoted}' deviates from the standard '{phrase.standard}'."
            out.append(_Deviation(
                m.start(), m.end(), message, phrase.standard,
                Severity.WARNING if reverses else Severity.INFO, 0.9 if reverses else 0.5,
            ))
    return out


class BoilerplateDeviation(Check):
    """A fixed phrase of the call (safe harbor, operator script) that deviates from its standard form.

    Anti-pattern: "You may not disconnect", "Actual results may not differ materially", or a safe
    harbor citing the "Private Securities Litigation Reform Act of 1985". These phrases are read
    from a template, so a deviation is a transcription error; one that reverses the meaning or
    misnames a law misleads the reader and exposes the publisher.

    Best practice: set phrases are transcribed in their standard form (auditor/data/boilerplate.toml):
    laws with their exact title and year, Section 21E with the Securities Exchange Act of 1934, and
    operator lines without inserted words. A reversed meaning or a misnamed law is a warning; any
    other deviation in a set phrase is informational.
    """

    id = "boilerplate.deviation"
    title = "Boilerplate phrase deviates from its standard form"
    severity = Severity.WARNING
    weight = 0.8
    groups = ("boilerplate",)

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        bp = load_boilerplate()
        for line, text in _english_texts(transcript):
            found: list[_Deviation] = []
            for deviation in section_deviations(text, bp) + law_deviations(text, bp) + phrase_deviations(text, bp):
                # one finding per stretch of text: a section finding already covers its act's year
                if any(d.start < deviation.end and deviation.start < d.end for d in found):
                    continue
                found.append(deviation)
            self.stats["phrases_checked"] += sum(
                1 for regex in [law.pattern for law in bp.laws] + [p.pattern for p in bp.phrases]
                for _ in regex.finditer(text)
            )
            for d in sorted(found, key=lambda d: d.start):
                yield self.finding(
                    transcript, line, d.message, snippet(text, d.start, d.end),
                    severity=d.severity, confidence=d.confidence, suggestion=d.suggestion,
                )


CHECKS = (
    BoilerplateDeviation,
)
