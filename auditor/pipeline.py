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
from auditor.reader import NotATranscript, decode, parse_text, read_transcript
from auditor.registry import registry, select_checks
from auditor.runner import FileResult, run_checks

#: the translation's script each `language-pair` value fixes (None: detected from the text)
_SCRIPTS = {"en-zh-hans": "zh-Hans", "en-zh-hant": "zh-Hant"}


def apply_language_pair(transcript: Transcript, pair: str) -> Transcript:
    """Honour the configured language pair on a parsed transcript.

    "en": the desk publishes English only, so no line is a translation to check (every check that
    needs a translation is skipped). "en-zh-hans"/"en-zh-hant": the translation's script is the
    configured one instead of the one guessed from a sample of characters.
    """
    if pair == "en":
        transcript.target_lang = None
    elif transcript.target_lang is not None and pair in _SCRIPTS:
        transcript.target_lang = _SCRIPTS[pair]
    return transcript


def parse(path: str | os.PathLike[str], layout: str | None = None, model: str | None = None,
          config: Config | None = None, data: bytes | None = None) -> Transcript:
    """Read, parse and annotate one transcript (sentences split by spaCy) with the config's vocabulary.

    `data` gives the file's bytes when they were read elsewhere (standard input); `path` then only
    names the transcript in the report.
    """
    from auditor.reference import attach_references

    words = config.words if config is not None else None
    name = os.fspath(path)
    if data is not None:
        transcript = parse_text(decode(data, name), name, layout, words)
    else:
        transcript = read_transcript(name, layout, words=words)
    if config is not None:
        transcript.words = config.words
        apply_language_pair(transcript, config.language_pair)
    annotate(transcript, model)
    attach_references(transcript, config.references_for(os.fspath(path)) if config is not None else [])
    return transcript


def audit_transcript(transcript: Transcript, check_classes: Sequence[type[Check]], config: Config) -> FileResult:
    return run_checks(transcript, check_classes, config)


def checks_for_file(path: str | os.PathLike[str], check_ids: Sequence[str], config: Config) -> list[type[Check]]:
    """The checks to run on one file: `check_ids` less those `per-file-ignores` names for it."""
    ignored = config.ignores_for(path)
    if ignored:
        kept = {cls.id for cls in select_checks((), ignored)}
        check_ids = [cid for cid in check_ids if cid in kept]
    return [registry()[cid] for cid in check_ids]


def audit_file(
    path: str | os.PathLike[str],
    check_ids: Sequence[str],
    config: Config,
    layout: str | None = None,
    model: str | None = None,
    data: bytes | None = None,
) -> tuple[FileResult, Transcript | None]:
    """Audit one file; an unreadable file becomes a FileResult with `error` set, never an exception."""
    try:
        transcript = parse(path, layout, model, config, data)
        return audit_transcript(transcript, checks_for_file(path, check_ids, config), config), transcript
    except AuditorError as exc:
        kind = "not_transcript" if isinstance(exc, NotATranscript) else "input"
        return FileResult(file=os.fspath(path), error=str(exc), error_kind=kind), None
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop an archive, serial or parallel
        message = f"{os.fspath(path)}: internal error: {type(exc).__name__}: {exc}"
        return FileResult(file=os.fspath(path), error=message, error_kind="internal"), None

