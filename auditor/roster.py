"""The roster: every person of the call, where each was named, their roles and their gender.

It is part of the shared model (not of a check) because several checks need it: the speaker
checks compare every name against it, and the translation check compares honorifics and
pronouns (Mr./Ms., 先生/女士) against the gender the English text gives each person.

Sources, in order of authority: speaker headers (the reference spellings), then people the text
introduces ("our CFO, Ms. Shen Lixia", "Priya Ramaswamy, Head of Investor Relations"), then
questioners the operator announces ("Our next question comes from Helen Cho with Northgate
Capital", "[Fang Ruo, Jade Bay Capital]", "Kevin Lau, Harbourview Securities."). Every other
person-like mention (after an honorific, in "Thanks, Kathy", "As Ingrid mentioned") is resolved
against the roster and kept in `Roster.mentions`, resolved or not, for the checks to judge.

Name-order variants ("Zou Tao" / "Tao Zou"), initials ("T. Whitlock") and common nicknames
("Kathy" / "Katherine") are the same person. A spelling that is merely close to a roster name
("Mr. Zao" for Zou Tao) is NOT merged: it stays an unresolved mention, and `Roster.near_miss`
says which person it resembles. The rules for names are in `auditor.names`, the patterns the text is
read with in `auditor.mentions`, their words in `auditor/data/people.toml` and `speakers.toml`;
the persons and the lookups (`Roster.find`, `Roster.resemble`) are in `auditor.persons`.

Besides those contexts, every run of capitalised words that pairs with a participant's given name
and nearly with their surname ("Maria Kovecs" beside Maria Kovacs) is kept as a mention, and so is
a title before a name ("Chairman Hartley"). Every turn is read for announcements of who speaks
next (a questioner, a hand-over, a speaker naming themselves), wherever the host's turn is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from auditor.mentions import announcement_patterns, mention_patterns
from auditor.names import APOSTROPHE_HYPHEN, honorific_gender, name_tokens, one_of
from auditor.persons import Announcement, GenderEvidence, Mention, NearMiss, Person, Roster, c_suite_roles
from auditor.prefilter import TextView
from auditor.word_search import after_for, whole_words
from auditor.words import Words, default_words

if TYPE_CHECKING:
    from auditor.model import Paragraph, Transcript, Turn

__all__ = [
    "Announcement", "GenderEvidence", "Mention", "NearMiss", "Person", "Roster", "build_roster", "c_suite_roles",
    "decide_gender", "is_interpreted", "name_tokens",
]


def is_interpreted(text: str, words: Words | None = None) -> bool:
    """The text marks itself as an interpreter's rendering ("(interpreted)")."""
    return mention_patterns(words or default_words()).interpreted.search(text) is not None


def _plausible_name(name: str, words: Words) -> bool:
    """A run of capitalised words that can be a person's name (not "Thank You", "Operator" or "Chief Officer")."""
    patterns = mention_patterns(words)
    tokens = name_tokens(name, words)
    return any(len(w) > 1 for w in tokens) and not any(  # an initial alone ("C.") names nobody
        w in patterns.not_names or w in patterns.address_titles or w in patterns.title_words for w in tokens
    )


def _title_ok(title: str, words: Words) -> bool:
    return (
        bool(mention_patterns(words).role_in_title.search(title))
        and title.split()[-1][:1].isupper()
        and len(title.split()) <= 12
    )


_WORD_CHAR = one_of(r"\w'\-", "’")
#: a capitalised word (the lookbehind after its capital, not before: the same test of the character
#: before it, but the scan then skips to capital letters instead of trying every position)
_CAPITALISED = re.compile(
    rf"[A-Z](?<!{_WORD_CHAR}[A-Z])[a-z]+(?:[A-Z][a-z]+)?(?:{APOSTROPHE_HYPHEN}[A-Za-z][a-z]+)*(?!{_WORD_CHAR})"
)
#: the capitalised words that end a text ("I am Darren| Kirk": the words of the name before it)
_TRAILING_CAPITALISED = re.compile(rf"(?:[A-Z]{_WORD_CHAR}*[ \t]+)+$")


def _trim_title(title: str, words: Words) -> str:
    """'Head of Investor Relations of the' -> 'Head of Investor Relations' (the title ran into the sentence)."""
    connectives = set(words.table("people")["roles"]["title_connectives"])
    parts = title.split()
    while parts and parts[-1] in connectives:
        parts.pop()
    return " ".join(parts)


