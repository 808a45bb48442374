"""Chinese word segmentation: jieba's precise mode over its prefix dictionary kept in SQLite.

Why not `jieba.tokenize` as it comes: its first call unmarshals the whole prefix dictionary
(350,000 entries: about 0.9 s of CPU and 50 MiB per process), while a bilingual call segments a
few dozen sentences. The same tokenizer is given a dictionary that answers each prefix from the
SQLite cache of `auditor.dictcache` (built once per machine from jieba's own `dict.txt` by jieba's
own `gen_pfdict`), so the words and offsets are jieba's, byte for byte; when no cache can be
written it falls back to jieba's own loading.
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from auditor import dictcache


def _import_jieba() -> Any:
    """jieba, imported without pkg_resources: jieba._compat imports it only to open its own
    dict.txt (which the SQLite cache is built from), and pkg_resources alone costs more CPU than
    segmenting a call; without it jieba opens the file by its path, its documented fallback."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # an ImportError for jieba
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


@cache
def _tokenizer(pid: int) -> Any:  # a jieba.Tokenizer (no type hints); one per process, never across a fork
    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    if not source.is_file():
        return jieba.dt
    total: list[int] = []

    def build() -> Any:
        freq, count = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        total.append(count)
        return freq.items()

    db = dictcache.open_table("jieba", source, build, lambda: {"total": total[0]})
    if db is None:
        return jieba.dt
    table = dictcache.Table(db)
    tokenizer.FREQ = table
    tokenizer.total = int(str(table.meta["total"]))
    tokenizer.initialized = True
    return tokenizer


def segment(text: str) -> list[tuple[str, int, int]]:
    """Words of a Chinese text with their offsets (jieba, precise mode with its HMM for unknown words)."""
    return [(w, start, end) for w, start, end in _tokenizer(os.getpid()).tokenize(text)]
