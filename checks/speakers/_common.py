"""Helpers shared by the speaker checks: who a turn is labelled as, and where a name is spelt right."""

from __future__ import annotations

from auditor.model import Transcript, Turn
from auditor.roster import Person


def turn_person(transcript: Transcript, turn: Turn) -> Person | None:
    """The roster person a turn is labelled as, or None for Operator / Unidentified labels."""
    return transcript.roster.find(turn.speaker) if turn.is_person else None


def reference_line(person: Person) -> int:
    """Where the roster spelling stands: the first header, else the first line naming the person."""
    return (person.header_lines or person.lines or [1])[0]