def build_roster(transcript: Transcript) -> Roster:
    """Headers first (reference spellings), then introductions and announcements, then mentions."""
    roster = Roster(words=transcript.words)
    for turn in transcript.turns:
        if turn.is_person:
            for line in turn.header_lines[:1] or (turn.header_line,):
                roster.add(turn.speaker, line, turn.role, header=True)
    # what the patterns ask of each paragraph (which words it holds), found once for all of them
    views = {id(p): TextView(p.text) for p in transcript.paragraphs}
    # in the order of the text, so that the first spelling of a name is the reference one
    for turn in transcript.turns:
        for paragraph in turn.paragraphs:
            _collect_introductions(roster, paragraph, views[id(paragraph)])
        following = transcript.turns[turn.index + 1] if turn.index + 1 < len(transcript.turns) else None
        _collect_announcements(roster, turn, following, views)
    roster.announcements.sort(key=lambda a: (a.line, a.offset))
    misspelt: dict[str, bool] = {}  # the persons are all known now: a run of words is judged once
    for paragraph in transcript.paragraphs:
        _collect_mentions(roster, paragraph, views[id(paragraph)], misspelt)
        for m in _CAPITALISED.finditer(paragraph.text):
            roster.spellings.setdefault(m.group(0).lower(), []).append((paragraph.line, m.start(), m.end()))
    roster.mentions.sort(key=lambda m: (m.line, m.start))
    for mention in roster.mentions:
        if mention.person is not None and mention.line not in mention.person.lines:
            mention.person.lines.append(mention.line)
            mention.person.lines.sort()
    _collect_gender(transcript, roster)
    return roster


def _resemblance(roster: Roster, name: str) -> NearMiss | None:
    return roster.resemble(name, addressed=True)


def _record(
    roster: Roster, paragraph: Paragraph, m: re.Match[str], kind: str, hon: str | None = None, group: str = "name"
) -> Mention | None:
    """Resolve one name occurrence and keep it; None when it is no plausible name or already recorded."""
    start, end = m.start(group), m.end(group)
    if any(x.line == paragraph.line and x.start <= start < x.end for x in roster.mentions):
        return None
    name = m.group(group)
    if not _plausible_name(name, roster.words):
        return None
    person = roster.find(name)
    if person is None and len(name.split()) > 1 and _resemblance(roster, name) is None:
        # "Mr. Guo Mingyuan Thanks" style over-capture: fall back to the longest prefix that names
        # somebody - but never drop a word that only misspells them ("Maria Kovecs" is no "Maria")
        written = name.split()
        for cut in range(len(written) - 1, 0, -1):
            prefix = " ".join(written[:cut])
            person = roster.find(prefix)
            if person is None and _resemblance(roster, prefix) is not None:
                name, end = prefix, start + len(prefix)
                break
            if person is not None:
                name, end = prefix, start + len(prefix)
                break
    text_start = start
    for hon_group in ("hon", "hon2"):
        if hon and hon_group in m.re.groupindex and m.start(hon_group) >= 0:
            text_start = m.start(hon_group)
    mention = Mention(
        line=paragraph.line,
        start=start,
        end=end,
        name=name,
        text=paragraph.text[text_start:end],
        kind=kind,
        honorific=hon if kind != "title" else None,
        person=person,
        speech_noun=_speech_noun(paragraph.text, text_start, end, roster.words),
        affiliated=mention_patterns(roster.words).affiliation.match(paragraph.text, end) is not None,
    )
    roster.mentions.append(mention)
    return mention


def _speech_noun(text: str, start: int, end: int, words: Words) -> str | None:
    """'answer' when the mention is a third-person reference to someone's speech."""
    patterns = mention_patterns(words)
    after = patterns.speech_noun.match(text, end)
    if after:
        return after.group("noun")
    if patterns.speech_prefix.search(text[max(0, start - 40) : start]):
        return "behalf"
    return None


