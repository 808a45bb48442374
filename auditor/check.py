"""The base classes of a check. A check is a leaf: it reads the public model and yields findings.

Why bases that own the iteration: most checks look at one paragraph, or at one English line and
its translation, or at the whole transcript. The base walks the transcript, so a new check
implements one method and can be tested on one paragraph or on two strings
(`auditor.testing.pair_findings`). Checks never import one another; what several of them need is
computed once by the model (`auditor.model`, `auditor.pairs`, `auditor.figures`, `auditor.roster`).

A check declares (sqlfluff style) its stable `id`, `title`, default `severity`, ranking `weight`,
`groups`, and optionally `aliases` (former ids, so a rename breaks no baseline or configuration).
Its docstring (anti-pattern, best practice) is its documentation, shown by `auditor explain`.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from auditor.config import Config
from auditor.findings import Finding, Related, Severity
from auditor.textutil import quote

if TYPE_CHECKING:
    from auditor.model import Paragraph, Transcript
    from auditor.pairs import Pair


class Check:
    """Base of every check: subclasses set the class attributes and implement `run`."""

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    weight: ClassVar[float] = 1.0
    groups: ClassVar[tuple[str, ...]] = ()
    #: former ids of this check: still accepted by --select/--ignore, configuration and baselines
    aliases: ClassVar[tuple[str, ...]] = ()
    #: True when the check only makes sense on a bilingual transcript.
    needs_translation: ClassVar[bool] = False

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        #: Coverage counters (e.g. verified / contradicted / unchecked), summed into the report.
        self.stats: Counter[str] = Counter()

    def run(self, transcript: Transcript) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for implementations ---------------------------------------------------------

    def finding(
        self,
        transcript: Transcript,
        line: int,
        message: str,
        evidence: str,
        *,
        severity: Severity | str | None = None,
        confidence: float = 0.8,
        end_line: int | None = None,
        suggestion: str | None = None,
        related: Sequence[tuple[int, str]] | Sequence[Related] = (),
        speaker: str | None = None,
        check: str | None = None,
    ) -> Finding:
        """Build a finding with this check's id and severity, and the speaker of `line`."""
        rel = tuple(r if isinstance(r, Related) else Related(int(r[0]), quote(r[1], 160)) for r in related)
        return Finding(
            check=check or self.id,
            severity=Severity.parse(severity) if severity is not None else self.severity,
            confidence=max(0.0, min(1.0, confidence)),
            file=transcript.path,
            line=line,
            end_line=end_line if end_line is not None and end_line != line else None,
            speaker=speaker if speaker is not None else transcript.speaker_at(line),
            message=message,
            evidence=quote(evidence, 400),
            suggestion=suggestion,
            related=tuple(sorted(set(rel), key=lambda r: (r.line, r.text))),
        )

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").strip()

    @classmethod
    def summary(cls) -> str:
        return cls.title or (cls.doc().splitlines() or [cls.id])[0]


class TranscriptCheck(Check):
    """A check that needs the whole transcript at once (comparisons across paragraphs, the roster)."""

    def run(self, transcript: Transcript) -> Iterable[Finding]:
        return self.check_transcript(transcript)

    def check_transcript(self, transcript: Transcript) -> Iterable[Finding]:
        raise NotImplementedError


class ParagraphCheck(Check):
    """A check of one paragraph at a time, with its sentences, quantities, dates and periods."""

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for paragraph in transcript.paragraphs:
            yield from self.check_paragraph(paragraph, transcript)

    def check_paragraph(self, paragraph: Paragraph, transcript: Transcript) -> Iterable[Finding]:
        raise NotImplementedError


class PairCheck(Check):
    """A check of one English line against its Chinese translation line (figures matched once).

    Only pairs whose translation is written in Chinese are visited, unless the check sets
    `include_untranslated` (the check that reports untranslated lines does).
    """

    needs_translation: ClassVar[bool] = True
    include_untranslated: ClassVar[bool] = False

    def run(self, transcript: Transcript) -> Iterator[Finding]:
        for pair in transcript.pairs:
            if pair.is_translated or self.include_untranslated:
                yield from self.check_pair(pair, transcript)

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterable[Finding]:
        raise NotImplementedError
