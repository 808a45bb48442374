"""How the English text of a call names people: the patterns the roster reads, compiled once.

Why separate from `auditor.roster`: the roster is the model (who is on the call, and the evidence
about each person); this module is the vocabulary it reads that model from - introductions ("our
CFO, Ms. Shen Lixia"), operator announcements ("Our next question comes from Helen Cho with
Northgate Capital"), honorifics, person-referring contexts ("Thanks, Kathy", "As Ingrid
mentioned"), pronouns and role words. Every word of these patterns is data in
`auditor/data/people.toml` and `auditor/data/speakers.toml`; only the grammar of each frame (the
order of name, comma, title, firm) is written here. `mention_patterns(words)` builds the whole
set once per vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from auditor.names import APOSTROPHE, NAME, TOKEN, TOKEN_TAIL, alternation, name_rules, one_of
from auditor.prefilter import Anchor, LazyPattern, Literals, Scan, cased, opening, pattern_sources, uncased
from auditor.words import Words

#: where a pattern opening "(?:^|(?<=[.?!,])[ \t]+)" can start: position 0, or the first space or
#: tab after a full stop, question or exclamation mark, or comma
_CLAUSE_START = Anchor(regex=r"[.?!,](?=[ \t])", offset=1, at_start=True, disjoint=True)
#: a character of a name word (a letter, digit, apostrophe or hyphen); with a full stop; a word
#: character or an apostrophe (see `auditor.names.one_of` for why they are no classes)
_NAME_CHAR = one_of(r"\w'\-", "’")
_NAME_OR_STOP = one_of(r"\w'.\-", "’")
_WORD_OR_APOSTROPHE = one_of(r"\w'", "’")


def _capitalisable(phrases: list[str]) -> str:
    """Like `alternation`, with the first letter of each phrase in either case ("[Tt]hanks")."""
    ordered = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    return "(?:" + "|".join(f"[{p[0].upper()}{p[0].lower()}]{re.escape(p[1:])}" for p in ordered) + ")"


def _wildcard(phrases: list[str]) -> str:
    """Like `alternation`, where "*" in a phrase stands for the rest of a word ("translat*")."""
    return alternation(phrases).replace(r"\*", r"\w*")


def _except(words: list[str], exceptions: list[str]) -> str:
    """Any of `words`, except where it opens one of the `exceptions` ("investor", not "investor relations")."""
    parts = []
    for word in sorted(dict.fromkeys(words), key=len, reverse=True):
        rests = [e[len(word) :] for e in exceptions if e.lower().startswith(word.lower()) and len(e) > len(word)]
        parts.append(re.escape(word) + (f"(?!{alternation(rests)})" if rests else ""))
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class MentionPatterns:
    """The patterns and word sets of one vocabulary; the scans compile their pattern on first use."""

    #: the sources of the patterns, each compiled when first read (`auditor.prefilter.LazyPattern`)
    sources: tuple[tuple[str, str, int], ...]
    honorific: Scan
    #: person-referring contexts without an honorific; each captures `name`
    contexts: tuple[Scan, ...]
    #: what follows a mention that makes it a third-person reference to someone's speech; this and
    #: `affiliation` are matched where the mention ends (`.match(text, end)`, no copy of the rest)
    speech_noun = LazyPattern()
    #: what precedes such a mention ("on behalf of", "translating for")
    speech_prefix = LazyPattern()
    intro_title_name: Scan
    intro_name_title: Scan
    #: "our chief financial officer, Yi Li": a title in lower case, ending with a title word
    intro_lower_title: Scan
    #: "Yi Li, our chief financial officer": the same after the name
    intro_name_lower_title: Scan
    role_in_title = LazyPattern()
    #: "Chairman Hartley", "CFO Osei": a title read like an honorific before a surname
    title_name: Scan
    #: a run of two to four capitalised name words anywhere in the text ("Maria Kovacs")
    name_run = LazyPattern()
    pronouns: dict[str, re.Pattern[str]]
    leading_pronoun = LazyPattern()
    male_pronouns: frozenset[str]
    affiliation = LazyPattern()
    interpreted = LazyPattern()
    executive_role = LazyPattern()
    analyst_role = LazyPattern()
    #: words that are never (part of) a name: "Thank you, Operator", "Mr. Chairman"
    not_names: frozenset[str]
    address_titles: frozenset[str]
    #: words of job titles ("chief", "officer"): never part of a person's name
    title_words: frozenset[str]
    c_suite = LazyPattern()
    c_suite_abbreviations: dict[str, str]


#: the most words a job title before a name has ("Executive Vice President and Chief Financial Officer")
_TITLE_WORDS = 16


@cache
def mention_patterns(words: Words) -> MentionPatterns:
    """Compile the patterns of a vocabulary (once: the roster of every transcript reuses them)."""
    people: dict[str, Any] = words.table("people")
    speakers: dict[str, Any] = words.table("speakers")
    hon = name_rules(words).honorific_pattern
    not_hon = rf"(?!{hon}\b)"
    m, roles, intro = people["mentions"], people["roles"], people["introductions"]

    word = rf"(?:[A-Z][\w&\-]*|{alternation(roles['title_connectives'])})"
    title = rf"{word}(?:[ \t]+{word})*"
    # a title a name follows is a few words: unbounded, "the the the ..." (or any run of capitalised
    # words) was tried at every "the" to the end of the paragraph, quadratic in its length
    bounded_title = rf"{word}(?:[ \t]+{word}){{0,{_TITLE_WORDS - 1}}}"
    pronouns = people["pronouns"]
    leading = [p.capitalize() for p in pronouns["leading"]]
    interpretation = speakers["interpretation"]
    abbreviations = alternation(roles["executive_abbreviations"])
    # anchors (see auditor.prefilter): where each pattern can start, written from its opening
    before_title = alternation(intro["before_title"])
    # a name (or an honorific) opening after a space, tab or "(": every name word is capitalised
    # "Priya Ramaswamy, Head of ...": after a space, tab or "(" (or at position 0), a name and a comma
    named = rf"(?:(?:{hon})\.?[ \t]+)?{NAME},[ \t]+"
    if all(re.match("[A-Z]", h) for h in name_rules(words).honorifics_written):
        # the name (or honorific) opens with a capital letter: the scan skips to capitals in C and
        # tests the space before it and the rest there (a lookahead inside the lookbehind), instead
        # of trying the lookahead after every space of the text
        named_comma = Anchor(regex=rf"[A-Z](?<=[ \t(](?={named})[A-Z])", at_start=True, disjoint=True)
    else:
        named_comma = Anchor(regex=rf"[ \t(](?={named})", offset=1, at_start=True, disjoint=True)
    return MentionPatterns(
        sources=pattern_sources(
            speech_noun=rf"{APOSTROPHE}s[ \t]+(?:{alternation(m['speech_modifiers'])}[ \t]+)?(?P<noun>{alternation(m['speech_nouns'])})\b",
            speech_prefix=(rf"{_wildcard(m['on_behalf'])}[ \t]+$", re.IGNORECASE),
            role_in_title=rf"\b{alternation(roles['title_words'])}\b",
            # the lookbehind after the first capital letter, not before it (the same test of the
            # character before the name): the scan then skips to capital letters
            name_run=rf"(?P<name>[A-Z](?<!{_NAME_OR_STOP}[A-Z]){TOKEN_TAIL}(?:[ \t]+{TOKEN}){{1,3}})(?!{_NAME_CHAR})",
            leading_pronoun=rf"^\s*(?P<p>{alternation(leading)})[ \t]+[a-z]",
            affiliation=rf",?[ \t]+(?:{alternation(m['affiliation'])}[ \t]+(?:the[ \t]+)?\w"
                rf"|{alternation(m['affiliation_capitalised'])}[ \t]+(?:the[ \t]+)?[A-Z])",
            interpreted=(rf"\({alternation(interpretation['parenthesised'])}\)|\b{alternation(interpretation['words'])}\b", re.IGNORECASE),
            executive_role=(rf"{alternation(roles['executive'])}|\b{abbreviations}\b", re.IGNORECASE),
            analyst_role=(_except(roles["analyst"], roles["not_analyst"]), re.IGNORECASE),
            c_suite=rf"(?:\b(?P<q>{alternation(people['c_suite']['qualifiers'])})[ -]+)?chief (?P<what>(?:\w+ ){{1,3}}?)officer\b",
        ),
        honorific=Scan(rf"\b(?P<hon>{hon})\b\.?[ \t]+(?P<name>{NAME})", anchor=opening(cased(name_rules(words).honorifics_written, whole=True))),
        contexts=(
            Scan(
                rf"\b{_capitalisable(m['thanks'])}(?: {alternation(m['thanks_intensifiers'])} much)?,"
                rf"[ \t]+{not_hon}(?P<name>{NAME})\b",
                anchor=opening(uncased(m["thanks"], whole=True)),
                needs=(cased([","]),),
            ),
            Scan(
                rf"\b[Aa]s[ \t]+{not_hon}(?P<name>{NAME})[ \t]+(?:{alternation(m['as_adverbs'])}[ \t]+)?"
                rf"(?:{alternation(m['as_auxiliaries'])}[ \t]+)?{alternation(m['speech_verbs'])}\b",
                anchor=opening(cased(["As", "as"], whole=True)),
                needs=(cased(m["speech_verbs"], whole=True),),
            ),
            Scan(
                rf"\b{alternation(m['handover_verbs'])}(?:ing)?[ \t]+"
                rf"(?:it[ \t]+|the[ \t]+{alternation(m['handover_objects'])}[ \t]+)?"
                rf"(?:{alternation(m['handover_particles'])}[ \t]+)*to[ \t]+"
                rf"(?:{alternation(m['handover_possessives'])}[ \t][\w ,]{{0,60}}?,[ \t]+)?"
                rf"{not_hon}(?P<name>{NAME})",
                anchor=opening(cased(_inflected(m["handover_verbs"], ("ing",)), whole=True)),
                needs=(cased(["to"], whole=True),),
            ),
            Scan(
                # the lookbehind after the name's capital letter (see name_run)
                rf"(?P<name>[A-Z](?<![\w.][A-Z]){TOKEN_TAIL}(?:[ \t]+{TOKEN}){{0,2}})"
                rf"{APOSTROPHE}s[ \t]+{alternation(m['possessed_speech'])}",
                needs=(cased(["'s", "’s"]), cased(m["possessed_speech"])),
            ),
        ),
        intro_title_name=Scan(
            rf"\b{before_title}[ \t]+(?:company{APOSTROPHE}s[ \t]+)?(?:new[ \t]+)?(?P<title>{bounded_title})"
            rf"(?:,[ \t]+(?:(?P<hon>{hon})\.?[ \t]+)?|[ \t]+(?P<hon2>{hon})\.?[ \t]+)(?P<name>{NAME})",
            anchor=Anchor(regex=rf"{before_title}[ \t]+(?:company{APOSTROPHE}s[ \t]+)?(?:new[ \t]+)?{word}"),
        ),
        intro_name_title=Scan(
            rf"(?:^|(?<=[ \t(]))(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}),[ \t]+"
            rf"(?:{alternation(intro['after_name'])}[ \t]+)?(?P<title>{title})",
            anchor=named_comma,
            needs=(cased([","]),),
        ),
        intro_lower_title=Scan(
            rf"\b{before_title}[ \t]+(?P<title>(?:[a-z][\w&\-]*[ \t]+){{0,5}}?"
            rf"{alternation(m['title_heads'])}(?:[ \t]+of[ \t]+(?:[\w&\-]+[ \t]+){{0,3}}?[\w&\-]+)?)"
            rf"(?:,[ \t]+|[ \t]+)(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME})"
            rf"(?=[ \t]*(?:[,.;:!?)\-]|$|(?:and|who|will|is|has|to|for|here)\b))",
            anchor=Anchor(regex=rf"{before_title}[ \t]+(?:[a-z][\w&\-]*[ \t]+){{0,5}}?{alternation(m['title_heads'])}"),
            needs=(cased(m["title_heads"], whole=True),),
        ),
        intro_name_lower_title=Scan(
            rf"(?:^|(?<=[ \t(]))(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}),[ \t]+"
            rf"(?:{alternation(intro['after_name'])}[ \t]+)?(?P<title>(?:[a-z][\w&\-]*[ \t]+){{0,5}}?"
            rf"{alternation(m['title_heads'])})\b",
            anchor=named_comma,
            needs=(cased([","]), cased(m["title_heads"], whole=True)),
        ),
        title_name=Scan(
            rf"\b(?P<hon>{alternation(m['titles_before_name'])})\.?[ \t]+(?P<name>{NAME})",
            anchor=opening(cased(m["titles_before_name"], whole=True)),
        ),
        pronouns={g: re.compile(rf"\b{alternation(pronouns[g])}\b") for g in ("male", "female")},
        male_pronouns=frozenset(str(p).lower() for p in pronouns["male"]),
        not_names=frozenset(str(w).lower() for w in people["names"]["not_names"]),
        address_titles=frozenset(str(w).lower() for w in people["names"]["address_titles"]),
        title_words=frozenset(str(w).lower() for w in roles["title_words"]),
        c_suite_abbreviations={str(k).lower(): str(v).lower() for k, v in people["c_suite"]["abbreviations"].items()},
    )


def _handovers(opening: str, fillers: str, targets: tuple[str, ...]) -> list[str]:
    """A way to the floor, then "to" and whom: "hand it over t- to you, Mark" (a false start
    before "to", the person after "you,")."""
    return [rf"{opening}[ \t]+(?:\w{{1,3}}-[ \t]+)?to[ \t]+{fillers}(?:you,[ \t]+)?{t}" for t in targets]


def _inflected(verbs: list[str], endings: tuple[str, ...]) -> list[str]:
    """Each verb as a pattern reads it, "\\b(?:hand|pass)(?:es|s|ing|ed)?" then a space: "hand",
    "hands", "handing"..., whole words."""
    return [v + e for v in verbs for e in ("", *endings)]


def _longest_words(phrases: list[str]) -> Literals:
    """The longest word of each phrase of an `alternation(phrases, spaced=True)`: each match of it
    holds one of them as written."""
    return cased([max(p.split(" "), key=len) for p in phrases], whole=True)


@dataclass(frozen=True)
class AnnouncementPatterns:
    """How a call says who speaks next: each pattern with the kind of announcement it reads.

    Kinds: "question" (the operator or host announces a questioner: the next turn is theirs unless
    management answers first), "handover" (the floor goes to a named person: the next turn is
    theirs), "self" (a speaker names themselves at the start of their turn). Two forms are checked
    further by the roster before they count: "call" (a turn ending on a name, "Nick?": a hand-over
    when the call knows the name) and "line" (a bare "Ivan Kirov, Kestrel Capital.": a questioner
    when the name is a full one).
    """

    #: the sources of the patterns, each compiled when first read (`auditor.prefilter.LazyPattern`)
    sources: tuple[tuple[str, str, int], ...]
    patterns: tuple[tuple[str, Scan], ...]
    #: "turn the call over to our CFO." - a hand-over that names a title, not a person
    handover_title: Scan
    stand_in = LazyPattern()
    #: the end of "Hi, this is" / "It's": what precedes a speaker's own name
    self_opener = LazyPattern()
    firm_words: frozenset[str]
    person_like_firms: frozenset[str]
    closing_tail: int
    opening_head: int


@cache
def announcement_patterns(words: Words) -> AnnouncementPatterns:
    """Compile the announcement patterns of a vocabulary once."""
    people: dict[str, Any] = words.table("people")
    ann: dict[str, Any] = words.table("speakers")["announcements"]
    m = people["mentions"]
    hon = name_rules(words).honorific_pattern
    # spoken hesitations between the words ("from the line of, uh, Helen Cho")
    fillers = rf"(?:{alternation(ann['fillers'])}{one_of(',.', '…')}*[ \t]+|\[[a-z]{{1,20}}\][ \t]+)*"
    # a false start ("to Di- Diego Ramos", "our CE- our CEO") is skipped
    restart = r"(?:[A-Za-z]{1,8}-[ \t]+)?"
    not_after = rf"(?![ \t]+{alternation(ann['not_after_name'])}\b)"
    person = rf"{fillers}{restart}(?:(?P<hon>{hon})\.?[ \t]+)?(?P<name>{NAME}){not_after}"
    # what a head (auditor.prefilter) reads of `person`: the hesitations, the capital letter next
    capital = "(?=[A-Z])" if all(re.match("[A-Z]", h) for h in name_rules(words).honorifics_written) else ""
    person_head = rf"{fillers}{restart}{capital}"

    def led(before: str, after: str, **scan: Any) -> Scan:
        """The scan of `before`, a person and `after`, its head `before` and the person's opening."""
        return Scan(f"{before}{person}{after}", head=f"{before}{person_head}", **scan)

    # a firm's words ("J.P. Morgan", "Robert W. Baird & Co."): a full stop followed by a space
    # ends the firm (and the sentence) unless it closes an initial
    word_char = one_of(r"\w&'\-", "’")
    word = rf"[A-Z]{word_char}*(?:\.[A-Z]{word_char}*)*"
    firm = rf"{word}(?:(?:(?<=\b[A-Z])\.)?[ \t]+(?:{word}|{alternation(ann['firm_connectives'])}))*\.?"
    prep = alternation(ann["firm_prepositions"])
    firm_after = rf"(?:,?[ \t]+{fillers}{prep}[ \t]+{fillers}(?P<firm>{firm}))"
    not_possessive = rf"(?!{_WORD_OR_APOSTROPHE})(?![ \t]*{APOSTROPHE}s\b)"
    possessive = alternation(m["handover_possessives"])
    heads = alternation(m["title_heads"])
    go_ahead = _capitalisable(ann["go_ahead"])
    particles = alternation(m["handover_particles"])
    # the ways to the floor: "turn (the call) (back) over to", "hand (it) over to", "pass to",
    # "give (now) the floor to"; "turn" needs "over" or "back" ("turn to Europe" is none)
    objects = rf"(?:it|things|this|(?:the|that|this|a)[ \t]+{alternation(m['handover_objects'])})"
    openings = (
        rf"\b{alternation(ann['pass_verbs'])}(?:es|s|ing|ed)?(?:[ \t]+{particles})?(?:[ \t]+{objects})?"
        rf"(?:[ \t]+{particles}){{0,2}}",
        rf"\b{alternation(m['handover_verbs'])}(?:s|ing|ed)?[ \t]+(?:{particles}[ \t]+{objects}|(?:{objects}[ \t]+)?"
        rf"{particles}(?:[ \t]+{particles})?)",
        rf"\b{alternation(ann['floor_verbs'])}(?:s|ing)?[ \t]+(?:(?:now|over|back)[ \t]+)?(?:you[ \t]+)?the[ \t]+floor"
        rf"(?:[ \t]+(?:back|over))?",
    )
    # whom to: "(our chairman, CEO,) Mr. Leslie Tan", "our CFO Jane Doe", "Jane"
    targets = (
        rf"{possessive}[ \t]+(?P<title>[^.;]{{1,60}}?),[ \t]+{person}",
        rf"(?P<title>(?:[\w&\-]+[ \t]+){{0,4}}?(?:{heads}|[A-Z]{{2,4}})),[ \t]+{person}",
        rf"{possessive}[ \t]+(?P<title>(?:[\w&\-]+[ \t]+){{0,6}}?(?:{heads}|[A-Z]{{2,4}}))[ \t]+{person}",
        rf"{person}{not_possessive}",
    )
    # the opening of each target, for the heads
    target_heads = (rf"{possessive}[ \t]+", f"{targets[1].split(person)[0]}{person_head}", rf"{possessive}[ \t]+", person_head)
    question = (
        rf"\b{_capitalisable(ann['question_nouns'])}(?:{APOSTROPHE}s)?(?:[ \t]+{alternation(ann['question_fillers'], spaced=True)})?"
        rf",?(?:[ \t]+{alternation(ann['question_verbs'], spaced=True)})?,?[ \t]+{fillers}"
        # "comes from the English line, from the line of ...": the language line first
        rf"(?:(?:from|on|in)[ \t]+the[ \t]+[A-Z]\w+[ \t]+line,?[ \t]+)?"
    )
    line = rf"(?:(?:(?:from|in|on)[ \t]+)?(?:(?:the|a)[ \t]+)?line[ \t]+of,?[ \t]+{fillers}|from[ \t]+(?:from[ \t]+)?)"
    routing = _capitalisable(ann["routing_verbs"])
    pronoun = rf"\b(?:[Ii]t|[Tt]hat|[Tt]his)(?:{APOSTROPHE}s|[ \t]+(?:{alternation(ann['question_verbs'], spaced=True)}))[ \t]+"
    # anchors and needed words (see auditor.prefilter), each read off the opening of its pattern
    questions = opening(uncased(ann["question_nouns"], whole=True))
    lines = cased(["line", "from"], whole=True)  # what `line` reads
    routes = uncased(ann["routing_verbs"], whole=True)
    # the verbs of each way to the floor as it reads them, with their endings: whole words
    verbs = (
        _inflected(ann["pass_verbs"], ("es", "s", "ing", "ed")),
        _inflected(m["handover_verbs"], ("s", "ing", "ed")),
        _inflected(ann["floor_verbs"], ("s", "ing")),
    )
    all_verbs = [v for vs in verbs for v in vs]
    to = (cased(["to"], whole=True),)
    # a clause opening with a person: what each such pattern reads there, the name written loosely
    # (one to three words opening with a capital, no honorific group, no "not_after"): a pattern
    # that reads more is tried only where this can be read
    lead = r"(?:(?:[Aa]nd|[Ss]o|[Bb]ut|[Nn]ow)[ \t,]+)?"
    loose = rf"{fillers}{restart}(?:(?:{hon})\.?[ \t]+)?[A-Z][^ \t]*(?:[ \t]+[A-Z][^ \t]*){{0,2}}"

    def clause(then: str, before: str = "", stops: str = ".?!,") -> Anchor:
        # `stops`: the marks the pattern's lookbehind reads ("(?<=[.?!])" for a sentence's start):
        # a comma, the commonest, is no place to try a pattern that starts only after a full stop
        return Anchor(regex=rf"[{stops}](?=[ \t]+{lead}{before}{loose}{then})", offset=1, at_start=True, disjoint=True)
    patterns: list[tuple[str, Scan]] = [
        ("question", led(f"{question}{line}", rf"{not_possessive}{firm_after}?", anchor=questions, needs=(lines,))),
        (
            "question",
            led(rf"{question}{alternation(ann['question_by'], spaced=True)}[ \t]+", rf"{not_possessive}{firm_after}?",
                anchor=questions, needs=(_longest_words(ann["question_by"]),)),
        ),
        ("question", led(f"{pronoun}{line}", firm_after, anchor=opening(uncased(["it", "that", "this"], whole=True)), needs=(lines,))),
        (
            "question",
            Scan(
                rf"{question}{line}(?P<firm>{firm}),[ \t]+{person}(?=[ \t]*(?:[,.;!?]|$))", anchor=questions, needs=(lines,),
                # the firm opens with a capital letter, which the first pattern's head reads (its
                # hesitations may be none): one head for both
                head=f"{question}{line}{person_head}",
            ),
        ),
        ("question", led(rf"{question}(?:is|will be|would be|be)[ \t]+{fillers}", firm_after, anchor=questions)),
        (
            "question",
            led(rf"\b{_capitalisable(ann['handoffs'])}[ \t]+(?:{line}|the[ \t]+)?", firm_after,
                anchor=opening(uncased(ann["handoffs"], whole=True))),
        ),
        (
            "question",
            led(rf"\b{_capitalisable(ann['callers'])}[ \t]+", rf"{not_possessive}{firm_after}?",
                anchor=opening(uncased(ann["callers"], whole=True))),
        ),
        ("question", Scan(rf"\[(?P<name>{NAME}),[ \t]*(?P<firm>[^\]\[]{{2,80}})\]", anchor=opening(cased(["["])), needs=(cased(["]"]),))),
        (
            "line",
            Scan(
                rf"(?:^|(?<=[.?!])[ \t]+)(?:\({alternation(ann['operator_instructions'])}\)[ \t]*)?{person}"
                rf"(?:,|[ \t]+{prep})[ \t]+(?P<firm>{firm})[.,]?[ \t]*(?:$|{go_ahead}\b)",
                anchor=clause(rf"(?:,|[ \t]+{prep})[ \t]+[A-Z]", r"(?:\([^()]*\)[ \t]*)?", ".?!"),
            ),
        ),
        *(
            ("handover", Scan(h, anchor=opening(cased(v, whole=True)), needs=to, head=head))
            for v, o in zip(verbs, openings, strict=True)
            for h, head in zip(_handovers(o, fillers, targets), _handovers(o, fillers, target_heads), strict=True)
        ),
        (
            "handover",
            Scan(
                rf"(?:^|(?<=[.?!,])[ \t]+){person},?[ \t]+{fillers}{go_ahead}\b",
                anchor=_CLAUSE_START,
                needs=(uncased(ann["go_ahead"], whole=True),),
            ),
        ),
        ("handover", led(rf"\b{go_ahead},?[ \t]+", r"[ \t]*(?:[,.!?]|$)", anchor=opening(uncased(ann["go_ahead"], whole=True)))),
        # "Now, Mr. Fujita will present the results."
        (
            "handover",
            Scan(
                rf"(?:^|(?<=[.?!])[ \t]+)(?:(?:[Nn]ow|[Ss]o|[Aa]nd)[ \t,]+)?(?!(?:He|She|They|We|It|You|I)\b){person}[ \t]+will[ \t]+"
                rf"(?:now[ \t]+)?{routing}\b",
                anchor=clause(r"[ \t]+will[ \t]", stops=".?!"),
                needs=(cased(["will"], whole=True), routes),
            ),
        ),
        # management routing a question: "I'll let Hannes answer", "Javier, maybe you can add ..."
        (
            "handover",
            led(
                rf"\b(?:I{APOSTROPHE}ll|I will|[Ll]et me)[ \t]+let[ \t]+",
                rf"[ \t]+{routing}\b",
                anchor=opening(cased(["I'll", "I’ll", "I will", "Let me", "let me"], whole=True)),
                needs=(routes,),
            ),
        ),
        ("handover", led(r"\b[Ll]et[ \t]+", rf"[ \t]+(?:to[ \t]+)?{routing}\b", anchor=opening(cased(["Let", "let"], whole=True)), needs=(routes,))),
        (
            "handover",
            Scan(
                rf"(?:^|(?<=[.?!,])[ \t]+)(?:[Aa]nd[ \t]+|[Ss]o[ \t]+|[Bb]ut[ \t]+)?{person},?[ \t]+(?:maybe[ \t]+)?"
                rf"(?:you[ \t]+)?(?:can|could|would|will|do)[ \t]+you[ \t]+(?:also[ \t]+)?(?:want[ \t]+to[ \t]+)?{routing}\b",
                anchor=clause(r",?[ \t]+(?:maybe[ \t]+)?(?:you[ \t]+)?(?:can|could|would|will|do)[ \t]+you[ \t]"),
                needs=(cased(["you"], whole=True), routes),
            ),
        ),
        (
            "handover",
            Scan(
                rf"(?:^|(?<=[.?!,])[ \t]+)(?:[Aa]nd[ \t]+|[Ss]o[ \t]+|[Bb]ut[ \t]+)?{person},?[ \t]+(?:maybe[ \t]+)?"
                rf"you[ \t]+(?:can|could|may|might)[ \t]+(?:also[ \t]+)?{routing}\b",
                anchor=clause(r",?[ \t]+(?:maybe[ \t]+)?you[ \t]+(?:can|could|may|might)[ \t]"),
                needs=(cased(["you"], whole=True), routes),
            ),
        ),
        # "And now, Pascal, I'll hand the call back to you."
        (
            "handover",
            Scan(
                rf"(?:^|(?<=[.?!,])[ \t]+){person},[ \t]+[^.?!]{{0,30}}?(?:{'|'.join(openings)})[ \t]+to[ \t]+you\b",
                anchor=clause(r",[ \t]"),
                needs=(cased(["you"], whole=True), cased(all_verbs, whole=True)),
            ),
        ),
        # a turn that ends by calling a name: "Nick?", "Ms. Ito, please."
        (
            "call",
            Scan(
                rf"(?:^|(?<=[.?!])[ \t]+){person}(?:,?[ \t]+please[ \t]*[?.!]?|[ \t]*\?)[ \t]*$",
                anchor=clause(r"(?:,?[ \t]+please|[ \t]*\?)", stops=".?!"),
                needs=(cased(["please", "?"]),),
            ),
        ),
        (
            "self",
            led(
                rf"\b{_capitalisable(ann['self_any'])}[ \t]+",
                rf"{not_possessive}(?=[ \t]*(?:[,.;!?\-]|$|(?:{prep}|here|speaking|calling|on|in|for|again)\b))",
                anchor=opening(uncased(ann["self_any"], whole=True)),
            ),
        ),
        (
            "self",
            led(
                rf"\b{_capitalisable(ann['self_firm'])}[ \t]+",
                rf"[ \t]+(?:{prep}|on[ \t]+for|in[ \t]+for|here)\b",
                anchor=opening(uncased(ann["self_firm"], whole=True)),
            ),
        ),
    ]
    return AnnouncementPatterns(
        sources=pattern_sources(
            stand_in=rf"(?i:\b{alternation(ann['stand_in'], spaced=True)})[ \t]+{fillers}[A-Z]|(?i:\b{alternation(ann['stand_in_words'])}\b)",
            self_opener=rf"(?i:\b{alternation(ann['self_openers'], spaced=True)})[ \t,]+{fillers}(?:{hon}\.?[ \t]+)?$",
        ),
        patterns=tuple(patterns),
        handover_title=Scan(
            rf"(?:{'|'.join(openings)})[ \t]+to[ \t]+{possessive}[ \t]+(?P<title>(?:[\w&\-]+[ \t]+){{0,6}}?(?:{heads}|[A-Z]{{2,4}}))"
            rf"(?=[ \t]*(?:[.,;!?]|$)|[ \t]+(?:for|who|to)\b)",
            anchor=opening(cased(all_verbs, whole=True)),
            needs=to,
            head=rf"(?:{'|'.join(openings)})[ \t]+to[ \t]+{possessive}[ \t]+",
        ),
        firm_words=frozenset(str(w).lower() for w in ann["firm_words"]),
        person_like_firms=frozenset(str(w).lower() for w in ann["person_like_firms"]),
        closing_tail=int(ann["closing_tail"]),
        opening_head=int(ann["opening_head"]),
    )
