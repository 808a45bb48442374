"""One file through the pipeline: read, parse and annotate it once, run the checks, never raise.

Why a module of its own: the library API (serial runs) and the batch workers (process pool) both
audit one file at a time. Both import this module; neither imports the other.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from auditor.check import Check
from auditor.config import Config
from auditor.errors import AuditorError
from auditor.model import Transcript
from auditor.nlp import annotate
from auditor.reader import read_transcript
from auditor.registry import registry
from auditor.runner import FileResult, run_checks


def parse(path: str | os.PathLike[str], layout: str | None = None, model: str | None = None,
          config: Config | None = None) -> Transcript:
    """Read, parse and annotate one transcript (sentences split by spaCy) with the config's vocabulary."""
    from auditor.reference import attach_references

    transcript = read_transcript(os.fspath(path), layout)
    if config is not None:
        transcript.words = config.words
    annotate(transcript, model)
    attach_references(transcript, config.references_for(os.fspath(path)) if config is not None else [])
    return transcript


def audit_transcript(transcript: Transcript, check_classes: Sequence[type[Check]], config: Config) -> FileResult:
    return run_checks(transcript, check_classes, config)


def audit_file(
    path: str | os.PathLike[str],
    check_ids: Sequence[str],
    config: Config,
    layout: str | None = None,
    model: str | None = None,
) -> tuple[FileResult, Transcript | None]:
    """Audit one file; an unreadable file becomes a FileResult with `error` set, never an exception."""
    try:
        transcript = parse(path, layout, model, config)
        classes = [registry()[cid] for cid in check_ids]
        return audit_transcript(transcript, classes, config), transcript
    except AuditorError as exc:
        return FileResult(file=os.fspath(path), error=str(exc)), None
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop an archive, serial or parallel
        return FileResult(file=os.fspath(path), error=f"{os.fspath(path)}: internal error: {type(exc).__name__}: {exc}"), None
