"""Accepted findings: a baseline file instead of inline markers (the transcript is published text).

A finding's fingerprint is its check id, the file's name and the normalised text of its evidence,
not its line number, so that an accepted finding stays accepted when lines are added above it.
Entries may carry a reason and who accepted them; re-writing a baseline keeps both.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from auditor.errors import ConfigError
from auditor.findings import Finding

BASELINE_VERSION = 1


def normalise_span(text: str) -> str:
    """Case, spacing, punctuation and the ellipsis of a shortened quote do not matter."""
    text = text.replace("…", " ").lower()
    text = re.sub(r"[^\w%$.,]+", " ", text)
    return " ".join(text.split())


def fingerprint(finding: Finding, check: str | None = None) -> str:
    """The finding's identity across runs; `check` names it by another id (a former id of the check)."""
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint, "check": self.check, "file": self.file, "evidence": self.evidence,
            "message": self.message, "reason": self.reason, "accepted_by": self.accepted_by,
        }


def load_baseline(path: str | Path) -> list[Entry]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline file {p} does not exist (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"baseline file {p} cannot be read: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise ConfigError(f"baseline file {p} is not an auditor baseline (version {BASELINE_VERSION})")
    entries = []
    for i, raw in enumerate(data["entries"], start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("fingerprint"), str):
            raise ConfigError(f"baseline file {p}: entry {i} has no fingerprint")
        entries.append(Entry(raw["fingerprint"], str(raw.get("check", "")), str(raw.get("file", "")),
                             str(raw.get("evidence", "")), str(raw.get("message", "")),
                             raw.get("reason"), raw.get("accepted_by")))
    return entries


def build_baseline(findings: list[Finding], previous: list[Entry] | None = None) -> str:
    """Baseline JSON for `findings`, keeping reasons and names of entries that still match."""
    kept = {e.fingerprint: e for e in previous or []}
    entries: dict[str, Entry] = {}
    for f in findings:
        fp = fingerprint(f)
        old = kept.get(fp)
        entries[fp] = Entry(fp, f.check, PurePath(f.file).name, f.evidence, f.message,
                            old.reason if old else None, old.accepted_by if old else None)
    ordered = sorted(entries.values(), key=lambda e: (e.file, e.check, e.evidence, e.fingerprint))
    return json.dumps({"version": BASELINE_VERSION, "entries": [e.to_dict() for e in ordered]},
                      ensure_ascii=False, indent=2) + "\n"


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
