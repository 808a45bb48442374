"""Benchmark: `auditor` measured as ratios against spaCy baselines, in paired runs on real text.

Usage (from the project root, with the project installed):

    python bench/run.py [--files 12] [--repeat 3] [--corpus DIR]

Text: the real calls of ../shared/dev-corpus/earnings22 and the seed transcript of ../shared/seed when
they are checked out next to the project (else --corpus DIR, else fictional transcripts generated
here). The first --files calls make the 1x corpus; 4x and 16x are copies of it in subfolders.

Every figure is a ratio taken pair by pair (A B A B ...: pairing keeps a ratio meaningful while the
machine's speed drifts), and the median of the pairs is printed. Times are the operating system's
own accounting of each finished command (os.wait4): cpu = user + system, peak = the largest single
process among those the command waited for (a pool's workers included).

- single call: CPU of `auditor audit` on one ~50 KB call vs a bare
  `python -c "import spacy; spacy.blank('en'); spacy.blank('zh')"` (target <= 1.3x);
- steady state: MB/s per CPU-second of the auditor beyond start-up (4x minus 1x, --jobs 1) vs
  spaCy's blank tokenizers alone over the same lines (target >= 20%);
- parallelism: wall of --jobs 1 over --jobs 2 on the 1x corpus (target >= 1.8x on a quiet machine);
- scaling: wall of 16x over 1x at --jobs 2 (target <= 16.5x), with each size's peak;
- memory: the largest process of any batch run (target <= 150 MiB).

This is a script, not a test: timings depend on the machine and are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SHARED = HERE.parent.parent / "shared"

FIRST = ["Ada", "Bram", "Celia", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca"]
LAST = ["Pell", "Varga", "Okoro", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Sato", "Haddad", "Novak"]
FIRMS = ["Meridian Securities", "Northgate Capital", "Harbourview Research", "Jade Bay Capital"]
COMPANIES = ["Corvid Mining", "Lumen Freight", "Orchid Biotech", "Tessellate Software", "Halden Foods"]
METRICS = ["revenue", "gross profit", "operating expenses", "adjusted EBITDA", "net income"]
ZH_METRICS = {"revenue": "營收", "gross profit": "毛利", "operating expenses": "營業費用",
              "adjusted EBITDA": "經調整EBITDA", "net income": "淨利"}
FILLER = [
    ("Demand from our largest customers remained healthy throughout the quarter.", "本季我們最大客戶的需求保持健康。"),
    ("We continued to invest in automation and in the training of our teams.", "我們持續投資於自動化及團隊培訓。"),
    ("Our pipeline of new projects is the strongest it has been in three years.", "我們的新項目儲備是三年來最強的。"),
    ("Pricing was stable, and we did not see any change in competitive intensity.", "價格保持穩定,我們沒有看到競爭強度的變化。"),
]


def _paragraph(rng: random.Random) -> tuple[str, str]:
    metric = rng.choice(METRICS)
    old = rng.uniform(50, 900)
    growth = rng.uniform(-20, 40)
    new = old * (1 + growth / 100)
    word = "up" if growth >= 0 else "down"
    zh_word = "成長" if growth >= 0 else "下降"
    en = (f"{metric.capitalize()} was RMB{new:,.1f} million, {word} {abs(growth):.1f}% from RMB{old:,.1f} million "
          f"in the same quarter last year. " + rng.choice(FILLER)[0])
    zh = (f"{ZH_METRICS[metric]}為人民幣{new / 100:,.4f}億元,較去年同期的人民幣{old / 100:,.4f}億元{zh_word}"
          f"{abs(growth):.1f}%。" + rng.choice(FILLER)[1])
    return en, zh


def make_transcript(rng: random.Random, bilingual: bool, size: int = 50_000) -> str:
    company = rng.choice(COMPANIES)
    ceo = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    cfo = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    lines: list[str] = []

    def header(text: str) -> None:
        lines.extend([text, text] if bilingual else [text])

    def say(en: str, zh: str) -> None:
        lines.append(en)
        if bilingual:
            lines.append(zh)

    if bilingual:
        lines.append("免責聲明:中文譯文由機器翻譯產生,僅供參考。")
    header("Operator")
    say(f"Good morning and welcome to the {company} second quarter 2025 earnings call.",
        f"早安,歡迎參加{company} 2025年第二季財報電話會議。")
    turn = 0
    while sum(len(x.encode("utf-8")) + 1 for x in lines) < size:
        speaker = (ceo, "Chief Executive Officer") if turn % 2 == 0 else (cfo, "Chief Financial Officer")
        header(f"{speaker[0]} - {speaker[1]}")
        for _ in range(rng.randint(3, 7)):
            say(*_paragraph(rng))
        if turn % 3 == 2:
            analyst = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            header("Operator")
            say(f"Our next question comes from {analyst} with {rng.choice(FIRMS)}.", f"下一個問題來自{analyst}。")
            header(f"{analyst} - Analyst")
            say("Could you talk about the outlook for margins in the second half?", "能否談談下半年利潤率的展望?")
        turn += 1
    return "\n".join(lines) + "\n"


def synthetic_texts(files: int) -> list[str]:
    """`files` fictional transcripts (the fallback when the real corpora are not checked out)."""
    rng = random.Random(20251126)
    return [make_transcript(rng, bilingual=i % 2 == 0) for i in range(files)]


def build_corpus(texts: list[str], copies: int) -> list[Path]:
    """The texts, each written `copies` times (copy k in its own folder)."""
    folder = CORPUS / f"x{copies}"
    if folder.exists():
        shutil.rmtree(folder)
    paths = []
    for k in range(copies):
        sub = folder / f"copy{k:02d}"
        sub.mkdir(parents=True)
        for i, text in enumerate(texts):
            path = sub / f"call_{i:03d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and the processes it waited for
    peak: float  # MiB, the largest single process


def run(cmd: list[str]) -> Sample:
    """One run of `cmd`, timed by the kernel's accounting of the reaped child (os.wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped here: keep Popen from waiting again
    wall = time.perf_counter() - start
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def paired(a: list[str], b: list[str], repeat: int) -> list[tuple[Sample, Sample]]:
    """`repeat` pairs of runs, A then B, after one warm-up run of each that is not counted."""
    run(a)
    run(b)
    return [(run(a), run(b)) for _ in range(repeat)]


