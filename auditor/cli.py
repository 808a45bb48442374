"""Command-line interface (click): a thin layer over `auditor.api`.

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or input error, 130 cancelled
by SIGINT (Ctrl-C), 143 cancelled by SIGTERM. The report goes to stdout (or --output); messages go
to stderr, one line each, never a traceback. A cancelled run stops its workers and writes nothing.
"""

from __future__ import annotations

import os
import signal
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from auditor.collector import pause_collector
from auditor.errors import AuditorError
from auditor.findings import Severity

FORMAT_NAMES: tuple[str, ...] = ("markdown", "json", "csv", "sarif", "github", "html", "concise")
EXTENSIONS = {"markdown": "md", "json": "json", "csv": "csv", "sarif": "sarif", "github": "txt", "html": "html",
              "concise": "txt"}

#: "-" as a path: standard input (an input) or standard output (--output)
STDIO = "-"


def _fail(message: str) -> None:
    click.echo(f"auditor: error: {message}", err=True)
    sys.exit(2)


class Cancelled(BaseException):
    """SIGINT or SIGTERM arrived: unwind (the worker pool is terminated on the way) and exit 128+N.

    A BaseException, so that no `except Exception` on the way (a file's isolation) swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.code = 128 + signum


def _raise_cancelled(signum: int, _frame: FrameType | None) -> None:
    raise Cancelled(signum)


#: set by `main` (the installed command): a cancelled run then ends by `os._exit`; in-process callers
#: (click's test runner, an embedding program) get an ordinary SystemExit
_OWN_PROCESS = False


def _exit_cancelled(message: str, code: int) -> NoReturn:
    """Say why and end the cancelled run with `code`, at once when this is the command's own process.

    Why `os._exit`: a pool worker killed while it was sending back a result leaves the executor's
    manager thread waiting forever for the rest of that message (a limit of ProcessPoolExecutor),
    and a normal interpreter exit joins that thread, so a cancelled run could hang instead of
    exiting (once in about 100 cancellations under load, twice in 8 runs of the cancel test). Everything a cancelled run must settle
    is settled when we get here: workers are killed and partial outputs removed on the way up (in
    `finally` blocks); only the streams are left to flush.
    """
    click.echo(message, err=True)
    if not _OWN_PROCESS:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with suppress(Exception):
            stream.flush()
    os._exit(code)


@contextmanager
def _cancellable() -> Iterator[None]:
    """SIGINT and SIGTERM become `Cancelled` for the duration (main thread only, as signals are)."""
    sigs = (signal.SIGINT, signal.SIGTERM)
    try:
        previous = {s: signal.signal(s, _raise_cancelled) for s in sigs}
    except ValueError:  # not the main thread: leave the handlers alone
        yield
        return
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while outputs are written, so that none is left half written."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, sigs)  # a held signal is delivered now


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="transcript-auditor", prog_name="auditor")
def cli() -> None:
    """Audit earnings-call transcripts for contradictions before they are published."""


@dataclass(frozen=True)
class Options:
    """The options of `auditor audit`, as click parsed them."""

    paths: tuple[str, ...]
    fmt: str
    output: str | None
    fail_on: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    layout: str | None
    model: str | None
    config_path: str | None
    jobs: int | None
    baseline_path: str | None
    write_baseline_path: str | None
    output_dir: str | None
    stdin_filename: str | None
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    exit_zero: bool
    statistics: bool
    quiet: bool
    no_progress: bool
    skip_non_transcripts: bool
    references: tuple[str, ...] = ()
    engine: str = "pool"
    scheduler: str | None = None


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="markdown", show_default=True,
              help="Report format.")
@click.option("--output", "-o", help="Write the report to this file (atomically); '-' is stdout.")
@click.option("--fail-on", type=click.Choice(Severity.fail_levels()), default=None,
              help="Exit 1 when a finding is at or above this severity (default from config, else error).")
@click.option("--select", multiple=True, help="Run only these checks (id, id prefix or group); repeatable or comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these checks (id, id prefix or group); repeatable or comma-separated.")
@click.option("--layout", type=click.Choice(["bilingual", "english", "json"]), default=None,
              help="Force the input layout instead of detecting it.")
@click.option("--model", default=None, help="An installed trained spaCy pipeline to use for English (optional).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Configuration file (default: nearest auditor.toml or pyproject.toml [tool.auditor]).")
@click.option("--jobs", "-j", type=int, default=None,
              help="Worker processes for many files: at most min(N, files, cores) are started (default: all cores).")
@click.option("--baseline", "baseline_path", default=None,
              help="Hide the accepted findings recorded in this baseline file; report stale entries.")
@click.option("--write-baseline", "write_baseline_path", default=None,
              help="Record today's findings as accepted in this file (keeps reasons of matching entries).")
@click.option("--output-dir", default=None, help="Also write one report per input file into this directory.")
@click.option("--stdin-filename", default=None, help="The name of the transcript read from '-' (stdin), for the report.")
@click.option("--include", multiple=True, help="File pattern a directory scan audits (default *.txt, *.json); repeatable.")
@click.option("--exclude", multiple=True, help="File or folder pattern a directory scan skips; repeatable.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are at or above --fail-on (errors still exit 2).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per check instead of the report.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the report and errors: no warnings, notes or progress.")
@click.option("--no-progress", is_flag=True, help="Never show the progress bar.")
@click.option("--reference", "references", multiple=True, type=click.Path(dir_okay=False),
              help="An earnings release (HTML, text, PDF) or participant list to check the call against; repeatable.")
@click.option("--skip-non-transcripts", is_flag=True,
              help="Pass over readable files that are not transcripts (a hook handed every .txt file).")
@click.option("--engine", type=click.Choice(["pool", "dask"]), default="pool", show_default=True,
              help="pool: worker processes on this machine; dask: a Dask cluster (inputs may be fsspec URLs).")
@click.option("--scheduler", default=None,
              help="With --engine dask: the scheduler's address (tcp://host:8786); default a local cluster.")
def audit(**kwargs: Any) -> None:
    """Audit transcript files (or directories, or glob patterns; '-' is stdin) and print a ranked report."""
    options = Options(**kwargs)
    try:
        with _cancellable():
            _audit(options)
    except Cancelled as exc:
        _exit_cancelled(f"auditor: cancelled by {exc}; no report written", exc.code)
    except AuditorError as exc:
        _fail(str(exc))


def _audit(o: Options) -> None:
    from dataclasses import replace

    from auditor.api import AuditorWarning, SkippedFileWarning
    from auditor.api import audit as run_audit
    from auditor.atomic import check_writable
    from auditor.baseline import load_baseline
    from auditor.config import load_config
    from auditor.engines.outputs import PerFileReports, report_folder
    from auditor.scan import is_url, scan_paths

    if o.jobs is not None and o.jobs < 1:
        raise AuditorError("--jobs must be at least 1")
    if o.scheduler and o.engine != "dask":
        raise AuditorError("--scheduler needs --engine dask")
    if STDIO in o.paths and sys.stdin is None:
        raise AuditorError("'-' names standard input, but there is none")
    stdin_name = o.stdin_filename or "<stdin>"
    named = [p for p in o.paths if p != STDIO]
    start = Path(named[0]) if named and not is_url(named[0]) else Path(stdin_name)
    config = load_config(Path(o.config_path)) if o.config_path else load_config(start=start)
    if o.references:
        config = replace(config, reference=(*config.reference, ("*", tuple(Path(r).resolve() for r in o.references))))
    writes = [p for p in (o.output, o.write_baseline_path) if p and p != STDIO]
    for target in writes:
        check_writable(target)
    if o.output_dir and not is_url(o.output_dir):
        check_writable(o.output_dir, folder=True)
    skip = [*writes, *(p for p in (o.baseline_path, o.output_dir) if p and not is_url(p))]
    scan = scan_paths(o.paths, o.include or config.include, o.exclude or config.exclude, skip)
    if not scan.files and not scan.errors and not scan.urls:
        raise AuditorError("no input files (a folder is scanned for " + ", ".join(o.include or config.include) + ")")
    _refuse_to_overwrite_inputs(scan.files, o.output, o.write_baseline_path, o.output_dir)
    baseline = load_baseline(o.baseline_path) if o.baseline_path else None
    stdin = _read_stdin() if any(str(f) == STDIO for f in scan.files) else None
    per_file = None
    if o.output_dir and not o.write_baseline_path:  # a run that writes a baseline writes no report
        render = partial(import_module("auditor.reports").render, name=o.fmt)  # by name: see reports/
        per_file = PerFileReports(report_folder(o.output_dir), render, EXTENSIONS[o.fmt])
    count = len(scan.files) + len(scan.urls)
    bar = None
    if count > 1 and sys.stderr.isatty() and not (o.quiet or o.no_progress):
        bar = click.progressbar(length=count, label="auditing", file=sys.stderr)
        bar.__enter__()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", AuditorWarning)
            try:
                report = run_audit(scan, checks=list(o.select) or None, config=config, ignore=o.ignore, layout=o.layout,
                                   model=o.model, jobs=o.jobs, keep_transcripts=False, baseline=baseline,
                                   progress=(lambda _r: bar.update(1)) if bar is not None else None,
                                   stdin=stdin, stdin_name=stdin_name, skip_non_transcripts=o.skip_non_transcripts,
                                   per_file=per_file, engine=o.engine, scheduler=o.scheduler)
            finally:
                if bar is not None:
                    bar.__exit__(None, None, None)
        if not o.quiet:
            _print_warnings([w.message for w in caught if isinstance(w.message, AuditorWarning)], SkippedFileWarning)
        for _file, message in report.errors:
            click.echo(f"auditor: error: {message}", err=True)
        for message in dict.fromkeys(f.message for f in report.findings if f.check == "reference.unusable"):
            click.echo(f"auditor: error: {message}", err=True)  # the audit went on without that reference
        if report.results and len(report.errors) == len(report.results):
            sys.exit(2)
        with _signals_deferred():
            code = _write_outputs(o, report, config.fail_on, per_file)
    finally:
        if per_file is not None:
            per_file.folder.abort()  # nothing left to publish after success; after a cancel, nothing published
    sys.exit(code)


def _read_stdin() -> bytes:
    """Standard input's bytes, at most the size limit plus one (the reader refuses more)."""
    from auditor.reader import read_at_most

    return read_at_most(sys.stdin.buffer)


