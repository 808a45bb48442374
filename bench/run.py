"""Benchmark: latency, throughput, scaling and memory of `auditor`, each next to a spaCy baseline.

Usage (from the project root, with the project installed):

    python bench/run.py [--files 24] [--repeat 5] [--jobs N]

It generates a corpus of synthetic bilingual and English-only transcripts (~50 KB each, fictional
companies, deterministic) under bench/corpus/, then prints, measured in one run:

- single-file latency of `auditor audit` on a seed-sized bilingual file next to a bare
  `python -c "import spacy; spacy.blank('en')"` (median of --repeat runs; ratio; target <= 1.5x);
- batch throughput in MB/s next to spaCy's tokenizer alone over the same text, per core
  (ratio; target >= 40%), for --jobs 1 and --jobs N;
- wall time for 1x, 4x and 16x the corpus (target: 16x the data in <= 17x the time);
- peak resident memory per worker process (target <= 400 MB).

This is a script, not a test: timings depend on the machine and are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

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


def build_corpus(files: int, copies: int) -> list[Path]:
    """`files` distinct transcripts, each written `copies` times (copy k in its own folder)."""
    rng = random.Random(20251126)
    texts = [make_transcript(rng, bilingual=i % 2 == 0) for i in range(files)]
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


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def median_time(cmd: list[str], repeat: int) -> float:
    return statistics.median(timed(cmd) for _ in range(repeat))


def auditor_cmd() -> list[str]:
    exe = shutil.which("auditor", path=str(Path(sys.executable).parent)) or shutil.which("auditor")
    return [exe] if exe else [sys.executable, "-m", "auditor.cli"]


def tokenizer_throughput(paths: list[Path]) -> float:
    """MB/s of spaCy's blank tokenizers alone (en for English lines, zh for Chinese) in this process."""
    import spacy

    from auditor.textutil import is_chinese_line

    en, zh = spacy.blank("en"), spacy.blank("zh")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    total = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    for text in texts:
        lines = text.splitlines()
        for _ in en.tokenizer.pipe([ln for ln in lines if not is_chinese_line(ln)]):
            pass
        for _ in zh.tokenizer.pipe([ln for ln in lines if is_chinese_line(ln)]):
            pass
    return total / 1e6 / (time.perf_counter() - start)


def batch(paths: list[Path], jobs: int) -> tuple[float, float]:
    """(wall seconds, peak RSS MB of the largest process) for one batch run over `paths`."""
    folder = paths[0].parent.parent
    cmd = [*auditor_cmd(), "audit", str(folder), "--format", "json", "--jobs", str(jobs), "--output", os.devnull]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    seconds = timed(cmd)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=24, help="distinct transcripts in the 1x corpus")
    parser.add_argument("--repeat", type=int, default=5, help="runs per latency measurement")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel runs")
    args = parser.parse_args()

    corpus = {n: build_corpus(args.files, n) for n in (1, 4, 16)}
    size_mb = {n: sum(p.stat().st_size for p in paths) / 1e6 for n, paths in corpus.items()}
    seed_sized = corpus[1][0]  # bilingual, ~50 KB like the seed transcript

    bare = median_time([sys.executable, "-c", "import spacy; spacy.blank('en')"], args.repeat)
    single = median_time([*auditor_cmd(), "audit", str(seed_sized), "--output", os.devnull], args.repeat)

    tok = tokenizer_throughput(corpus[1])
    t1, mem1 = batch(corpus[1], 1)
    tn, memn = batch(corpus[1], args.jobs)
    thr1, thrn = size_mb[1] / t1, size_mb[1] / tn
    scale = {n: batch(corpus[n], args.jobs)[0] for n in (1, 4, 16)}

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; corpus 1x = {len(corpus[1])} files, "
          f"{size_mb[1]:.2f} MB")
    print()
    print("| measure | auditor | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| single-file latency ({seed_sized.stat().st_size / 1e3:.0f} KB) | {single:.2f} s | "
          f"{bare:.2f} s (python -c spacy.blank('en')) | {single / bare:.2f}x | <= 1.5x |")
    print(f"| throughput, --jobs 1 | {thr1:.2f} MB/s | {tok:.2f} MB/s (spaCy tokenizer, 1 core) | "
          f"{thr1 / tok:.0%} | >= 40% per core |")
    print(f"| throughput, --jobs {args.jobs} | {thrn:.2f} MB/s | {tok * args.jobs:.2f} MB/s ({args.jobs} cores) | "
          f"{thrn / (tok * args.jobs):.0%} | grows with --jobs |")
    print(f"| scaling 1x / 4x / 16x (--jobs {args.jobs}) | {scale[1]:.2f} s / {scale[4]:.2f} s / {scale[16]:.2f} s | "
          f"16 x {scale[1]:.2f} s = {16 * scale[1]:.2f} s | {scale[16] / scale[1]:.1f}x | <= 17x |")
    print(f"| peak memory per process | {max(mem1, memn):.0f} MB | | | <= 400 MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
