"""`finditer` for patterns whose every match contains a required part after a bounded prefix.

Why: a pattern such as "(qualifier )?(currency)?number..." or "(cue )?Month day" starts with
optional word alternations, so `re.finditer` tries those alternations at every character of a
paragraph, and most paragraphs hold a handful of numbers or months. Here a cheap anchor pattern
(a digit, a month name) finds the required part, and the full pattern is tried only in the short
window before it that its optional prefix can cover. The matches are those of `re.finditer`, in
the same order (see `anchored_finditer`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def window_start(text: str, at: int, parts: tuple[int, ...]) -> int:
    """The earliest start of a match whose required part starts at `at`, when the prefix before it
    is, going back, a part of at most `parts[0]` characters, a whitespace run of any length, a part
    of at most `parts[1]` characters, another whitespace run, and so on ("over  RMB 5": parts
    (len("RMB "), len("over")))."""
    start = at
    for i, longest in enumerate(parts):
        start = max(0, start - longest)
        if i < len(parts) - 1:
            while start > 0 and text[start - 1].isspace():
                start -= 1
    return start


def anchored_finditer(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str,
                      parts: tuple[int, ...]) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, provided every match contains a match of `anchor`
    starting at a position `d` with `match.start() >= window_start(text, d, parts)`, and no match
    is empty.

    Why it is the same: finditer returns, from a position `pos` on, the match at the smallest start.
    A match starting at `p >= pos` contains an anchor at some `d >= p`, so `d` is at or after the
    first anchor `d0 >= pos`, and `p >= window_start(d) >= window_start(d0)` (the window start never
    decreases with `d`: each step, a subtraction or a walk back over whitespace, keeps the order). So every
    start in `[window_start(d0), d0]` is tried in order, and when none matches the next match starts
    after `d0`.
    """
    pos = 0
    end = len(text)
    while pos <= end:
        hit = anchor.search(text, pos)
        if hit is None:
            return
        at = hit.start()
        for start in range(max(pos, window_start(text, at, parts)), at + 1):
            m = pattern.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1