def _collect_introductions(roster: Roster, paragraph: Paragraph, view: TextView) -> None:
    patterns = mention_patterns(roster.words)
    lower = (patterns.intro_lower_title, patterns.intro_name_lower_title)
    for regex in (patterns.intro_title_name, patterns.intro_name_title, *lower):
        for m in regex.finditer(paragraph.text, view):
            title = _trim_title(m.group("title"), roster.words)
            if regex not in lower and not _title_ok(title, roster.words):
                continue
            hon = m.group("hon") or (m.groupdict().get("hon2"))
            name = m.group("name")
            if not _plausible_name(name, roster.words):
                continue
            if roster.find(name) is None and len(name_tokens(name, roster.words)) < 2:
                continue  # "our CFO, Ms. Shen" names nobody new: a single word is no introduction
            if roster.find(name) is None and _resemblance(roster, name) is not None:
                _record(roster, paragraph, m, "intro", hon)
                continue
            person = roster.add(name, paragraph.line, title)
            mention = _record(roster, paragraph, m, "intro", hon)
            if mention is not None:
                mention.person = person


def _firm_like(text: str, words: Words) -> bool:
    """'Northgate Capital', 'Morgan Stanley', 'UBS': a firm's name rather than a person's."""
    patterns = announcement_patterns(words)
    lowered = text.lower().strip(" .,")
    tokens = re.findall(r"[a-z]+", lowered)
    return (
        any(t in patterns.firm_words for t in tokens)
        or any(f in lowered for f in patterns.person_like_firms)
        or bool(re.fullmatch(r"[A-Z&.]{2,6}", text.strip(" .,")))
    )


def _collect_announcements(roster: Roster, turn: Turn, following: Turn | None, views: dict[int, TextView]) -> None:
    """Every announcement of who speaks next (or, "self", who speaks now) in the turn's paragraphs."""
    patterns = announcement_patterns(roster.words)
    paragraphs = turn.paragraphs
    if not paragraphs:
        return
    opening = {
        "next": following.paragraphs[0].text[: patterns.opening_head] if following and following.paragraphs else "",
    }
    for index, paragraph in enumerate(paragraphs):
        taken: list[tuple[int, int]] = []
        view = views[id(paragraph)]
        for form, regex in view.possible(patterns.patterns):
            for m in regex.finditer(paragraph.text, view):
                start, end = m.span("name")
                name, start = _strip_openers(m.group("name"), start, roster.words)
                if form in ("call", "line") and name != m.group("name"):
                    continue  # "Thanks Greg?" thanks the last speaker; it calls nobody
                if form == "call" and roster.find(name) is None and not m.groupdict().get("hon"):
                    continue  # "Euros?" is a call only when the call knows the name
                if form == "line" and len(name.split()) < 2:
                    continue  # "Morning, Julio." greets; "Ivan Kirov, Kestrel Capital." announces
                kind = {"call": "handover", "line": "question"}.get(form, form)
                if any(a <= start < b for a, b in taken):
                    continue
                if not _plausible_name(name, roster.words) or _firm_like(name, roster.words):
                    continue
                firm = (m.groupdict().get("firm") or "").strip().rstrip(".") or None
                if firm and "firm" in m.re.groupindex and m.start("firm") < start and not _firm_like(firm, roster.words):
                    continue  # "from Europe, Asia": no firm before the name
                if kind == "self":
                    placed = index == 0 and m.start() <= patterns.opening_head
                else:
                    placed = index == len(paragraphs) - 1 and len(paragraph.text) - m.end() <= patterns.closing_tail
                taken.append((start, end))
                if kind == "self":  # "this is Kathy Roe for Jason", "Dan on behalf of Helen"
                    rest = paragraph.text[m.end() : m.end() + 60]
                    stand_in = bool(patterns.stand_in.search(rest) or re.match(r"[ \t,]*for[ \t]+[A-Z]", rest))
                else:
                    stand_in = _stands_in(opening["next"], name, roster.words)
                stand_in = stand_in or bool(patterns.stand_in.search(m.group(0)))
                _announce(roster, paragraph, turn, m, (name, firm, kind), placed, stand_in)
        if index == len(paragraphs) - 1 and not taken:
            for m in patterns.handover_title.finditer(paragraph.text, view):
                person = roster.holder(m.group("title"))
                if person is not None and len(paragraph.text) - m.end() <= patterns.closing_tail:
                    stand_in = _stands_in(opening["next"], person.name, roster.words)
                    roster.announcements.append(
                        Announcement(
                            paragraph.line, person.name, None, turn.index, m.group(0), "handover", True, stand_in,
                            offset=m.start("title"),
                        )
                    )