def _print_warnings(messages: list[Warning], skipped_type: type[Warning]) -> None:
    """Each warning as one line; the files a hook passed over as one line, not one per file."""
    skipped = [str(getattr(m, "file", "")) for m in messages if isinstance(m, skipped_type)]
    for message in messages:
        if not isinstance(message, skipped_type):
            click.echo(f"auditor: warning: {message}", err=True)
    if skipped:
        shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        click.echo(f"auditor: skipped {len(skipped)} file(s) that are not transcripts: {shown}", err=True)


def _write_outputs(o: Options, report: Any, default_fail_on: str, per_file: Any) -> int:
    """Write the baseline, publish the per-file reports (written as each file completed), write the
    report; return the exit code (from the run's reduced totals)."""
    from auditor.atomic import write_atomic
    from auditor.baseline import build_baseline, load_baseline

    if o.write_baseline_path:
        target = Path(o.write_baseline_path)
        previous = load_baseline(target, legacy=True) if target.exists() else None
        # every finding the checks produced: not only those left after --baseline and de-duplication
        everything = [f for r in report.results for f in r.findings]
        text = build_baseline(everything, previous)
        write_atomic(target, text)
        count = text.count('"fingerprint"')
        if not o.quiet:
            click.echo(f"auditor: wrote {count} accepted finding(s) to {target}", err=True)
        return 2 if report.errors else 0
    if report.baseline is not None and report.baseline.stale and not o.quiet:
        click.echo(f"auditor: {len(report.baseline.stale)} baseline entr(ies) no longer match any finding "
                   "(listed in the report); re-write the baseline to drop them", err=True)
    if per_file is not None:
        per_file.folder.publish()
    text = _render(report, o.fmt, o.output in (None, STDIO))
    if o.output and o.output != STDIO:
        write_atomic(o.output, text)
    if o.statistics:
        click.echo(_statistics(report), nl=False)
    elif o.output in (None, STDIO):
        click.echo(text, nl=False)
    if o.exit_zero and not report.errors:
        return 0
    return int(report.totals.exit_code(o.fail_on or default_fail_on))


