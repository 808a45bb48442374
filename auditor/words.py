"""Word lists as data: every vocabulary the model and the checks use, loaded once, extendable by users.

Why: a desk that meets a new mis-hearing ("hearing ratio" for gearing ratio) or a new operator
label should add one line to a TOML file, and every check should see it. So no module keeps a word
list in code: each list lives once in `auditor/data/<table>.toml` and is read through `Words`.

Users extend the tables from their configuration with the same shape as the data file:

    [tool.auditor.words.directions.en]
    up = ["skyrocketed"]                    # lists are extended (duplicates dropped)

    [tool.auditor.words.speakers.labels]
    operator = ["conference host"]

A list is extended, a table is merged key by key, a scalar is replaced. A table or key that the
data files do not define is a configuration error that names it, so a typo never passes silently.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from importlib import resources
from typing import Any

from auditor.errors import ConfigError


@cache
def _data_table(name: str) -> dict[str, Any]:
    path = resources.files("auditor").joinpath(f"data/{name}.toml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(name) from None
    return parsed_toml(text)


def parsed_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, answered from a JSON copy in the user cache once it has been parsed.

    Why: Python's TOML parser is pure Python and reads the shipped word lists (150 KB) in ~25 ms
    of CPU, a cost every audit process pays on start; `json` reads the same tables in ~2 ms. The
    copy is named after a hash of the TOML text, so an edited list is parsed again, and it is written
    under a temporary name then renamed, so concurrent processes never read half a file. Without a
    writable cache folder the text is simply parsed every time (same tables, slower)."""
    from auditor.atomic import OutputError, write_atomic
    from auditor.dictcache import cache_folder

    path = cache_folder() / f"words-{hashlib.sha256(text.encode()).hexdigest()[:24]}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            cached: dict[str, Any] = json.load(fh)
        return cached
    except (OSError, ValueError):
        pass
    table = tomllib.loads(text)
    with suppress(OutputError):  # no writable cache folder: parsed again next time
        write_atomic(path, json.dumps(table, ensure_ascii=False))
    return table


@cache
def table_names() -> tuple[str, ...]:
    """The tables shipped in `auditor/data/` (one TOML file each)."""
    folder = resources.files("auditor").joinpath("data")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml")))


def _merge(base: Any, extra: Any, where: str) -> Any:
    if isinstance(base, dict):
        if not isinstance(extra, dict):
            raise ConfigError(f"words.{where} must be a table")
        merged = dict(base)
        for key, value in extra.items():
            if key not in base:
                raise ConfigError(f"unknown word list 'words.{where}.{key}' (known: {', '.join(sorted(base))})")
            merged[key] = _merge(base[key], value, f"{where}.{key}")
        return merged
    if isinstance(base, list):
        if not isinstance(extra, list):
            raise ConfigError(f"words.{where} must be a list")
        return base + [v for v in extra if v not in base]
    if type(extra) is not type(base):
        raise ConfigError(f"words.{where} must be a {type(base).__name__}")
    return extra


class Words:
    """The vocabulary of one run: the shipped tables, with the user's extensions merged in.

    Immutable and hashable (by its extensions), so that patterns compiled from it can be cached
    per vocabulary with `functools.cache`.
    """

    __slots__ = ("_extensions", "_key", "_tables")

    def __init__(self, extensions: Mapping[str, Any] | None = None) -> None:
        self._extensions = dict(extensions or {})
        self._key = json.dumps(self._extensions, sort_keys=True, ensure_ascii=False)
        self._tables: dict[str, dict[str, Any]] = {}
        known = table_names()
        for name, extra in self._extensions.items():
            if name not in known:
                raise ConfigError(f"unknown word table 'words.{name}' (known: {', '.join(known)})")
            self._tables[name] = _merge(_data_table(name), extra, name)

    def table(self, name: str) -> dict[str, Any]:
        """A whole table (the parsed TOML file), extensions merged. Do not mutate it."""
        if name in self._tables:
            return self._tables[name]
        return _data_table(name)

    def list(self, name: str, key: str) -> tuple[str, ...]:
        """One list of a table as a tuple of strings."""
        return tuple(self.table(name)[key])

    def set(self, name: str, key: str) -> frozenset[str]:
        """One list of a table as a set of lower-case strings, for membership tests."""
        return frozenset(str(v).lower() for v in self.table(name)[key])

    @property
    def extensions(self) -> dict[str, Any]:
        return self._extensions

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and other._key == self._key

    def __repr__(self) -> str:
        return f"Words({self._key})"


@cache
def _words_for(key: str) -> Words:
    return Words(json.loads(key))


def default_words() -> Words:
    """The shipped vocabulary, without extensions."""
    return _words_for("{}")


def words_for(extensions: Mapping[str, Any] | None) -> Words:
    """The vocabulary with `extensions` merged in; one instance per distinct extension set."""
    if not extensions:
        return default_words()
    return _words_for(json.dumps(dict(extensions), sort_keys=True, ensure_ascii=False))
