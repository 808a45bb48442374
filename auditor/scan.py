"""Which files a run audits: named files, directory scans and glob patterns.

Why a module of its own: a gate that audits whatever lies in a folder fails on the next run,
because the folder soon holds the reports and baselines the tool itself wrote there (a JSON report
is not a transcript: exit 2). So a directory scan takes only transcript files: names matching the
include patterns (`*.txt`, `*.json` by default) and not the exclude patterns, no hidden files or
folders, nothing a `.gitignore` ignores, and never a file this run writes or an earlier run of the
auditor wrote (recognised by its first bytes). A file named on the command line is always taken:
the user asked for it. A folder that cannot be listed is reported, not silently skipped.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

from auditor.config import DEFAULT_INCLUDE
from auditor.errors import InputError
from auditor.reader import describe_os_error

#: "-" on the command line: the transcript is read from standard input
STDIN = "-"

#: the first bytes of what the auditor writes (reports of every format, baselines)
_OWN_OUTPUT = re.compile(
    r"""\A\s*(?:
        \{\s*"version"\s*:\s*\d+\s*,\s*"(?:findings|entries)"     # JSON report, baseline
      | \{\s*"\$schema"\s*:\s*"[^"]*sarif                         # SARIF
      | ::(?:error|warning|notice)\s                              # GitHub annotations
      | \#\ Transcript\ audit                                     # markdown report
      | rank,severity,confidence,check,                           # CSV report
      | \S[^\n]*:\d+:\ (?:error|warning|info)\ \[[a-z_]+\.[a-z_.]+\]   # concise report
      | \S[^\n]*:\ could\ not\ be\ audited:                          # concise report, an error first
      | Found\ \d+\ finding\(s\)\ in                                  # concise report, no finding
    )""",
    re.VERBOSE,
)


@dataclass
class Scan:
    """The files to audit in order, and the folders or patterns that could not be read."""

    files: list[Path] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line message)
    #: inputs named by an fsspec URL other than file:// (`s3://bucket/calls/q3.txt`), read by the
    #: Dask engine's workers; named in reports as the URL was given
    urls: list[str] = field(default_factory=list)


#: files beside a call that are its references by name (`call.release.html` for `call.txt`): a
#: folder scan never takes them for transcripts (auditor/reference reads them)
COMPANION_SUFFIXES = ("release.html", "release.htm", "release.txt", "release.pdf", "participants.txt")


def is_companion(path: str | os.PathLike[str]) -> bool:
    """Whether a file is a reference by the naming convention (so a folder scan skips it)."""
    name = Path(path).name.lower()
    return any(name.endswith("." + tail) and len(name) > len(tail) + 1 for tail in COMPANION_SUFFIXES)


def is_auditor_output(path: Path) -> bool:
    """True for a file the auditor wrote (a report or a baseline), judged by its first bytes.

    An empty file counts: it is what a report without findings is in some formats (`github`).
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO would block here; the reader refuses it with a message
        with path.open("rb") as fh:
            head = fh.read(512).decode("utf-8", errors="replace")
    except OSError:
        return False
    return not head.strip() or _OWN_OUTPUT.match(head.lstrip("\ufeff")) is not None


def _matches(patterns: Iterable[str], rel: str) -> bool:
    """A pattern with a slash matches the path relative to the scanned folder, others the name."""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel if "/" in p else name, p.strip("/")) for p in patterns)


# --- .gitignore -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    base: str  # folder of the .gitignore, absolute, posix
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


def _glob_regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


