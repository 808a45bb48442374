"""The term lexicon and boilerplate data files, the glossary, and the helpers the checks rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor.checks.markup._brackets import load_markers, marker_for, scan_brackets
from auditor.checks.terms import InDocumentVariant, MisrecognisedTerm
from auditor.checks.terms._lexicon import load_lexicon, normalise_word, sounds_alike

from auditor.boilerplate import load_boilerplate
from auditor.config import Config
from auditor.reader import parse_text

KINDS = {"money", "percent", "points", "bps", "multiple", "number"}


def test_lexicon_entries_are_well_formed():
    lexicon = load_lexicon()
    assert len(lexicon.terms) >= 10
    seen: set[str] = set()
    for term in lexicon.terms:
        assert term.variants, f"{term.term}: no variants"
        assert term.figures <= KINDS, f"{term.term}: unknown figure kinds {term.figures - KINDS}"
        for variant in term.variants:
            key = variant.text.lower()
            assert key not in seen, f"variant {key!r} listed twice"
            seen.add(key)
            assert key != term.term
            # a variant must never match the correct term, or every correct use would be reported
            assert not variant.pattern.search(term.term), f"{key!r} matches {term.term!r}"
            assert not variant.pattern.search(variant.fix), f"{key!r} matches its own fix"


def test_no_variant_matches_any_correct_term():
    lexicon = load_lexicon()
    for term in lexicon.terms:
        for other in lexicon.terms:
            for variant in other.variants:
                assert not variant.pattern.search(term.term), (variant.text, term.term)


def test_variant_patterns_respect_word_boundaries_and_compounds():
    gross = next(t for t in load_lexicon().terms if t.term == "gross margin")
    pattern = gross.variants[0].pattern
    assert pattern.search("Our growth margins improved")
    assert pattern.search("Adjusted Growth Margin was 14%")
    assert not pattern.search("a high-growth margin-accretive deal")
    assert not pattern.search("growth, margin and cash")
    assert not pattern.search("growth marginal gains")


def test_boilerplate_data_loads():
    bp = load_boilerplate()
    assert {law.name for law in bp.laws} >= {"Private Securities Litigation Reform Act", "Securities Exchange Act"}
    assert all(phrase.allowed is not None for phrase in bp.phrases)
    assert {m.kind for m in load_markers()} == {"loss", "language", "routine"}


@pytest.mark.parametrize(
    ("word", "expected"),
    [("revenues", "revenue"), ("expenses", "expense"), ("gross", "gross"), ("basis", "basis"),
     ("liabilities", "liability"), ("company's", "company"), ("costs", "cost")],
)
def test_normalise_word(word: str, expected: str):
    assert normalise_word(word) == expected


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [("gearing", "hearing", True), ("capital", "capitol", True), ("fiscal", "physical", True),
     ("labor", "lower", False), ("public", "publish", False), ("first", "fourth", False),
     ("net", "new", False), ("revenue", "revenue", False)],
)
def test_sounds_alike(a: str, b: str, alike: bool):
    assert sounds_alike(a, b) is alike


def test_scan_brackets_pairs_and_strays():
    text = "Sales (net [of returns]) rose, driven by a) price and b) mix (Tier 1]. Then (inaudible."
    scan = scan_brackets(text)
    assert [g.inner(text) for g in scan.unclosed] == ["Tier 1]", "inaudible"]
    assert [text[i] for i in scan.stray_closers] == ["]"]


def test_marker_vocabulary():
    assert marker_for("inaudible.").label == "inaudible"
    assert marker_for(" Operator Instructions ").kind == "routine"
    assert marker_for("spoken in foreign language").kind == "language"
    assert marker_for("RMB2,349.2 million") is None


def _transcript(text: str):
    return parse_text(text, "glossary.txt")


def test_glossary_names_are_never_reported(tmp_path: Path):
    text = (
        "Ravi Anand - Chief Executive Officer\n"
        "Gross margin was 41%. Our Growth Margin Fund and the Capitol Expenditure Trust are clients.\n"
        "Capital expenditure rose, and capital expenditure will stay high next year.\n"
    )
    transcript = _transcript(text)
    plain = list(MisrecognisedTerm(Config()).run(transcript)) + list(InDocumentVariant(Config()).run(transcript))
    assert {f.check for f in plain} == {"terms.misrecognised", "terms.in_document_variant"}

    glossary = tmp_path / "glossary.txt"
    glossary.write_text("# client names\nGrowth Margin Fund\nCapitol Expenditure Trust\n", encoding="utf-8")
    config = Config(glossary=(glossary,))
    quiet = list(MisrecognisedTerm(config).run(transcript)) + list(InDocumentVariant(config).run(transcript))
    assert quiet == []


def test_findings_are_deterministic():
    text = (
        "Ravi Anand - Chief Financial Officer\n"
        "Our hearing ratio and growth margin moved, and gearing ratio and gross margin were stable at 40%.\n"
        "Adjusted growth profit was US$10 million; gross profit was US$9 million a year ago.\n"
    )
    runs = [
        [(f.line, f.message, f.severity.value) for f in MisrecognisedTerm(Config()).run(_transcript(text))]
        for _ in range(3)
    ]
    assert runs[0] == runs[1] == runs[2]
    assert [line for line, _, _ in runs[0]] == [2, 2, 3]
