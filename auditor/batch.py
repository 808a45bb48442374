"""Batch runs: files streamed through a process pool, spaCy loaded once per worker.

Outcomes come back in input order (so reports are byte-identical whatever `--jobs` is) and at most
a bounded number of files are in flight, so an archive of any size streams in bounded memory. Each
worker finishes its file itself (`records.finish_file`: the per-file report written, the result cut
down to a compact record), so only compact records ever cross back to the parent.

Why the care with workers: each one holds spaCy (~90 MB), so more workers than files or cores
only costs memory (`effective_jobs`); and a gate is cancelled by SIGTERM (a CI step's timeout) or
Ctrl-C, after which no worker may live on holding the terminal or a pipe open. The pool is
terminated whenever the iteration stops early, and workers ignore SIGINT (the parent, which gets
it too from the terminal, decides) and die with the parent on Linux.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.collector import resume_collector
from auditor.config import Config
from auditor.engines.records import FileOutcome, RunContext, finish_file
from auditor.pipeline import audit_file

if TYPE_CHECKING:
    from auditor.model import Transcript

#: a unit of work: a file's path, or (name, bytes) for a transcript read from standard input
Source = Path | tuple[str, bytes]

#: the run's context in a worker process (set by the initializer: sent once, not with every file)
_CONTEXT: RunContext | None = None


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


def _init_worker(model: str | None, context: RunContext) -> None:
    """Load spaCy and the checks once per worker (the parent has already checked that `model` loads).

    Under "fork" the parent has loaded them already (`preload`) and this finds them in place;
    under "spawn" or "forkserver" it is where each worker loads them.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    global _CONTEXT
    _CONTEXT = context
    preload(model)


def preload(model: str | None) -> None:
    """spaCy's pipelines and the checks, loaded in this process, then frozen out of the collector's
    sight (once per process and model: a second call is free). A paused collector is resumed,
    whatever happens."""
    try:
        _load_and_freeze(model)
    finally:
        resume_collector()


def _load_and_freeze(model: str | None) -> None:
    if model in _PRELOADED:
        return
    from auditor.errors import AuditorError
    from auditor.nlp import get_pipeline, on_renewal
    from auditor.registry import registry

    try:
        # one short sentence compiles the vocabularies' date and quantity patterns here, once; the
        # Chinese side of an audit needs no spaCy pipeline (sentence bounds come from the characters)
        get_pipeline("en", model)("Revenue rose 5% to $3.2 million in the third quarter of 2025.")
        registry()
    except AuditorError:
        return  # reported per file by audit_file, never as a traceback from the pool
    _PRELOADED.add(model)
    # what is loaded now lives as long as the process: out of the collector's sight, a full
    # collection no longer sweeps spaCy's heap (0.15 s each; the collector took about a sixth of an
    # audit's CPU before), and forked workers share its pages. Once only: a later freeze would also
    # take in objects of the caller's that may yet become garbage (but see `_refreeze`).
    gc.freeze()
    on_renewal(_refreeze)


def _refreeze() -> None:
    """The English pipeline built anew (`nlp.english_pipeline`) frozen out of the collector's sight
    as the first was. What the last freeze took in is released first, and collected if it has
    become garbage since: each freeze also takes in the objects live at that moment (the file
    being audited), so without it each renewal would keep one file's garbage for good."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


#: the models `preload` has loaded and frozen in this process
_PRELOADED: set[str | None] = set()


def audit_source(source: Source, check_ids: Sequence[str], config: Config, layout: str | None,
                 model: str | None, context: RunContext, report_name: str | None) -> tuple[FileOutcome, Transcript | None]:
    """Audit one source and finish it: its per-file report written, its result made compact."""
    if isinstance(source, tuple):
        result, transcript = audit_file(source[0], check_ids, config, layout, model, source[1])
    else:
        result, transcript = audit_file(source, check_ids, config, layout, model)  # failures: FileResult.error
    return finish_file(result, transcript, context, report_name), transcript


def _work(source: Source, check_ids: Sequence[str], config: Config, layout: str | None, model: str | None,
          report_name: str | None) -> FileOutcome:
    if _CONTEXT is None:
        raise RuntimeError("the pool's initializer did not run: no run context in this worker")
    return audit_source(source, check_ids, config, layout, model, _CONTEXT, report_name)[0]


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


def parallel_outcomes(
    files: Sequence[Source],
    check_ids: Sequence[str],
    config: Config,
    layout: str | None,
    model: str | None,
    jobs: int | None,
    context: RunContext,
    names: Mapping[str, str] | None = None,
) -> Iterator[FileOutcome]:
    """FileOutcomes in input order from a pool of `effective_jobs(jobs, len(files))` workers.

    At most `window` files are in flight, so at most that many outcomes exist at once whatever the
    archive's size. If the consumer stops early, or an exception (a signal turned into one)
    interrupts the wait, the pool is terminated before the exception goes on: no worker outlives
    the run.
    """
    workers = effective_jobs(jobs, len(files))
    window = max(2, workers * 4)
    mp_context = multiprocessing.get_context()
    if mp_context.get_start_method() == "fork":
        preload(model)  # loaded once, before the fork: workers share the pages instead of each loading it
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context, initializer=_init_worker,
                               initargs=(model, context))
    finished = False

    def submit(source: Source) -> Future[FileOutcome]:
        name = names.get(source_name(source)) if names else None
        return pool.submit(_work, source, check_ids, config, layout, model, name)

    try:
        pending: deque[Future[FileOutcome]] = deque()
        queue = iter(files)
        for source in queue:
            pending.append(submit(source))
            if len(pending) >= window:
                break
        while pending:
            outcome = pending.popleft().result()
            yield outcome
            nxt = next(queue, None)
            if nxt is not None:
                pending.append(submit(nxt))
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            terminate(pool)


def source_name(source: Source) -> str:
    """The name a source has in reports: its path as given, or the name given to standard input."""
    return source[0] if isinstance(source, tuple) else os.fspath(source)
