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
from auditor.pipeline import audit_file
from auditor.runner import FileResult


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _init_worker(model: str | None) -> None:
    """Load spaCy and the checks once per worker (the parent has already checked that `model` loads)."""
    from auditor.errors import AuditorError
    from auditor.nlp import get_pipeline
    from auditor.registry import registry

    try:
        get_pipeline("en", model)
        get_pipeline("zh")
        registry()
    except AuditorError:
        pass  # reported per file by audit_file, never as a traceback from the pool


def _work(path: Path, check_ids: Sequence[str], config: Config, layout: str | None, model: str | None) -> FileResult:
    return audit_file(path, check_ids, config, layout, model)[0]  # failures come back as FileResult.error


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