def _stands_in(opening: str, name: str, words: Words) -> bool:
    """The announced person does not speak the next turn, and that is no mislabelling: a colleague
    stands in ("Hi, it's Dan on for Helen", "this is Dan Roe for Helen Cho"), or the turn speaks to
    the announced person ("Vikas, your line is muted", "Helen, are you there?")."""
    patterns = announcement_patterns(words)
    if patterns.stand_in.search(opening):
        return True
    names = [w for w in name.split() if len(w) > 2]
    if not names:
        return False
    if after_for(opening, names):  # "for Helen"
        return True
    return any(  # the words of the name before this one ("I am Darren| Kirk") belong to it
        not patterns.self_opener.search(_TRAILING_CAPITALISED.sub("", opening[:said]))
        for said in whole_words(opening, names)
    )


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` around [start, end)."""
    before = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start))
    after = min((i for i in (text.find(". ", end), text.find("? ", end), text.find("! ", end)) if i >= 0), default=len(text))
    return text[before + 1 if before >= 0 else 0 : after + 1].strip()


def _strip_openers(name: str, start: int, words: Words) -> tuple[str, int]:
    """'Yeah James Moore' -> 'James Moore': a capitalised interjection is no part of the name."""
    not_names = mention_patterns(words).not_names
    written = name.split()
    while len(written) > 1 and written[0].lower().strip(",.") in not_names:
        start += name.index(written[1], len(written[0]))
        name = name[name.index(written[1], len(written[0])) :]
        written = name.split()
    return name, start


def _announce(
    roster: Roster,
    paragraph: Paragraph,
    turn: Turn,
    m: re.Match[str],
    what: tuple[str, str | None, str],
    placed: bool,
    stand_in: bool,
) -> None:
    """Keep one announcement; a questioner's full name joins the roster as an analyst."""
    name, firm, kind = what
    sentence = _sentence(paragraph.text, m.start(), m.end())
    roster.announcements.append(
        Announcement(paragraph.line, name, firm, turn.index, m.group(0), kind, placed, stand_in, sentence, m.start("name"))
    )
    if len(name_tokens(name, roster.words)) < 2:
        return  # "hand over to Rainer": the turn will say who Rainer is
    hon = m.groupdict().get("hon")
    if roster.find(name) is None and _resemblance(roster, name) is not None:
        _record(roster, paragraph, m, "announcement", hon)
        return
    person = roster.add(name, paragraph.line)
    if kind == "question" and person.kind == "participant":
        person.kind = "analyst"
    if firm and person.firm is None and kind == "question":
        person.firm = firm
    mention = _record(roster, paragraph, m, "announcement", hon)
    if mention is not None:
        mention.person = person


def _collect_mentions(roster: Roster, paragraph: Paragraph, view: TextView, misspelt: dict[str, bool]) -> None:
    patterns = mention_patterns(roster.words)
    for m in patterns.honorific.finditer(paragraph.text, view):
        tokens = name_tokens(m.group("name"), roster.words)
        if tokens[:1] and tokens[0] in patterns.address_titles:
            continue
        _record(roster, paragraph, m, "honorific", m.group("hon"))
    for m in patterns.title_name.finditer(paragraph.text, view):
        _record(roster, paragraph, m, "title", m.group("hon"))
    for regex in patterns.contexts:
        for m in regex.finditer(paragraph.text, view):
            _record(roster, paragraph, m, "context")
    for m in patterns.name_run.finditer(paragraph.text):
        _collect_full_names(roster, paragraph, m, misspelt)


def _collect_full_names(roster: Roster, paragraph: Paragraph, m: re.Match[str], misspelt: dict[str, bool]) -> None:
    """A full name anywhere in the text that misspells a participant's surname ("Maria Kovecs").

    Only a run whose given name is the participant's and whose surname is a letter or two off is
    kept: capitalised runs are mostly companies, places and products.
    """
    written = list(re.finditer(r"\S+", m.group("name")))
    for i in range(len(written) - 1):
        for j in range(i + 2, min(i + 3, len(written)) + 1):
            start, end = m.start("name") + written[i].start(), m.start("name") + written[j - 1].end()
            name = paragraph.text[start:end]
            known = misspelt.get(name)
            if known is None:
                known = misspelt[name] = _misspells_surname(roster, name)
            if known:
                _record_span(roster, paragraph, start, end, name)
                return


def _misspells_surname(roster: Roster, name: str) -> bool:
    """The name names nobody, and is a participant's given name with their surname a letter or two off."""
    if not roster.names_part(name_tokens(name, roster.words)):
        return False  # no word of it is any participant's: it resembles nobody's given name
    if not _plausible_name(name, roster.words) or roster.find(name) is not None:
        return False
    hit = roster.resemble(name, addressed=False)
    return hit is not None and hit.part == "surname" and hit.given_same


def _record_span(roster: Roster, paragraph: Paragraph, start: int, end: int, name: str) -> None:
    if any(x.line == paragraph.line and (x.start <= start < x.end or start <= x.start < end) for x in roster.mentions):
        return
    roster.mentions.append(
        Mention(
            line=paragraph.line,
            start=start,
            end=end,
            name=name,
            text=name,
            kind="name",
            speech_noun=_speech_noun(paragraph.text, start, end, roster.words),
        )
    )


def _collect_gender(transcript: Transcript, roster: Roster) -> None:
    """Gender evidence: honorifics of resolved mentions, and pronouns that can only mean one person."""
    by_line: dict[int, list[Mention]] = {}
    for mention in roster.mentions:
        by_line.setdefault(mention.line, []).append(mention)
        if mention.person is not None and mention.honorific and _attributable(mention, roster.words):
            gender = honorific_gender(mention.honorific, roster.words)
            if gender:
                mention.person.genders.append(GenderEvidence(mention.line, mention.text, gender, "honorific"))
    for paragraph in transcript.paragraphs:
        _pronoun_evidence(paragraph, by_line.get(paragraph.line, []), roster.words)
    for person in roster.persons:
        person.genders.sort(key=lambda e: (e.line, e.text))
        person.gender_evidence = [(e.line, e.text) for e in person.genders]
        person.gender = decide_gender(person.genders)


def _pronoun_evidence(paragraph: Paragraph, mentions: list[Mention], words: Words) -> None:
    """A pronoun after the only person named in its sentence, or opening the next sentence."""
    patterns = mention_patterns(words)
    sentences = paragraph.sentences
    for i, sentence in enumerate(sentences):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        mention = inside[0] if len(inside) == 1 else None
        person = mention.person if mention is not None else None
        if mention is None or person is None or not _attributable(mention, words):
            continue
        if paragraph.speaker and person.matches(paragraph.speaker):
            continue  # a speaker naming themselves: pronouns around it are about someone else
        tail = paragraph.text[mention.end : sentence.end]
        found = {g for g, rx in patterns.pronouns.items() if rx.search(tail)}
        if i + 1 < len(sentences) and not any(sentences[i + 1].start <= m.start < sentences[i + 1].end for m in mentions):
            lead = patterns.leading_pronoun.match(sentences[i + 1].text)
            if lead:
                found.add("male" if lead.group("p").lower() in patterns.male_pronouns else "female")
        if len(found) == 1:
            gender = next(iter(found))
            evidence = paragraph.text[mention.start : min(sentence.end + 60, len(paragraph.text))].strip()
            person.genders.append(GenderEvidence(paragraph.line, evidence[:160], gender, "pronoun"))


def _attributable(mention: Mention, words: Words) -> bool:
    """Gender evidence needs a sure identity: a full name, or a surname of someone who speaks.

    "Mr. Wang from the city government" must not give a gender to analyst Bin Wang, who is only
    announced; a lone surname is trusted for participants with a speaker header or introduced
    with a title.
    """
    person = mention.person
    if person is None or (mention.affiliated and mention.kind == "honorific"):
        return False
    return len(name_tokens(mention.name, words)) > 1 or person.is_header or bool(person.text_roles)


def decide_gender(evidence: Sequence[GenderEvidence], *, reference: bool = False) -> str | None:
    """The gender the English text gives a person; honorifics outrank pronouns.

    Why one function: the roster's `Person.gender` (which the translation checks hold 先生/女士
    against) and the gender against which `speakers.gender_conflict` reports a contradiction must
    be one decision. The strongest source present decides by strict majority:

    - `Person.gender` (the default) stays None when the honorifics are evenly divided, or when
      pronouns (weaker evidence, used only without honorifics) disagree at all;
    - with `reference=True` a gender is always named, as the anchor a contradiction is reported
      against: on a tie, the source's earliest statement.
    """
    for source in ("honorific", "pronoun"):
        stated = [e for e in evidence if e.source == source]
        if not stated:
            continue
        ranked = Counter(e.gender for e in stated).most_common()
        majority = len(ranked) == 1 or ranked[0][1] > ranked[1][1]
        if len(ranked) == 1 or (majority and (reference or source == "honorific")):
            return ranked[0][0]
        return stated[0].gender if reference else None
    return evidence[0].gender if reference and evidence else None