@cache
def _gitignore_rules(folder: str) -> tuple[_Rule, ...]:
    """The rules of `folder/.gitignore` (none when it is absent or unreadable)."""
    try:
        text = Path(folder, ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line[1:] if negate else line
        line = line[1:] if line.startswith("\\") and line[1:2] in ("#", "!") else line
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _glob_regex(line.lstrip("/"))
        regex = re.compile(("" if anchored else "(?:.*/)?") + body + "$")
        rules.append(_Rule(folder, regex, negate, dir_only))
    return tuple(rules)


def _git_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class _Ignores:
    """The .gitignore rules that apply under a scanned folder: its repository's, from the top down."""

    def __init__(self, top: Path) -> None:
        root = _git_root(top)
        chain = [top] if root is None else [p for p in (*reversed(top.parents), top) if p == root or root in p.parents]
        self.rules: list[_Rule] = [r for folder in chain for r in _gitignore_rules(str(folder))]

    @staticmethod
    def ignored(rules: Sequence[_Rule], path: Path, is_dir: bool) -> bool:
        verdict = False
        posix = path.as_posix()
        for rule in rules:
            if rule.dir_only and not is_dir:
                continue
            if not posix.startswith(rule.base.rstrip("/") + "/"):
                continue
            if rule.regex.match(posix[len(rule.base.rstrip("/")) + 1 :]):
                verdict = not rule.negate
        return verdict


# --- the scan ---------------------------------------------------------------------------------


def _stat_named(text: str) -> os.stat_result:
    """stat() of a path named by the user; a missing path or a link loop is a usage error now."""
    try:
        return os.stat(text)
    except OSError as exc:
        raise InputError(describe_os_error(text, exc)) from None


def scan_paths(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    skip: Iterable[str | os.PathLike[str]] = (),
) -> Scan:
    """Files, directories (searched recursively) and glob patterns, each file once, in order.

    `skip` names what this run writes (its report, baseline, per-file report folder): never read.
    A named path that does not exist (or is a link loop) raises InputError before anything runs.
    """
    skipped = {Path(os.path.realpath(s)) for s in skip}
    scan = Scan()
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = STDIN if str(path) == STDIN else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            scan.files.append(path)

    def is_skipped(path: Path) -> bool:
        real = Path(os.path.realpath(path))
        return any(real == s or s in real.parents for s in skipped)

    for raw in paths:
        text = os.fspath(raw)
        if text.startswith(FILE_URL):
            text = text[len(FILE_URL):]  # a local path: scanned (and named) as one
        if is_url(text):
            for url in scan_url(text, include, exclude):
                if url not in seen:
                    seen.add(url)
                    scan.urls.append(url)
        elif text == STDIN:
            add(Path(STDIN))
        elif any(ch in text for ch in "*?[") and not os.path.lexists(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: no file matches this pattern")
            for m in matches:
                if m.is_file() and not is_skipped(m) and not _matches(exclude, m.as_posix()) and not is_auditor_output(m):
                    add(m)
        elif os.path.isdir(text):
            for f in _walk(Path(text), include, exclude, is_skipped, scan.errors):
                if not is_companion(f):
                    add(f)
        else:
            _stat_named(text)
            add(Path(text))
    return scan


FILE_URL = "file://"


def is_url(text: str) -> bool:
    """An fsspec URL such as s3://bucket/key or memory://calls (not a Windows drive, not file://)."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]+://", text) is not None and not text.startswith(FILE_URL)


def scan_url(url: str, include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = ()) -> list[str]:
    """The transcripts an fsspec URL names: a file, a folder (searched recursively) or a glob.

    A folder is scanned as a local one is: include/exclude patterns, no hidden files or folders, no
    reference companions. `.gitignore` files are not read and files are not opened to recognise
    the auditor's own reports (one request per file on an object store): exclude those by pattern.
    """
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(f"{url}: reading a URL needs fsspec: pip install 'transcript-auditor[dask]'") from None
    try:
        fs, root = url_to_fs(url)
        if any(ch in url.split("://", 1)[1] for ch in "*?["):
            return [fs.unstrip_protocol(m) for m in sorted(fs.glob(root)) if fs.isfile(m)]
        if fs.isfile(root):
            return [url]
        if not fs.isdir(root):
            raise InputError(f"{url}: no such file or folder")
        prefix = root.rstrip("/") + "/"
        found = []
        for path in sorted(fs.find(root)):
            rel = str(path)[len(prefix):] if str(path).startswith(prefix) else PurePosixPath(path).name
            parts = rel.split("/")
            if any(p.startswith(".") for p in parts) or any(_matches(exclude, "/".join(parts[:i])) for i in range(1, len(parts))):
                continue
            if not _matches(include, rel) or _matches(exclude, rel) or is_companion(parts[-1]):
                continue
            found.append(url.rstrip("/") + "/" + rel)
        return found
    except InputError:
        raise
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot be listed: {exc}") from None


def _walk(top: Path, include: Sequence[str], exclude: Sequence[str], is_skipped: Callable[[Path], bool],
          errors: list[tuple[str, str]]) -> list[Path]:
    """Transcript files under `top`, sorted; folders that cannot be listed go to `errors`."""
    absolute = Path(os.path.abspath(top))
    ignores = _Ignores(absolute)
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        errors.append((str(exc.filename), describe_os_error(str(exc.filename), exc)))

    rules_of: dict[Path, list[_Rule]] = {}
    for folder, dirs, names in os.walk(top, onerror=onerror):
        here = Path(os.path.abspath(folder))
        # the walk is top-down: a folder's rules are its parent's and those of its own .gitignore
        rules = ignores.rules if here == absolute else rules_of[here.parent] + list(_gitignore_rules(str(here)))
        rules_of[here] = rules
        rel_folder = here.relative_to(absolute).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and not _matches(exclude, prefix + d)
            and not ignores.ignored(rules, here / d, True) and not is_skipped(Path(folder, d))
        )
        for name in sorted(names):
            path = Path(folder, name)
            rel = prefix + name
            if name.startswith(".") or not _matches(include, rel) or _matches(exclude, rel):
                continue
            if ignores.ignored(rules, here / name, False) or is_skipped(path) or is_auditor_output(path):
                continue
            found.append(path)
    return found
