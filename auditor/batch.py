"""Batch runs: files streamed through a process pool, spaCy loaded once per worker.

Results come back in input order (so reports are byte-identical whatever `--jobs` is) and at most
a bounded number of files are in flight, so an archive of any size streams in bounded memory.

Why the care with workers: each one holds spaCy (~90 MB), so more workers than files or cores
only costs memory (`effective_jobs`); and a gate is cancelled by SIGTERM (a CI step's timeout) or
Ctrl-C, after which no worker may live on holding the terminal or a pipe open. The pool is
terminated whenever the iteration stops early, and workers ignore SIGINT (the parent, which gets
it too from the terminal, decides) and die with the parent on Linux.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from auditor.config import Config
from auditor.pipeline import audit_file
from auditor.runner import FileResult

#: a unit of work: a file's path, or (name, bytes) for a transcript read from standard input
Source = Path | tuple[str, bytes]


def default_jobs() -> int:
    """The cores this process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def effective_jobs(requested: int | None, files: int) -> int:
    """Workers actually started: at most the request, the number of files and the cores."""
    return max(1, min(requested if requested is not None else default_jobs(), files, default_jobs()))


def _die_with_parent() -> None:
    """Linux: have the kernel send SIGTERM to this worker when its parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _init_worker(model: str | None) -> None:
    """Load spaCy and the checks once per worker (the parent has already checked that `model` loads).

    Under "fork" the parent has loaded them already (`_preload`) and this finds them in place;
    under "spawn" or "forkserver" it is where each worker loads them.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    _preload(model)


def _preload(model: str | None) -> None:
    """spaCy's pipelines and the checks, loaded in this process (cached: a second call is free)."""
    from auditor.errors import AuditorError
    from auditor.nlp import get_pipeline
    from auditor.registry import registry

    try:
        # one short sentence each compiles the vocabularies' date and quantity patterns here, once
        get_pipeline("en", model)("Revenue rose 5% to $3.2 million in the third quarter of 2025.")
        get_pipeline("zh")("2025年第三季度收入增长5%。")
        registry()
    except AuditorError:
        pass  # reported per file by audit_file, never as a traceback from the pool


def _work(source: Source, check_ids: Sequence[str], config: Config, layout: str | None, model: str | None) -> FileResult:
    if isinstance(source, tuple):
        name, data = source
        return audit_file(name, check_ids, config, layout, model, data)[0]
    return audit_file(source, check_ids, config, layout, model)[0]  # failures come back as FileResult.error


def terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued files are dropped and running workers are killed, not awaited."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor offers no public handle
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def parallel_results(
    files: Sequence[Source],
    check_ids: Sequence[str],
    config: Config,
    layout: str | None,
    model: str | None,
    jobs: int | None,
    on_done: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    """FileResults in input order from a pool of `effective_jobs(jobs, len(files))` workers.

    If the consumer stops early, or an exception (a signal turned into one) interrupts the wait,
    the pool is terminated before the exception goes on: no worker outlives the run.
    """
    workers = effective_jobs(jobs, len(files))
    window = max(2, workers * 4)
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        _preload(model)  # loaded once, before the fork: workers share the pages instead of each loading it
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(model,))
    finished = False
    try:
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
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            terminate(pool)
