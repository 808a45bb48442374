"""The Dask engine: an archive that outgrows one machine, audited on a Dask cluster.

Files go out in partitions of `PARTITION_FILES`; a partition's task audits its files one after
another on one worker (spaCy and the checks are warmed once per worker by `WarmUp`), writes their
per-file reports itself (through fsspec, into the run's staging folder) and returns only compact
records and the partition's `Totals`. Totals are reduced on the cluster, partition after
partition; the client keeps the compact records the combined report needs, in input order, with
at most a window of partitions in flight, so nothing else accumulates on it or on the workers.

Why partitions and not one task per file: a task costs the scheduler ~1 ms and a round trip;
tens of files per task keep that below 1% of the audit while still spreading an archive evenly.
"""

from __future__ import annotations

import logging
import signal
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin

from auditor.batch import Source, audit_source, default_jobs, preload, source_name
from auditor.config import Config
from auditor.engines.records import FileOutcome, RunContext, Totals, finish_file
from auditor.errors import ConfigError
from auditor.reader import describe_os_error, read_at_most
from auditor.runner import FileResult

#: files per task: tens, so that scheduling costs little and the work still spreads evenly
PARTITION_FILES = 20

#: what a partition carries: a local path, standard input's (name, bytes), or an fsspec URL
Item = Source | str


class WarmUp(WorkerPlugin):
    """Load spaCy's pipelines and the checks once per worker, before its first partition."""

    name = "auditor-warm-up"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        preload(self.model)


@dataclass
class Partition:
    """What a partition's task returns: compact outcomes (without totals) and their totals."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


def _read_url(url: str) -> bytes:
    """A remote file's bytes, at most the size limit plus one (the reader refuses more)."""
    import fsspec

    with fsspec.open(url, "rb") as handle:
        size = getattr(handle, "size", None)  # known to fsspec's buffered files, not to every opener
        return read_at_most(handle, size if isinstance(size, int) else None)


def audit_partition(items: Sequence[tuple[Item, str | None]], check_ids: Sequence[str], config: Config,
                    layout: str | None, model: str | None, context: RunContext) -> Partition:
    """Audit and finish each file of a partition on this worker; fold their totals."""
    preload(model)  # free when the plugin has warmed this worker; needed if it joined without it
    partition = Partition()
    for item, name in items:
        if isinstance(item, str):
            try:
                source: Source = (item, _read_url(item))
            except (OSError, ValueError) as exc:
                error = describe_os_error(item, exc) if isinstance(exc, OSError) else f"{item}: {exc}"
                result = FileResult(file=item, error=error, error_kind="input")
                outcome = finish_file(result, None, context, None)
                partition.totals.merge(outcome.totals or Totals())
                outcome.totals = None
                partition.outcomes.append(outcome)
                continue
        else:
            source = item
        outcome, _transcript = audit_source(source, check_ids, config, layout, model, context, name)
        partition.totals.merge(outcome.totals or Totals())
        outcome.totals = None
        partition.outcomes.append(outcome)
    return partition


def add_partition(totals: Totals, partition: Partition) -> Totals:
    """One step of the reduction, run on the cluster: the totals so far plus a partition's."""
    return Totals().merge(totals).merge(partition.totals)


def _item_name(item: Item) -> str:
    return item if isinstance(item, str) else source_name(item)


def _connect(scheduler: str | None, workers: int) -> tuple[Client, LocalCluster | None]:
    """A client of `scheduler`, else of a local cluster of `workers` single-threaded processes.

    The local workers are started with SIGINT ignored (a disposition spawn keeps across exec):
    Ctrl-C reaches the whole process group, and it is this process that decides to stop them, as
    the pool's do. The price: a Ctrl-C in the seconds the cluster takes to start is lost (SIGTERM
    is not).
    """
    if scheduler:
        try:
            return Client(scheduler, set_as_default=False), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
    try:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)  # a worker torn down by a cancel logs no traceback
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return Client(cluster, set_as_default=False), cluster


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def dask_outcomes(
    items: Sequence[Item],
    check_ids: Sequence[str],
    config: Config,
    layout: str | None,
    model: str | None,
    context: RunContext,
    names: Mapping[str, str] | None,
    scheduler: str | None,
    totals: Totals,
    jobs: int | None = None,
) -> Iterator[FileOutcome]:
    """Outcomes in input order from a Dask cluster; the reduced totals are added to `totals` at the end.

    If the consumer stops early or an exception (a signal turned into one) interrupts the wait,
    the run's futures are cancelled and a local cluster is shut down before the exception goes on.
    """
    logging.getLogger("distributed").setLevel(logging.ERROR)
    client, cluster = _connect(scheduler, max(1, min(jobs or default_jobs(), len(items) or 1)))
    try:
        client.register_plugin(WarmUp(model), name=WarmUp.name)
        shared = client.scatter(context, broadcast=True, hash=False)
        chunks = (items[i:i + PARTITION_FILES] for i in range(0, len(items), PARTITION_FILES))
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * 2)
        pending: deque[Future] = deque()
        reduced: Future | None = None

        def submit(chunk: Sequence[Item]) -> Future:
            nonlocal reduced
            work = [(item, names.get(_item_name(item)) if names else None) for item in chunk]
            future = client.submit(audit_partition, work, check_ids, config, layout, model, shared, pure=False)
            reduced = client.submit(add_partition, reduced if reduced is not None else Totals(), future, pure=False)
            return future

        for chunk in chunks:
            pending.append(submit(chunk))
            if len(pending) >= window:
                break
        while pending:
            future = pending.popleft()
            partition: Partition = future.result()
            future.release()
            yield from partition.outcomes
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(submit(nxt))
        if reduced is not None:
            totals.merge(reduced.result())
    finally:
        logging.getLogger("distributed").setLevel(logging.CRITICAL)  # a cancel's teardown is no error
        client.close(timeout=10)
        if cluster is not None:
            cluster.close(timeout=10)

