"""The command pauses the garbage collector while it starts, and never beyond that.

Why: a paused collector saves a tenth of a single call's CPU while spaCy and the checks load, but a
collector left off for the audit would let every cycle of garbage live as long as the run.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import auditor
from tests.conftest import ROOT

SCRIPT = textwrap.dedent("""
    import gc, json, sys
    import auditor.api as api
    import auditor.registry as registry

    seen = {"loading": [], "auditing": []}
    load, audit_source = registry.registry, api.audit_source

    def spy_load(*args, **kwargs):
        seen["loading"].append(gc.isenabled())
        return load(*args, **kwargs)

    def spy_audit(*args, **kwargs):
        seen["auditing"].append(gc.isenabled())
        return audit_source(*args, **kwargs)

    registry.registry, api.audit_source = spy_load, spy_audit
    sys.argv = ["auditor", "audit", *sys.argv[1:]]
    from auditor.cli import main
    try:
        main()
    except SystemExit as exc:
        seen["code"] = exc.code
    seen["after"] = gc.isenabled()
    print(json.dumps(seen))
""")


def _command(*args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.stdout, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_command_loads_without_the_collector_and_audits_with_it(tmp_path: Path) -> None:
    seen = _command(str(ROOT / "examples" / "halvorsen_q3_2025.txt"), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert seen["loading"] and seen["loading"][0] is False  # type: ignore[index]
    assert seen["auditing"] == [True]
    assert seen["after"] is True
    assert seen["code"] in (0, 1)


@pytest.mark.parametrize("enabled", [True, False])
def test_a_library_call_leaves_the_callers_collector_as_it_was(enabled: bool) -> None:
    text = (ROOT / "examples" / "halvorsen_q3_2025.txt").read_text(encoding="utf-8")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        auditor.audit_text(text, "call.txt")
        auditor.audit([ROOT / "examples" / "halvorsen_q3_2025.txt"], jobs=1)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
