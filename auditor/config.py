"""Configuration: `[tool.auditor]` in pyproject.toml, or an `auditor.toml`, found by walking up.

Why strict: a misspelt key ("fail_on" for "fail-on", "ignored") silently does nothing in a lax
reader, and a desk that gates on the auditor would never know its setting is ignored. Unknown keys
are errors that name the key.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from auditor.errors import ConfigError
from auditor.findings import Severity
from auditor.words import Words, words_for

FAIL_ON_LEVELS = Severity.fail_levels()
LANGUAGE_PAIRS = ("en-zh", "en-zh-hant", "en-zh-hans", "en")

_KEYS = {
    "select": "checks (ids, id prefixes or groups) to run; all when empty",
    "ignore": "checks (ids, id prefixes or groups) not to run",
    "severity": "table of check id -> error|warning|info overrides",
    "fail-on": "default --fail-on level: error|warning|info|never",
    "glossary": "glossary files (one company, product or person name per line)",
    "language-pair": "source-target languages: en-zh (default), en-zh-hant, en-zh-hans, en",
    "words": "extensions of the shipped word lists (auditor/data/*.toml), by table and list",
    "include": "file name patterns a directory scan audits (default *.txt, *.json)",
    "exclude": "file or folder patterns a directory scan skips",
    "per-file-ignores": "table of file pattern -> checks (ids, id prefixes or groups) not run on those files",
    "reference": "reference files (earnings release, participant list): a list for every transcript, or a table of "
                 "transcript name pattern -> file(s)",
}

#: the file names a directory scan audits when the configuration names none
DEFAULT_INCLUDE = ("*.txt", "*.json")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: str = "error"
    glossary: tuple[Path, ...] = ()
    language_pair: str = "en-zh"
    source: Path | None = None
    #: user extensions of the word tables, validated against `auditor/data/` (see `auditor.words`)
    words_extensions: dict[str, Any] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    #: (file pattern, check patterns): checks not run on the files the pattern matches
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: reference files per transcript-name pattern ("*" for every transcript); --reference adds to "*"
    reference: tuple[tuple[str, tuple[Path, ...]], ...] = ()

    @property
    def words(self) -> Words:
        """The vocabulary of this configuration: the shipped word lists with the user's additions."""
        return words_for(self.words_extensions)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def ignores_for(self, path: str | os.PathLike[str]) -> tuple[str, ...]:
        """The check patterns `per-file-ignores` lists for this file (ruff style).

        A pattern with a slash matches the file's path relative to the configuration file's folder
        (or the working folder), one without a slash matches its name.
        """
        if not self.per_file_ignores:
            return ()
        base = self.source.parent if self.source else Path.cwd()
        absolute = os.path.abspath(path)
        try:
            rel = PurePath(os.path.relpath(absolute, base)).as_posix()
        except ValueError:  # another drive (Windows)
            rel = PurePath(absolute).as_posix()
        name = PurePath(absolute).name
        out: list[str] = []
        for pattern, checks in self.per_file_ignores:
            if fnmatch.fnmatchcase(rel if "/" in pattern else name, pattern.lstrip("/")):
                out.extend(checks)
        return tuple(out)
    def references_for(self, transcript: str | Path) -> list[Path]:
        """The reference files configured for a transcript: those of "*" and of every pattern that
        matches its file name or its path."""
        from fnmatch import fnmatch

        path = Path(transcript)
        return [f for pattern, files in self.reference
                if pattern == "*" or fnmatch(path.name, pattern) or fnmatch(path.as_posix(), pattern) for f in files]

    def glossary_terms(self) -> list[str]:
        """Names from the glossary files: one per line, blank lines and # comments ignored."""
        terms: list[str] = []
        for path in self.glossary:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"glossary file {path} cannot be read: {exc}") from None
            for line in text.splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    terms.append(line)
        return terms


def _as_list(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"config key '{key}' must be a string or a list of strings")


