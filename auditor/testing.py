"""Helpers for testing a check on small inputs, for built-in checks and plugins alike.

Why: a check should be testable on the smallest text that shows its rule, such as one English
sentence and its translation, without writing a whole transcript around it.
"""

from __future__ import annotations

from auditor.check import Check
from auditor.config import Config
from auditor.findings import Finding
from auditor.nlp import annotate
from auditor.reader import parse_text


def transcript_text(english: list[str], chinese: list[str] | None = None) -> str:
    """A transcript of one Operator turn: each English paragraph, followed by its translation if given.

    English paragraphs stand on lines 2, 3, ... (or 3, 5, ... with translations on 4, 6, ...).
    """
    if chinese is None:
        return "Operator\n" + "".join(f"{e}\n" for e in english)
    if len(chinese) != len(english):
        raise ValueError("one translation per English paragraph")
    return "Operator\nOperator\n" + "".join(f"{e}\n{z}\n" for e, z in zip(english, chinese, strict=True))


def findings_of(check: type[Check], text: str, config: Config | None = None, name: str = "case.txt") -> list[Finding]:
    """The findings of one check on a transcript given as text (a crash is raised, not reported)."""
    config = config or Config()
    transcript = parse_text(text, name)
    transcript.words = config.words
    annotate(transcript)
    return list(check(config).run(transcript))


def pair_findings(check: type[Check], english: str, chinese: str, config: Config | None = None) -> list[Finding]:
    """The findings of a check on one English paragraph and its translation (lines 3 and 4)."""
    return findings_of(check, transcript_text([english], [chinese]), config)


__all__ = ["findings_of", "pair_findings", "transcript_text"]
