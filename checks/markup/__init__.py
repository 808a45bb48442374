"""Markup checks: unbalanced brackets, the transcriber's editorial markers and uncertain figures.

A transcript carries the transcriber's notes to the editor: "(inaudible)" where words are missing,
"[RMB2,349.2 million]" where a figure was not heard clearly, "[Jane Doe, Acme Capital]" where a name
was spelt by ear. They must be resolved before publication, so they are listed with their lines.
The marker vocabulary lives in `auditor/data/boilerplate.toml`.
"""

from __future__ import annotations

from .editorial_marker import EditorialMarker
from .unbalanced import UnbalancedBracket
from .uncertain_figure import UncertainFigure

CHECKS = (
    UnbalancedBracket,
    EditorialMarker,
    UncertainFigure,
)