def median(values: list[float]) -> float:
    return statistics.median(values)


def auditor_cmd() -> list[str]:
    exe = shutil.which("auditor", path=str(Path(sys.executable).parent)) or shutil.which("auditor")
    return [exe] if exe else [sys.executable, "-c", "from auditor.cli import main; main()"]


def audit(target: Path, jobs: int) -> list[str]:
    return [*auditor_cmd(), "audit", str(target), "--format", "json", "--jobs", str(jobs), "--output", os.devnull]


def tokenizer_mbps(texts: list[str]) -> float:
    """MB per CPU-second of spaCy's blank tokenizers alone (zh for Chinese lines, en for the others)."""
    import spacy

    from auditor.textutil import is_chinese_line

    en, zh = spacy.blank("en"), spacy.blank("zh")
    total = sum(len(t.encode("utf-8")) for t in texts)
    start = time.process_time()
    for text in texts:
        lines = text.splitlines()
        for _ in en.tokenizer.pipe([ln for ln in lines if not is_chinese_line(ln)]):
            pass
        for _ in zh.tokenizer.pipe([ln for ln in lines if is_chinese_line(ln)]):
            pass
    return total / 1e6 / (time.process_time() - start)


def real_texts(corpus: Path | None, files: int) -> tuple[list[str], str]:
    """The first `files` calls of the corpus (real text when checked out) and where they came from."""
    folder = corpus or SHARED / "dev-corpus" / "earnings22"
    paths = sorted(folder.glob("*.txt"))[:files] if folder.is_dir() else []
    if not paths:
        return synthetic_texts(files), "fictional transcripts generated by bench/run.py"
    return [p.read_text(encoding="utf-8") for p in paths], f"{len(paths)} calls of {folder.name}"


