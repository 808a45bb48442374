"""Pathological lines for the linear-time guarantee: what a hostile or broken transcript may hold.

Why a module of its own: the scaling test (tests/test_linear_time.py) and the probe script
(bench/linear_time.py) build the same inputs. Each entry is the unit a line repeats (an English
line, or an (English, Chinese) pair of a bilingual transcript); `transcript_of` repeats it to the
wanted size inside a one-turn transcript.
"""

from __future__ import annotations

import string
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from auditor.api import audit_text


@dataclass(frozen=True)
class Whole:
    """A whole transcript of about `size` characters (many lines, turns, speakers) from a builder."""

    build: Callable[[int], str]


#: a unit a line repeats, an (English, Chinese) pair of units, a function of the size that builds
#: the line, or a builder of the whole transcript
Unit = str | tuple[str, str] | Callable[[int], str] | Whole


def _nested(opener: str, closer: str) -> Callable[[int], str]:
    """Brackets nested to half the size, a letter between two ("(a(a(aa)a)a)": the reader cuts a
    bare run of one punctuation character short)."""
    return lambda size: opener * (size // 2) + "a" + closer * (size // 2)

_PUNCTUATION: dict[str, Unit] = {f"run {ch}": ch for ch in string.punctuation}

PATHOLOGICAL: dict[str, Unit] = {
    **_PUNCTUATION,
    # brackets nested or left open in alternation with text
    "(a": "(a", "a)": "a)", "[a": "[a", "a]": "a]", "((a))": "((a)) ", "(a]": "(a]", "(inaudible": "(inaudible ",
    "nested (a a)": _nested("(a", "a)"), "nested [a a]": _nested("[a", "a]"), "nested （a a)": _nested("（a", "a)"),
    "nested [a a)": _nested("[a", "a)"), "(a then a]": _nested("(a", "a]"), "nested [1 1]": _nested("[1 ", "1]"),
    "full-width （a": "（a", "full-width a）": "a）", "【a": "【a", "a. ": "a. ", "a, ": "a, ", "1)": "1) ",
    # figures
    "digits": "1", "1,1,1": "1,", "1.1.1": "1.", "1 1 1": "1 ", "$1 $1": "$1 ", "1% 1%": "1% ", "-1 -1": "-1 ",
    "(1) (1)": "(1) ", "$1.5 million": "$1.5 million, ", "RMB1,625.3 million": "RMB1,625.3 million ",
    "up 12.5%": "up 12.5% and ", "1-1-1": "1-",
    # dates and periods
    "month names": "January February March April May June July August September October November December ",
    "June 31,": "June 31, ", "years": "2021 ", "Q1 Q2": "Q1 Q2 Q3 Q4 ", "Q1 2021": "Q1 2021 ",
    "fourth quarter": "fourth quarter ", "third quarter of 2024": "the third quarter of 2024 ",
    "last quarter": "last quarter ", "first half": "first half of 2021 ", "nine months": "first nine months ",
    "fiscal 2021": "fiscal 2021 ",
    # words
    "repeated word": "revenue ", "the": "the ", "not": "not ", "gross margin": "gross margin ",
    "Mr.": "Mr. ", "names": "Ada Pell ", "very long word": "a", "Operator": "Operator ",
    "inaudible": "[inaudible] ", "forward-looking": "forward-looking statements ",
    # Chinese
    "CJK run": "收入", "CJK figures": "收入1億元，", "CJK percent": "百分之五", "CJK quarter": "第二季",
    "CJK comma": "，",
    # figure-dense text: one endless sentence, and many short ones
    "figure-dense sentence": "revenue grew 5% to $1.2 million in the third quarter of 2021 versus $1.1 million last quarter and ",
    "figure-dense sentences": "Revenue grew 5% to $1.2 million in Q3 2021, up from $1.1 million. ",
    "margin sentence": "gross margin was 45.2%, up 120 basis points from 44.0% a year ago, ",
    # bilingual pairs
    "bilingual figures": ("Revenue was $1.5 million, up 5% in Q3 2021. ", "2021年第三季收入為150萬美元，增長5%。"),
    "bilingual brackets": ("(a", "（a"),
    "bilingual closers": ("a)", "a）"),
}

def _turns(make: Callable[[int], str]) -> Whole:
    """Turns `make(i)` (each a header line and its paragraphs) repeated to the size."""

    def build(size: int) -> str:
        out: list[str] = ["Operator", "Good morning and welcome to the call."]
        total, i = 0, 0
        while total < size:
            out.append(make(i))
            total += len(out[-1]) + 1
            i += 1
        return "\n".join(out) + "\n"

    return Whole(build)


def _name(i: int) -> str:
    """A distinct invented name per number: 'Bado Kemi', 'Cedo Lami' ..."""
    syllables = ["ba", "ce", "di", "fo", "gu", "ha", "ke", "lo", "mi", "nu", "pe", "ri", "so", "ta", "vu", "zo"]
    first = syllables[i % 16] + syllables[(i // 16) % 16]
    last = syllables[(i // 256) % 16] + syllables[(i * 7) % 16] + syllables[(i // 4096) % 16]
    return f"{first.capitalize()} {last.capitalize()}"


_WHOLE: dict[str, Unit] = {
    "many paragraphs": _turns(lambda i: "Ada Pell - Chief Executive Officer" if i == 0 else
                              f"Revenue grew {i % 90 + 1}% to ${i % 97 + 1}.2 million in Q{i % 4 + 1} 2021."),
    "many turns": _turns(lambda i: f"Ada Pell - Chief Executive Officer\nRevenue was ${i % 97 + 1}.5 million, up {i % 40}%."
                         f"\nBo Lind - Analyst\nThanks, Ada. What about the third quarter of 202{i % 5}?"),
    "many speakers": _turns(lambda i: f"{_name(i)} - Analyst\nThanks, {_name(i + 1)}. As {_name(i + 2)} said, "
                            f"our CFO, Mr. {_name(i + 3)}, will answer."),
    "many dates": _turns(lambda i: "Ada Pell - Chief Executive Officer" if i == 0 else
                         f"As of June {i % 31 + 1}, 2025, we held ${i % 50 + 1} million for the quarter ended March 31."),
    "many markers": _turns(lambda i: "Ada Pell - Chief Executive Officer" if i == 0 else
                           f"Our [inaudible] results (technical difficulty) were [Kemi Bado] {i}."),
    "many bilingual pairs": Whole(lambda size: "Operator\nOperator\nGood morning.\n早安。\n" + "".join(
        f"Ada Pell - Chief Executive Officer\nAda Pell - Chief Executive Officer\nRevenue was ${i % 97 + 1}.5 million, "
        f"up {i % 40}% in Q3 2025.\n2025年第三季收入為{i % 97 + 1}.5百萬美元，增長{i % 40}%。\n"
        for i in range(size // 180 + 1))),
}
PATHOLOGICAL.update(_WHOLE)

_ENGLISH = "Operator\nGood morning and welcome to the call.\nAda Pell - Chief Executive Officer\n{line}\n"
_BILINGUAL = (
    "Operator\nOperator\nGood morning and welcome to the call.\n您好，歡迎參加電話會議。\n"
    "Ada Pell - Chief Executive Officer\nAda Pell - Chief Executive Officer\n{line}\n{translation}\n"
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size].strip()


def transcript_of(name: str, unit: Unit, size: int) -> str:
    """A one-turn transcript whose paragraph (and translation) repeats `unit` to `size` characters."""
    if isinstance(unit, Whole):
        return unit.build(size)
    if callable(unit):
        return _ENGLISH.format(line=unit(size))
    if isinstance(unit, tuple):
        english, chinese = unit
        return _BILINGUAL.format(line=_repeat(english, size), translation=_repeat(chinese, size))
    return _ENGLISH.format(line=_repeat(unit, size))


def audit_cpu(text: str) -> float:
    """CPU seconds of auditing `text` in-process with every check (parse, annotate, checks, ranking)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.process_time()
        audit_text(text, name="linear.txt")
        return time.process_time() - start


def warm_up() -> None:
    """Audit a small English and a small bilingual transcript: imports, spaCy pipelines and compiled
    vocabularies load before any timing."""
    audit_cpu(transcript_of("warm-up", "Revenue was $1 million in Q3 2021. ", 100))
    audit_cpu(transcript_of("warm-up", ("Revenue was $1 million. ", "收入為100萬美元。"), 100))
