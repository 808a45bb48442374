"""Behaviour guard on real text: every per-file JSON report of a corpus must stay byte-identical.

`bench/compare_reports.sh` covers the bundled examples and the seed one call at a time; a
performance change also has to leave the reports of real calls untouched, which this checks in one
batch run (per-file reports with --output-dir, plus the combined report):

    python bench/snapshot.py save DIR CORPUS [CORPUS ...]    # before the change
    python bench/snapshot.py check DIR CORPUS [CORPUS ...]   # after: lists what differs, exit 1 if any

CORPUS is a folder of transcripts or a file (e.g. ../shared/dev-corpus/earnings22 ../shared/seed).
A script, not a test: it needs the real corpora, which the test suite never does.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def auditor_cmd() -> list[str]:
    exe = shutil.which("auditor", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-c", "from auditor.cli import main; main()"]


def write_reports(target: Path, inputs: list[str], jobs: int) -> None:
    """Per-file JSON reports under target/files and the combined report as target/combined.json."""
    target.mkdir(parents=True, exist_ok=True)
    cmd = [*auditor_cmd(), "audit", *inputs, "--format", "json", "--jobs", str(jobs), "--quiet",
           "--skip-non-transcripts", "-o", str(target / "combined.json"), "--output-dir", str(target / "files")]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"auditor failed ({result.returncode}): {result.stderr.strip()}")


def differences(saved: Path, now: Path) -> list[str]:
    """Relative paths whose bytes differ, or that exist on one side only."""
    left = {p.relative_to(saved) for p in saved.rglob("*") if p.is_file()}
    right = {p.relative_to(now) for p in now.rglob("*") if p.is_file()}
    out = sorted(str(p) + " (missing now)" for p in left - right)
    out += sorted(str(p) + " (new)" for p in right - left)
    out += sorted(str(p) for p in left & right if not filecmp.cmp(saved / p, now / p, shallow=False))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["save", "check"])
    parser.add_argument("dir", type=Path, help="where the reference reports are kept")
    parser.add_argument("inputs", nargs="+", help="corpus folders or files")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "save":
        if args.dir.exists():
            shutil.rmtree(args.dir)
        write_reports(args.dir, args.inputs, args.jobs)
        print(f"saved {sum(1 for _ in (args.dir / 'files').rglob('*.json'))} per-file reports in {args.dir}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        now = Path(tmp)
        write_reports(now, args.inputs, args.jobs)
        diff = differences(args.dir, now)
        for rel in diff[:20]:
            print("DIFFERS:", rel)
            a, b = args.dir / rel, now / rel
            if a.is_file() and b.is_file():
                lines = difflib.unified_diff(a.read_text().splitlines(), b.read_text().splitlines(), lineterm="", n=1)
                print("\n".join(list(lines)[:30]))
        if not diff:
            print("all reports identical")
        return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
