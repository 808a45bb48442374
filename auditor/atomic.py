"""Output files are written atomically: a reader never sees half a report, a crash leaves the old one.

A target that cannot be written (a read-only folder, a parent that is a file) is an `OutputError`
naming the target, never a traceback or an error that names the temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from auditor.errors import AuditorError


class OutputError(AuditorError):
    """A report or baseline cannot be written where the user asked."""


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else the usual ones for a new file (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def describe_write_error(target: str | os.PathLike[str], exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, NotADirectoryError):
        reason = "a parent of it is a file, not a folder"
    elif isinstance(exc, IsADirectoryError):
        reason = "it is a folder"
    return f"cannot write {os.fspath(target)}: {reason}"


def check_writable(path: str | os.PathLike[str], folder: bool = False) -> None:
    """Fail now, before a long audit, if `path` (a file, or a folder with `folder`) cannot be written."""
    target = Path(path)
    if target.is_dir() and not folder:
        raise OutputError(f"cannot write {os.fspath(path)}: it is a folder")
    if target.exists() and folder and not target.is_dir():
        raise OutputError(f"cannot write reports into {os.fspath(path)}: it is a file, not a folder")
    existing = target if folder and target.is_dir() else target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write {os.fspath(path)}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {os.fspath(path)}: permission denied in {existing}")


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(describe_write_error(path, exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:  # text as UTF-8, its newlines as they are
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp creates 0600; a report is for others to read too
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(describe_write_error(path, exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
