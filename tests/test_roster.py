"""The shared roster: who is on the call, how each is spelt, their roles, firms and gender."""

from __future__ import annotations

import pytest

from auditor.model import Transcript
from auditor.names import align, close_tokens, misspelt, name_tokens
from auditor.nlp import annotate
from auditor.reader import parse_text
from auditor.roster import Person, Roster

CALL = """\
Operator
Good morning. I would now like to turn the call over to Priya Anand, Head of Investor Relations.
Priya Anand - Head of Investor Relations
Thank you. With me today are our Chairman and CEO, Mr. Haoran Lin, and our CFO, Ms. Katherine Osei.
Lin Haoran - Chairman and Chief Executive Officer
Thank you, Priya. Revenue rose 9% this quarter. I thank Ms. Osei for her work on the audit.
Katherine Osei - Chief Financial Officer
Thank you, Mr. Lin. Gross margin was 41%. Ms. Osei here again: he will skip the details.
Operator
Our first question comes from Darius Holm with Kestrel Partners.
Darius Holm - Analyst
Thanks, Kathy. How is the order book developing? I also spoke to Mr. Lim about it.
Operator
[Qiao Lan, Verdant Securities].
Unidentified Participant
What is the capex plan?
"""


def _parse(text: str) -> Transcript:
    """Parse and split sentences, as the auditor does before building the roster."""
    transcript = parse_text(text, "call.txt", None)
    annotate(transcript)
    return transcript


@pytest.fixture
def roster() -> Roster:
    return _parse(CALL).roster


def test_headers_introductions_and_announcements_are_persons(roster: Roster):
    names = [p.name for p in roster.persons]
    assert names == ["Priya Anand", "Lin Haoran", "Katherine Osei", "Darius Holm", "Qiao Lan"]


def test_name_order_variant_is_one_person_with_both_lines(roster: Roster):
    lin = roster.find("Haoran Lin")
    assert lin is not None and lin.name == "Lin Haoran"
    assert lin.is_header and lin.kind == "executive"
    assert 4 in lin.lines and 5 in lin.lines
    assert lin.header_roles == [("Chairman and Chief Executive Officer", 5)]
    assert lin.text_roles == [("Chairman and CEO", 4)]


def test_nickname_initial_and_single_word_resolve(roster: Roster):
    osei = roster.find("Katherine Osei")
    assert roster.find("Kathy") is osei
    assert roster.find("K. Osei") is osei
    assert roster.find("Mr. Lin") is roster.find("Lin Haoran")


def test_announced_questioners_are_analysts_with_firms(roster: Roster):
    holm = roster.find("Darius Holm")
    qiao = roster.find("Qiao Lan")
    assert (holm.kind, holm.firm) == ("analyst", "Kestrel Partners")
    assert (qiao.kind, qiao.firm, qiao.is_header) == ("analyst", "Verdant Securities", False)
    assert [(a.line, a.name, a.firm, a.kind) for a in roster.announcements] == [
        (2, "Priya Anand", None, "handover"),
        (10, "Darius Holm", "Kestrel Partners", "question"),
        (14, "Qiao Lan", "Verdant Securities", "question"),
    ]


def test_gender_from_honorifics_and_pronouns(roster: Roster):
    osei = roster.find("Katherine Osei")
    assert osei.gender == "female"
    assert {(e.line, e.source) for e in osei.genders} == {(4, "honorific"), (6, "honorific"), (6, "pronoun"), (8, "honorific")}
    assert osei.gender_evidence == sorted(osei.gender_evidence)
    assert roster.find("Lin Haoran").gender == "male"
    assert roster.find("Darius Holm").gender is None


def test_unknown_names_stay_unresolved_and_near_miss_is_unique(roster: Roster):
    lim = [m for m in roster.mentions if m.name == "Lim"]
    assert len(lim) == 1 and lim[0].person is None and lim[0].honorific == "Mr"
    assert roster.near_miss("Lim") is roster.find("Lin Haoran")
    assert roster.near_miss("Lin") is None  # an exact name is no near miss
    assert roster.near_miss("Grunwald") is None


def test_conflicting_honorifics_leave_gender_undecided():
    text = (
        "Adaeze Nwosu - Head of Investor Relations\n"
        "Joining me is our Chief Financial Officer, Mr. Tobias Wendling.\n"
        "Tobias Wendling - Chief Financial Officer\n"
        "Ms. Wendling will host the follow-up calls.\n"
    )
    person = _parse(text).roster.find("Tobias Wendling")
    assert person.gender is None
    assert [e.gender for e in person.genders] == ["male", "female"]


