"""Term checks: financial terms that speech recognition turned into ordinary, correctly spelt words.

"growth margin" for gross margin or "hearing ratio" for gearing ratio passes every spell checker,
so editors miss it. The known mis-hearings live in a data file (`auditor/data/terms.toml`), not in
code, so that a desk can extend the list without touching the checks.
"""

from __future__ import annotations

from .in_document_variant import InDocumentVariant
from .misrecognised import MisrecognisedTerm

CHECKS = (
    MisrecognisedTerm,
    InDocumentVariant,
)
