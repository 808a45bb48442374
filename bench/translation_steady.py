"""Steady-state CPU time of the translation checks on a bilingual call, per check.

Usage (from the project root, with the project installed):

    python bench/translation_steady.py [CALL.txt] [--rounds 5] [--audits 3] [--profile OUT.prof]

The call (default: the seed call beside the checkout, ../shared/seed/*.txt) is audited once after a
warm-up on the bundled bilingual example, then `--rounds` times `--audits` audits through
`auditor.audit([path], jobs=1, keep_transcripts=False)`; each check's `run` is timed with
`time.process_time()`, and the round with the least translation time is printed (the machine is
shared: the least is the least disturbed). `--profile` also dumps a cProfile of one round. Repeated
audits of one file meet the per-process caches of the Chinese folding (OpenCC), as a batch of
calls sharing their phrasing would; an unseen call pays that folding once more.
"""

from __future__ import annotations

import argparse
import cProfile
import glob
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import auditor
from auditor import check

ROOT = Path(__file__).resolve().parent.parent


def _timed(spent: dict[str, float]) -> None:
    """Wrap the `run` of each check base class so that every check's CPU time lands in `spent`."""
    for cls in (check.PairCheck, check.TranscriptCheck, check.ParagraphCheck):
        original: Callable[..., Iterator[Any]] = cls.__dict__["run"]

        def run(self: Any, transcript: Any, _original: Callable[..., Iterator[Any]] = original) -> Iterator[Any]:
            start = time.process_time()
            found = list(_original(self, transcript))
            name = type(self).__module__
            spent[name] = spent.get(name, 0.0) + time.process_time() - start
            return iter(found)

        cls.run = run  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    seeds = sorted(glob.glob(str(ROOT.parent / "shared" / "seed" / "*.txt")))
    parser.add_argument("call", nargs="?", default=seeds[0] if seeds else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--audits", type=int, default=3)
    parser.add_argument("--profile")
    args = parser.parse_args()
    if args.call is None:
        parser.error("no call given and no seed call found")
    spent: dict[str, float] = {}
    _timed(spent)
    auditor.audit([str(ROOT / "examples" / "tianlan_q3_2025_bilingual.txt")], jobs=1, keep_transcripts=False)
    auditor.audit([args.call], jobs=1, keep_transcripts=False)
    rounds = []
    for _ in range(args.rounds):
        spent.clear()
        start = time.process_time()
        for _ in range(args.audits):
            auditor.audit([args.call], jobs=1, keep_transcripts=False)
        total = (time.process_time() - start) / args.audits
        translation = {k: v / args.audits for k, v in spent.items() if ".translation." in k}
        rounds.append((sum(translation.values()), total, translation))
    best, total, per_check = min(rounds, key=lambda r: r[0])
    print(f"audit {total:.4f} s CPU, translation checks {best:.4f} s "
          f"(rounds: {', '.join(f'{r[0]:.4f}' for r in rounds)})")
    for name, seconds in sorted(per_check.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:.4f}  {name.rsplit('.', 1)[-1]}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.audits):
            auditor.audit([args.call], jobs=1, keep_transcripts=False)
        profile.disable()
        profile.dump_stats(args.profile)


if __name__ == "__main__":
    main()
