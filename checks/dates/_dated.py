"""What the date checks share: every date of a transcript with where it stands, and reference cues."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from auditor.dates import DateMention
from auditor.model import Paragraph, Transcript
from auditor.words import Words


@dataclass(frozen=True)
class Dated:
    """A date mention with where it stands in the transcript."""

    date: DateMention
    paragraph: Paragraph
    line: int
    text: str  # the line's text (source or translation)


def all_dates(transcript: Transcript) -> list[Dated]:
    """The dates of every paragraph (parsed once by the model), English line then translation line."""
    out: list[Dated] = []
    for p in transcript.paragraphs:
        out += [Dated(d, p, p.line, p.text) for d in p.dates]
        if p.translation_line is not None and p.translation:
            out += [Dated(d, p, p.translation_line, p.translation) for d in p.translation_dates]
    return out


def years_compatible(a: DateMention, b: DateMention) -> bool:
    return a.year is None or b.year is None or a.year == b.year


@cache
def reference_cues(words: Words) -> dict[str, str]:
    """Each reference cue ("as of", "ended", 截至) with its kind, from `calendar.toml`."""
    table = words.table("calendar")["reference_cues"]
    return {str(cue).lower(): kind for kind, cues in table.items() for cue in cues}


def cue_kind(cue: str, words: Words) -> str:
    """The kind of a date cue: two dates are "the same reference" only with cues of one kind.

    A cue that is not a reference cue ("on", "by") counts with the "ended" cues.
    """
    return reference_cues(words).get(cue, "ended")


def render(d: DateMention, day: int) -> str:
    """The date with another day, in the language it was written in."""
    return d.render(day) if d.lang == "en" else d.render_zh(day)
