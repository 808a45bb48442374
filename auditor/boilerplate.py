"""The boilerplate model: the standard forms of a call's set phrases, and how a line deviates from them.

Why in the model: reading a legal citation ("Section 21E of the Securities Exchange Act of 1934")
is parsing, and checks do not parse; the boilerplate check reads the deviations found here.

The standard forms (laws, cited sections, set phrases with one slot, negation words) are data,
`auditor/data/boilerplate.toml`, read through `auditor.words` and compiled once per vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from auditor.anchored import fold as fold_literals
from auditor.anchored import passes_literals, required_literals
from auditor.findings import Severity
from auditor.model import Transcript
from auditor.textutil import is_chinese_line
from auditor.words import Words, default_words

_US = r"(?:(?:the\s+)?U\.?\s?S\.?\s+)?"
_YEAR = r"(?:,?\s+(?:of\s+)?(?P<year>(?:18|19|20)\d\d)\b)?"


@dataclass(frozen=True)
class Law:
    name: str
    year: int
    wildcard: bool
    #: the title's words (folded, see `fold`) and how many of them a match always contains: all,
    #: or all but the one a wildcard replaces. A text holding fewer is never searched.
    words: tuple[str, ...] = ()
    needed: int = 0

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: most calls never name most laws (`words` says so first)."""
        return law_pattern(self.name, self.wildcard)


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
    #: what every match holds (`auditor.anchored.required_literals`): a text without it is not searched
    literals: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Boilerplate:
    laws: tuple[Law, ...]
    sections: tuple[Section, ...]
    phrases: tuple[Phrase, ...]
    negations: frozenset[str] = frozenset()
    inverted_subjects: frozenset[str] = frozenset()
    safe_harbor_cues: tuple[str, ...] = ()
    #: "Section 21E of the Securities Exchange Act of 1934", for the acts whose sections are listed
    section_pattern: re.Pattern[str] | None = None
    section_literals: tuple[tuple[str, ...], ...] = ()  # what every cited section holds


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


def section_pattern(acts: list[str]) -> re.Pattern[str]:
    """A cited section of one of `acts`, with an optional year ("Section 27A of the Securities Act")."""
    names = sorted({r"\s+".join(re.escape(w) for w in act.split()) for act in acts}, key=len, reverse=True)
    return re.compile(
        r"\bSection\s+(?P<num>\d+[A-Za-z]?)\s+of\s+the\s+" + _US
        + r"(?P<act>" + "|".join(names) + r")(?:,?\s+(?:of\s+)?(?P<year>(?:18|19|20)\d\d)\b)?",
        re.IGNORECASE,
    )


def fold(text: str) -> str:
    """Text in which every character that an IGNORECASE pattern matches to an ASCII letter is that
    letter (casefold, and the Turkish dotted and dotless i, which casefold leaves apart): a title
    word matched case-insensitively is then a substring of the folded text."""
    return text.replace("\u0130", "i").replace("\u0131", "i").casefold()


def _law(entry: dict[str, Any]) -> Law:
    name, wildcard = str(entry["name"]), bool(entry.get("wildcard"))
    words = tuple(fold(w) for w in name.split())
    return Law(name, int(entry["year"]), wildcard, words, len(words) - (1 if wildcard else 0))


def parse_boilerplate(data: dict[str, Any]) -> Boilerplate:
    laws = tuple(_law(e) for e in data.get("law", []))
    sections = tuple(Section(e["number"].upper(), e["act"], int(e["year"])) for e in data.get("section", []))
    phrases = tuple(
        Phrase(e["standard"], pattern, frozenset(_norm(a) for a in e["allowed"]), required_literals(pattern))
        for e in data.get("phrase", []) for pattern in [re.compile(e["pattern"], re.IGNORECASE)]
    )
    cited = section_pattern([s.act for s in sections]) if sections else None
    return Boilerplate(
        laws,
        sections,
        phrases,
        negations=frozenset(str(w).lower() for w in data.get("negations", [])),
        inverted_subjects=frozenset(str(w).lower() for w in data.get("inverted_subjects", [])),
        safe_harbor_cues=tuple(str(c).lower() for c in data.get("safe_harbor_cues", [])),
        section_pattern=cited,
        section_literals=required_literals(cited) if cited is not None else (),
    )


@cache
def _boilerplate(words: Words) -> Boilerplate:
    return parse_boilerplate(words.table("boilerplate"))


def load_boilerplate(words: Words | None = None) -> Boilerplate:
    """The standard forms of the vocabulary (the shipped one by default), compiled once."""
    return _boilerplate(words or default_words())


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Deviation:
    start: int
    end: int
    message: str
    suggestion: str
    severity: Severity
    confidence: float


def english_texts(transcript: Transcript) -> list[tuple[int, str]]:
    """(line, text) of every English paragraph and preamble line, in file order."""
    texts = [(line, text) for line, text in transcript.preamble if not is_chinese_line(text)]
    texts += [(p.line, p.text) for p in transcript.paragraphs]
    return sorted(texts)


