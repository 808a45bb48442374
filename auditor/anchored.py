"""`finditer` for patterns whose every match contains a required part after a bounded prefix.

Why: a pattern such as "(qualifier )?(currency)?number..." or "(cue )?Month day" starts with
optional word alternations, so `re.finditer` tries those alternations at every character of a
paragraph, and most paragraphs hold a handful of numbers or months. Here a cheap anchor pattern
(a digit, a month name) finds the required part, and the full pattern is tried only in the short
window before it that its optional prefix can cover. The matches are those of `re.finditer`, in
the same order (see `anchored_finditer`).

The gates live here too: `fold` lower-cases a text so that a literal a case-insensitive pattern
requires can be tested with `in`, and `required_literals` reads those literals from a pattern
(`passes_literals` tests them), so that a text without them is never searched at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from auditor.textutil import IGNORECASE_ASCII_TWINS, holds_case_twin

#: the characters outside ASCII that a case-insensitive pattern matches to an ASCII letter (Python's
#: `re` folds these four onto i, i, s and k; tests/test_parse_gates.py checks every code point)
_ASCII_CASES = str.maketrans(dict(zip(IGNORECASE_ASCII_TWINS, "iisk", strict=True)))


def fold(text: str) -> str:
    """`text` lower-cased such that wherever a case-insensitive pattern matches an ASCII literal
    ("quarter", "q3") in `text`, the lower-case literal occurs in the result.

    Why: a test for such a literal in the folded text (`in`, or a case-sensitive search for a few
    literals) costs far less than a case-insensitive search for a pattern of many alternatives,
    so a pattern that requires one is run only on the texts that hold one. For an ASCII text the
    positions are those of `text` (not so in general: "İ".lower() is two characters).
    """
    if not holds_case_twin(text):  # `in` tests are fast, `translate` slow
        return text.lower()
    return text.translate(_ASCII_CASES).lower()


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


def anchored_finditer(pattern: re.Pattern[str], anchor: re.Pattern[str], text: str, parts: tuple[int, ...],
                      located: tuple[re.Pattern[str], str] | None = None,
                      led: Callable[[int], bool] | None = None) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, provided every match contains a match of `anchor`
    starting at a position `d` with `match.start() >= window_start(text, d, parts)`, and no match
    is empty.

    Why it is the same: finditer returns, from a position `pos` on, the match at the smallest start.
    A match starting at `p >= pos` contains an anchor at some `d >= p`, so `d` is at or after the
    first anchor `d0 >= pos`, and `p >= window_start(d) >= window_start(d0)` (the window start never
    decreases with `d`: each step, a subtraction or a walk back over whitespace, keeps the order). So every
    start in `[window_start(d0), d0]` is tried in order, and when none matches the next match starts
    after `d0`.

    `located`, a pattern and a text of the same length as `text` (its `fold` when ASCII), finds
    the anchors instead of `anchor`, when it matches at exactly the positions where `anchor`
    matches in `text` (a case-sensitive search is the faster). `led(d)` may tell that no match
    starts before the anchor `d` (when the text just before it cannot end a prefix): only `d` is
    tried then.
    """
    finder, haystack = located if located is not None else (anchor, text)
    pos = 0
    end = len(text)
    while pos <= end:
        hit = finder.search(haystack, pos)
        if hit is None:
            return
        at = hit.start()
        first = at if led is not None and not led(at) else max(pos, window_start(text, at, parts))
        for start in range(first, at + 1):
            m = pattern.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


def required_literals(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """What every match of `pattern` holds, as a gate for `auditor.anchored.fold`ed text: a tuple of
    choices (longest first), each a tuple of lower-case ASCII strings one of which the folded text
    contains wherever the pattern matches (an empty tuple: no gate). Read from the parsed pattern: runs of
    literal characters in its main sequence, in groups and in repeats of at least one, and, for an
    alternation, the longest run of each alternative when every alternative has one.

    Why: a pattern of a data file ("you may now disconnect") has no anchor to search for, and a
    case-insensitive search for it costs ~50 ns a character; the gate (`passes_literals`) a few.
    """
    from importlib import import_module

    # the parser re.compile itself uses (private, without a stub: typed Any)
    constants: Any = import_module("re._constants")
    parser: Any = import_module("re._parser")
    repeats = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", None))

    def required(sequence: Any) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        run: list[str] = []

        def flush() -> None:
            text = "".join(run)
            if text and text.isascii():
                out.append((text.lower(),))
            run.clear()

        for op, av in sequence:
            if op is constants.LITERAL:
                run.append(chr(av))
                continue
            flush()
            if op is constants.SUBPATTERN:
                out += required(av[-1])
            elif op is getattr(constants, "ATOMIC_GROUP", None):
                out += required(av)
            elif op in repeats and av[0] >= 1:
                out += required(av[2])
            elif op is constants.BRANCH:
                choices = []
                for alternative in av[1]:
                    runs = [r[0] for r in required(alternative) if len(r) == 1]
                    if not runs:
                        break
                    choices.append(max(runs, key=len))
                else:
                    out.append(tuple(choices))
        flush()
        return out

    try:
        found = required(parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern has no gate, it is searched everywhere
        return ()
    # the longest first: the likeliest to be missing, so that a gate fails after one test
    return tuple(sorted(found, key=lambda choices: -min(map(len, choices))))


def passes_literals(literals: tuple[tuple[str, ...], ...], folded: str) -> bool:
    """Whether a `fold`ed text holds what `required_literals` says every match holds."""
    for choices in literals:  # a loop, not nested generators: this runs for every pattern and text
        if not (choices[0] in folded if len(choices) == 1 else any(map(folded.__contains__, choices))):
            return False
    return True
