"""Hardening the gate: bounded workers, clean cancel, directory scans, baseline scope, stdin, refusals.

Each test reproduces one defect of the issue "Hardening the gate" through the CLI where the defect
is the CLI's. Transcripts are fictional (Brindle Shipping, Mara Voss, Theo Lund).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import batch
from auditor.cli import cli
from tests.conftest import EXAMPLES, ROOT

BILINGUAL = EXAMPLES / "tianlan_q3_2025_bilingual.txt"

CALL = """Operator
Good morning and welcome to the Brindle Shipping third quarter call.
Mara Voss - Chief Financial Officer
As of June 30, 2025, cash stood at US$18.2 million.
Our balance sheet was strong as of June 31, so we bought back shares.
"""


def invoke(*args: str, input: str | bytes | None = None):  # noqa: A002 - click's name
    return CliRunner().invoke(cli, list(args), input=input)


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return lines[0]


@pytest.fixture
def calls(tmp_path: Path) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    for i in range(3):
        (folder / f"call_{i}.txt").write_text(CALL.replace("18.2", f"1{i}.2"), encoding="utf-8")
    return folder


# --- 1. bounded workers -----------------------------------------------------------------------


def test_jobs_are_bounded_by_files_and_cores(calls: Path, monkeypatch):
    started: list[int] = []

    class Recording(ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recording)
    result = invoke("audit", str(calls), "--jobs", "1000", "--select", "dates", "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 3
    assert started == [min(3, batch.default_jobs())] or (batch.default_jobs() == 1 and started == [])
    assert batch.effective_jobs(12, 3) <= 3 and batch.effective_jobs(None, 100) == batch.default_jobs()
    assert batch.effective_jobs(1000, 1000) == batch.default_jobs()


def test_help_says_how_many_workers_start_and_zero_jobs_is_refused(calls: Path):
    assert "min(N, files, cores)" in " ".join(invoke("audit", "--help").output.split())
    result = invoke("audit", str(calls), "--jobs", "0")
    assert result.exit_code == 2 and "--jobs" in one_line(result.stderr)


# --- 2. clean cancel --------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat_line = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat_line.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def cancel_run(args: list[str], signum: int, settle: float, wait: float = 60) -> tuple[subprocess.CompletedProcess[bytes], list[int]]:
    """Start `auditor <args>` in its own session, signal it once its workers run, and return what it
    did and the workers it had (to prove none outlives it). SIGINT goes to the whole process group,
    as Ctrl-C in a terminal does; SIGTERM to the parent only, as a CI runner's timeout does."""
    proc = subprocess.Popen([sys.executable, "-m", "auditor.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, cwd=ROOT)
    try:
        deadline = time.time() + 90
        while time.time() < deadline and len(_children(proc.pid)) < 2 and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(settle)  # the workers are loading spaCy or auditing
        workers = _children(proc.pid)
        assert workers, "no worker started"
        assert proc.poll() is None, "the run ended before the signal: give it more calls"
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=wait)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_cancelled_run_stops_its_workers_writes_nothing_and_exits_128_plus_n(tmp_path: Path, signum, code):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i in range(120):  # enough that the run is still auditing when the signal arrives
        shutil.copy(BILINGUAL, folder / f"call_{i}.txt")
    report = tmp_path / "report.json"
    done, workers = cancel_run(["audit", str(folder), "--jobs", "2", "-o", str(report)], signum, settle=1.0, wait=30)
    out, err = done.stdout, done.stderr
    assert done.returncode == code, err
    assert out == b"" and not report.exists() and not list(tmp_path.glob(".report.json.*"))
    assert b"cancelled" in err and b"Traceback" not in err and b"Aborted" not in err
    time.sleep(0.3)
    assert not [w for w in workers if _alive(w)], "workers outlived the cancelled run"


def test_exit_codes_130_and_143_are_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 130 |" in readme and "| 143 |" in readme and "Python >= 3.11" in readme


# --- 3. directory scans -----------------------------------------------------------------------


def test_a_rerun_never_reads_the_reports_and_baselines_written_into_the_folder(calls: Path):
    runs = [("--format", "json", "-o", "report.json"), ("--write-baseline", "accepted.json"),
            ("--format", "sarif", "-o", "scan.sarif.json"), ("--format", "github", "-o", "annotations.txt"),
            ("--format", "concise", "-o", "concise.txt"), ("--format", "csv", "-o", "r.csv"), ("-o", "r.md")]
    for args in runs:
        args = tuple(str(calls / a) if a.endswith((".json", ".txt", ".csv", ".md")) else a for a in args)
        result = invoke("audit", str(calls), "--select", "dates", *args)
        assert result.exit_code in (0, 1), (args, result.stderr)
    result = invoke("audit", str(calls), "--select", "dates", "--format", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert sorted(Path(f).name for f in data["summary"]["by_file"]) == ["call_0.txt", "call_1.txt", "call_2.txt"]


def test_a_scan_skips_hidden_and_gitignored_files_and_honours_include_exclude(calls: Path):
    (calls / ".git").mkdir()
    (calls / ".gitignore").write_text("drafts/\n*.bak.txt\n", encoding="utf-8")
    for name in (".hidden.txt", "drafts/d.txt", "old.bak.txt", ".cache/c.txt", "notes.md", "scratch/s.text"):
        path = calls / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("just prose, not a transcript\n", encoding="utf-8")
    result = invoke("audit", str(calls), "--select", "dates", "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert len(json.loads(result.stdout)["summary"]["by_file"]) == 3
    result = invoke("audit", str(calls), "--select", "dates", "--format", "json", "--exclude", "call_1.txt")
    assert len(json.loads(result.stdout)["summary"]["by_file"]) == 2
    (calls / "scratch" / "s.text").write_text(CALL, encoding="utf-8")
    (calls / "auditor.toml").write_text('include = ["*.text"]\n', encoding="utf-8")
    result = invoke("audit", str(calls), "--select", "dates", "--format", "json")
    assert [Path(f).name for f in json.loads(result.stdout)["summary"]["by_file"]] == ["s.text"]


def test_an_unreadable_subfolder_is_reported_not_skipped(calls: Path, monkeypatch):
    locked = calls / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(os.fspath(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("audit", str(calls), "--select", "dates", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [e["file"] for e in data["summary"]["errors"]] == [str(locked)]
    assert data["summary"]["audited"] == 3 and data["summary"]["refused"] == 1
    assert "locked: permission denied" in result.stderr


def test_a_file_named_twice_is_audited_once(calls: Path):
    one = calls / "call_0.txt"
    result = invoke("audit", str(one), str(calls / "." / "call_0.txt"), str(calls), "--select", "dates", "--format", "json")
    assert json.loads(result.stdout)["summary"]["files"] == 3


# --- 7. inputs and outputs that are refused with one line -------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path):
    fifo = tmp_path / "call.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "auditor.cli", "audit", str(fifo)], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert "not a regular file" in one_line(proc.stderr)


def test_a_symlink_loop_is_one_clear_line(tmp_path: Path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = invoke("audit", str(loop))
    assert result.exit_code == 2 and "symbolic link loop" in one_line(result.stderr)


@pytest.mark.parametrize("flag", ["-o", "--write-baseline", "--output-dir"])
def test_an_unwritable_output_is_one_line_naming_it(tmp_path: Path, calls: Path, flag: str):
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "out"
    result = invoke("audit", str(calls / "call_0.txt"), flag, str(target))
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert str(target) in line and ".tmp" not in line


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_one_line(tmp_path: Path, calls: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = invoke("audit", str(calls / "call_0.txt"), "-o", str(folder / "r.md"))
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 2 and "permission denied" in one_line(result.stderr)


def test_the_write_error_names_the_target_not_a_temporary_file(tmp_path: Path, monkeypatch):
    from auditor import atomic

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".r.md.abc.tmp"))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(atomic.OutputError, match=r"cannot write .*r\.md: Permission denied$"):
        atomic.write_atomic(tmp_path / "r.md", "text")


# --- 8. stdin and stdout ----------------------------------------------------------------------


def test_dash_reads_stdin_and_dash_o_writes_stdout():
    result = invoke("audit", "-", "--stdin-filename", "calls/brindle_q3.txt", "--select", "dates", "--format", "json",
                    "-o", "-", input=CALL.encode("utf-8"))
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert [(f["file"], f["line"]) for f in data["findings"]] == [("calls/brindle_q3.txt", 5)]
    result = invoke("audit", "-", "--select", "dates", "--format", "concise", input=CALL)
    assert result.stdout.startswith("<stdin>:5: error [dates.impossible]")


def test_empty_stdin_is_one_line():
    result = invoke("audit", "-", input=b"")
    assert result.exit_code == 2 and "empty" in one_line(result.stderr)


# --- 11. the API raises what the CLI reports --------------------------------------------------


def test_the_api_raises_the_error_the_cli_reports(tmp_path: Path):
    import auditor
    from auditor.errors import InputError

    missing = str(tmp_path / "missing.txt")
    with pytest.raises(InputError) as raised:
        auditor.audit([missing])
    result = invoke("audit", missing)
    assert result.exit_code == 2 and one_line(result.stderr) == f"auditor: error: {raised.value}"


def test_a_cancelled_command_exits_at_once_even_with_a_stuck_thread():
    """A worker killed while sending its result can leave the pool's manager thread blocked for good;
    the cancelled command must not wait for it at exit (it ends by os._exit after its message)."""
    code = (
        "import threading, os, signal, sys, time\n"
        "from auditor import cli\n"
        "threading.Thread(target=threading.Event().wait).start()  # a non-daemon thread that never ends\n"
        "threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()\n"
        "sys.argv = ['auditor', 'audit', sys.argv[1]]\n"
        "cli._audit = lambda options: time.sleep(30)\n"
        "cli.main()\n"
    )
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code, str(BILINGUAL)], capture_output=True, timeout=60, cwd=ROOT)
    assert done.returncode == 143, done.stderr
    assert b"cancelled by SIGTERM" in done.stderr and b"Traceback" not in done.stderr
    assert time.time() - started < 20
