"""Accepted findings: a baseline file instead of inline markers (the transcript is published text).

A finding's fingerprint is its check id, the file's path relative to its project root and the
normalised text of its evidence, not its line number, so that an accepted finding stays accepted
when lines are added above it, and an accepted finding in `a/call.txt` does not hide the same
finding in `b/call.txt`. The project root is the nearest folder holding `.git`, `auditor.toml` or
`pyproject.toml` (else the working folder), so the key does not depend on where the auditor runs.
SARIF's `partialFingerprints` carry the same fingerprint. Entries may carry a reason and who
accepted them; re-writing a baseline keeps both (also from a version 1 file, which keyed entries
by the file's name only and is otherwise refused with a message saying how to re-create it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from auditor.errors import ConfigError
from auditor.findings import Finding

BASELINE_VERSION = 2
#: version 1 keyed a finding by the file's base name: read only to carry reasons over on re-writing
LEGACY_VERSION = 1

#: what marks the root of a project, nearest first
ROOT_MARKERS = (".git", "auditor.toml", "pyproject.toml")


def normalise_span(text: str) -> str:
    """Case, spacing, punctuation and the ellipsis of a shortened quote do not matter."""
    text = text.replace("…", " ").lower()
    text = re.sub(r"[^\w%$.,]+", " ", text)
    return " ".join(text.split())


@cache
def project_root(folder: str) -> str | None:
    """The nearest folder at or above `folder` that holds a ROOT_MARKERS entry, if any."""
    here = Path(folder)
    for candidate in (here, *here.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return str(candidate)
    return None


def path_key(file: str) -> str:
    """The file as a baseline and a fingerprint name it: its path relative to its project root.

    Relative to the working folder when no project root is found, absolute when outside it.
    """
    absolute = Path(os.path.abspath(file))
    base = Path(project_root(str(absolute.parent)) or os.getcwd())
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def fingerprint(finding: Finding, check: str | None = None) -> str:
    """The finding's identity across runs; `check` names it by another id (a former id of the check)."""
    key = "\x1f".join([check or finding.check, path_key(finding.file), normalise_span(finding.evidence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def legacy_fingerprint(finding: Finding, check: str | None = None) -> str:
    """The version 1 fingerprint (the file's base name), to recognise entries of an old baseline."""
    key = "\x1f".join([check or finding.check, PurePath(finding.file).name, normalise_span(finding.evidence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    check: str
    file: str
    evidence: str
    message: str
    reason: str | None = None
    accepted_by: str | None = None
    #: the baseline version the entry was read from (1: `fingerprint` is a legacy fingerprint)
    version: int = BASELINE_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint, "check": self.check, "file": self.file, "evidence": self.evidence,
            "message": self.message, "reason": self.reason, "accepted_by": self.accepted_by,
        }


def load_baseline(path: str | Path, *, legacy: bool = False) -> list[Entry]:
    """The entries of a baseline file; `legacy` also reads version 1 (to re-write it, keeping reasons)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline file {p} does not exist (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"baseline file {p} cannot be read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ConfigError(f"baseline file {p} is not an auditor baseline (version {BASELINE_VERSION})")
    version = data.get("version")
    if version == LEGACY_VERSION and not legacy:
        raise ConfigError(
            f"baseline file {p} is version 1, which keyed findings by file name only (a finding accepted in "
            f"one folder hid it in another); re-create it with --write-baseline {p} (reasons are kept)"
        )
    if version not in (BASELINE_VERSION, LEGACY_VERSION):
        raise ConfigError(f"baseline file {p} is not an auditor baseline (version {BASELINE_VERSION})")
    entries = []
    for i, raw in enumerate(data["entries"], start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("fingerprint"), str):
            raise ConfigError(f"baseline file {p}: entry {i} has no fingerprint")
        entries.append(Entry(raw["fingerprint"], str(raw.get("check", "")), str(raw.get("file", "")),
                             str(raw.get("evidence", "")), str(raw.get("message", "")),
                             raw.get("reason"), raw.get("accepted_by"), int(version)))
    return entries


def build_baseline(findings: list[Finding], previous: list[Entry] | None = None) -> str:
    """Baseline JSON for `findings`, keeping reasons and names of entries that still match."""
    kept = {(e.version, e.fingerprint): e for e in previous or []}
    entries: dict[str, Entry] = {}
    for f in findings:
        fp = fingerprint(f)
        old = kept.get((BASELINE_VERSION, fp)) or kept.get((LEGACY_VERSION, legacy_fingerprint(f)))
        entries[fp] = Entry(fp, f.check, path_key(f.file), f.evidence, f.message,
                            old.reason if old else None, old.accepted_by if old else None)
    ordered = sorted(entries.values(), key=lambda e: (e.file, e.check, e.evidence, e.fingerprint))
    return json.dumps({"version": BASELINE_VERSION, "entries": [e.to_dict() for e in ordered]},
                      ensure_ascii=False, indent=2) + "\n"


def in_scope(entries: Sequence[Entry], files: Iterable[str]) -> list[Entry]:
    """The entries about the files of this run: an entry about another file is neither applied
    nor stale (a baseline for the whole archive serves a run on one file)."""
    keys = {path_key(f) for f in files}
    return [e for e in entries if not e.file or e.file in keys]


def apply_baseline(
    findings: list[Finding], entries: list[Entry], aliases: Mapping[str, Sequence[str]] | None = None
) -> tuple[list[Finding], int, list[Entry]]:
    """(findings not accepted, how many were hidden, entries that matched nothing: stale).

    An entry written under a former id of a check (`aliases`: id -> former ids) still matches, so
    renaming a check never revives the findings an editor accepted.
    """
    wanted = {e.fingerprint for e in entries}
    aliases = aliases or {}
    matched: set[str] = set()
    remaining = []
    for f in findings:
        hits = [fp for fp in (fingerprint(f), *(fingerprint(f, old) for old in aliases.get(f.check, ()))) if fp in wanted]
        if hits:
            matched.update(hits)
        else:
            remaining.append(f)
    stale = [e for e in entries if e.fingerprint not in matched]
    return remaining, len(findings) - len(remaining), stale