def section_deviations(text: str, bp: Boilerplate) -> list[Deviation]:
    """A safe-harbor section cited under the wrong act, or an unknown section of a safe-harbor act."""
    out: list[Deviation] = []
    if bp.section_pattern is None or not passes_literals(bp.section_literals, fold_literals(text)):
        return out
    by_number = {s.number: s for s in bp.sections}
    for m in bp.section_pattern.finditer(text):
        number, act = m.group("num").upper(), " ".join(m.group("act").split())
        known = by_number.get(number)
        if known is not None and known.act.lower() != act.lower():
            out.append(Deviation(
                m.start(), m.end(),
                f"Section {number} belongs to the {known.act} of {known.year}, not to the {act}.",
                f"Section {number} of the {known.act} of {known.year}", Severity.WARNING, 0.8,
            ))
        elif known is None and any(cue in text.lower() for cue in bp.safe_harbor_cues):
            usual = [s for s in bp.sections if s.act.lower() == act.lower()]
            if usual:
                s = usual[0]
                out.append(Deviation(
                    m.start(), m.end(),
                    f"The safe harbor for forward-looking statements is Section {s.number} of the {s.act}, "
                    f"not Section {number}.",
                    f"Section {s.number} of the {s.act} of {s.year}", Severity.WARNING, 0.6,
                ))
    return out


def text_deviations(text: str, bp: Boilerplate) -> tuple[list[Deviation], int]:
    """The section, law and phrase deviations of a text (in that order), and how many law titles
    and set phrases it holds (the check's coverage): each pattern is searched once."""
    laws, phrases = _law_matches(text, bp), _phrase_matches(text, bp)
    found = section_deviations(text, bp) + _law_deviations(laws) + _phrase_deviations(text, phrases, bp)
    return found, len(laws) + len(phrases)


def _law_matches(text: str, bp: Boilerplate) -> list[tuple[Law, re.Match[str]]]:
    folded = fold(text) if bp.laws else ""
    return [
        (law, m) for law in bp.laws
        if sum(map(folded.__contains__, law.words)) >= law.needed  # else no form of the title can match
        for m in law.pattern.finditer(text)
    ]


def law_deviations(text: str, bp: Boilerplate) -> list[Deviation]:
    """A law named with a changed word or with the wrong year."""
    return _law_deviations(_law_matches(text, bp))


def _law_deviations(matches: list[tuple[Law, re.Match[str]]]) -> list[Deviation]:
    out = []
    for law, m in matches:
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
        out.append(Deviation(
            m.start(), m.end(),
            f"'{quoted}' misnames a law: {' and '.join(problems)}.",
            f"{law.name} of {law.year}", Severity.WARNING, 0.9 if wrong_year else 0.75,
        ))
    return out


def _phrase_matches(text: str, bp: Boilerplate) -> list[tuple[Phrase, re.Match[str]]]:
    folded = fold_literals(text)  # a phrase is searched only in a text that holds its literals
    return [(phrase, m) for phrase in bp.phrases if passes_literals(phrase.literals, folded)
            for m in phrase.pattern.finditer(text)]


def phrase_deviations(text: str, bp: Boilerplate) -> list[Deviation]:
    """A set phrase whose variable slot holds words its standard form never has."""
    return _phrase_deviations(text, _phrase_matches(text, bp), bp)


def _phrase_deviations(text: str, matches: list[tuple[Phrase, re.Match[str]]], bp: Boilerplate) -> list[Deviation]:
    out = []
    negations = bp.negations
    for phrase, m in matches:
        slot = _norm(m.group("slot"))
        if slot in phrase.allowed:
            continue
        said = set(slot.replace("n't", " n't").split())
        if _negated_before(text, m.start(), negations):
            if said <= bp.inverted_subjects and "not" in phrase.allowed:
                continue  # "nor do we undertake any obligation": the standard phrase, inverted
            said.add("not")
        usual = {w for a in phrase.allowed for w in a.split()}
        reverses = bool(said & negations) != bool(usual & negations)
        quoted = " ".join(m.group(0).split())
        if reverses:
            change = f"'{slot}'" if slot else "the missing negation"
            message = f"'{quoted}' deviates from the standard '{phrase.standard}': {change} reverses its meaning."
        else:
            message = f"'{quoted}' deviates from the standard '{phrase.standard}'."
        out.append(Deviation(
            m.start(), m.end(), message, phrase.standard,
            Severity.WARNING if reverses else Severity.INFO, 0.9 if reverses else 0.5,
        ))
    return out


def _negated_before(text: str, start: int, negations: frozenset[str]) -> bool:
    """Whether one of the two words right before `start` (in the same clause) is a negation."""
    before = re.split(r"[.;:!?]", text[max(0, start - 40) : start])[-1]
    return any(w in negations for w in before.lower().replace(",", " ").split()[-2:])
