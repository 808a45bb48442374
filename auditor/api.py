"""The library API the CLI is a thin layer over, for notebooks and pipelines.

    >>> import auditor
    >>> report = auditor.audit(["call.txt"], checks=["dates"])
    >>> report.dataframe.head()          # ranked findings as a pandas DataFrame
    >>> report.transcript.turns[0]       # the parsed model
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from auditor.baseline import Entry
from auditor.batch import parallel_results
from auditor.config import Config, load_config
from auditor.errors import ConfigError, InputError
from auditor.model import Transcript
from auditor.nlp import annotate
from auditor.pipeline import audit_file, audit_transcript, parse
from auditor.reader import parse_text
from auditor.reference import is_companion
from auditor.registry import Check, known_pattern, select_checks
from auditor.report import Report, RuleInfo
from auditor.runner import FileResult

__all__ = ["audit", "audit_file", "audit_text", "expand_paths", "parse", "resolve_checks", "rule_infos"]

INPUT_SUFFIXES = (".txt", ".json", ".md", ".text")


def expand_paths(paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Files, directories (searched recursively for transcripts) and glob patterns, in sorted order.

    Files found inside an `exclude` folder (e.g. the --output-dir of an earlier run) are skipped.
    """
    skip = [Path(e).resolve() for e in exclude]
    out: list[Path] = []
    for raw in paths:
        text = os.fspath(raw)
        p = Path(text)
        if p.is_dir():
            out.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES and not any(f.resolve().is_relative_to(e) for e in skip)
                and not is_companion(f)  # call.participants.txt is a reference of call.txt, not a transcript
            ))
        elif any(ch in text for ch in "*?[") and not p.exists():
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: no file matches this pattern")
            out.extend(m for m in matches if m.is_file())
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


def resolve_checks(config: Config, checks: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> list[type[Check]]:
    select = list(checks) if checks else list(config.select)
    skip = list(config.ignore) + list(ignore)
    for pattern in select + skip:
        if not known_pattern(pattern):
            raise ConfigError(f"unknown check '{pattern}' (see 'auditor checks')")
    for check_id in config.severity:
        if not known_pattern(check_id):
            raise ConfigError(f"unknown check '{check_id}' in the severity overrides (see 'auditor checks')")
    return select_checks(select, skip)


def audit(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    checks: Sequence[str] | None = None,
    config: Config | None = None,
    *,
    ignore: Sequence[str] = (),
    layout: str | None = None,
    model: str | None = None,
    jobs: int = 1,
    keep_transcripts: bool = True,
    baseline: list[Entry] | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> Report:
    """Audit transcripts and return one ranked Report.

    `checks` selects check ids, id prefixes ("dates") or groups; `config` defaults to the nearest
    auditor.toml / [tool.auditor]. With `jobs` > 1 files are spread over a process pool (spaCy is
    loaded once per worker) and the parsed models are not kept.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = expand_paths(paths)
    if not files:
        raise InputError("no input files")
    if config is None:
        config = load_config(start=files[0])
    classes = resolve_checks(config, checks, ignore)
    check_ids = [c.id for c in classes]
    if model:
        from auditor.nlp import get_pipeline

        get_pipeline("en", model)  # fail once, here, before any worker starts, if it is not installed
    results: list[FileResult] = []
    transcripts: dict[str, Transcript] = {}
    for result, transcript in iter_results(files, check_ids, config, layout, model, jobs):
        results.append(result)
        if progress is not None:
            progress(result)
        if transcript is not None and keep_transcripts:
            transcripts[result.file] = transcript
    return Report.build(results, transcripts, rule_infos(classes), baseline)


def rule_infos(classes: Sequence[type[Check]]) -> dict[str, RuleInfo]:
    return {c.id: RuleInfo(c.id, c.summary(), c.severity, c.weight, c.doc(), c.aliases) for c in classes}


def audit_text(text: str, name: str = "<text>", checks: Sequence[str] | None = None, config: Config | None = None,
               layout: str | None = None) -> Report:
    """Audit a transcript given as a string (tests, notebooks)."""
    from auditor.reference import attach_references

    config = config or Config()
    transcript = parse_text(text, name, layout)
    transcript.words = config.words
    annotate(transcript)
    attach_references(transcript, config.references_for(name))
    classes = resolve_checks(config, checks)
    return Report.build([audit_transcript(transcript, classes, config)], {name: transcript}, rule_infos(classes))


def iter_results(
    files: Sequence[Path], check_ids: Sequence[str], config: Config, layout: str | None, model: str | None, jobs: int
) -> Iterator[tuple[FileResult, Transcript | None]]:
    """Results in input order; serial for one job, else a process pool with one spaCy per worker."""
    if jobs <= 1 or len(files) <= 1:
        for f in files:
            yield audit_file(f, check_ids, config, layout, model)
        return
    for result in parallel_results(files, check_ids, config, layout, model, jobs):
        yield result, None
