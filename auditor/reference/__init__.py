"""Reference documents: the earnings release and the participant list a call is checked against.

Why a package: an editor's strongest check is the company's own release, published the same day.
This package reads releases as they are published (HTML with lxml and pandas, plain text, PDF with
pypdf), interprets their tables (metric rows, period columns, scale and currency captions,
negatives in parentheses, per-share rows) and their prose (with the call's own figure model), and
reads participant lists. It is read once per transcript (`attach_references`, into
`transcript.references`); the checks of `checks/reference/` read `compare(transcript)`.

Modules: `document` (the model), `raw` (what a reader yields), `html`, `text`, `pdf` (readers),
`vocabulary` (reference.toml), `columns` and `tables` (table interpretation), `release` (facts from
tables and prose), `participants`, `load` (files, cache, naming convention) and `matching` (the
call's figures against the facts).
"""

from auditor.reference.document import (
    PERIODS,
    Fact,
    Participant,
    Reference,
    ReferenceProblem,
    ReferenceSet,
    ReleasePeriod,
    TableNote,
)
from auditor.reference.load import (
    attach_references,
    companions,
    load_reference,
    load_references,
)
from auditor.reference.matching import ChangeMatch, Comparison, Match, compare, rate_text, restate, same_value
from auditor.reference.vocabulary import Vocabulary, vocabulary
from auditor.scan import is_companion

__all__ = [
    "PERIODS",
    "ChangeMatch",
    "Comparison",
    "Fact",
    "Match",
    "Participant",
    "Reference",
    "ReferenceProblem",
    "ReferenceSet",
    "ReleasePeriod",
    "TableNote",
    "Vocabulary",
    "attach_references",
    "companions",
    "compare",
    "is_companion",
    "load_reference",
    "load_references",
    "rate_text",
    "restate",
    "same_value",
    "vocabulary",
]
