"""The library API the CLI is a thin layer over, for notebooks and pipelines.

    >>> import auditor
    >>> report = auditor.audit(["call.txt"], checks=["dates"])
    >>> report.dataframe.head()          # ranked findings as a pandas DataFrame
    >>> report.transcript.turns[0]       # the parsed model

Problems that do not stop a run (no check left by --select/--ignore, a plugin that reuses a
built-in id, a file passed over because it is not a transcript) are `AuditorWarning`s: a notebook
sees them as warnings, the CLI prints each as one line on stderr.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

from auditor.baseline import Entry, in_scope
from auditor.batch import Source, audit_source, effective_jobs, parallel_outcomes, preload, source_name
from auditor.collector import resume_collector
from auditor.config import Config, load_config, split_patterns
from auditor.engines.outputs import PerFileReports, report_names
from auditor.engines.records import Collector, FileOutcome, RunContext, Totals
from auditor.errors import ConfigError, InputError
from auditor.model import Transcript
from auditor.nlp import annotate
from auditor.pipeline import apply_language_pair, audit_file, audit_transcript, checks_for_file, parse
from auditor.reader import parse_text
from auditor.registry import Check, known_pattern, select_checks
from auditor.report import Report, RuleInfo, build_report
from auditor.runner import FileResult
from auditor.scan import STDIN, Scan, scan_paths

__all__ = ["AuditorWarning", "SkippedFileWarning", "audit", "audit_file", "audit_text", "build_report", "expand_paths", "parse",
           "resolve_checks", "rule_infos"]


class AuditorWarning(UserWarning):
    """Something the user should know that does not stop the run."""


class SkippedFileWarning(AuditorWarning):
    """A readable file was passed over because it is not a transcript (`skip_non_transcripts`)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"skipped {reason}")
        self.file = file


