"""Benchmark: `auditor` measured as ratios against spaCy baselines, in paired runs on real text.

Usage (from the project root, with the project installed):

    python bench/run.py --corpus ../shared/dev-corpus/earnings22 --seed ../shared/seed/CALL.txt \\
        [--files 12] [--repeat 3] [--skip-scaling]

--corpus is a folder of real English calls (its first --files calls, by name, make the 1x corpus;
4x and 16x are copies of it in subfolders), --seed a real bilingual call. Nothing here is used by
the tests and nothing is generated: the figures are only worth quoting on real text.

Every comparison is paired (A B A B ...: pairing keeps a ratio meaningful while a shared machine's
speed drifts) and the median of the pair-by-pair ratios is printed. Times are the operating
system's own accounting of each finished command (os.wait4): cpu = user + system, peak = the
largest single process among those the command waited for (pool workers included).

- single call: CPU of `auditor audit` on the seed (bilingual) and on the corpus call closest to
  50 KB, each against a bare `python -c "import spacy; spacy.blank('en'); spacy.blank('zh')"`
  (target <= 1.3x);
- steady state: MB per CPU-second of the audit in a warm process (spaCy and the checks loaded, an
  English call outside the timed set and the project's bilingual example audited first) against
  spaCy's blank tokenizers over the same lines in another process warmed on the same two files
  (en for English lines, zh for Chinese ones; neither has seen the timed text): target >= 20%;
- parallelism: wall of --jobs 1 over --jobs 2 on the 1x corpus and on the whole --corpus folder
  (target >= 1.8x on a quiet machine). Both are shown because a run's start (Python, spaCy, the
  checks' first use: about a second) is serial: the fewer the calls, the more it weighs, and the
  faster the audit per call, the lower the ratio on a small set;
- scaling: wall of 4x and 16x over 1x at --jobs 2 (target 16x <= 16.5x), with each size's peak;
- memory: the largest process of any run (target <= 150 MiB per process).

The project is byte-compiled first, as `pip install` leaves an installed package (an editable
install with PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run).
Timings depend on the machine and its load; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BARE = "import spacy; spacy.blank('en'); spacy.blank('zh')"


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and the processes it waited for
    peak: float  # MiB, the largest single process
    out: str  # what the command printed


def run(cmd: list[str]) -> Sample:
    """One run of `cmd`, timed by the kernel's accounting of the reaped child (os.wait4)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def paired(a: list[str], b: list[str], repeat: int) -> list[tuple[Sample, Sample]]:
    """`repeat` pairs of runs, A then B, after one warm-up run of each that is not counted."""
    run(a)
    run(b)
    return [(run(a), run(b)) for _ in range(repeat)]


def median(values: list[float]) -> float:
    return statistics.median(values)


