"""auditor: audit earnings-call transcripts (and their machine translations) before publishing.

The public model checks build on: `Transcript`, `Turn`, `Paragraph` (auditor.model), `Quantity`
(auditor.quantities), dates and periods (auditor.dates), the roster (auditor.roster), `Finding`
and `Severity` (auditor.findings) and the `Check` base class (auditor.registry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.findings import Finding, Related, Severity
from auditor.version import __version__

__all__ = ["__version__", "Finding", "Related", "Severity", "audit", "audit_text", "parse", "Report", "Check", "Config"]

if TYPE_CHECKING:
    from auditor.api import audit, audit_text, parse
    from auditor.config import Config
    from auditor.registry import Check
    from auditor.report import Report


def __getattr__(name: str) -> Any:
    """Heavy parts (pandas, spaCy) load only when used, so `import auditor` stays cheap."""
    if name in ("audit", "audit_text", "parse"):
        from auditor import api

        return getattr(api, name)
    if name == "Report":
        from auditor.report import Report

        return Report
    if name == "Check":
        from auditor.registry import Check

        return Check
    if name == "Config":
        from auditor.config import Config

        return Config
    raise AttributeError(name)
