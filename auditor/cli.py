"""Command-line interface (click): a thin layer over `auditor.api`.

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage or input error. The report
goes to stdout (or --output); messages go to stderr, one line each, never a traceback.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path

import click

from auditor.errors import AuditorError
from auditor.findings import Severity

FORMAT_NAMES = ("markdown", "json", "csv", "sarif", "github", "html")
EXTENSIONS = {"markdown": "md", "json": "json", "csv": "csv", "sarif": "sarif", "github": "txt", "html": "html"}


def _fail(message: str) -> None:
    click.echo(f"auditor: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="transcript-auditor", prog_name="auditor")
def cli() -> None:
    """Audit earnings-call transcripts for contradictions before they are published."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="markdown", show_default=True,
              help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
@click.option("--fail-on", type=click.Choice(Severity.fail_levels()), default=None,
              help="Exit 1 when a finding is at or above this severity (default from config, else error).")
@click.option("--select", multiple=True, help="Run only these checks (id, id prefix or group); repeatable.")
@click.option("--ignore", multiple=True, help="Skip these checks (id, id prefix or group); repeatable.")
@click.option("--layout", type=click.Choice(["bilingual", "english", "json"]), default=None,
              help="Force the input layout instead of detecting it.")
@click.option("--model", default=None, help="An installed trained spaCy pipeline to use for English (optional).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Configuration file (default: nearest auditor.toml or pyproject.toml [tool.auditor]).")
@click.option("--jobs", "-j", type=int, default=None, help="Worker processes for many files (default: all cores).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Hide the accepted findings recorded in this baseline file; report stale entries.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings as accepted in this file (keeps reasons of matching entries).")
@click.option("--output-dir", type=click.Path(file_okay=False), default=None,
              help="Also write one report per input file into this directory.")
@click.option("--reference", "references", multiple=True, type=click.Path(dir_okay=False),
              help="An earnings release (HTML, text, PDF) or participant list to check the call against; repeatable.")
def audit(paths: tuple[str, ...], fmt: str, output: str | None, fail_on: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], layout: str | None, model: str | None, config_path: str | None,
          jobs: int | None, baseline_path: str | None, write_baseline_path: str | None,
          output_dir: str | None, references: tuple[str, ...] = ()) -> None:
    """Audit transcript files (or directories, or glob patterns) and print a ranked report."""
    try:
        _audit(paths, fmt, output, fail_on, select, ignore, layout, model, config_path, jobs, baseline_path,
               write_baseline_path, output_dir, references)
    except AuditorError as exc:
        _fail(str(exc))


def _audit(paths: tuple[str, ...], fmt: str, output: str | None, fail_on: str | None, select: tuple[str, ...],
           ignore: tuple[str, ...], layout: str | None, model: str | None, config_path: str | None,
           jobs: int | None, baseline_path: str | None, write_baseline_path: str | None,
           output_dir: str | None, references: tuple[str, ...] = ()) -> None:
    from dataclasses import replace

    from auditor.api import audit as run_audit
    from auditor.api import expand_paths
    from auditor.atomic import write_atomic
    from auditor.baseline import build_baseline, load_baseline
    from auditor.batch import default_jobs
    from auditor.config import load_config
    from auditor.report import Report

    render = import_module("auditor.reports").render  # by name: the core never imports a format statically

    files = expand_paths(paths, exclude=[output_dir] if output_dir else [])
    if not files:
        raise AuditorError("no input files")
    _refuse_to_overwrite_inputs(files, output, write_baseline_path, output_dir)
    config = load_config(Path(config_path)) if config_path else load_config(start=files[0])
    if references:
        config = replace(config, reference=(*config.reference, ("*", tuple(Path(r).resolve() for r in references))))
    baseline = load_baseline(baseline_path) if baseline_path else None
    workers = jobs if jobs is not None else min(default_jobs(), len(files))
    if workers < 1:
        raise AuditorError("--jobs must be at least 1")
    bar = None
    if len(files) > 1 and sys.stderr.isatty():
        bar = click.progressbar(length=len(files), label="auditing", file=sys.stderr)
        bar.__enter__()
    try:
        report = run_audit(files, checks=list(select) or None, config=config, ignore=ignore, layout=layout,
                           model=model, jobs=workers, keep_transcripts=False, baseline=baseline,
                           progress=(lambda _r: bar.update(1)) if bar is not None else None)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for _file, message in report.errors:
        click.echo(f"auditor: error: {message}", err=True)
    for message in dict.fromkeys(f.message for f in report.findings if f.check == "reference.unusable"):
        click.echo(f"auditor: error: {message}", err=True)  # the audit went on without that reference
    if len(report.errors) == len(report.results):
        sys.exit(2)
    if write_baseline_path:
        previous = load_baseline(write_baseline_path) if Path(write_baseline_path).exists() else None
        # every finding the checks produced: not only those left after --baseline and de-duplication
        everything = [f for r in report.results for f in r.findings]
        text = build_baseline(everything, previous)
        write_atomic(write_baseline_path, text)
        count = text.count('"fingerprint"')
        click.echo(f"auditor: wrote {count} accepted finding(s) to {write_baseline_path}", err=True)
        sys.exit(2 if report.errors else 0)
    if report.baseline is not None:
        for entry in report.baseline.stale:
            click.echo(f"auditor: baseline entry {entry.fingerprint} ({entry.check}, {entry.file}) no longer "
                       "matches any finding", err=True)
    if output_dir:
        names = _per_file_names([r.file for r in report.results], EXTENSIONS[fmt])
        for result in report.results:
            if result.error:
                continue
            single = Report.build([result], rules=report.rules, baseline=baseline)
            write_atomic(Path(output_dir) / names[result.file], render(single, fmt))
    text = render(report, fmt)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code(fail_on or config.fail_on))


def _per_file_names(files: list[str], extension: str) -> dict[str, str]:
    """Report names for per-file output: the file's name, made unique by its folders, then a counter."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    stems = [Path(f).stem for f in files]
    for f, stem in zip(files, stems, strict=True):
        base = stem if stems.count(stem) == 1 else "__".join(Path(f).parts).replace(".", "_").lstrip("_/")
        name, n = f"{base}.{extension}", 2
        while name in taken:
            name, n = f"{base}-{n}.{extension}", n + 1
        taken.add(name)
        names[f] = name
    return names


def _refuse_to_overwrite_inputs(files: list[Path], output: str | None, baseline: str | None, output_dir: str | None) -> None:
    """The input transcripts are only ever read: no report or baseline may be written over one."""
    inputs = {f.resolve() for f in files}
    for target in (output, baseline):
        if target and Path(target).resolve() in inputs:
            raise AuditorError(f"{target}: is an input file; the auditor never writes over its input")
    if output_dir and any(f.parent == Path(output_dir).resolve() for f in inputs):
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
    """Show the documentation of one check."""
    from auditor.registry import registry

    cls = registry().get(check)
    if cls is None:
        _fail(f"unknown check '{check}' (see 'auditor checks')")
        return
    click.echo(f"{cls.id}: {cls.summary()}")
    click.echo(f"default severity: {cls.severity.value}; weight: {cls.weight}; groups: {', '.join(cls.groups) or '-'}")
    click.echo("")
    click.echo(cls.doc())


def main() -> None:
    try:
        cli(standalone_mode=True)
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
