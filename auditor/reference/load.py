"""Reading reference files, once per transcript, into the transcript's `references`.

Why here and not in a check: every reference check reads the same release; it is read once when
the transcript is parsed (and once per process for a release shared by a batch of calls). A file
that cannot be read, or that belongs to another call, becomes a `ReferenceProblem` with a
one-line reason: the audit of the transcript goes on without it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import AuditorError
from auditor.reference.document import Reference, ReferenceProblem, ReferenceSet
from auditor.reference.participants import read_list
from auditor.reference.vocabulary import vocabulary
from auditor.scan import COMPANION_SUFFIXES
from auditor.words import Words

if TYPE_CHECKING:
    from auditor.model import Transcript

MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: the names beside call.txt that the naming convention picks up: call.release.html, call.participants.txt
CONVENTION = COMPANION_SUFFIXES


def companions(transcript_path: str | os.PathLike[str]) -> list[Path]:
    """Reference files beside a transcript by the naming convention (`call.release.html`)."""
    path = Path(transcript_path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return [c for c in (path.with_name(f"{stem}.{tail}") for tail in CONVENTION) if c.is_file()]


def _decode(data: bytes, path: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AuditorError(f"{path}: not a text file in a known encoding")


def _read(path: str, words: Words) -> Reference:
    from auditor.reference.html import read_html
    from auditor.reference.pdf import read_pdf
    from auditor.reference.release import read_release
    from auditor.reference.text import read_text

    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise AuditorError(f"{path}: larger than {MAX_BYTES // 1_048_576} MB; not a release")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise AuditorError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise AuditorError(f"{path}: file is empty")
    low = path.lower()
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF") or low.endswith(".pdf"):
        raw = read_pdf(data, path)
    elif low.endswith(HTML_SUFFIXES) or head.startswith((b"<!doctype html", b"<html")):
        raw = read_html(data, path)
    else:
        if b"\x00" in data[:4096]:
            raise AuditorError(f"{path}: a binary file, neither HTML, text nor PDF")
        text = _decode(data, path)
        if _is_participant_list(text, low):
            doc = Reference(path, "participants")
            doc.participants = read_list(text, Path(path).name, vocabulary(words))
            if not doc.participants:
                raise AuditorError(f"{path}: no participant names found (one 'Name - Role' per line)")
            return doc
        raw = read_text(text, path)
    doc = read_release(raw, words)
    if not doc.facts and not doc.participants:
        unread = "; ".join(f"{t.name}: {t.reason}" for t in doc.unread_tables[:2])
        raise AuditorError(f"{path}: no figure of a known metric could be read" + (f" ({unread})" if unread else ""))
    return doc


def _is_participant_list(text: str, low_name: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    if "participant" in low_name:
        return True
    if not lines:
        return False
    short = sum(1 for line in lines if len(line) <= 80 and not any(ch.isdigit() for ch in line))
    return short >= 0.8 * len(lines)


@lru_cache(maxsize=32)
def _cached(path: str, stamp: tuple[int, int], words: Words) -> Reference | str:
    try:
        return _read(path, words)
    except AuditorError as exc:
        return str(exc)


def load_reference(path: str | os.PathLike[str], words: Words) -> Reference:
    """One reference file read (cached per process while the file is unchanged); AuditorError with a
    one-line message when it cannot be used."""
    text = os.fspath(path)
    try:
        st = os.stat(text)
    except OSError as exc:
        raise AuditorError(f"{text}: cannot be read ({exc.strerror or exc})") from None
    result = _cached(text, (st.st_mtime_ns, st.st_size), words)
    if isinstance(result, str):
        raise AuditorError(result)
    return result


def load_references(paths: Iterable[str | os.PathLike[str]], words: Words) -> ReferenceSet:
    found = ReferenceSet()
    seen: set[str] = set()
    for path in paths:
        key = os.path.abspath(os.fspath(path))
        if key in seen:
            continue
        seen.add(key)
        try:
            found.documents.append(load_reference(path, words))
        except AuditorError as exc:
            found.problems.append(ReferenceProblem(os.fspath(path), str(exc)))
    return found


def attach_references(transcript: Transcript, paths: Iterable[str | os.PathLike[str]]) -> None:
    """Read `paths` and the convention's companions of the transcript into `transcript.references`.

    A release for another quarter than the call's is set aside as a problem: comparing its figures
    with the call would report every figure.
    """
    from auditor.figures import build_model

    wanted = list(paths) + (companions(transcript.path) if os.path.isfile(transcript.path) else [])
    if not wanted:
        return
    refs = load_references(wanted, transcript.words)
    call = build_model(transcript).call
    kept = []
    for doc in refs.documents:
        p = doc.period
        if doc.kind == "release" and p.quarter and p.year and call.quarter and call.year and \
                (p.quarter, p.year) != (call.quarter, call.year):
            refs.problems.append(ReferenceProblem(
                doc.path, f"{doc.path}: the release is for {p.describe()} but the call for Q{call.quarter} "
                          f"{call.year}; not compared (is it this call's release?)"))
            continue
        kept.append(doc)
    refs.documents = kept
    transcript.references = refs