def auditor_cmd() -> list[str]:
    exe = shutil.which("auditor", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-c", "from auditor.cli import main; main()"]


def audit(target: Path, jobs: int | None = None) -> list[str]:
    cmd = [*auditor_cmd(), "audit", str(target), "--format", "json", "--output", os.devnull, "--quiet"]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


# --- steady state: measured inside a warm process (these run as `run.py --steady KIND FILE...`) ---


def _steady_auditor(files: list[str]) -> float:
    """MB per CPU-second of auditing `files` one by one in this process, after warm-up calls on
    other transcripts (`WARM_UP=` first in `files`: an English call outside the timed set and the
    project's bilingual example, so that what the first bilingual call loads is not counted, and
    nothing cached per text is warm)."""
    import auditor

    warm = [f.removeprefix("WARM_UP=") for f in files if f.startswith("WARM_UP=")]
    files = [f for f in files if not f.startswith("WARM_UP=")]
    for f in warm:
        auditor.audit([f], jobs=1, keep_transcripts=False)
    size = sum(os.path.getsize(f) for f in files)
    start = time.process_time()
    for f in files:
        auditor.audit([f], jobs=1, keep_transcripts=False)
    return size / 1e6 / (time.process_time() - start)


def _steady_tokenizer(files: list[str]) -> float:
    """MB per CPU-second of spaCy's blank tokenizers alone over the lines of `files` (zh for Chinese
    lines, en for the others), warmed up on the same `WARM_UP=` transcripts as the auditor.

    Like for like: the auditor is timed on text it has not seen, so the tokenizer is too. Warming the
    tokenizer on the timed texts themselves (as this bench once did) serves every word from spaCy's
    token cache and almost doubles its speed (5.8 vs 3.2 MB/s on 20 dev calls), a baseline no
    transcript audit could ever be compared with."""
    import spacy

    from auditor.textutil import is_chinese_line

    en, zh = spacy.blank("en"), spacy.blank("zh")
    warm = [f.removeprefix("WARM_UP=") for f in files if f.startswith("WARM_UP=")]
    files = [f for f in files if not f.startswith("WARM_UP=")]

    def tokenize(paths: list[str]) -> None:
        for path in paths:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
            for _ in en.tokenizer.pipe([ln for ln in lines if not is_chinese_line(ln)]):
                pass
            for _ in zh.tokenizer.pipe([ln for ln in lines if is_chinese_line(ln)]):
                pass

    tokenize(warm)
    size = sum(os.path.getsize(f) for f in files)
    start = time.process_time()
    tokenize(files)
    return size / 1e6 / (time.process_time() - start)


def steady(kind: str, files: list[Path], warm: list[Path]) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--steady", kind, *(f"WARM_UP={w}" for w in warm),
            *map(str, files)]


# --- the corpus ------------------------------------------------------------------------------


def build_corpus(root: Path, sources: list[Path], copies: int) -> Path:
    """A folder holding the calls `copies` times (copy k in its own subfolder)."""
    folder = root / f"x{copies}"
    for k in range(copies):
        sub = folder / f"copy{k:02d}"
        sub.mkdir(parents=True)
        for path in sources:
            shutil.copyfile(path, sub / path.name)
    return folder


def closest_to(paths: list[Path], size: int) -> Path:
    return min(paths, key=lambda p: abs(p.stat().st_size - size))


