"""The registry of checks: built-ins listed explicitly, plugins from an entry-point group.

Built-in checks are registered explicitly (sqlfluff style): each family package of `checks/`
(installed as `auditor.checks`) lists its classes in `CHECKS`, and `auditor.checks.BUILTIN_CHECKS`
joins the families. Nothing is discovered by scanning, so a check is registered by a line a
reviewer sees, and a test fails when a check class exists that no list names. Third-party checks
register classes (or modules of classes) under the `auditor.checks` entry-point group.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

from auditor.check import Check, PairCheck, ParagraphCheck, TranscriptCheck

__all__ = [
    "ENTRY_POINT_GROUP", "Check", "PairCheck", "ParagraphCheck", "TranscriptCheck", "builtin_checks",
    "canonical_id", "known_pattern", "plugin_checks", "registry", "select_checks",
]

ENTRY_POINT_GROUP = "auditor.checks"


def check_classes_in(module: ModuleType) -> list[type[Check]]:
    """The concrete check classes (those with an id) defined in `module`."""
    found = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, Check) and obj.id and obj.__module__ == module.__name__:
            found.append(obj)
    return found


def builtin_checks() -> list[type[Check]]:
    """The built-in checks, as `auditor.checks.BUILTIN_CHECKS` lists them."""
    package = importlib.import_module("auditor.checks")  # imported by name: checks import auditor, never the reverse
    return list(package.BUILTIN_CHECKS)


@cache
def _plugin_entry_points() -> tuple[EntryPoint, ...]:
    """The group's entry points, by name, looked up once per process.

    Why: the look-up reads the metadata of every installed distribution (a few milliseconds), and a
    run asks twice (the registry, and `auditor.api.shadowed_plugins`)."""
    return tuple(sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name))


def plugin_checks() -> list[type[Check]]:
    """Checks that other distributions register under the `auditor.checks` entry-point group."""
    classes: list[type[Check]] = []
    for ep in _plugin_entry_points():
        obj = ep.load()
        if inspect.ismodule(obj):
            classes.extend(check_classes_in(obj))
        elif inspect.isclass(obj) and issubclass(obj, Check) and obj.id:
            classes.append(obj)
    return classes


_REGISTRY: dict[str, type[Check]] | None = None
_ALIASES: dict[str, str] = {}


def registry() -> dict[str, type[Check]]:
    """All checks by id, built-ins first; a plugin cannot silently replace a built-in id."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, type[Check]] = {}
        for cls in builtin_checks() + plugin_checks():
            found.setdefault(cls.id, cls)
        for cls in found.values():
            for alias in cls.aliases:
                if alias not in found:
                    _ALIASES.setdefault(alias, cls.id)
        _REGISTRY = dict(sorted(found.items()))
    return _REGISTRY


def canonical_id(check_id: str) -> str:
    """The current id of a check named by its id or by a former id (an alias)."""
    registry()
    return _ALIASES.get(check_id, check_id)


def select_checks(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Check]]:
    """Checks matching `select` (ids, aliases, id prefixes such as `dates`, or groups) minus `ignore`."""
    select, ignore = list(select), list(ignore)
    chosen = []
    for cls in registry().values():
        if select and not any(_matches(cls, pattern) for pattern in select):
            continue
        if any(_matches(cls, pattern) for pattern in ignore):
            continue
        chosen.append(cls)
    return chosen


def _matches(cls: type[Check], pattern: str) -> bool:
    pattern = canonical_id(pattern.strip())
    return cls.id == pattern or cls.id.startswith(pattern.rstrip(".") + ".") or pattern in cls.groups


def known_pattern(pattern: str) -> bool:
    return pattern == "internal" or any(_matches(cls, pattern) for cls in registry().values())