def _render(report: Any, fmt: str, to_stdout: bool) -> str:
    """The report text; the concise format is coloured on a terminal unless NO_COLOR is set."""
    if fmt == "concise" and to_stdout and sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        concise: Any = import_module("auditor.reports.concise")
        return str(concise.render(report, color=True))
    return str(import_module("auditor.reports").render(report, fmt))


def _statistics(report: Any) -> str:
    """Findings per check, most frequent first (ruff's --statistics)."""
    from collections import Counter

    counts = Counter((f.check, f.severity.label) for f in report.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    lines = []
    for (check, level), n in rows:
        title = report.rules[check].title if check in report.rules else ""
        lines.append(f"{n:>{width}}  {check:<32} {level:<8} {title}".rstrip())
    lines.append(f"{len(report.findings)} finding(s) in {len(report.results) - len(report.errors)} file(s)")
    return "\n".join(lines) + "\n"


def _refuse_to_overwrite_inputs(files: list[Path], output: str | None, baseline: str | None, output_dir: str | None) -> None:
    """The input transcripts are only ever read: no report or baseline may be written over one."""
    inputs = {Path(os.path.realpath(f)) for f in files if str(f) != STDIO}
    for target in (output, baseline):
        if target and target != STDIO and Path(os.path.realpath(target)) in inputs:
            raise AuditorError(f"{target}: is an input file; the auditor never writes over its input")
    if output_dir and any(f.parent == Path(os.path.realpath(output_dir)) for f in inputs):
        raise AuditorError(f"{output_dir}: holds input files; choose another --output-dir")


@cli.command(name="checks")
def list_checks() -> None:
    """List the available checks: id, default severity and title."""
    from tabulate import tabulate

    from auditor.registry import registry

    rows = [[cid, cls.severity.value, ", ".join(cls.groups), cls.summary()] for cid, cls in registry().items()]
    click.echo(tabulate(rows, headers=["check", "severity", "groups", "title"], tablefmt="github"))


@cli.command()
@click.argument("check")
def explain(check: str) -> None:
    """Show the documentation of a check, or of every check of a family or group ("dates")."""
    from auditor.registry import registry, select_checks

    exact = registry().get(check)
    classes = [exact] if exact is not None else select_checks([check]) if check.strip(". ") else []
    if not classes:
        _fail(f"unknown check '{check}' (see 'auditor checks')")
        return
    for i, cls in enumerate(classes):
        if i:
            click.echo("\n" + "-" * 72 + "\n")
        click.echo(f"{cls.id}: {cls.summary()}")
        click.echo(f"default severity: {cls.severity.value}; weight: {cls.weight}; groups: {', '.join(cls.groups) or '-'}")
        click.echo("")
        click.echo(cls.doc())


def main() -> None:
    global _OWN_PROCESS
    _OWN_PROCESS = True
    pause_collector()  # until what a run loads is frozen (batch.preload), or for a short command
    try:
        cli(standalone_mode=True)
    except Cancelled as exc:
        _exit_cancelled(f"auditor: cancelled by {exc}", exc.code)
    except KeyboardInterrupt:
        click.echo("auditor: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - a one-line message, never a traceback
        if os.environ.get("AUDITOR_DEBUG"):
            raise
        click.echo(f"auditor: internal error: {type(exc).__name__}: {exc} (set AUDITOR_DEBUG=1 for details)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
