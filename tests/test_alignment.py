"""The CC-CEDICT lexicon and the clause alignment behind translation.unmatched_clause."""

from __future__ import annotations

import auditor.alignment as alignment
import auditor.lexicon as lexicon
from auditor.alignment import clause_gaps
from auditor.lexicon import chinese_words, english_content, english_key, gloss_keys, is_function_word, senses
from auditor.words import default_words

WORDS = default_words()


def gaps(en: str, zh: str) -> list[alignment.ClauseGap]:
    return clause_gaps(en, zh, [en], [zh], WORDS)


def test_english_keys_meet_inflections_and_glosses():
    assert english_key("Elements") == english_key("element")
    assert english_key("expected") == english_key("expects") == english_key("Expectations")
    assert english_key("contrasts") in gloss_keys("對比")
    assert english_key("contrast") in gloss_keys("对比")  # either script


def test_content_words_leave_function_words_out():
    words = [w for w, *_ in english_content("We think that's exactly what the board expected.")]
    assert words == ["think", "exactly", "board", "expected"]
    assert is_function_word("我们") and is_function_word("因為")
    assert not is_function_word("運費")


def test_traditional_text_is_segmented_like_simplified():
    simplified = [w for w, *_ in chinese_words("我们发现了鲜明的对比")]
    traditional = [w for w, *_ in chinese_words("我們發現了鮮明的對比")]
    assert simplified == traditional
    assert "对比" in simplified
    assert senses("對比")


def test_a_clause_the_translation_adds():
    (gap,) = gaps("Freight costs eased during the quarter.", "本季度運費有所下降，預計明年客戶需求將大幅回升。")
    assert gap.side == "zh" and gap.text == "預計明年客戶需求將大幅回升"
    assert gap.ratio > alignment.ADDED_RATIO >= alignment.ADDED_REST_RATIO >= gap.rest_ratio


def test_a_clause_the_translation_drops():
    en = "Our gross margin remained stable at the Wuxi plant, and we expect freight costs to ease considerably next year."
    (gap,) = gaps(en, "我們無錫工廠的毛利率保持穩定。")
    assert gap.side == "en" and gap.text.startswith("and we expect freight costs")
    assert en[gap.start : gap.end] == gap.text


def test_a_complete_or_reordered_rendering_has_no_gap():
    assert not gaps("Our gross margin remained stable at the Wuxi plant, and we expect freight costs to ease "
                    "considerably next year.", "我們無錫工廠的毛利率保持穩定，我們預計明年運費將大幅下降。")
    assert not gaps("Freight costs eased during the quarter, as the new Ningbo route opened.",
                    "隨著寧波新航線開通，本季度運費有所下降。")


def test_sentences_are_compared_one_by_one_when_both_sides_have_as_many():
    en = ["Thank you for the question.", "Our order book for the Harrow line is full until March, and the second "
          "kiln in Tulsa will begin operating in the autumn."]
    zh = ["謝謝您的提問。", "我們Harrow產線的訂單已經全部排滿，一直到三月。"]
    (gap,) = clause_gaps(" ".join(en), "".join(zh), en, zh, WORDS)
    assert gap.side == "en" and "Tulsa" in gap.text


def test_the_dictionary_is_not_read_for_a_pair_of_ordinary_length(monkeypatch):
    def fail() -> None:
        raise AssertionError("the dictionary was read")

    monkeypatch.setattr(alignment, "available", fail)
    assert not gaps("Revenue grew 12% in the quarter, driven by the new Ningbo route.", "受寧波新航線帶動，本季營收增長12%。")


def test_without_the_dictionary_the_check_stays_silent(monkeypatch):
    monkeypatch.setattr(alignment, "available", lambda: False)
    assert not gaps("Freight costs eased during the quarter.", "本季度運費有所下降，預計明年客戶需求將大幅回升。")
    assert lexicon.available()


def test_a_sentence_the_translation_drops_or_merges():
    en = ["Revenue from the Ostrava smelter rose 9% to EUR 412 million.",
          "We signed two new supply contracts with carmakers in Bavaria.",
          "Net debt fell to EUR 1.1 billion at the end of September."]
    zh = ["Ostrava冶煉廠的營收成長9%，達4.12億歐元。", "截至9月底，淨負債降至11億歐元。"]
    (gap,) = clause_gaps(" ".join(en), "".join(zh), en, zh, WORDS)
    assert (gap.side, gap.kind, gap.text) == ("en", "sentence", en[1])
    merged_en = [en[0], "It was mainly driven by higher volumes and better pricing in the automotive segment."]
    merged_zh = ["Ostrava冶煉廠的營收成長9%，達4.12億歐元，主要受汽車業務銷量增加和價格改善推動。"]
    assert not clause_gaps(" ".join(merged_en), merged_zh[0], merged_en, merged_zh, WORDS)
