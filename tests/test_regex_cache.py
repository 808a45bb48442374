"""Patterns built from kept code are the patterns `re.compile` makes (`==` compares their code)."""

from __future__ import annotations

import marshal
import re
import sys
from array import array
from pathlib import Path

import pytest

from auditor import regex_cache
from auditor.bilingual import _negation
from auditor.opposites import _opposites
from auditor.words import default_words

SOURCES = [
    (r"\b(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>million|billion)\b", re.IGNORECASE),
    (r"(?:[A-Z](?:\.|[a-z]+(?:(?:['\-]|’{1})[A-Za-z][a-z]+)*)(?:[ \t]+[A-Z][a-z]+){0,2})", 0),
    (r"([\u4e00-\u9fff])(?:不|沒)\1", 0),
    (r"(?i:gross) margin|(?P<x>a)(?(x)b|c)", 0),
    (r"^\s*(?:Operator|Moderator)\s*$", re.MULTILINE),
    (r"[^\W\d_]+(?=\s)", re.UNICODE),
]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and the module as a new process finds it."""
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_read", None)
    monkeypatch.setattr(regex_cache, "_added", {})
    return tmp_path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache.save()
    monkeypatch.setattr(regex_cache, "_read", None)
    monkeypatch.setattr(regex_cache, "_added", {})


def _same(pattern: re.Pattern[str], source: str, flags: int) -> None:
    expected = re.compile(source, flags)
    assert pattern == expected  # flags, source and compiled code
    assert (pattern.groups, pattern.groupindex) == (expected.groups, expected.groupindex)


@pytest.mark.parametrize(("source", "flags"), SOURCES)
def test_a_kept_pattern_is_the_one_re_compiles(fresh: Path, monkeypatch: pytest.MonkeyPatch, source: str, flags: int) -> None:
    _same(regex_cache.compile(source, flags), source, flags)
    _new_process(monkeypatch)
    assert (source, int(flags)) in regex_cache._entries()
    _same(regex_cache.compile(source, flags), source, flags)


def test_the_vocabulary_patterns_read_back_from_the_file_are_those_re_compiles(fresh: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for build in (_negation, _opposites):
        build.cache_clear()
        build(default_words())
    _new_process(monkeypatch)
    kept = regex_cache._entries()
    assert len(kept) >= 8
    for source, flags in kept:
        _same(regex_cache.compile(source, flags), source, flags)
    for build in (_negation, _opposites):
        build.cache_clear()


def test_a_damaged_or_foreign_file_is_compiled_afresh(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, flags = SOURCES[0]
    path = regex_cache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00not marshal")
    _same(regex_cache.compile(source, flags), source, flags)
    _new_process(monkeypatch)
    bad: regex_cache.Entry = (int(flags), array("I", [0, 1, 2]).tobytes(), 0, {}, ())  # code the engine refuses
    path.write_bytes(marshal.dumps({(source, int(flags)): bad}))
    monkeypatch.setattr(regex_cache, "_read", None)
    _same(regex_cache.compile(source, flags), source, flags)


def test_the_file_is_named_after_the_interpreter_and_written_only_when_something_is_new(
        fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import _sre  # type: ignore[import-not-found]

    path = regex_cache.cache_file()
    assert f"sre{_sre.MAGIC}" in path.name and "-".join(map(str, sys.version_info[:3])) in path.name
    regex_cache.compile(*SOURCES[1])
    _new_process(monkeypatch)
    written = path.stat().st_mtime_ns
    regex_cache.compile(*SOURCES[1])  # held: nothing new to write
    regex_cache.save()
    assert path.stat().st_mtime_ns == written
    assert [p.name for p in fresh.iterdir()] == [path.name]  # no temporary file left behind


def test_without_a_writable_cache_folder_patterns_are_still_compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(regex_cache, "_read", None)
    monkeypatch.setattr(regex_cache, "_added", {})
    source, flags = SOURCES[2]
    _same(regex_cache.compile(source, flags), source, flags)
    regex_cache.save()  # refused quietly


def test_debug_patterns_are_left_to_re(fresh: Path) -> None:
    regex_cache.compile("a|b", re.DEBUG)  # re prints its code
    assert ("a|b", int(re.DEBUG)) not in regex_cache._added