def split_patterns(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Check patterns given repeated or comma-separated ("dates,figures"), as ruff takes them."""
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def parse_config(data: dict[str, Any], source: Path | None = None) -> Config:
    """Validate a `[tool.auditor]` table; unknown keys and bad values raise ConfigError."""
    where = f" in {source}" if source else ""
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"unknown config key '{key}'{where} (known: {', '.join(sorted(_KEYS))})")
    base = source.parent if source else Path.cwd()
    severity: dict[str, Severity] = {}
    raw_severity = data.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise ConfigError(f"config key 'severity'{where} must be a table of check id = level")
    for check, level in raw_severity.items():
        try:
            severity[check] = Severity.parse(level)
        except ValueError as exc:
            raise ConfigError(f"config key 'severity.{check}'{where}: {exc}") from None
    fail_on = str(data.get("fail-on", "error")).lower()
    if fail_on not in FAIL_ON_LEVELS:
        raise ConfigError(f"config key 'fail-on'{where} must be one of {', '.join(FAIL_ON_LEVELS)}")
    pair = str(data.get("language-pair", "en-zh")).lower()
    if pair not in LANGUAGE_PAIRS:
        raise ConfigError(f"config key 'language-pair'{where} must be one of {', '.join(LANGUAGE_PAIRS)}")
    glossary = tuple((base / g).resolve() for g in _as_list("glossary", data.get("glossary", [])))
    for path in glossary:
        if not path.is_file():
            raise ConfigError(f"config key 'glossary'{where}: file {path} does not exist")
    words_extensions = data.get("words", {})
    if not isinstance(words_extensions, dict):
        raise ConfigError(f"config key 'words'{where} must be a table of word tables")
    try:
        words_for(words_extensions)
    except ConfigError as exc:
        raise ConfigError(f"{exc}{where}") from None
    raw_per_file = data.get("per-file-ignores", {})
    if not isinstance(raw_per_file, dict):
        raise ConfigError(f"config key 'per-file-ignores'{where} must be a table of file pattern = [checks]")
    per_file = tuple((str(pattern), split_patterns(_as_list(f"per-file-ignores.{pattern}", checks)))
                     for pattern, checks in raw_per_file.items())
    return Config(
        select=split_patterns(_as_list("select", data.get("select", []))),
        ignore=split_patterns(_as_list("ignore", data.get("ignore", []))),
        include=_as_list("include", data["include"]) if "include" in data else DEFAULT_INCLUDE,
        exclude=_as_list("exclude", data.get("exclude", [])),
        per_file_ignores=per_file,
        reference=_references(data.get("reference", []), base, where),
        severity=severity,
        fail_on=fail_on,
        glossary=glossary,
        language_pair=pair,
        source=source,
        words_extensions=words_extensions,
    )


def _references(value: Any, base: Path, where: str) -> tuple[tuple[str, tuple[Path, ...]], ...]:
    """`reference = "release.html"`, a list (every transcript), or a table pattern -> file(s)."""
    table = value if isinstance(value, dict) else {"*": value}
    out = []
    for pattern, files in table.items():
        paths = tuple((base / f).resolve() for f in _as_list(f"reference.{pattern}", files))
        out.append((str(pattern), paths))
    if not all(isinstance(p, str) for p, _ in out):
        raise ConfigError(f"config key 'reference'{where} must name files")
    return tuple(out)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None


def find_config(start: Path) -> Path | None:
    """The nearest auditor.toml, or pyproject.toml with a [tool.auditor] table, at or above `start`."""
    here = Path(os.path.realpath(start))  # realpath: a symlink loop is the reader's to report, not a crash here
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "auditor.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "auditor" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load an explicit config file, or the one found by walking up from `start`; defaults if none."""
    source = path or (find_config(start) if start else None)
    if source is None:
        return Config()
    data = _read_toml(source)
    if source.name == "pyproject.toml":
        table = data.get("tool", {}).get("auditor", {})
    else:
        table = data.get("tool", {}).get("auditor", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.auditor] must be a table")
    return parse_config(table, source)
