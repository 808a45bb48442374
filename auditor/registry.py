"""Checks and their registry.

A check is a class (sqlfluff style): its id, title, default severity, weight and groups are
declared on it, and its docstring (anti-pattern / best practice) is its documentation, shown by
`auditor explain`. Built-in checks live in the `checks` package, one module per family; third-party
checks register classes (or modules of classes) under the `auditor.checks` entry-point group.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar

from auditor.findings import Finding, Related, Severity
from auditor.textutil import quote

if TYPE_CHECKING:
    from auditor.config import Config
    from auditor.model import Transcript

ENTRY_POINT_GROUP = "auditor.checks"


class Check:
    """Base class of every check. Subclasses set the class attributes and implement `run`."""

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    weight: ClassVar[float] = 1.0
    groups: ClassVar[tuple[str, ...]] = ()
    #: True when the check only makes sense on a bilingual transcript.
    needs_translation: ClassVar[bool] = False

    def __init__(self, config: Config | None = None) -> None:
        from auditor.config import Config

        self.config = config or Config()
        #: Coverage counters (e.g. verified / contradicted / unchecked), summed into the report.
        self.stats: Counter[str] = Counter()

    # -- to implement ------------------------------------------------------------------------

    def run(self, transcript: Transcript) -> Iterable[Finding]:
        raise NotImplementedError

    # -- helpers for implementations ---------------------------------------------------------

    def finding(
        self,
        transcript: Transcript,
        line: int,
        message: str,
        evidence: str,
        *,
        severity: Severity | str | None = None,
        confidence: float = 0.8,
        end_line: int | None = None,
        suggestion: str | None = None,
        related: Sequence[tuple[int, str]] | Sequence[Related] = (),
        speaker: str | None = None,
        check: str | None = None,
    ) -> Finding:
        """Build a finding with this check's id and severity, and the speaker of `line`."""
        rel = tuple(r if isinstance(r, Related) else Related(int(r[0]), quote(r[1], 160)) for r in related)
        return Finding(
            check=check or self.id,
            severity=Severity.parse(severity) if severity is not None else self.severity,
            confidence=max(0.0, min(1.0, confidence)),
            file=transcript.path,
            line=line,
            end_line=end_line if end_line is not None and end_line != line else None,
            speaker=speaker if speaker is not None else transcript.speaker_at(line),
            message=message,
            evidence=quote(evidence, 400),
            suggestion=suggestion,
            related=tuple(sorted(set(rel), key=lambda r: (r.line, r.text))),
        )

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").strip()

    @classmethod
    def summary(cls) -> str:
        return cls.title or (cls.doc().splitlines() or [cls.id])[0]


def _classes_in(module: ModuleType) -> list[type[Check]]:
    found = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, Check) and obj is not Check and obj.id and obj.__module__ == module.__name__:
            found.append(obj)
    return found


def builtin_checks() -> list[type[Check]]:
    """Every check class defined in a module of the `checks` package."""
    import checks

    classes: list[type[Check]] = []
    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"checks.{info.name}")
        classes.extend(_classes_in(module))
    return classes


def plugin_checks() -> list[type[Check]]:
    """Checks that other distributions register under the `auditor.checks` entry-point group."""
    classes: list[type[Check]] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        obj = ep.load()
        if inspect.ismodule(obj):
            classes.extend(_classes_in(obj))
        elif inspect.isclass(obj) and issubclass(obj, Check) and obj.id:
            classes.append(obj)
    return classes


_REGISTRY: dict[str, type[Check]] | None = None


def registry() -> dict[str, type[Check]]:
    """All checks by id, built-ins first; a plugin cannot silently replace a built-in id."""
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, type[Check]] = {}
        for cls in builtin_checks() + plugin_checks():
            found.setdefault(cls.id, cls)
        _REGISTRY = dict(sorted(found.items()))
    return _REGISTRY


def select_checks(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Check]]:
    """Checks matching `select` (ids, id prefixes such as `dates`, or groups) minus `ignore`."""
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
    pattern = pattern.strip()
    return cls.id == pattern or cls.id.startswith(pattern.rstrip(".") + ".") or pattern in cls.groups


def known_pattern(pattern: str) -> bool:
    return pattern == "internal" or any(_matches(cls, pattern) for cls in registry().values())