def test_ambiguous_single_name_finds_nobody():
    roster = Roster([Person("Daniel Hartley"), Person("Joanna Hartley")])
    assert roster.find("Hartley") is None
    assert roster.find("Joanna Hartley").name == "Joanna Hartley"
    assert roster.find("Mr. Daniel Hartley").name == "Daniel Hartley"


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("zao", "zou", True),
        ("sulberg", "solberg", True),
        ("kuo", "guo", True),
        ("zhang", "zheng", False),  # two distinct pinyin surnames
        ("zhu", "zhou", False),
        ("lee", "li", False),
        ("kathy", "katherine", False),  # a nickname is the same name, not a near miss
        ("grunwald", "lin", False),
    ],
)
def test_close_tokens(a: str, b: str, close: bool):
    assert close_tokens(a, b) is close


def test_name_tokens_drop_honorifics():
    assert name_tokens("Mr. Tao Zou") == ("tao", "zou")
    assert name_tokens("Ms. O’Neill-Park") == ("o'neill-park",)


def test_an_initial_alone_identifies_nobody():
    roster = Roster([Person("C. J. Muse"), Person("Colette Kress")])
    assert roster.find("Colette").name == "Colette Kress"
    assert roster.find("C. Muse").name == "C. J. Muse"
    assert roster.find("J.") is None


def test_pairing_with_initials_and_middle_names():
    from auditor.names import pair_names

    assert align(("john", "s", "smith"), ("john", "smith"), 101.0) == "exact"  # a middle initial
    assert align(("a", "j", "kowalski"), ("aj", "kowalski"), 101.0) == "exact"  # joined initials
    assert align(("maria", "k"), ("maria", "kovacs"), 101.0) == "none"  # a trailing initial is no surname
    assert align(("k", "smith"), ("john", "smith"), 101.0) == "none"  # another initial, another person
    assert align(("garcia",), ("lopez-garcia",), 101.0) == "exact"  # one part of a hyphenated surname
    pairing = pair_names(("maria", "kovecs"), ("maria", "kovacs"), lenient=True)
    assert pairing is not None and pairing.same == {0} and pairing.near == {1} and pairing.edits == 1


@pytest.mark.parametrize(
    ("a", "b", "slip"),
    [("kovecs", "kovacs", True), ("hartwel", "hartwell", True), ("walker", "wliker", True), ("lee", "li", False),
     ("zhang", "zheng", False), ("kirk", "kir", False)],
)
def test_misspelt_by_one_or_two_letters(a: str, b: str, slip: bool):
    assert misspelt(a, b) is slip


def test_resemble_compares_surnames_with_surnames():
    roster = Roster([Person("Dirk Lanting"), Person("Maria Kovacs")])
    assert roster.resemble("Dirks") is None  # "Mr. Dirks" is no misspelling of the given name Dirk
    hit = roster.resemble("Maria Kovecs", addressed=False)
    assert hit is not None and hit.person.name == "Maria Kovacs" and hit.part == "surname" and hit.given_same
    assert roster.resemble("Kovecs").part == "surname"
    assert roster.resemble("Mario Kovacs", addressed=False).part == "given"
    assert roster.resemble("Mariah", addressed=False).part == "single"  # a lone word: first name or surname


def test_an_unknown_full_name_is_not_resolved_by_dropping_its_misspelt_surname():
    text = (
        "Operator\n"
        "I will now turn the call over to our Chief Financial Officer, Maria Kovacs.\n"
        "Tomas Reyes - Chief Executive Officer\n"
        "Thank you. The plan that Maria Kovecs presented is on track.\n"
    )
    roster = _parse(text).roster
    mention = next(m for m in roster.mentions if m.line == 4)
    assert (mention.name, mention.kind, mention.person) == ("Maria Kovecs", "name", None)


def test_announcements_of_every_kind_from_any_turn():
    text = (
        "Priya Anand - Head of Investor Relations\n"
        "Our next question is coming from Dana Whitfield with Northgate Capital.\n"
        "Dana Whitfield - Analyst\n"
        "Hi, this is Dana Whitfield. How is the backlog? Thanks, Priya.\n"
        "Priya Anand - Head of Investor Relations\n"
        "Thank you. I'll now hand it back to our CEO, Tomas Reyes, for closing remarks.\n"
    )
    roster = _parse(text).roster
    assert [(a.kind, a.name, a.placed) for a in roster.announcements] == [
        ("question", "Dana Whitfield", True),
        ("self", "Dana Whitfield", True),
        ("handover", "Tomas Reyes", True),
    ]
