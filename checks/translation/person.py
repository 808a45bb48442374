"""translation.person: a person rendered with the wrong gender, two Chinese names, or another surname."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from auditor.alternation import literal_alternation
from auditor.bilingual import surname_chars, zh_honorifics
from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.roster import name_tokens
from auditor.words import Words

from ._common import GROUPS, evidence, translated_pairs
from ._names import Rendering, misheard, renderings


@dataclass(frozen=True)
class _Honorifics:
    """Honorific patterns of `auditor/data/zh_names.toml`, compiled once per vocabulary."""

    gender: dict[str, str]  # 先生 -> male
    suggest: dict[str, str]  # male -> 先生: the first honorific of each gender
    en: re.Pattern[str]  # "Ms. Shen"
    zh: re.Pattern[str]  # 先生|女士|...
    zh_after_char: re.Pattern[str]  # 趙先生: one character and an honorific


@cache
def _honorifics(words: Words) -> _Honorifics:
    gender = zh_honorifics(words)
    zh = literal_alternation(gender)
    titles = literal_alternation(words.table("zh_names")["en"]["titles"])
    return _Honorifics(
        gender=gender,
        suggest={g: h for h, g in reversed(gender.items())},
        en=re.compile(rf"\b(?P<hon>{titles})\.?\s+(?P<name>[A-Z][a-z]+)"),
        zh=re.compile(zh),
        zh_after_char=re.compile(f"([\u4e00-\u9fff])(?:{zh})"),
    )


class PersonDivergence(TranscriptCheck):
    """A person rendered with the wrong gender, two Chinese names, or another surname.

    Anti-pattern: "Ms. Shen" rendered 沈先生 (Mr.) when the call establishes her as Ms. Shen
    Lixia; one executive written 郭明遠 on one line and 郭明源 on another; a misheard "Mr. Zao"
    rendered 趙先生 when the only person it can mean is Mr. Zou (鄒).

    Best practice: honorifics (先生/女士) follow the gender the transcript gives each person
    (Mr./Ms. in the English, via the roster); one person has one Chinese name throughout; a name
    that is not on the roster is not turned into a new Chinese surname.
    """

    id = "translation.person"
    title = "Person's name or gender changed in translation"
    severity = Severity.WARNING
    weight = 1.1
    groups = GROUPS
    needs_translation = True

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        # names are learned across the whole file before any line is judged against them
        found = renderings(transcript)
        yield from self._inconsistent_names(transcript, found)
        surnames = self._surname_chars(transcript, found)
        for pair in translated_pairs(transcript):
            yield from self._genders(transcript, pair, found, surnames)
            yield from self._other_surname(transcript, pair, surnames)

    def _inconsistent_names(self, transcript: Transcript, found: list[Rendering]) -> Iterator[Finding]:
        by_line = {pair.translation_line: pair for pair in transcript.pairs}
        by_person: dict[str, list[Rendering]] = defaultdict(list)
        for r in found:
            by_person[r.person].append(r)
        for person, items in sorted(by_person.items()):
            counts = Counter(r.form for r in items)
            if len(counts) < 2:
                self.stats["verified"] += 1
                continue
            first_line = {form: min(r.line for r in items if r.form == form) for form in counts}
            reference = max(counts, key=lambda f: (counts[f], -first_line[f]))
            for r in items:
                if r.form == reference:
                    continue
                self.stats["contradicted"] += 1
                pair = by_line.get(r.line)
                ref_lines = sorted({x.line for x in items if x.form == reference})
                yield self.finding(
                    transcript,
                    pair.line if pair else r.line,
                    f"{person} is rendered '{r.form}' here but '{reference}' on line {ref_lines[0]}.",
                    evidence(pair, None, (r.start, r.start + len(r.form))) if pair else r.form,
                    end_line=r.line,
                    confidence=0.75,
                    suggestion=reference,
                    related=[(ln, transcript.line_text(ln)) for ln in ref_lines[:3]],
                )

    @staticmethod
    def _surname_chars(transcript: Transcript, found: list[Rendering]) -> dict[str, str]:
        """Roster person -> the Chinese surname character the file uses for them (learned, else table)."""
        learned: dict[str, Counter[str]] = defaultdict(Counter)
        for r in found:
            learned[r.person][r.form[0]] += 1
        out: dict[str, str] = {}
        for person in transcript.roster.persons:
            if learned.get(person.name):
                out[person.name] = learned[person.name].most_common(1)[0][0]
        return out

    def _genders(
        self, transcript: Transcript, pair: Pair, found: list[Rendering], surnames: dict[str, str]
    ) -> Iterator[Finding]:
        hons = _honorifics(transcript.words)
        zh = pair.zh
        full_forms = {r.form: r.person for r in found}
        for m in hons.zh.finditer(zh):
            before = zh[max(0, m.start() - 3) : m.start()]
            person_name = next((name for form, name in full_forms.items() if before.endswith(form)), None)
            if person_name is None and before:
                owners = sorted(name for name, char in surnames.items() if char == before[-1])
                person_name = owners[0] if len(owners) == 1 else None
            person = next((x for x in transcript.roster.persons if x.name == person_name), None)
            if person is None or person.gender is None:
                continue
            said = hons.gender[m.group(0)]
            if said == person.gender:
                self.stats["verified"] += 1
                continue
            self.stats["contradicted"] += 1
            right = hons.suggest["female" if person.gender == "female" else "male"]
            form = next((f for f, name in full_forms.items() if name == person.name and before.endswith(f)), "")
            start = m.start() - (len(form) or 1)
            # the title goes with the surname: 李女士 for Yi Li (李毅), never the given name (毅女士)
            surname = surnames.get(person.name) or (form[:1] if form else zh[max(0, m.start() - 1) : m.start()])
            yield self.finding(
                transcript,
                pair.line,
                f"The translation calls {person.name} '{m.group(0)}' ({said}), but the transcript establishes "
                f"{person.name} as {person.gender}.",
                evidence(pair, None, (max(0, start), m.end())),
                end_line=pair.translation_line,
                confidence=0.8,
                suggestion=f"{surname}{right}",
                related=[(ln, text) for ln, text in person.gender_evidence[:3]],
            )

    def _other_surname(self, transcript: Transcript, pair: Pair, surnames: dict[str, str]) -> Iterator[Finding]:
        """'Mr. Zao' (nobody on the call) rendered 趙先生 while the near name Zou is 鄒 in this file."""
        hons = _honorifics(transcript.words)
        words = transcript.words
        zh = pair.zh
        known = set(surnames.values())
        for m in hons.en.finditer(pair.en):
            name = m.group("name")
            if transcript.roster.find(name) is not None:
                continue
            near = sorted(
                (person, char)
                for person, char in surnames.items()
                if any(misheard(name.lower(), t) for t in name_tokens(person) if surname_chars(t, words))
            )
            if len(near) != 1:
                continue
            person, char = near[0]
            candidates = [h for h in hons.zh_after_char.finditer(zh) if h.group(1) not in known]
            if len(candidates) != 1:
                continue
            hon_zh = candidates[0]
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                pair.line,
                f"'{m.group(0)}' names nobody on the call and is rendered '{hon_zh.group(0)}', "
                f"a different surname from {person} ({char}), the nearest name.",
                evidence(pair, (m.start(), m.end()), (hon_zh.start(), hon_zh.end())),
                end_line=pair.translation_line,
                confidence=0.7,
                suggestion=f"{char}{hon_zh.group(0)[1:]} (if {person} is meant)",
            )
