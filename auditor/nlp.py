"""spaCy set-up: one pipeline per language, built once per process, nothing ever downloaded.

Trained spaCy pipelines are not on the package index, so the default pipelines are `spacy.blank`
with a sentencizer and rule-based entity components: an `auditor_entities` component that marks
MONEY, PERCENT, QUANTITY and DATE spans found by the shared quantity and date parsers, and an
EntityRuler for reporting periods ("second quarter", "Q2", "第二季"). A trained English pipeline is
used only when the user names one that is installed (`--model en_core_web_sm`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from auditor.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from auditor.model import Transcript

_EN_PERIOD_PATTERNS = [
    {"label": "DATE", "pattern": [{"LOWER": {"IN": ["first", "second", "third", "fourth"]}}, {"LOWER": "quarter"}]},
    {"label": "DATE", "pattern": [{"LOWER": {"IN": ["first", "second"]}}, {"LOWER": "half"}]},
    {"label": "DATE", "pattern": [{"TEXT": {"REGEX": r"^(Q[1-4]|[1-4]Q\d\d|H[12]|[12]H\d\d)$"}}]},
    {"label": "DATE", "pattern": [{"LOWER": {"IN": ["fiscal", "full"]}}, {"LOWER": "year", "OP": "?"}, {"SHAPE": "dddd"}]},
]
_ZH_PERIOD_PATTERNS = [
    {"label": "DATE", "pattern": [{"TEXT": "第"}, {"TEXT": {"IN": ["一", "二", "三", "四"]}}, {"TEXT": "季"}]},
    {"label": "DATE", "pattern": [{"TEXT": {"IN": ["上", "下"]}}, {"TEXT": "半"}, {"TEXT": "年"}]},
]


def _register_components() -> None:
    from spacy.language import Language
    from spacy.util import filter_spans

    if Language.has_factory("auditor_entities"):
        return

    @Language.component("auditor_entities")
    def auditor_entities(doc: Doc) -> Doc:
        """Mark quantities and dates found by the shared parsers as entities."""
        from auditor.dates import find_dates
        from auditor.quantities import parse_quantities

        lang = "zh" if doc.lang_.startswith("zh") else "en"
        text = doc.text
        spans = []
        dates = find_dates(text, lang)
        for d in dates:
            span = doc.char_span(d.start, d.end, label="DATE", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        labels = {"money": "MONEY", "percent": "PERCENT", "points": "PERCENT", "bps": "PERCENT"}
        for q in parse_quantities(text, lang, masked=[(d.start, d.end) for d in dates]):
            span = doc.char_span(q.start, q.end, label=labels.get(q.kind, "QUANTITY"), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


@cache
def get_pipeline(lang: str, model: str | None = None) -> Language:
    """The pipeline for `lang` ("en" or "zh"), built once per process (and per worker)."""
    import spacy

    _register_components()
    if model and lang == "en":
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError:
            raise InputError(f"spaCy pipeline {model!r} is not installed (nothing is downloaded at run time)") from None
    else:
        nlp = spacy.blank("zh" if lang.startswith("zh") else "en")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        config = {"punct_chars": ["。", "！", "？", "!", "?", ".", "；"]} if lang.startswith("zh") else {}
        nlp.add_pipe("sentencizer", config=config)
    ruler = nlp.add_pipe("entity_ruler", name="auditor_periods", config={"overwrite_ents": False})
    ruler.add_patterns(_ZH_PERIOD_PATTERNS if lang.startswith("zh") else _EN_PERIOD_PATTERNS)
    nlp.add_pipe("auditor_entities", last=True)
    return nlp


def annotate(transcript: Transcript, model: str | None = None) -> None:
    """Split every paragraph (and translation) into sentences, in one batched pass per language."""
    from auditor.model import Sentence

    paragraphs = transcript.paragraphs
    en = get_pipeline("en", model)
    for paragraph, doc in zip(paragraphs, en.pipe(p.text for p in paragraphs), strict=True):
        paragraph.sentence_spans = [Sentence(s.text, s.start_char, s.end_char) for s in doc.sents]
    translated = [p for p in paragraphs if p.translation]
    if translated:
        zh = get_pipeline("zh")
        for paragraph, doc in zip(translated, zh.pipe(p.translation or "" for p in translated), strict=True):
            paragraph.translation_sentence_spans = [Sentence(s.text, s.start_char, s.end_char) for s in doc.sents]
