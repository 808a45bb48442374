"""Scaling probe: CPU time of auditing pathological lines of n and 4n characters, and their ratio.

Usage (from the project root, with the project installed):

    python bench/linear_time.py [--size 2000] [--factor 4] [--only NAME ...] [--profile NAME]

Every input of `tests.linear_inputs.PATHOLOGICAL` (long runs of each ASCII punctuation character,
"(a(a(a", "a)a)a)", digits, "1,1,1", "$1 $1", month names, "Q1 Q2", repeated words, one very long
word, CJK runs, figure-dense sentences, bilingual pairs) is built at `--size` and at `--size *
--factor` characters, wrapped in a one-turn transcript and audited in-process through
`auditor.api.audit_text` with every check. Linear time gives a ratio near the factor (4); a ratio
near its square (16) is a quadratic path. `--profile NAME` prints the hottest functions of the
larger input instead. This is a script, not a test (tests/test_linear_time.py asserts the bound).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.linear_inputs import PATHOLOGICAL, audit_cpu, transcript_of, warm_up  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="characters of the smaller line")
    parser.add_argument("--factor", type=int, default=4, help="how much larger the second line is")
    parser.add_argument("--only", nargs="*", help="names of the inputs to run (default: all)")
    parser.add_argument("--profile", help="profile the larger input of this name")
    args = parser.parse_args()
    warm_up()
    if args.profile:
        text = transcript_of(args.profile, PATHOLOGICAL[args.profile], args.size * args.factor)
        prof = cProfile.Profile()
        prof.enable()
        audit_cpu(text)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return 0
    names = args.only or list(PATHOLOGICAL)
    print(f"{'input':<28} {'n':>7} {'t(n) s':>8} {'t(4n) s':>8} {'ratio':>6}")
    worst = 0.0
    for name in names:
        small = audit_cpu(transcript_of(name, PATHOLOGICAL[name], args.size))
        large = audit_cpu(transcript_of(name, PATHOLOGICAL[name], args.size * args.factor))
        ratio = large / max(small, 1e-3)
        worst = max(worst, ratio)
        print(f"{name:<28} {args.size:>7} {small:>8.3f} {large:>8.3f} {ratio:>6.1f}", flush=True)
    print(f"worst ratio {worst:.1f} (factor {args.factor})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
