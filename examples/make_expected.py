"""Regenerate the expected reports in examples/expected/ (run from anywhere)."""

from __future__ import annotations

import os
from pathlib import Path

from auditor.reports import render

from auditor.api import audit
from auditor.atomic import write_atomic
from auditor.config import Config

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    os.chdir(ROOT)
    for path in sorted(Path("examples").glob("*.txt")):
        report = audit([str(path)], config=Config())
        for fmt, suffix in (("markdown", "md"), ("json", "json")):
            write_atomic(Path("examples/expected") / f"{path.stem}.{suffix}", render(report, fmt))
            print(f"wrote examples/expected/{path.stem}.{suffix}")


if __name__ == "__main__":
    main()
