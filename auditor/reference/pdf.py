"""PDF releases: the text of each page laid out as printed (pypdf), then read as a text release.

Why pypdf: it is pure Python (no system library, installs everywhere the auditor does), actively
maintained, and its layout mode keeps the columns of a table where they are printed, so the
aligned-text reader (`auditor.reference.text`) reads a PDF table like a text one. A scanned PDF
(pictures of pages, no text) has nothing to read: that is a one-line error, not a guess.
"""

from __future__ import annotations

import io
import logging

from auditor.errors import AuditorError
from auditor.reference.raw import RawRelease
from auditor.reference.text import read_text

MAX_PAGES = 60


def read_pdf(data: bytes, path: str) -> RawRelease:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise AuditorError(f"{path}: reading PDF releases needs pypdf (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AuditorError(f"{path}: the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages[:MAX_PAGES]]
    except AuditorError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise AuditorError(f"{path}: not a readable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    text = "\n\n".join(pages)
    if len(text.split()) < 20:
        raise AuditorError(f"{path}: the PDF has no text layer (a scan?); use the HTML or text release")
    return read_text(text, path)
