"""Generated archives of small invented calls, shared by the tests of the process pool and of the
Dask engine (both engines must give the same bytes on the same files)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from tests.conftest import EXAMPLES

BILINGUAL = EXAMPLES / "tianlan_q3_2025_bilingual.txt"


def small_call(i: int, dated: bool = True) -> str:
    """A small invented call; `dated` adds an impossible date (a finding in every file)."""
    slip = "Because our cash position was strong as of September 31, we bought back shares.\n" if dated else ""
    return ("Vellmar Systems Q3 2025 Earnings Call\nOperator\nWelcome to the call.\n"
            "Anna Brekke - Chief Financial Officer\n"
            f"Revenue was US$ {100 + i % 50}.5 million, up 12% from US$ 90.1 million a year ago.\n" + slip)


def make_archive(folder: Path, files: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        (folder / f"call_{i:04d}.txt").write_text(small_call(i, dated=i % 2 == 0), encoding="utf-8")
    return folder


def sample_archive(tmp_path: Path) -> Path:
    """Four small calls, the bilingual example and a call of the same stem in a subfolder, a binary file."""
    folder = make_archive(tmp_path / "archive", 4)
    (folder / "nested").mkdir()
    (folder / "nested" / "bilingual.txt").write_bytes(BILINGUAL.read_bytes())
    (folder / "nested" / "call_0001.txt").write_text(small_call(7), encoding="utf-8")  # a stem taken twice
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
