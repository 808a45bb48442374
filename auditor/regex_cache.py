"""Compiled regular expressions kept between processes, as Python keeps compiled modules (.pyc).

Why: `re` compiles in pure Python (its parser and code generator), about a microsecond per
character of a pattern, and a cold audit compiles some 130 vocabulary patterns of hundreds to
thousands of characters on first use: ~0.07 s, a twentieth of a single call's CPU. What `re`
makes of a pattern is a list of integers (the code its C engine runs) and the group names; this
module keeps them per (source, flags) in the user cache (`dictcache.cache_folder()`) and builds
the pattern from them with the constructor `re` itself ends with (`_sre.compile`), which checks
the code before accepting it.

Safety: the file is named after the interpreter's exact version and `_sre.MAGIC`, so code laid
out for another Python is never read (as a .pyc of another version is not); any failure (an
internal that is missing, an unreadable or damaged file, an entry of the wrong shape) falls back
to `re.compile`. The file is read once per process and written once, at exit, only when the
process compiled a pattern it did not hold (atomically: concurrent processes never read half a
file). Tested: every cached pattern equals (`==` compares the flags, the source and the code) the
one `re.compile` makes. Only vocabulary patterns go through here: a pattern made from one call's
text would fill the file with patterns never met again.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys
from array import array
from contextlib import suppress
from pathlib import Path
from typing import Any

#: the layout of an entry (`Entry`), in the file's name
FORMAT = 2

#: at most this many patterns are kept (the shipped vocabularies need about 300): past it, the file
#: starts again from the patterns of the process that writes it
MAX_PATTERNS = 4096

#: (source, flags) -> (flags, code, groups, groupindex, indexgroup): the arguments of `_sre.compile`,
#: the code as the bytes of an `array("I")` (the list of Python ints `re` makes took 4 MiB for the
#: shipped vocabularies' patterns, the bytes a tenth of it)
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_read: dict[tuple[str, int], Entry] | None = None
_added: dict[tuple[str, int], Entry] = {}


def compile(source: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name `re` gives it
    """`re.compile(source, flags)`, from the code kept by an earlier process when there is one."""
    flags = int(flags)
    if flags & re.DEBUG:
        return re.compile(source, flags)
    key = (source, flags)
    entry = _entries().get(key) or _added.get(key)
    if entry is not None:
        with suppress(Exception):  # a damaged or foreign entry: compiled afresh below
            return _built(source, entry)
    try:
        entry = _compiled_entry(source, flags)
        pattern = _built(source, entry)
    except Exception:  # noqa: BLE001 - re's internals differ here: re.compile raises what it should
        return re.compile(source, flags)
    _remember(key, entry)
    return pattern


def _built(source: str, entry: Entry) -> re.Pattern[str]:
    import _sre  # type: ignore[import-not-found]  # CPython's engine, no stub

    final_flags, code, groups, groupindex, indexgroup = entry
    pattern: re.Pattern[str] = _sre.compile(source, final_flags, array("I", code).tolist(), groups, groupindex,
                                            indexgroup)
    return pattern


def _compiled_entry(source: str, flags: int) -> Entry:
    """What `re._compiler.compile` hands to `_sre.compile`, as plain values (marshal keeps only those)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = array("I", _compiler._code(parsed, flags)).tobytes()  # the engine's code words are 32 bits
    groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


def cache_file() -> Path:
    """The file of this interpreter's compiled patterns."""
    import _sre

    from auditor.dictcache import cache_folder

    version = "-".join(str(part) for part in sys.version_info[:3])
    return cache_folder() / f"patterns{FORMAT}-{sys.implementation.name}{version}-sre{_sre.MAGIC}.marshal"


def _entries() -> dict[tuple[str, int], Entry]:
    global _read
    if _read is None:
        _read = _load()
    return _read


def _load() -> dict[tuple[str, int], Entry]:
    try:
        with open(cache_file(), "rb") as fh:
            table: Any = marshal.load(fh)
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: start empty
        return {}
    return table if isinstance(table, dict) else {}


def _remember(key: tuple[str, int], entry: Entry) -> None:
    if len(_added) < MAX_PATTERNS:
        _added[key] = entry


def save() -> None:
    """Write the patterns this process compiled, with those the file holds now (another process
    may have added some since it was read)."""
    from auditor.atomic import OutputError, write_atomic

    if not _added:
        return
    table = {**_load(), **_added}
    if len(table) > MAX_PATTERNS:
        table = dict(_added)
    with suppress(OutputError, OSError, ValueError):  # no writable cache folder: compiled again next time
        write_atomic(cache_file(), marshal.dumps(table))
    _added.clear()


atexit.register(save)  # writes only what this process added (nothing: no write)
