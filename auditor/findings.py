"""Findings: what a check reports, in the one shape every report format reads.

A finding is a plain, immutable value so that checks, the ranker and the report formats agree on
it without sharing code. Line numbers are 1-based physical lines of the input file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a finding is if it is true. The weight drives ranking (translate-toolkit style)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def weight(self) -> float:
        return SEVERITY_WEIGHTS[self]

    @property
    def order(self) -> int:
        """0 for the most severe, so that sorting by it puts errors first."""
        return SEVERITY_ORDER[self]

    @property
    def label(self) -> str:
        """How reports name the level ("error", "warning", "info")."""
        return self.value

    @property
    def sarif_level(self) -> str:
        """The SARIF 2.1.0 `level` of this severity."""
        return {"error": "error", "warning": "warning", "info": "note"}[self.value]

    @property
    def github_command(self) -> str:
        """The GitHub Actions workflow command that annotates a line with this severity."""
        return {"error": "error", "warning": "warning", "info": "notice"}[self.value]

    def at_least(self, threshold: Severity) -> bool:
        """True when this severity is as severe as `threshold` or more."""
        return self.order <= threshold.order

    @classmethod
    def fail_levels(cls) -> tuple[str, ...]:
        """The values `--fail-on` accepts: every severity, most severe first, then 'never'."""
        return (*(s.value for s in sorted(cls, key=lambda s: s.order)), "never")

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


SEVERITY_WEIGHTS = {Severity.ERROR: 10.0, Severity.WARNING: 4.0, Severity.INFO: 1.0}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Related:
    """Another line that the finding contradicts or leans on ("June 30 on line 112")."""

    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one transcript, with everything an editor needs to judge it."""

    check: str
    severity: Severity
    confidence: float
    file: str
    line: int
    message: str
    evidence: str
    end_line: int | None = None
    speaker: str | None = None
    suggestion: str | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0..1, got {self.confidence}")
        if self.line < 1:
            raise ValueError(f"line numbers are 1-based, got {self.line}")

    @property
    def last_line(self) -> int:
        return self.end_line if self.end_line is not None else self.line

    def with_changes(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["end_line"] = self.last_line
        data["confidence"] = round(self.confidence, 3)
        data["related"] = [r.to_dict() for r in self.related]
        return data