def single_call_file(texts: list[str]) -> Path:
    """The seed transcript when checked out, else the corpus call closest to 50 KB."""
    seeds = sorted((SHARED / "seed").glob("*.txt"))
    if seeds:
        return seeds[0]
    path = CORPUS / "single.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(min(texts, key=lambda t: abs(len(t.encode("utf-8")) - 50_000)), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=12, help="calls in the 1x corpus")
    parser.add_argument("--repeat", type=int, default=3, help="pairs per ratio")
    parser.add_argument("--corpus", type=Path, help="a folder of .txt calls (default: the shared dev corpus)")
    args = parser.parse_args()

    texts, origin = real_texts(args.corpus, args.files)
    corpus = {n: build_corpus(texts, n) for n in (1, 4, 16)}
    size = {n: sum(p.stat().st_size for p in paths) / 1e6 for n, paths in corpus.items()}
    folder = {n: paths[0].parent.parent for n, paths in corpus.items()}
    one = single_call_file(texts)
    bare = [sys.executable, "-c", "import spacy; spacy.blank('en'); spacy.blank('zh')"]
    rows: list[tuple[str, str, str, str]] = []

    pairs = paired([*auditor_cmd(), "audit", str(one), "--format", "json", "--output", os.devnull], bare, args.repeat)
    rows.append((f"single call ({one.stat().st_size / 1e3:.0f} KB), CPU",
                 f"{median([a.cpu for a, _ in pairs]):.2f} s vs {median([b.cpu for _, b in pairs]):.2f} s",
                 f"{median([a.cpu / b.cpu for a, b in pairs]):.2f}x", "<= 1.3x"))

    steady = []
    for _ in range(args.repeat):
        small, large = run(audit(folder[1], 1)), run(audit(folder[4], 1))
        mbps = (size[4] - size[1]) / max(large.cpu - small.cpu, 1e-9)
        steady.append((mbps, tokenizer_mbps(texts)))
    rows.append(("steady state, MB per CPU-second",
                 f"{median([a for a, _ in steady]):.3f} vs {median([b for _, b in steady]):.2f} (spaCy tokenizer)",
                 f"{median([a / b for a, b in steady]):.1%}", ">= 20%"))

    pairs = paired(audit(folder[1], 1), audit(folder[1], 2), args.repeat)
    rows.append(("--jobs 1 / --jobs 2, wall",
                 f"{median([a.wall for a, _ in pairs]):.2f} s / {median([b.wall for _, b in pairs]):.2f} s",
                 f"{median([a.wall / b.wall for a, b in pairs]):.2f}x", ">= 1.8x"))
    peaks = [s.peak for pair in pairs for s in pair]

    scale = {n: [run(audit(folder[n], 2)) for _ in range(max(1, args.repeat if n < 16 else 1))] for n in (1, 4, 16)}
    wall = {n: median([s.wall for s in samples]) for n, samples in scale.items()}
    peak = {n: max(s.peak for s in samples) for n, samples in scale.items()}
    peaks += list(peak.values())
    rows.append(("1x / 4x / 16x at --jobs 2, wall",
                 f"{wall[1]:.1f} s / {wall[4]:.1f} s / {wall[16]:.1f} s",
                 f"{wall[4] / wall[1]:.1f}x / {wall[16] / wall[1]:.1f}x", "16x <= 16.5x"))
    rows.append(("peak per process at 1x / 4x / 16x", f"{peak[1]:.0f} / {peak[4]:.0f} / {peak[16]:.0f} MiB",
                 f"max {max(peaks):.0f} MiB", "<= 150 MiB, flat"))

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; text: {origin}; "
          f"1x = {len(corpus[1])} files, {size[1]:.2f} MB; {args.repeat} pairs per ratio, medians")
    print()
    print("| measure | auditor vs baseline | ratio | target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
