"""Streaming batches: bounded memory, per-file reports as files complete, identical reports whatever --jobs.

Why these tests: an archive of 100k calls must not cost memory in proportion to its size, and the
combined report must not depend on how the work was spread (byte for byte). The memory test runs
in a subprocess (a clean heap, spaCy preloaded before tracing starts) on generated archives of N
and 4N small files; its bound is per added file, far below what a full result costs.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import auditor
from auditor.cli import cli
from auditor.engines.outputs import STAGING_PREFIX, LocalFolder, report_names
from auditor.engines.records import Totals
from auditor.runner import FileResult
from tests.archives import invoke, make_archive, outputs, sample_archive
from tests.conftest import ROOT


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return sample_archive(tmp_path)


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_reports_are_byte_identical_for_jobs_1_and_2(archive: Path, tmp_path: Path, fmt: str):
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = invoke("audit", str(archive), "--format", fmt, "--jobs", jobs, "-o", str(out / "all"),
                        "--output-dir", str(out / "per"))
        assert result.exit_code == 2  # broken.txt
        runs[jobs] = outputs(out)
    assert runs["1"] == runs["2"]
    names = sorted(runs["1"])
    # one report per audited file, the repeated stem made unique by its folders; none staged left over
    assert len([n for n in names if n.startswith("per/")]) == 6
    assert not [n for n in names if STAGING_PREFIX in n]


def test_per_file_reports_are_written_as_files_complete(archive: Path, tmp_path: Path):
    """By the time the second file's outcome reaches the parent, the first file's report exists
    (staged); nothing is in the output folder itself until the run completes."""
    per_file_dir = tmp_path / "per"
    from functools import partial

    from auditor.reports import render

    from auditor.engines.outputs import PerFileReports

    folder = LocalFolder(per_file_dir)
    staged_counts: list[int] = []

    def progress(_record: FileResult) -> None:
        staged_counts.append(len(list(folder.staging.glob("*.md"))) if folder.staging.exists() else 0)
        assert not [p for p in per_file_dir.glob("*.md")], "published before the run completed"

    auditor.audit(archive, jobs=1, progress=progress, per_file=PerFileReports(folder, partial(render, name="markdown"), "md"))
    assert staged_counts == [0, 1, 2, 3, 4, 5, 6]  # broken.txt first (no report), then one per file as it completed
    folder.publish()
    assert len(list(per_file_dir.glob("*.md"))) == 6 and not folder.staging.exists()


def test_a_serial_run_keeps_no_full_result(tmp_path: Path):
    """Only compact records (no coverage counters, no weights) outlive the file that made them."""
    folder = make_archive(tmp_path / "calls", 6)
    alive: list[int] = []

    def progress(_record: FileResult) -> None:
        gc.collect()
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, FileResult) and (o.weights or o.stats)))

    report = auditor.audit(folder, jobs=1, keep_transcripts=False, progress=progress)
    assert len(alive) == 6 and max(alive) <= 1, alive
    assert report.coverage(), "coverage still reaches the report, as a reduction"


MEMORY_SCRIPT = textwrap.dedent("""
    import sys, tracemalloc
    from functools import partial
    from pathlib import Path
    from auditor.batch import preload
    preload(None)
    import auditor
    from auditor.engines.outputs import LocalFolder, PerFileReports
    from auditor.reports import render
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    per_file = PerFileReports(LocalFolder(out), partial(render, name="markdown"), "md")
    tracemalloc.start()
    report = auditor.audit(folder, jobs=2, keep_transcripts=False, per_file=per_file)
    held, peak = tracemalloc.get_traced_memory()
    print(len(report.results), held, peak)
