"""The Dask engine: the same reports as the process pool, inputs and outputs through fsspec, clean cancel.

A small in-process `LocalCluster` (one worker thread) serves most tests, so they run in seconds on
a loaded machine; the cancel tests start the engine's own local cluster (worker processes) through
the command line, as a user would. Skipped only when dask/distributed are not installed (the
`test` extra installs them).
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from auditor.reports import render  # noqa: E402

import auditor  # noqa: E402
from auditor.cli import cli  # noqa: E402
from auditor.engines.outputs import STAGING_PREFIX, FsspecFolder, PerFileReports  # noqa: E402
from tests.archives import BILINGUAL, invoke, outputs, sample_archive, small_call  # noqa: E402
from tests.test_gate import _alive, cancel_run  # noqa: E402


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return sample_archive(tmp_path)


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_dask_reports_are_byte_identical_to_the_pool(archive: Path, tmp_path: Path, scheduler: str, fmt: str):
    baseline = tmp_path / "accepted.json"
    invoke("audit", str(archive), "--jobs", "1", "--write-baseline", str(baseline))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["entries"] = data["entries"][::2] + [dict(data["entries"][0], fingerprint="0" * 24)]  # one stale entry
    baseline.write_text(json.dumps(data), encoding="utf-8")
    runs = {}
    for engine in ("pool", "dask"):
        out = tmp_path / engine
        extra = ["--scheduler", scheduler] if engine == "dask" else ["--jobs", "2"]
        result = invoke("audit", str(archive), "--engine", engine, *extra, "--format", fmt, "--baseline", str(baseline),
                        "-o", str(out / "all"), "--output-dir", str(out / "per"))
        assert result.exit_code == 2, result.stderr  # broken.txt
        assert "1 baseline entr(ies) no longer match" in result.stderr
        runs[engine] = outputs(out)
    assert runs["pool"] == runs["dask"]
    assert len([n for n in runs["dask"] if n.startswith("per/")]) == 6


def test_the_exit_code_and_stale_entries_are_reductions(archive: Path, scheduler: str):
    (archive / "broken.txt").unlink()
    report = auditor.audit(archive, engine="dask", scheduler=scheduler)
    pool = auditor.audit(archive, jobs=1)
    assert report.totals == pool.totals
    assert report.totals.exit_code("error") == report.exit_code("error") == 1
    assert report.totals.exit_code("never") == 0 and report.totals.files == 6
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in pool.findings]


def test_inputs_and_per_file_reports_through_fsspec_urls(archive: Path, scheduler: str):
    memory = fsspec.filesystem("memory")
    for path in archive.rglob("*.txt"):
        memory.pipe(f"/calls/{path.relative_to(archive).as_posix()}", path.read_bytes())
    memory.pipe("/calls/.hidden/skip.txt", b"not taken")
    try:
        folder = FsspecFolder("memory://out")
        per_file = PerFileReports(folder, partial(render, name="json"), "json")
        remote = auditor.audit(["memory://calls"], engine="dask", scheduler=scheduler, per_file=per_file)
        folder.publish()
        local = auditor.audit(archive, jobs=1)
        strip = [{k: v for k, v in f.to_dict().items() if k != "file"} for f in local.findings]
        assert [{k: v for k, v in f.to_dict().items() if k != "file"} for f in remote.findings] == strip
        assert remote.files[0] == "memory://calls/broken.txt" and len(remote.files) == 7
        written = sorted(p.rsplit("/", 1)[-1] for p in memory.ls("/out", detail=False))
        assert written == ["bilingual.json", "call_0000.json", "call_0002.json", "call_0003.json",
                           "calls__call_0001_txt.json", "calls__nested__call_0001_txt.json"], written
        assert not [p for p in written if p.startswith(STAGING_PREFIX)]
        one = json.loads(memory.cat("/out/call_0000.json"))
        assert one["summary"]["by_file"] == {"memory://calls/call_0000.txt": len(one["findings"])}
    finally:
        memory.rm("/calls", recursive=True)
        if memory.exists("/out"):
            memory.rm("/out", recursive=True)


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "call.txt").write_text(small_call(1), encoding="utf-8")
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):  # Dask's own setting (default 30 s)
        result = CliRunner().invoke(cli, ["audit", str(tmp_path / "call.txt"), "--engine", "dask",
                                          "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.stderr, result.stderr


def test_a_url_input_needs_the_dask_engine():
    result = CliRunner().invoke(cli, ["audit", "memory://nowhere/calls"])
    assert result.exit_code == 2 and ("no such file" in result.stderr or "--engine dask" in result.stderr)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_cancelled_dask_run_stops_its_cluster_writes_nothing_and_exits_128_plus_n(tmp_path: Path, signum, code):
    folder = tmp_path / "archive"
    folder.mkdir()
    # enough calls that the run is still auditing when the signal arrives (a fast machine audits
    # a dozen in the 3 s the test waits, and a finished run has restored the default handlers)
    for i in range(80):
        (folder / f"call_{i}.txt").write_bytes(BILINGUAL.read_bytes())
    report, per = tmp_path / "report.json", tmp_path / "per"
    done, workers = cancel_run(["audit", str(folder), "--engine", "dask", "--jobs", "1", "-o", str(report),
                                "--output-dir", str(per)], signum, settle=3.0)  # a worker warming up or auditing
    out, err = done.stdout, done.stderr
    assert done.returncode == code, err
    assert out == b"" and not report.exists() and not per.exists()
    assert b"cancelled" in err and b"Traceback" not in err
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)], "workers outlived the cancelled run"

