"""Boilerplate checks: the fixed phrases of a call compared with their standard forms.

Safe-harbor statements and operator scripts are read aloud from a template, so any deviation is a
transcription error, and some of them reverse the meaning ("You may not disconnect") or cite a law
that does not exist ("Private Securities Litigation Reform Act of 1985"). The standard forms live in
`auditor/data/boilerplate.toml`.
"""

from __future__ import annotations

from .deviation import BoilerplateDeviation

CHECKS = (
    BoilerplateDeviation,
)