""")


def _traced(folder: Path, out: Path) -> tuple[int, int, int]:
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(folder), str(out)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    files, held, peak = (int(v) for v in done.stdout.split())
    return files, held, peak


def test_memory_does_not_grow_with_the_number_of_files(tmp_path: Path):
    n = 16
    small = _traced(make_archive(tmp_path / "n", n), tmp_path / "out_n")
    large = _traced(make_archive(tmp_path / "4n", 4 * n), tmp_path / "out_4n")
    assert (small[0], large[0]) == (n, 4 * n)
    per_file_held = (large[1] - small[1]) / (3 * n)
    per_file_peak = (large[2] - small[2]) / (3 * n)
    # held: a full result costs ~8.2 KB per such file (coverage counters, weights), the compact
    # record ~2.6-3.3 KB (its findings and the lines they quote); peak: ~6 KB per file before, flat now
    # at this size (the report's ranking adds ~1.5 KB per finding at larger ones)
    assert per_file_held < 5120, f"{per_file_held:.0f} bytes held per added file"
    assert per_file_peak < 5120, f"{per_file_peak:.0f} bytes of peak per added file"
    print(f"N={n}: held {small[1]} peak {small[2]}; 4N: held {large[1]} peak {large[2]}; "
          f"per added file: held {per_file_held:.0f} B, peak {per_file_peak:.0f} B")


def test_the_parent_does_not_import_pandas_on_the_run_path(archive: Path, tmp_path: Path):
    script = ("import sys\nfrom auditor.cli import main\nsys.argv = ['auditor', 'audit', sys.argv[1], '--jobs', '2', "
              "'-q', '-o', sys.argv[2]]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m == 'pandas' or m.startswith('pandas.')))")
    done = subprocess.run([sys.executable, "-c", script, str(archive), str(tmp_path / "r.md")], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_report_names_are_unique_and_linear():
    files = [f"a/{i}/call.txt" for i in range(2000)] + ["x/b.c/d.txt", "x/b_c/d.txt", "solo.txt"]
    names = report_names(files, "md")
    assert len(set(names.values())) == len(names) == 2003
    assert names["solo.txt"] == "solo.md" and names["a/7/call.txt"] == "a__7__call_txt.md"
    assert (names["x/b.c/d.txt"], names["x/b_c/d.txt"]) == ("x__b_c__d_txt.md", "x__b_c__d_txt-2.md")


def test_totals_reduce_in_any_grouping():
    parts = [Totals(files=1, refused=i % 2, severities=__import__("collections").Counter({"error": i}),
                    matched={f"fp{i}"}, suppressed=i) for i in range(5)]
    left = Totals()
    for p in parts:
        left.merge(p)
    right = Totals().merge(Totals().merge(parts[3]).merge(parts[4])).merge(Totals().merge(parts[0]).merge(parts[1]).merge(parts[2]))
    assert left == right and left.exit_code("error") == 2 and left.files == 5


def test_a_run_with_a_baseline_reports_the_same_stale_entries_from_its_totals(archive: Path, tmp_path: Path):
    baseline = tmp_path / "accepted.json"
    invoke("audit", str(archive), "--jobs", "1", "--write-baseline", str(baseline))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["entries"] = data["entries"][::2] + [dict(data["entries"][0], fingerprint="0" * 24)]
    baseline.write_text(json.dumps(data), encoding="utf-8")
    runs = [invoke("audit", str(archive), "--jobs", jobs, "--format", "json", "--baseline", str(baseline))
            for jobs in ("1", "2")]
    assert runs[0].stdout == runs[1].stdout
    summary = json.loads(runs[0].stdout)["summary"]
    assert summary["baseline"]["suppressed"] > 0 and [e["fingerprint"] for e in summary["baseline"]["stale"]] == ["0" * 24]


def test_scheduler_needs_the_dask_engine(archive: Path):
    result = CliRunner().invoke(cli, ["audit", str(archive), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--engine dask" in result.stderr


def _synthetic_report(files: int):
    from auditor.findings import Finding, Related, Severity
    from auditor.report import Report
    from auditor.runner import Excerpt

    results = []
    for i in range(files):
        name = f"archive/call_{i:05d}.txt"
        finding = Finding("dates.impossible", Severity.ERROR, 0.9, name, 3, "'June 31' is not a date.", "as of June 31",
                          related=(Related(2, "June 30"),))
        results.append(FileResult(file=name, findings=[finding], layout="english", paragraphs=3,
                                  excerpts={3: Excerpt(3, "as of June 31", 4, "截至6月31日"), 2: Excerpt(2, "June 30")}))
    return Report.build(results)


class CountingList(list):
    """A list that counts how often it is iterated from the start."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self.passes = 0

    def __iter__(self):
        self.passes += 1
        return super().__iter__()


@pytest.mark.parametrize("fmt", ["markdown", "json", "html", "sarif", "csv", "concise"])
def test_reporting_reads_the_files_and_findings_a_fixed_number_of_times(fmt: str):
    """No quadratic step: a format passes over the files and the ranked findings a few times in all,
    never once per finding (an excerpt looked up by scanning every file's results) or once per file
    (a file's findings picked out of all findings)."""
    from auditor.reports import render

    report = _synthetic_report(200)
    report.results = CountingList(report.results)
    ranked = CountingList(report.ranked())
    report.ranked = lambda: ranked  # type: ignore[method-assign]
    render(report, fmt)
    assert report.results.passes <= 12 and ranked.passes <= 12, (report.results.passes, ranked.passes)