def compile_project() -> None:
    """Byte-compile the project's modules where Python looks for them, as a regular `pip install`
    does at install time.

    Why: an editable install (`pip install -e .`) leaves the sources uncompiled, and with
    PYTHONDONTWRITEBYTECODE set (as on some CI and sandbox machines) every run would compile ~200
    modules from source again (~0.3 s of CPU), while spaCy, installed normally, loads its bytecode.
    The bench compares installed states, so both sides load bytecode."""
    import compileall
    import importlib.util

    for package in ("auditor", "auditor.checks", "auditor.reports"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder of real English calls (.txt)")
    parser.add_argument("--seed", type=Path, help="a real bilingual call")
    parser.add_argument("--files", type=int, default=12, help="calls in the 1x corpus")
    parser.add_argument("--repeat", type=int, default=3, help="pairs per ratio")
    parser.add_argument("--skip-scaling", action="store_true", help="leave out the 4x/16x runs (the longest)")
    parser.add_argument("--skip-archive", action="store_true", help="leave out --jobs 1 vs 2 on the whole corpus")
    parser.add_argument("--steady", nargs="+", metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.steady:
        kind, *files = args.steady
        print((_steady_auditor if kind == "auditor" else _steady_tokenizer)(files))
        return 0
    if not args.corpus or not args.seed:
        parser.error("--corpus and --seed are required (real text: see the module doc)")
    calls = sorted(args.corpus.glob("*.txt"))[: args.files]
    if not calls or not args.seed.is_file():
        parser.error("no .txt calls in --corpus, or --seed is not a file")
    compile_project()

    rows: list[tuple[str, str, str, str]] = []
    bare = [sys.executable, "-c", BARE]
    english = closest_to(sorted(args.corpus.glob("*.txt")), 50_000)
    for label, one in (("seed, bilingual", args.seed), ("English", english)):
        pairs = paired(audit(one), bare, args.repeat)
        rows.append((f"single call ({label}, {one.stat().st_size / 1e3:.0f} KB), CPU",
                     f"{median([a.cpu for a, _ in pairs]):.2f} s vs {median([b.cpu for _, b in pairs]):.2f} s",
                     f"{median([a.cpu / b.cpu for a, b in pairs]):.2f}x", "<= 1.3x"))
        rows.append((f"peak of that call ({label})", f"{median([a.peak for a, _ in pairs]):.0f} MiB vs "
                     f"{median([b.peak for _, b in pairs]):.0f} MiB", "", "<= 150 MiB"))

    texts = [*calls, args.seed]
    others = [p for p in sorted(args.corpus.glob("*.txt")) if p not in calls][:1]
    warm = others + sorted((Path(__file__).resolve().parent.parent / "examples").glob("*bilingual*.txt"))[:1]
    pairs = paired(steady("auditor", texts, warm), steady("tokenizer", texts, warm), args.repeat)
    speed = [(float(a.out.split()[-1]), float(b.out.split()[-1])) for a, b in pairs]
    rows.append((f"steady state, MB per CPU-second ({len(texts)} calls)",
                 f"{median([a for a, _ in speed]):.3f} vs {median([b for _, b in speed]):.2f} (spaCy tokenizer)",
                 f"{median([a / b for a, b in speed]):.1%}", ">= 20%"))

    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        folders = {n: build_corpus(Path(tmp), calls, n) for n in ((1, 4, 16) if not args.skip_scaling else (1,))}
        size = sum(p.stat().st_size for p in calls) / 1e6
        pairs = paired(audit(folders[1], 1), audit(folders[1], 2), args.repeat)
        rows.append((f"--jobs 1 / --jobs 2, wall (1x = {len(calls)} calls, {size:.2f} MB)",
                     f"{median([a.wall for a, _ in pairs]):.2f} s / {median([b.wall for _, b in pairs]):.2f} s",
                     f"{median([a.wall / b.wall for a, b in pairs]):.2f}x", ">= 1.8x"))
        peaks = [s.peak for pair in pairs for s in pair]
        if not args.skip_archive:
            archive = sorted(args.corpus.glob("*.txt"))
            pairs = paired(audit(args.corpus, 1), audit(args.corpus, 2), args.repeat)
            rows.append((f"--jobs 1 / --jobs 2, wall (the whole corpus: {len(archive)} calls, "
                         f"{sum(p.stat().st_size for p in archive) / 1e6:.2f} MB)",
                         f"{median([a.wall for a, _ in pairs]):.2f} s / {median([b.wall for _, b in pairs]):.2f} s",
                         f"{median([a.wall / b.wall for a, b in pairs]):.2f}x", ">= 1.8x"))
            peaks += [s.peak for pair in pairs for s in pair]
        if not args.skip_scaling:
            scale = {n: [run(audit(folders[n], 2)) for _ in range(args.repeat if n < 16 else 1)] for n in (1, 4, 16)}
            wall = {n: median([s.wall for s in samples]) for n, samples in scale.items()}
            peak = {n: max(s.peak for s in samples) for n, samples in scale.items()}
            peaks += list(peak.values())
            rows.append(("1x / 4x / 16x at --jobs 2, wall",
                         f"{wall[1]:.1f} s / {wall[4]:.1f} s / {wall[16]:.1f} s",
                         f"{wall[4] / wall[1]:.1f}x / {wall[16] / wall[1]:.1f}x", "16x <= 16.5x"))
            rows.append(("peak per process at 1x / 4x / 16x", f"{peak[1]:.0f} / {peak[4]:.0f} / {peak[16]:.0f} MiB",
                         f"max {max(peaks):.0f} MiB", "<= 150 MiB, flat"))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load:.1f} at the end; "
          f"text: {len(calls)} calls of {args.corpus.name} and {args.seed.name}; {args.repeat} pairs per ratio, medians")
    print()
    print("| measure | auditor vs baseline | ratio | target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