def expand_paths(paths: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Files, directories (scanned for transcripts, see `auditor.scan`) and glob patterns, each once.

    Paths in `exclude` (what the run writes) are never taken. A named path that does not exist
    raises InputError.
    """
    return scan_paths(paths, skip=exclude).files


def resolve_checks(config: Config, checks: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> list[type[Check]]:
    """The checks a run uses; unknown names raise ConfigError, an empty selection warns."""
    select = list(split_patterns(list(checks))) if checks else list(config.select)
    skip = list(config.ignore) + list(split_patterns(list(ignore)))
    for pattern in select + skip:
        if not known_pattern(pattern):
            raise ConfigError(f"unknown check '{pattern}' (see 'auditor checks')")
    for check_id in config.severity:
        if not known_pattern(check_id):
            raise ConfigError(f"unknown check '{check_id}' in the severity overrides (see 'auditor checks')")
    for file_pattern, patterns in config.per_file_ignores:
        for pattern in patterns:
            if not known_pattern(pattern):
                raise ConfigError(f"unknown check '{pattern}' in per-file-ignores '{file_pattern}' (see 'auditor checks')")
    for plugin in shadowed_plugins():
        warnings.warn(f"plugin check {plugin} reuses a built-in id and is not run; give it its own id",
                      AuditorWarning, stacklevel=2)
    classes = select_checks(select, skip)
    if not classes:
        warnings.warn("no check is selected (--select/--ignore and the configuration leave nothing to run)",
                      AuditorWarning, stacklevel=2)
    return classes


@cache
def shadowed_plugins() -> tuple[str, ...]:
    """Plugin checks that the registry drops because a built-in check has their id."""
    from auditor.registry import builtin_checks, plugin_checks

    builtin = {cls.id: cls for cls in builtin_checks()}
    return tuple(f"{cls.__module__}.{cls.__qualname__} ({cls.id})"
                 for cls in plugin_checks() if cls.id in builtin and builtin[cls.id] is not cls)


def audit(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Scan,
    checks: Sequence[str] | None = None,
    config: Config | None = None,
    *,
    ignore: Sequence[str] = (),
    layout: str | None = None,
    model: str | None = None,
    jobs: int | None = 1,
    keep_transcripts: bool = True,
    baseline: list[Entry] | None = None,
    progress: Callable[[FileResult], None] | None = None,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
    skip: Iterable[str | os.PathLike[str]] = (),
    include: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    skip_non_transcripts: bool = False,
    per_file: PerFileReports | None = None,
    engine: str = "pool",
    scheduler: str | None = None,
) -> Report:
    """Audit transcripts and return one ranked Report.

    `checks` selects check ids, id prefixes ("dates") or groups; `config` defaults to the nearest
    auditor.toml / [tool.auditor]. With `jobs` > 1 (None: all cores) files are spread over a process
    pool of at most min(jobs, files, cores) workers (spaCy is loaded once per worker) and the parsed models are not
    kept. "-" among `paths` is the transcript given as `stdin` (bytes), named `stdin_name`.
    A named file that does not exist raises InputError, as the CLI reports it; a file that cannot
    be read is an error entry of the report. `skip_non_transcripts` passes over (with a warning)
    readable files that are not transcripts, as a pre-commit hook handed every .txt file needs.

    The run streams: each file's result is cut down to a compact record where it was audited, and
    `per_file` reports are written as each file completes (published when the run completes, see
    `auditor.engines.outputs`). `engine="dask"` runs on a Dask cluster (`scheduler` address, else a
    local one) and also reads fsspec URLs (`Scan.urls`).
    """
    if isinstance(paths, Scan):
        scan = paths
        config = config or load_config(start=_config_start(scan.files, stdin_name))
    else:
        paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
        config = config or load_config(start=_config_start(paths, stdin_name))
        scan = scan_paths(paths, include or config.include, exclude if exclude is not None else config.exclude, skip)
    if not scan.files and not scan.errors and not scan.urls:
        raise InputError("no input files (a folder is scanned for " + ", ".join(include or config.include) + ")")
    if any(str(f) == STDIN for f in scan.files) and stdin is None:
        raise InputError("'-' names standard input, but no input was given")
    if scan.urls and engine != "dask":
        raise InputError(f"{scan.urls[0]}: a URL input needs --engine dask (the process pool reads local files)")
    classes = resolve_checks(config, checks, ignore)
    check_ids = [c.id for c in classes]
    if model:
        from auditor.nlp import get_pipeline

        get_pipeline("en", model)  # fail once, here, before any worker starts, if it is not installed
    sources: list[Source] = [(stdin_name, stdin or b"") if str(f) == STDIN else f for f in scan.files]
    every_name = [source_name(s) for s in sources] + scan.urls
    rules = rule_infos(classes)
    context = RunContext(
        rules, tuple(in_scope(baseline, every_name)) if baseline is not None else None,
        per_file.render if per_file else None, per_file.folder if per_file else None, skip_non_transcripts)
    names = report_names(every_name + [path for path, _ in scan.errors], per_file.extension) if per_file else None
    collector = Collector()
    transcripts: dict[str, Transcript] = {}
    try:
        outcomes = iter_outcomes(sources, scan.urls, check_ids, config, layout, model, jobs, context, names,
                                 engine, scheduler, collector.totals)
        for outcome, transcript in outcomes:
            if progress is not None:
                progress(outcome.record)
            if outcome.skipped:
                warnings.warn(SkippedFileWarning(outcome.record.file, outcome.record.error or ""), stacklevel=2)
                continue
            collector.add(outcome)
            if transcript is not None and keep_transcripts:
                transcripts[outcome.record.file] = transcript
    except BaseException:
        if per_file is not None:
            per_file.folder.abort()  # a cancelled or failed run leaves no per-file report
        raise
    for path, message in scan.errors:
        collector.add_refused(path, message)
    in_run = in_scope(baseline, [r.file for r in collector.records]) if baseline is not None else None
    return collector.report(rules, transcripts, in_run)


def _config_start(paths: Iterable[str | os.PathLike[str]], stdin_name: str) -> Path:
    """Where the configuration search starts: the first named input (or the stdin file's name)."""
    named = [p for p in paths if os.fspath(p) != STDIN]
    return Path(named[0]) if named else Path(stdin_name)


def rule_infos(classes: Sequence[type[Check]]) -> dict[str, RuleInfo]:
    return {c.id: RuleInfo(c.id, c.summary(), c.severity, c.weight, c.doc(), c.aliases) for c in classes}


def audit_text(text: str, name: str = "<text>", checks: Sequence[str] | None = None, config: Config | None = None,
               layout: str | None = None) -> Report:
    """Audit a transcript given as a string (tests, notebooks)."""
    from auditor.reference import attach_references

    config = config or Config()
    transcript = parse_text(text, name, layout, config.words)
    transcript.words = config.words
    apply_language_pair(transcript, config.language_pair)
    annotate(transcript)
    attach_references(transcript, config.references_for(name))
    classes = resolve_checks(config, checks)
    run = checks_for_file(name, [c.id for c in classes], config)
    return Report.build([audit_transcript(transcript, run, config)], {name: transcript}, rule_infos(classes))


def iter_outcomes(
    sources: Sequence[Source], urls: Sequence[str], check_ids: Sequence[str], config: Config, layout: str | None,
    model: str | None, jobs: int | None, context: RunContext, names: Mapping[str, str] | None, engine: str,
    scheduler: str | None, totals: Totals,
) -> Iterator[tuple[FileOutcome, Transcript | None]]:
    """Outcomes in input order, their totals folded into `totals`: serial for one job, else a
    process pool (one spaCy per worker), or a Dask cluster."""
    if engine == "dask":
        resume_collector()  # this process loads nothing to freeze: the workers do
        try:
            from auditor.engines.dask_engine import dask_outcomes
        except ImportError as exc:
            raise ConfigError(f"--engine dask needs dask and distributed ({exc}): "
                              "pip install 'transcript-auditor[dask]'") from None
        for outcome in dask_outcomes([*sources, *urls], check_ids, config, layout, model, context, names,
                                     scheduler, totals, jobs):
            yield outcome, None
        return
    if engine != "pool":
        raise ConfigError(f"unknown engine {engine!r} (expected pool or dask)")
    if effective_jobs(jobs, len(sources)) <= 1:
        preload(model)  # what stays loaded is frozen out of the collector (once per process)
        for source in sources:
            outcome, transcript = audit_source(source, check_ids, config, layout, model, context,
                                               names.get(source_name(source)) if names else None)
            yield _folded(outcome, totals), transcript
        return
    for outcome in parallel_outcomes(sources, check_ids, config, layout, model, jobs, context, names):
        yield _folded(outcome, totals), None


def _folded(outcome: FileOutcome, totals: Totals) -> FileOutcome:
    """The outcome with its totals added into the run's (a reduction, one file at a time)."""
    if outcome.totals is not None:
        totals.merge(outcome.totals)
        outcome.totals = None
    return outcome
