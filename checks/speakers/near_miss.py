"""speakers.near_miss: a name in the text that resembles one participant but names nobody."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import TranscriptCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.names import close_tokens, name_tokens
from auditor.roster import Mention, Person
from auditor.textutil import snippet

from ._common import reference_line, turn_person


class NearMissName(TranscriptCheck):
    """A person's name that resembles exactly one name on the roster but matches nobody.

    Anti-pattern: "So allow me to translate Mr. Zao's answer" in a call whose roster has Zou Tao.
    Speech recognition gets person names wrong more often than any other word, and a misspelt
    executive's name in a published transcript misattributes what was said.

    Best practice: every participant is spelt as in the speaker headers. A name is compared with
    the roster (headers, people introduced, announced questioners) word by word; name-order
    variants, initials and nicknames count as the same person. Only a unique resemblance (close
    edit distance backed by equal phonetic keys) is reported, with the roster spelling as the
    suggestion. Error when the name is the turn's own speaker or an executive, else warning.
    Names that resemble nobody (a customer, a politician) are left alone.
    """

    id = "speakers.near_miss"
    title = "Misspelt participant name"
    severity = Severity.WARNING
    weight = 1.2
    groups = ("speakers", "names")

    def check_transcript(self, transcript: Transcript) -> Iterator[Finding]:
        roster = transcript.roster
        for mention in roster.mentions:
            self.stats["names checked"] += 1
            if mention.resolved:
                self.stats["names on roster"] += 1
                continue
            strict = mention.honorific is None and mention.kind == "context"
            target = roster.near_miss(mention.name, min_ratio=75.0 if strict else 60.0)
            if target is None:
                continue
            yield self._finding(transcript, mention, target)

    def _finding(self, transcript: Transcript, mention: Mention, target: Person) -> Finding:
        paragraph = transcript.paragraph_at(mention.line)
        turn = transcript.turns[paragraph.turn] if paragraph is not None else None
        own = turn is not None and turn_person(transcript, turn) is target
        harmful = own or target.kind == "executive"
        ref = reference_line(target)
        where = "the speaker of this turn" if own else f"{target.kind} {target.name}"
        text = paragraph.text if paragraph is not None else transcript.line_text(mention.line)
        return self.finding(
            transcript,
            mention.line,
            f"'{mention.text}' matches nobody on the call but resembles {target.name} ({where}), "
            "probably a misspelling.",
            snippet(text, mention.start, mention.end, 70),
            severity=Severity.ERROR if harmful else Severity.WARNING,
            confidence=0.9 if mention.honorific or own else 0.75,
            suggestion=f"{_corrected(mention, target)} ({target.name}, as on line {ref})",
            related=[(ref, transcript.line_text(ref))],
        )


def _corrected(mention: Mention, person: Person) -> str:
    """The mention rewritten with the roster spelling: 'Mr. Zao' -> 'Mr. Zou'."""
    words = person.words
    tokens = name_tokens(mention.name, words)
    written = mention.name.split()
    roster_words = person.name.split()
    fixed = []
    for word, token in zip(written, tokens, strict=False):
        exact = next((w for w in roster_words if name_tokens(w, words) == (token,)), None)
        close = next(
            (w for w in roster_words if close_tokens(token, (name_tokens(w, words) or ("",))[0], words=words)), None
        )
        fixed.append(exact or close or word)
    name = " ".join(fixed) if len(fixed) == len(written) else person.name
    return f"{mention.honorific}. {name}" if mention.honorific else name
