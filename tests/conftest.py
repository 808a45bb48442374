"""Shared fixtures: audit a transcript given as text, with chosen checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.api import audit_text
from auditor.config import Config
from auditor.report import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_audit(text: str, checks: list[str] | None = None, layout: str | None = None, name: str = "case.txt",
              config: Config | None = None) -> Report:
    return audit_text(text, name=name, checks=checks, layout=layout, config=config)


@pytest.fixture
def audit_string():
    return run_audit


ENGLISH_TEXT = """Operator
Good morning and welcome to the Corvid Mining first quarter call.
Ada Pell - Chief Executive Officer
As of June 30, 2025, we operated four mines and held US$41.5 million in cash.
"""
