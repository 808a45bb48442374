"""Quality harness: how often the auditor is wrong on real calls, and how often it is right.

Two measurements the unit tests cannot give, because they need real transcripts:

- `review`: audit a directory of real calls and count warnings and errors per call (on clean text
  each one is a false alarm until someone shows otherwise), by call and by check, and write every
  finding to a TSV review file with an empty `verdict` column, so that a person can judge each one.
- `plant`: copy real calls, plant ONE known error in each copy (bench/plants.py: every error class
  the auditor claims, in several surface forms), audit the clean and the planted copies, and report
  recall per class. A plant counts as found only when a finding at or above --min-severity lands on
  the planted line (its span or its related lines) and the same finding (check, line, message) is
  not in the clean call's report: a pre-existing finding on that line proves nothing.

The auditor runs as its CLI (`--format json`, the stable contract in the README), one process for
all files with --jobs, so the harness measures exactly what users run and survives refactors of the
library. Files the auditor refuses are counted and listed, never fatal.

    python bench/quality.py review ../shared/dev-corpus/earnings22 --review-file review.tsv --jobs 2
    python bench/quality.py plant ../shared/dev-corpus/earnings22 --per-class 10 --seed 1 --show-missed
    python bench/quality.py classes        # the planting classes and their rules
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

try:
    from bench import plants
except ImportError:  # run as a script: bench/ itself is sys.path[0]
    import plants  # type: ignore[no-redef]

SEVERITIES = ("error", "warning", "info")
SEVERITY_ORDER = {s: n for n, s in enumerate(SEVERITIES)}
REVIEW_COLUMNS = ("file", "line", "check", "severity", "confidence", "speaker", "evidence", "message",
                  "suggestion", "verdict")
#: transcript files in a directory; README.md and LICENSE.md of a corpus are not transcripts
INPUT_SUFFIXES = (".txt", ".json")


# --- inputs -----------------------------------------------------------------------------------


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; directories searched recursively for .txt/.json transcripts, sorted."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES))
        else:
            out.append(p)
    unique: dict[Path, Path] = {}
    for p in out:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def read_lines(path: Path) -> list[str]:
    """Physical lines as the auditor numbers them (BOM dropped, CRLF/CR folded, split on LF only)."""
    text = path.read_bytes().decode("utf-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def write_lines(path: Path, lines: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


_UNITS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
_TENS = {2: "Twenty", 3: "Thirty", 4: "Forty", 5: "Fifty", 6: "Sixty", 7: "Seventy", 8: "Eighty", 9: "Ninety"}
_SPEAKER_N = re.compile(r"^(Speaker) (\d{1,2})( - .*)$")


def number_words(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _UNITS[n % 10])


def spell_speaker_numbers(lines: Sequence[str]) -> list[str]:
    """`Speaker 7 - Participant` -> `Speaker Seven - Participant`, for an auditor whose header
    parser does not take a digit in a name (the dev corpus's anonymous headers). Line numbers and
    every other line stay as they are."""
    return [_SPEAKER_N.sub(lambda m: f"{m.group(1)} {number_words(int(m.group(2)))}{m.group(3)}", line)
            for line in lines]


# --- running the auditor ----------------------------------------------------------------------


@dataclass
class AuditResult:
    """The JSON report of one auditor run, split by input file (keys are the paths as passed)."""

    findings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @classmethod
    def from_report(cls, report: dict[str, Any], files: Sequence[str]) -> AuditResult:
        result = cls(files=list(files))
        for name in files:
            result.findings[name] = []
        for f in report.get("findings", []):
            result.findings.setdefault(f["file"], []).append(f)
        for err in report.get("summary", {}).get("errors", []):
            result.refused[err["file"]] = err["message"]
        return result


def default_auditor() -> list[str]:
    """The auditor installed for this interpreter (the worktree's editable install in its venv)."""
    return [sys.executable, "-m", "auditor.cli"]


def run_auditor(files: Sequence[Path], jobs: int = 1, auditor: Sequence[str] | None = None,
                extra: Sequence[str] = ()) -> AuditResult:
    """One auditor process over all files; refused files come back in `refused`, not as an error."""
    names = [str(f) for f in files]
    if not names:
        return AuditResult()
    with tempfile.TemporaryDirectory(prefix="quality-report-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [*(auditor or default_auditor()), "audit", *names, "--format", "json", "--fail-on", "never",
               "--jobs", str(max(1, jobs)), "--output", str(out), *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if not out.exists():
            raise SystemExit(f"quality: the auditor wrote no report (exit {proc.returncode}): "
                             f"{proc.stderr.strip()[-2000:]}")
        return AuditResult.from_report(json.loads(out.read_text(encoding="utf-8")), names)


def at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_ORDER.get(severity, 9) <= SEVERITY_ORDER[threshold]


# --- review -----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """One TSV cell on one physical line: tabs and line breaks inside a value become spaces."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return re.sub(r"[\t\r\n]+", " ", str(value))


def write_review(path: Path | TextIO, rows: Iterable[dict[str, Any]]) -> int:
    """The review TSV: one row per finding, REVIEW_COLUMNS, `verdict` left empty for a person."""
    own = isinstance(path, Path)
    fh: TextIO = path.open("w", encoding="utf-8", newline="") if isinstance(path, Path) else path
    try:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(REVIEW_COLUMNS)
        n = 0
        for row in rows:
            writer.writerow([_cell(row.get(col, "")) for col in REVIEW_COLUMNS])
            n += 1
        return n
    finally:
        if own:
            fh.close()


@dataclass
class ReviewSummary:
    files: list[str]
    refused: dict[str, str]
    per_file: dict[str, Counter[str]]
    per_check: dict[str, Counter[str]]
    rows: list[dict[str, Any]]

    @property
    def audited(self) -> list[str]:
        return [f for f in self.files if f not in self.refused]

    def headline(self) -> tuple[int, float]:
        n = sum(c["error"] + c["warning"] for f, c in self.per_file.items() if f not in self.refused)
        return n, n / max(1, len(self.audited))


def summarise(result: AuditResult, display: dict[str, str] | None = None) -> ReviewSummary:
    """Counts per call and per check, and the review rows, under the files' display names."""
    display = display or {}

    def name(f: str) -> str:
        return display.get(f, f)

    per_file: dict[str, Counter[str]] = {name(f): Counter() for f in result.files}
    per_check: dict[str, Counter[str]] = defaultdict(Counter)
    rows: list[dict[str, Any]] = []
    for f, findings in result.findings.items():
        for x in findings:
            per_file.setdefault(name(f), Counter())[x["severity"]] += 1
            per_check[x["check"]][x["severity"]] += 1
            rows.append({**x, "file": name(f), "verdict": ""})
    rows.sort(key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), r["file"], r["line"], r["check"]))
    return ReviewSummary([name(f) for f in result.files], {name(f): m for f, m in result.refused.items()},
                         per_file, dict(per_check), rows)


def print_review(s: ReviewSummary, out: TextIO = sys.stdout, review_file: str | None = None) -> None:
    n, per_call = s.headline()
    total = Counter[str]()
    for f in s.audited:
        total.update(s.per_file.get(f, Counter()))
    print(f"files: {len(s.files)} given, {len(s.audited)} audited, {len(s.refused)} refused", file=out)
    print(f"warnings+errors per call: {per_call:.2f} ({n} in {len(s.audited)} calls: "
          f"{total['error']} errors, {total['warning']} warnings; {total['info']} info not counted)", file=out)
    quiet = sum(1 for f in s.audited if not (s.per_file[f]["error"] + s.per_file[f]["warning"]))
    print(f"calls with no warning or error: {quiet} of {len(s.audited)}", file=out)
    noisy = sorted((f for f in s.audited if s.per_file[f]["error"] + s.per_file[f]["warning"]),
                   key=lambda f: (-(s.per_file[f]["error"] + s.per_file[f]["warning"]), f))
    if noisy:
        width = max(len(Path(f).name) for f in noisy)
        print(f"\nper call (warnings+errors > 0)\n  {'call':<{width}}  error  warning   info", file=out)
        for f in noisy:
            c = s.per_file[f]
            print(f"  {Path(f).name:<{width}}  {c['error']:>5}  {c['warning']:>7}  {c['info']:>5}", file=out)
    if s.per_check:
        width = max(len(c) for c in s.per_check)
        print(f"\nby check\n  {'check':<{width}}  error  warning   info", file=out)
        for check in sorted(s.per_check, key=lambda c: (-(s.per_check[c]["error"] + s.per_check[c]["warning"]), c)):
            c = s.per_check[check]
            print(f"  {check:<{width}}  {c['error']:>5}  {c['warning']:>7}  {c['info']:>5}", file=out)
    if s.refused:
        print(f"\nrefused ({len(s.refused)})", file=out)
        for f, msg in sorted(s.refused.items()):
            print(f"  {f}: {msg.removeprefix(f + ': ')}", file=out)
    if review_file:
        print(f"\nreview file: {review_file} ({len(s.rows)} findings, one per row; fill in 'verdict')", file=out)


def _staged(files: Sequence[Path], spell: bool, tmp: Path) -> tuple[list[Path], dict[str, str]]:
    """The files to audit: as they are, or copies with spelt-out speaker numbers (same names)."""
    if not spell:
        return list(files), {}
    staged: list[Path] = []
    display: dict[str, str] = {}
    for n, f in enumerate(files):
        copy = tmp / f"{n:04d}" / f.name
        try:
            write_lines(copy, spell_speaker_numbers(read_lines(f)))
        except (OSError, UnicodeDecodeError):
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(f.read_bytes() if f.exists() else b"")  # let the auditor say why it refuses
        staged.append(copy)
        display[str(copy)] = str(f)
    return staged, display


def cmd_review(args: argparse.Namespace) -> int:
    files = expand_inputs(args.inputs)
    if not files:
        print("quality: no input files", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="quality-review-") as tmp:
        staged, display = _staged(files, args.spell_speaker_numbers, Path(tmp))
        result = run_auditor(staged, args.jobs, args.auditor)
    summary = summarise(result, display)
    if args.review_file:
        write_review(Path(args.review_file), summary.rows)
    print_review(summary, review_file=args.review_file)
    return 0


# --- plant ------------------------------------------------------------------------------------


@dataclass
class Call:
    path: Path
    lines: list[str]


@dataclass
class Trial:
    """One planted copy and what the auditor made of it."""

    class_name: str
    call: str
    plant: plants.Plant
    clean_file: str
    planted_file: str
    status: str = "pending"              # found | missed | refused
    found_by: list[str] = field(default_factory=list)
    on_line: list[str] = field(default_factory=list)   # findings on the line that did not count, and why
    new_elsewhere: int = 0               # new findings at/above the threshold on other lines

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["plant"] = asdict(self.plant)
        return d


def load_calls(files: Sequence[Path], spell: bool) -> tuple[list[Call], dict[str, str]]:
    calls: list[Call] = []
    unreadable: dict[str, str] = {}
    for f in files:
        try:
            lines = read_lines(f)
        except (OSError, UnicodeDecodeError) as exc:
            unreadable[str(f)] = f"unreadable: {exc}"
            continue
        calls.append(Call(f, spell_speaker_numbers(lines) if spell else lines))
    return calls, unreadable


def choose_plants(calls: Sequence[Call], classes: Sequence[plants.PlantClass], per_class: int,
                  seed: int) -> list[tuple[plants.PlantClass, Call, list[str], plants.Plant]]:
    """Up to `per_class` calls per class, in a seeded order; each call's plant is seeded by
    (seed, class, call name), so adding a call to the corpus does not move the other plants."""
    chosen = []
    for cls in classes:
        order = sorted(calls, key=lambda c: c.path.name)
        random.Random(f"{seed}|{cls.name}").shuffle(order)
        taken = 0
        for call in order:
            if taken >= per_class:
                break
            base = cls.prepare(call.lines) if cls.prepare else list(call.lines)
            plant = cls.planter(base, random.Random(f"{seed}|{cls.name}|{call.path.name}"))
            if plant is None:
                continue
            chosen.append((cls, call, base, plant))
            taken += 1
    return chosen


def touches(finding: dict[str, Any], lines: Sequence[int]) -> bool:
    """The finding's span covers one of `lines`, or it lists one of them among its related lines."""
    start = finding["line"]
    end = finding.get("end_line") or start
    if any(start <= n <= end for n in lines):
        return True
    return any(r.get("line") in lines for r in finding.get("related") or [])


def judge(trial: Trial, clean: list[dict[str, Any]], planted: list[dict[str, Any]], min_severity: str) -> None:
    """Found: a finding at/above min_severity touches the plant and is not in the clean report."""
    before = {(f["check"], f["line"], f["message"]) for f in clean}
    lines = trial.plant.lines
    for f in planted:
        key = (f["check"], f["line"], f["message"])
        new = key not in before
        if touches(f, lines):
            if new and at_least(f["severity"], min_severity):
                trial.found_by.append(f["check"])
            else:
                why = "also in the clean call" if not new else f"below {min_severity}"
                trial.on_line.append(f"{f['severity']} {f['check']} ({why}): {f['message']}")
        elif new and at_least(f["severity"], min_severity):
            trial.new_elsewhere += 1
    trial.found_by = sorted(set(trial.found_by))
    trial.status = "found" if trial.found_by else "missed"


def run_plants(calls: Sequence[Call], classes: Sequence[plants.PlantClass], per_class: int, seed: int,
               workdir: Path, jobs: int, auditor: Sequence[str] | None, min_severity: str) -> list[Trial]:
    """Write clean and planted copies under `workdir`, audit them in one run, judge every plant."""
    chosen = choose_plants(calls, classes, per_class, seed)
    clean_files: dict[tuple[str, str], Path] = {}
    trials: list[Trial] = []
    for n, (cls, call, base, plant) in enumerate(chosen):
        variant = cls.prepare.__name__ if cls.prepare else "plain"  # classes that share a preparation share a clean copy
        key = (str(call.path), variant)
        if key not in clean_files:
            clean = workdir / "clean" / variant / f"{len(clean_files):04d}" / call.path.name
            write_lines(clean, base)
            clean_files[key] = clean
        planted = workdir / "planted" / cls.name / f"{n:04d}" / call.path.name
        write_lines(planted, plant.apply(base))
        trials.append(Trial(cls.name, str(call.path), plant, str(clean_files[key]), str(planted)))
    result = run_auditor([*clean_files.values(), *(Path(t.planted_file) for t in trials)], jobs, auditor)
    for t in trials:
        if t.clean_file in result.refused or t.planted_file in result.refused:
            t.status = "refused"
            t.on_line.append(result.refused.get(t.planted_file) or result.refused.get(t.clean_file, ""))
            continue
        judge(t, result.findings.get(t.clean_file, []), result.findings.get(t.planted_file, []), min_severity)
    (workdir / "plants.json").write_text(json.dumps([t.to_dict() for t in trials], indent=1, ensure_ascii=False),
                                         encoding="utf-8")
    return trials


def recall_table(trials: Sequence[Trial], classes: Sequence[plants.PlantClass]) -> dict[str, Any]:
    """Per class (and per surface form): planted, found, recall, the checks that found them."""
    out: dict[str, Any] = {}
    for cls in classes:
        mine = [t for t in trials if t.class_name == cls.name]
        judged = [t for t in mine if t.status != "refused"]
        found = [t for t in judged if t.status == "found"]
        forms: dict[str, dict[str, int]] = {}
        for t in judged:
            f = forms.setdefault(t.plant.form, {"planted": 0, "found": 0})
            f["planted"] += 1
            f["found"] += t.status == "found"
        out[cls.name] = {
            "planted": len(judged),
            "found": len(found),
            "recall": round(len(found) / len(judged), 3) if judged else None,
            "refused": len(mine) - len(judged),
            "found_by": dict(Counter(c for t in found for c in t.found_by).most_common()),
            "new_elsewhere": sum(t.new_elsewhere for t in judged),
            "forms": dict(sorted(forms.items())),
        }
    return out


def _window(before: str, after: str, width: int = 90) -> tuple[str, str]:
    """The changed part of a line with some context either side."""
    p = 0
    while p < min(len(before), len(after)) and before[p] == after[p]:
        p += 1
    s = 0
    while s < min(len(before), len(after)) - p and before[-1 - s] == after[-1 - s]:
        s += 1
    lo = max(0, p - width)

    def cut(text: str) -> str:
        hi = min(len(text), len(text) - s + width)
        return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")

    return cut(before), cut(after)


def print_recall(table: dict[str, Any], trials: Sequence[Trial], min_severity: str, show_missed: bool,
                 out: TextIO = sys.stdout) -> None:
    total_p = sum(r["planted"] for r in table.values())
    total_f = sum(r["found"] for r in table.values())
    print(f"plants: {total_p} judged ({sum(r['refused'] for r in table.values())} refused); "
          f"found at or above {min_severity} and new on the planted line: {total_f} "
          f"(recall {total_f / max(1, total_p):.0%})\n", file=out)
    width = max([len(c) for c in table] + [5])
    print(f"  {'class':<{width}}  planted  found  recall  found by (check: plants)", file=out)
    for name, r in table.items():
        recall = "-" if r["recall"] is None else f"{r['recall']:.0%}"
        by = ", ".join(f"{c}: {n}" for c, n in r["found_by"].items())
        print(f"  {name:<{width}}  {r['planted']:>7}  {r['found']:>5}  {recall:>6}  {by}", file=out)
        for form, f in r["forms"].items():
            print(f"  {'':<{width}}    {f['found']}/{f['planted']} {form}", file=out)
        if r["refused"]:
            print(f"  {'':<{width}}    ({r['refused']} planted copies refused by the auditor, not counted)", file=out)
        elif r["planted"] == 0:
            print(f"  {'':<{width}}    (no call offered a place for this class)", file=out)
    elsewhere = sum(r["new_elsewhere"] for r in table.values())
    print(f"\nnew findings on other lines than the plant, all planted copies: {elsewhere}", file=out)
    if show_missed:
        missed = [t for t in trials if t.status != "found"]
        print(f"\nmissed ({len(missed)})", file=out)
        for t in missed:
            b, a = _window(t.plant.before, t.plant.after)
            print(f"- [{t.class_name} / {t.plant.form}] {Path(t.call).name}:{t.plant.line} {t.plant.description}"
                  f"{' (REFUSED)' if t.status == 'refused' else ''}", file=out)
            print(f"    before: {b}\n    after:  {a}", file=out)
            for note in t.on_line:
                print(f"    on the line: {note}", file=out)


def cmd_plant(args: argparse.Namespace) -> int:
    names = [c.strip() for c in args.classes.split(",")] if args.classes else list(plants.CLASSES)
    unknown = [c for c in names if c not in plants.CLASSES]
    if unknown:
        print(f"quality: unknown class {', '.join(unknown)} (known: {', '.join(plants.CLASSES)})", file=sys.stderr)
        return 2
    classes = [plants.CLASSES[c] for c in names]
    calls, unreadable = load_calls(expand_inputs(args.inputs), args.spell_speaker_numbers)
    for f, msg in unreadable.items():
        print(f"quality: skipped {f}: {msg}", file=sys.stderr)
    if not calls:
        print("quality: no readable input files", file=sys.stderr)
        return 2
    if args.out:
        workdir = Path(args.out)
        workdir.mkdir(parents=True, exist_ok=True)
        trials = run_plants(calls, classes, args.per_class, args.seed, workdir, args.jobs, args.auditor,
                            args.min_severity)
    else:
        with tempfile.TemporaryDirectory(prefix="quality-plant-") as tmp:
            trials = run_plants(calls, classes, args.per_class, args.seed, Path(tmp), args.jobs, args.auditor,
                                args.min_severity)
    table = recall_table(trials, classes)
    if args.json:
        json.dump({"seed": args.seed, "per_class": args.per_class, "min_severity": args.min_severity,
                   "calls": len(calls), "classes": table, "plants": [t.to_dict() for t in trials]},
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(f"calls: {len(calls)}; seed {args.seed}; up to {args.per_class} per class", file=sys.stdout)
        print_recall(table, trials, args.min_severity, args.show_missed)
        if args.out:
            print(f"\ncopies, plants.json: {args.out}")
    return 0


def cmd_classes(_args: argparse.Namespace) -> int:
    for cls in plants.CLASSES.values():
        print(f"{cls.name}  (checks: {', '.join(cls.checks)})")
        for line in cls.doc.splitlines():
            print(f"    {line.strip()}")
        print()
    return 0


# --- command line -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench/quality.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("inputs", nargs="+", help="transcript files or directories (.txt/.json inside)")
    common.add_argument("--jobs", type=int, default=1, help="auditor worker processes (default 1)")
    common.add_argument("--auditor", type=shlex.split, default=None,
                        help="command that runs the auditor CLI (default: python -m auditor.cli of this interpreter)")
    common.add_argument("--spell-speaker-numbers", action="store_true",
                        help="audit copies with 'Speaker 7 - ...' headers rewritten 'Speaker Seven - ...' "
                             "(for auditors that refuse numbered anonymous headers)")
    review = sub.add_parser("review", parents=[common], help="false alarms on real calls, and a review file")
    review.add_argument("--review-file", help="write every finding here as TSV, with an empty verdict column")
    review.set_defaults(func=cmd_review)
    plant = sub.add_parser("plant", parents=[common], help="recall on planted errors, per class")
    plant.add_argument("--seed", type=int, default=1)
    plant.add_argument("--per-class", type=int, default=5, help="calls planted per class (default 5)")
    plant.add_argument("--classes", help=f"comma-separated subset of: {', '.join(plants.CLASSES)}")
    plant.add_argument("--out", help="keep the clean and planted copies and plants.json in this folder")
    plant.add_argument("--min-severity", choices=SEVERITIES, default="warning",
                       help="lowest severity that counts as finding a plant (default warning)")
    plant.add_argument("--json", action="store_true", help="machine-readable output")
    plant.add_argument("--show-missed", action="store_true", help="print each missed plant with its line")
    plant.set_defaults(func=cmd_plant)
    classes = sub.add_parser("classes", help="list the planting classes and their rules")
    classes.set_defaults(func=cmd_classes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
