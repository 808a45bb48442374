"""The cyclic garbage collector, paused while a command's process starts.

Why a module of its own: the command turns the collector off before it imports anything heavy,
so this must be importable at no cost, before spaCy, the checks or the batch machinery.
"""

from __future__ import annotations

import gc

#: whether `pause_collector` turned the collector off (and `resume_collector` is to turn it on)
_PAUSED = False


def pause_collector() -> None:
    """Turn the cyclic garbage collector off until `auditor.batch.preload` has frozen what stays loaded.

    Why: the start of a run (importing spaCy and the checks, compiling their first patterns) makes
    a great many objects that live as long as the process, and the collector swept them again and
    again while they were made: about 0.1 s, a tenth of a single call's CPU. Only the command's
    own process pauses it (`auditor.cli.main`); a library caller's collector is left as it is.
    """
    global _PAUSED
    if gc.isenabled():
        gc.disable()
        _PAUSED = True


def resume_collector() -> None:
    """The collector back on, if `pause_collector` turned it off (else nothing): before any work
    that makes garbage for as long as the run lasts."""
    global _PAUSED
    if _PAUSED:
        _PAUSED = False
        gc.enable()
