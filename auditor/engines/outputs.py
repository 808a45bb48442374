"""Per-file reports written as each file completes, published only when the run completes.

Why a staging folder: a batch streams, so a file's report is written as soon as it is audited (by
the worker that audited it) instead of being held until the end; but a cancelled run must leave no
partial output. Reports go to a hidden folder inside `--output-dir` (a directory scan never takes
hidden folders) and are moved into place, one rename each, when the run has finished; a cancelled
or failed run removes the staging folder instead.

`LocalFolder` writes on this machine (atomically, keeping an existing report's permissions);
`FsspecFolder` writes to any fsspec URL (Dask workers on other machines).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol

from auditor.atomic import OutputError, describe_write_error, write_atomic

if TYPE_CHECKING:
    from auditor.report import Report

STAGING_PREFIX = ".auditor-partial-"


class ReportFolder(Protocol):
    """Where per-file reports go; picklable, so that workers write into it."""

    def write(self, name: str, text: str) -> None: ...

    def publish(self) -> None: ...

    def abort(self) -> None: ...


def report_names(files: Sequence[str], extension: str) -> dict[str, str]:
    """Report names for per-file output: the file's name, made unique by its folders, then a counter.

    Computed once for the whole run before any file is audited (a worker writes under its name),
    in linear time: stems are counted once, not once per file.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    stems = [PurePath(f).stem for f in files]
    counts = Counter(stems)
    for f, stem in zip(files, stems, strict=True):
        parts = PurePath(f.split("://", 1)[1]).parts if "://" in f else PurePath(f).parts  # no "s3:" in a name
        base = stem if counts[stem] == 1 else "__".join(parts).replace(".", "_").lstrip("_/")
        name, n = f"{base}.{extension}", 2
        while name in taken:
            name, n = f"{base}-{n}.{extension}", n + 1
        taken.add(name)
        names.setdefault(f, name)
    return names


class LocalFolder:
    """Per-file reports in a folder of this machine (or of a file system every worker mounts)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.staging = self.folder / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
        self.created = not self.folder.exists()  # a cancelled run removes the folder it made

    def write(self, name: str, text: str) -> None:
        write_atomic(self.staging / name, text)

    def publish(self) -> None:
        """Move every staged report into place (a rename each), then remove the staging folder."""
        if not self.staging.is_dir():
            return
        with os.scandir(self.staging) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue  # a temporary file of a write that never finished
                target = self.folder / entry.name
                try:
                    mode = target.stat().st_mode & 0o777  # an existing report keeps its permissions
                    os.chmod(entry.path, mode)
                except FileNotFoundError:
                    pass
                try:
                    os.replace(entry.path, target)
                except OSError as exc:
                    raise OutputError(describe_write_error(target, exc)) from None
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.created:
            with suppress(OSError):
                self.folder.rmdir()  # only if still empty: it may have been published into


class FsspecFolder:
    """Per-file reports under an fsspec URL (`s3://bucket/reports`, `memory://out`, ...)."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.staging = f"{self.url}/{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"

    def _fs(self) -> tuple[Any, str]:
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(self.staging)
        return fs, path

    def write(self, name: str, text: str) -> None:
        fs, staging = self._fs()
        try:
            with fs.open(f"{staging}/{name}", "wb") as handle:
                handle.write(text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(describe_write_error(f"{self.url}/{name}", exc)) from None

    def publish(self) -> None:
        fs, staging = self._fs()
        if not fs.exists(staging):
            return
        final = staging.rsplit("/", 1)[0]
        for path in fs.ls(staging, detail=False):
            fs.mv(path, f"{final}/{path.rsplit('/', 1)[-1]}")
        self._remove(fs, staging)

    def abort(self) -> None:
        fs, staging = self._fs()
        self._remove(fs, staging)

    @staticmethod
    def _remove(fs: Any, staging: str) -> None:
        """Remove the staging folder; on object stores a folder vanishes with its last file."""
        with suppress(FileNotFoundError):
            if fs.exists(staging):
                fs.rm(staging, recursive=True)


def report_folder(location: str) -> ReportFolder:
    """The folder for `--output-dir`: a local path (or file:// URL), else any fsspec URL."""
    if location.startswith("file://"):
        return LocalFolder(location[len("file://"):])
    if "://" in location:
        return FsspecFolder(location)
    return LocalFolder(location)


@dataclass(frozen=True)
class PerFileReports:
    """`--output-dir`: where each file's report goes, how it is rendered and its file extension."""

    folder: ReportFolder
    render: Callable[[Report], str]
    extension: str
