"""Batch runs: files streamed through a process pool, spaCy loaded once per worker.

Results come back in input order (so reports are byte-identical whatever `--jobs` is) and at most
a bounded number of files are in flight, so an archive of any size streams in bounded memory.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from auditor.config import Config
from auditor.runner import FileResult


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _init_worker(model: str | None) -> None:
    from auditor.nlp import get_pipeline
    from auditor.registry import registry

    get_pipeline("en", model)
    get_pipeline("zh")
    registry()


def _work(path: Path, check_ids: Sequence[str], config: Config, layout: str | None, model: str | None) -> FileResult:
    from auditor.api import audit_file

    try:
        result, _ = audit_file(path, check_ids, config, layout, model)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the archive
        return FileResult(file=os.fspath(path), error=f"{os.fspath(path)}: internal error: {type(exc).__name__}: {exc}")
    return result


def parallel_results(
    files: Sequence[Path],
    check_ids: Sequence[str],
    config: Config,
    layout: str | None,
    model: str | None,
    jobs: int,
    on_done: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    window = max(2, jobs * 4)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(model,)) as pool:
        pending: deque[Future[FileResult]] = deque()
        queue = iter(files)
        for path in queue:
            pending.append(pool.submit(_work, path, check_ids, config, layout, model))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            if on_done:
                on_done(result)
            yield result
            nxt = next(queue, None)
            if nxt is not None:
                pending.append(pool.submit(_work, nxt, check_ids, config, layout, model))
