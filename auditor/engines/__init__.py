"""Engines that audit many files: a process pool on this machine, or a Dask cluster.

Both stream: each file is audited, its per-file report written and its result cut down to a
compact record (`records.finish_file`) where it was audited, so the process that builds the
combined report never holds more than a bounded window of full results. Summary counts, the exit
code and stale-baseline detection are reductions of per-file `Totals`.
"""

from __future__ import annotations

#: the engines `auditor audit --engine` accepts
ENGINES: tuple[str, ...] = ("pool", "dask")
