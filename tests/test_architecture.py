"""The layout rules of the code base, as tests: a check is a leaf, reports see only the report model.

These read the source (with `ast`), so a rule broken by a new module fails here with its name,
before it turns into a cycle at import time or a check that silently never runs.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest

from auditor.check import Check

ROOT = Path(__file__).resolve().parent.parent
#: source folder -> the package name it installs as
PACKAGE_DIRS = {"auditor": ROOT / "auditor", "auditor.checks": ROOT / "checks", "auditor.reports": ROOT / "reports"}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    """Every module of the installed tree, by dotted name."""
    found: dict[str, Path] = {}
    for package, folder in PACKAGE_DIRS.items():
        for path in folder.rglob("*.py"):
            rel = path.relative_to(folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            found[".".join([package, *parts])] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path) -> set[str]:
    """Modules `name` imports at run time (lazy imports inside functions included, TYPE_CHECKING not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                out.add(candidate if candidate in MODULES else base)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            out.add(node.args[0].value)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in out if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_no_import_cycles():
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def walk(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            walk(name, [])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_reports_import_only_the_report_model():
    allowed = {"auditor.report", "auditor.reports"}
    bad = {
        name: sorted(m for m in deps if m.startswith("auditor") and m not in allowed and not m.startswith("auditor.reports."))
        for name, deps in GRAPH.items() if name.startswith("auditor.reports")
    }
    assert not {k: v for k, v in bad.items() if v}, bad


def test_core_never_imports_checks_or_reports_statically():
    """`auditor` reaches checks and formats only by name (registry, format table), never by import."""
    bad = {name: sorted(d for d in deps if d.startswith(("auditor.checks", "auditor.reports")))
           for name, deps in GRAPH.items()
           if not name.startswith(("auditor.checks", "auditor.reports")) and name not in ("auditor.registry", "auditor.cli")}
    assert not {k: v for k, v in bad.items() if v}, bad


def _family(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["auditor", "checks"] else None


def test_checks_never_import_another_family():
    bad = []
    for name, deps in GRAPH.items():
        family = _family(name)
        if family is None:
            continue
        bad += [f"{name} imports {d}" for d in deps if _family(d) not in (None, family)]
    assert not bad, bad


def test_checks_import_the_check_bases_not_the_registry():
    bad = [name for name, deps in GRAPH.items() if name.startswith("auditor.checks") and "auditor.registry" in deps]
    assert not bad, bad


def _check_classes_defined() -> list[type[Check]]:
    package = importlib.import_module("auditor.checks")
    classes = []
    for info in pkgutil.walk_packages(package.__path__, "auditor.checks."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Check) and obj.id and obj.__module__ == module.__name__:
                classes.append(obj)
    return classes


def test_every_check_class_is_registered():
    from auditor.checks import BUILTIN_CHECKS

    unregistered = [f"{c.__module__}.{c.__name__}" for c in _check_classes_defined() if c not in BUILTIN_CHECKS]
    assert not unregistered, f"check classes that no family's CHECKS lists: {unregistered}"


def test_one_check_per_module_named_after_its_id():
    by_module: dict[str, list[str]] = {}
    for cls in _check_classes_defined():
        by_module.setdefault(cls.__module__, []).append(cls.id)
    bad = {m: ids for m, ids in by_module.items() if len(ids) != 1}
    assert not bad, f"modules with more than one check: {bad}"
    misnamed = [f"{m}: {ids[0]}" for m, ids in by_module.items() if m.rsplit(".", 2)[-2:] != ids[0].split(".")]
    assert not misnamed, f"a check lives in checks/<family>/<name>.py for the id <family>.<name>: {misnamed}"


def test_every_package_is_installed():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert packages <= declared, f"packages missing from pyproject.toml [tool.setuptools] packages: {sorted(packages - declared)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name: str):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines (at most {MAX_LINES}): split it"


#: calls that parse text: the model runs them once per transcript, checks read the results
PARSERS = re.compile(r"\b(?:parse_quantities|find_dates|find_periods|find_mentions|build_roster|tomllib\.loads?)\s*\(")
#: a pattern of digits or month names compiled by a check is a parser of its own
NUMBER_OR_DATE_PATTERN = re.compile(r"re\.compile\([^)]*(?:\\d|\[0-9\]|January|Q\[1-4\]|quarter)", re.IGNORECASE)


def test_checks_call_no_parser_and_compile_no_date_or_number_pattern():
    bad = []
    for name, path in MODULES.items():
        if not name.startswith("auditor.checks"):
            continue
        text = path.read_text(encoding="utf-8")
        bad += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in PARSERS.finditer(text)]
        bad += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in NUMBER_OR_DATE_PATTERN.finditer(text)]
    assert not bad, bad
