"""speakers.near_miss: a name in the text that resembles one participant but names nobody."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.roster import Mention, NearMiss
from auditor.textutil import snippet

from ._common import reference_line, turn_person


class NearMissName(TranscriptCheck):
    """A person's name that resembles exactly one name on the roster but matches nobody.

    Anti-pattern: "So allow me to translate Mr. Zao's answer" in a call whose roster has Zou Tao,
    or "Maria Kovecs" a few lines after the CFO was introduced as Maria Kovacs. Speech recognition
    gets person names wrong more often than any other word, and a misspelt participant in a
    published transcript is a different person to every reader and search tool.

    Best practice: every participant is spelt as in the speaker headers and the introductions.
    Every name is compared with the roster word by word, surnames with surnames; name-order
    variants, initials, middle initials and nicknames count as the same person, and a name that
    resembles nobody (a customer, a politician) or several people is left alone. Severity follows
    the evidence:

    - error: the text proves the slip - the name is one letter off a surname that a speaker
      header spells, in that speaker's own turn or written with the same given name;
    - warning: a surname (after an honorific or title, or with the participant's given name) is
      one or two letters off a roster surname;
    - info: a first name alone ("Thanks, Roberta" beside Roberto), or only the given name of a
      full name differs ("Chao Lu" beside Chau Lu): often another person or a spelling variant.
    """

    id = "speakers.near_miss"
    title = "Misspelt participant name"
    severity = Severity.WARNING
    weight = 1.2
    groups = ("speakers", "names")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        # one finding per misspelling: "Dr. Bragan" four times is one slip to correct, on its first line
        found: dict[tuple[int, str], tuple[Mention, NearMiss, list[Mention]]] = {}  # by person and misspelt word
        for mention in roster.mentions:
            self.stats["names checked"] += 1
            if mention.resolved:
                self.stats["names on roster"] += 1
                continue
            strict = not mention.addressed and mention.kind == "context"
            hit = roster.resemble(mention.name, addressed=mention.addressed, min_ratio=75.0 if strict else 60.0)
            if hit is None:
                continue
            key = (id(hit.person), " ".join(w for w, _ in hit.pairing.near_words))
            if key in found:
                found[key][2].append(mention)
            else:
                found[key] = (mention, hit, [])
        for mention, hit, repeats in found.values():
            if hit.part == "surname" and not roster.reference(hit):
                yield self._reversed(transcript, mention, hit, repeats)
            else:
                yield self._finding(transcript, mention, hit, repeats)

    def _reversed(self, transcript: Transcript, mention: Mention, hit: NearMiss, repeats: list[Mention]) -> Finding:
        """The roster met the odd spelling first: report it where it stands, the other as the reference."""
        written, position = hit.pairing.near_words[0]
        wrong = hit.person.ordered_tokens[position]
        spelt = re.search(rf"(?i)\b{re.escape(written)}\b", mention.text)
        right = spelt.group(0) if spelt else written.capitalize()
        occurrences = transcript.roster.spellings.get(wrong, [])
        line, start, end = occurrences[0] if occurrences else (hit.person.lines[0], 0, 0)
        again = sorted({o[0] for o in occurrences} - {line})
        references = sorted({m.line for m in (mention, *repeats)})
        text = transcript.line_text(line)
        paragraph = transcript.paragraph_at(line)
        if paragraph is not None:
            text = paragraph.text
        message = (
            f"'{text[start:end] or wrong}' spells {hit.person.name} differently from '{right}' on "
            f"line{'s' if len(references) > 1 else ''} {', '.join(map(str, references))}, which the call "
            f"{'writes more often' if len(references) > len(again) + 1 else 'writes first'}: probably a misspelling."
        )
        if again:
            message += f" The same spelling is on line{'s' if len(again) > 1 else ''} {', '.join(map(str, again))}."
        severity, confidence = (Severity.WARNING, 0.75) if hit.edits <= 2 else (Severity.INFO, 0.4)
        return self.finding(
            transcript,
            line,
            message,
            snippet(text, start, end, 70),
            severity=severity,
            confidence=confidence,
            suggestion=f"{right} (as on line {references[0]})",
            related=[(n, transcript.line_text(n)) for n in (references[0], *again)],
        )

    def _finding(self, transcript: Transcript, mention: Mention, hit: NearMiss, repeats: list[Mention]) -> Finding:
        target = hit.person
        paragraph = transcript.paragraph_at(mention.line)
        turn = transcript.turns[paragraph.turn] if paragraph is not None else None
        own = turn is not None and turn_person(transcript, turn) is target
        ref = reference_line(target)
        text = paragraph.text if paragraph is not None else transcript.line_text(mention.line)
        severity, confidence = _severity(mention, hit, own)
        where = "the speaker of this turn" if own else f"{target.kind} {target.name}"
        if hit.part == "surname":
            message = (
                f"'{mention.text}' matches nobody on the call; the surname is {_letters(hit.edits)} off "
                f"{target.name} ({where}), probably a misspelling."
            )
        elif hit.part == "single":
            message = (
                f"'{mention.text}' alone matches nobody on the call but resembles {target.name} ({where}): "
                "a misspelling, or another person."
            )
        else:
            message = (
                f"'{mention.text}' spells {target.name} ({where}) differently: "
                f"{'the given name differs' if hit.part == 'given' else 'given name and surname differ'}."
            )
        again = sorted({m.line for m in repeats} - {mention.line})
        if again:
            message += f" The same spelling is on line{'s' if len(again) > 1 else ''} {', '.join(map(str, again))}."
        return self.finding(
            transcript,
            mention.line,
            message,
            snippet(text, mention.start, mention.end, 70),
            severity=severity,
            confidence=confidence,
            suggestion=f"{_corrected(mention, hit)} ({target.name}, as on line {ref})",
            related=[(ref, transcript.line_text(ref)), *((line, transcript.line_text(line)) for line in again)],
        )


def _severity(mention: Mention, hit: NearMiss, own: bool) -> tuple[Severity, float]:
    """Error only where the text proves the slip; a surname a letter or two off is very likely one."""
    if hit.part != "surname" or hit.edits > 2:
        return Severity.INFO, 0.4
    header = hit.person.is_header and hit.edits == 1
    if header and (own or hit.given_same):
        return Severity.ERROR, 0.9
    return Severity.WARNING, 0.85 if mention.addressed or hit.given_same else 0.7


def _letters(edits: int) -> str:
    return "a letter" if edits <= 1 else f"{edits} letters"


def _corrected(mention: Mention, hit: NearMiss) -> str:
    """The mention rewritten with the roster spelling: 'Mr. Zao' -> 'Mr. Zou', 'Maria Kovecs' -> 'Maria Kovacs'."""
    text = mention.text
    for written, position in hit.pairing.near_words:
        right = hit.person.written(position)
        text = re.sub(rf"(?i)\b{re.escape(written)}\b", right, text, count=1)
    return text
