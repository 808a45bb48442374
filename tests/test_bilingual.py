"""Alignment helpers of auditor.bilingual, and the translation checks on the bilingual example."""

from __future__ import annotations

import pytest

from auditor.bilingual import (
    direction_en,
    direction_zh,
    fold_zh,
    marker_renderings,
    negation_count,
    negations,
    pinyin_syllables,
    surname_chars,
)
from tests.conftest import EXAMPLES, run_audit


def test_fold_zh_makes_simplified_traditional_and_digits_halfwidth() -> None:
    assert fold_zh("营收同比增长１２%") == "營收同比增長12%"


def test_sentence_splitting_keeps_decimals_and_honorifics() -> None:
    from auditor.nlp import get_pipeline

    en = get_pipeline("en")("Revenue was RMB1.2 billion. Mr. Li will comment. Thanks!")
    assert [s.text for s in en.sents] == ["Revenue was RMB1.2 billion.", "Mr. Li will comment.", "Thanks!"]
    zh = get_pipeline("zh")("營收為人民幣16.253億元,年增24.2%。李先生將評論。謝謝!")
    assert [s.text for s in zh.sents] == ["營收為人民幣16.253億元,年增24.2%。", "李先生將評論。", "謝謝!"]


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("We do not expect further impairment.", "en", 1),
        ("We have not only grown but also cut costs.", "en", 0),
        ("The plant opens in 2027 (inaudible).", "en", 0),
        ("我們預計不會進一步減值。", "zh", 1),
        ("我们没有看到影响。", "zh", 1),  # Simplified script
        ("我們不僅實現成長,未來將不斷投資(聽不清楚)。", "zh", 0),
    ],
)
def test_negation_count(text: str, lang: str, count: int) -> None:
    assert negation_count(text, lang) == count


@pytest.mark.parametrize(
    ("text", "lang", "strong", "any_"),
    [
        ("We avoided a write-down instead of raising prices.", "en", False, True),  # lexical only
        ("The metric is meaningless and unclear.", "en", False, True),  # -less, un-
        ("We understand the universe of units.", "en", False, False),  # un- words that do not negate
        ("Sales grew (inaudible) in the quarter.", "en", False, False),  # a marker of the lexicon
        ("Sales grew (not in Europe) in the quarter.", "en", True, True),  # any other bracket counts
        ("明年需求會不會回升？", "zh", False, False),  # an A-not-A question
        ("他們能否完成,是否不斷投資,非常重要。", "zh", False, False),  # look-alikes
        ("該計劃並不只限於門店。", "zh", True, True),  # a look-alike never swallows a longer cue
        ("我們對時間不確定。", "zh", False, True),  # 不確定: lexical ("uncertain", "not certain")
        ("我們避免了減值。", "zh", False, True),
        ("銷售成長(聽不清楚)。", "zh", False, False),
    ],
)
def test_negations_strong_and_lexical(text: str, lang: str, strong: bool, any_: bool) -> None:
    found = negations(text, lang)
    assert bool(found.strong) is strong and found.any is any_, found


def test_strong_negation_ignores_lexical_negatives() -> None:
    assert negation_count("涉及未知風險和不確定性", "zh", strong=True) == 0
    assert negation_count("我們不會提高股息", "zh", strong=True) == 1


def _figures(en: str, zh: str) -> tuple[list[str], list[str]]:
    """The figures of each side that the other does not account for, as written."""
    from auditor.testing import transcript_text
    from tests.conftest import run_audit

    report = run_audit(transcript_text([en], [zh]), checks=["translation.unmatched_figure"])
    pair = report.transcript.pairs[0]
    en_only, zh_only = pair.unaccounted_figures(report.transcript.words)
    return [f.text for f in en_only], [f.text for f in zh_only]


@pytest.mark.parametrize(
    ("en", "zh", "left"),
    [
        ("Two plants and three lines.", "兩座工廠和三條產線。", ([], [])),
        ("two and a half million units", "250萬台", ([], [])),
        ("a third of sales, one in five clients", "三分之一的銷售,五分之一的客戶", ([], [])),
        ("the eighties and the 1990s", "八十年代和九十年代", ([], [])),
        ("The fleet doubled.", "機隊增加了一倍。", ([], [])),
        ("ten thousand hours", "十萬小時", (["ten thousand"], ["十萬"])),
        ("The fifth store opened.", "新店開業。", (["The fifth"], [])),
        ("Sales rose.", "銷售增長了兩成。", ([], ["兩成"])),
    ],
)
def test_every_figure_accounted_for(en: str, zh: str, left: tuple[list[str], list[str]]) -> None:
    assert _figures(en, zh) == left


def test_directions() -> None:
    assert direction_en("Revenue decreased by ", " year over year") == "down"
    assert direction_en("representing a ", " year on year increase") == "up"
    assert direction_zh("收入年增", "至") == "up"
    assert direction_zh("淨虧損收窄", "") == "down"
    assert direction_en("gross margin was ", " this quarter") is None


def test_names() -> None:
    assert "郭" in surname_chars("Guo") and "郭" in surname_chars("Kuo")
    assert pinyin_syllables("Mingyuan") == 2 and pinyin_syllables("Tao") == 1


def test_marker_renderings() -> None:
    found = marker_renderings("(interpreted) Thanks (inaudible).", "(口譯)謝謝(聽不清楚)。")
    assert [(m, r) for m, r, _, _ in found] == [("inaudible", "聽不清楚"), ("interpreted", "口譯")]


def test_bilingual_example_planted_translation_errors() -> None:
    """Every planted divergence of the example is found, on its line, and nothing else."""
    text = (EXAMPLES / "tianlan_q3_2025_bilingual.txt").read_text(encoding="utf-8")
    report = run_audit(text, checks=["translation"])
    got = sorted((f.last_line, f.check) for f in report.findings if f.check.startswith("translation."))
    assert got == [
        (15, "translation.number"),
        (17, "translation.figure_roles"),
        (19, "translation.direction"),
        (21, "translation.number"),
        (23, "translation.negation"),
        (25, "translation.date"),
        (27, "translation.period"),
        (29, "translation.period"),
        (31, "translation.person"),
        (52, "translation.untranslated"),
        (60, "translation.omission"),
        (66, "translation.markers"),
        (68, "translation.person"),
    ]
    severities = {(f.last_line, f.check): f.severity.value for f in report.findings}
    assert severities[(21, "translation.number")] == "error"
    assert severities[(66, "translation.markers")] == "info"


def test_word_tables_extend_the_vocabularies() -> None:
    """Negation cues, direction words, surnames and markers are data: a user extension is seen."""
    from auditor.words import Words

    words = Words(
        {
            "negation": {"en": {"cues": ["nope"]}},
            "directions": {"en": {"up": ["soared"]}},
            "zh_names": {"surnames": {"guo": "郭過"}},
            "markers": {"marker": [{"label": "crosstalk", "english": ["crosstalk"], "chinese": ["交談"]}]},
        }
    )
    assert negation_count("Nope, we disagree.", "en", words=words) == 1
    assert negation_count("Nope, we disagree.", "en") == 0
    assert direction_en("revenue soared ", "", words=words) == "up"
    assert direction_en("revenue soared ", "") is None
    assert "過" in surname_chars("Guo", words)
    found = marker_renderings("(crosstalk) Yes.", "(多人交談)是的。", words)
    assert [(m, r) for m, r, _, _ in found] == [("crosstalk", "多人交談")]
