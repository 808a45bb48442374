"""spaCy set-up: one pipeline per language, built once per process, nothing ever downloaded.

Trained spaCy pipelines are not on the package index, so the default pipelines are `spacy.blank`
with a sentencizer and a rule-based `auditor_entities` component: it runs the shared date, period
and quantity parsers once per text, keeps their results on the Doc (`doc._.auditor_quantities` ...)
and marks them as MONEY, PERCENT, QUANTITY and DATE entities. A trained English pipeline is used
only when the user names one that is installed (`--model en_core_web_sm`).

The parsers read the transcript's vocabulary (`transcript.words`): `annotate` hands it to the
component on each Doc (`doc.user_data`), since a pipeline is built once and shared by every run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from auditor.errors import InputError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from auditor.model import Transcript
    from auditor.words import Words

#: where `annotate` leaves the run's vocabulary on a Doc for the `auditor_entities` component
WORDS_KEY = "auditor_words"
TEXT_KEY = "auditor_text"  # the text a Doc was made from, so that no component rebuilds it

#: spaCy's English tokenizer strips affixes one character at a time and searches the rest of the
#: token each time, so a long run without whitespace ("((((...") costs time quadratic in its length
#: (8,000 "(" took 7 s). Such runs are handed to it in pieces of at most this many characters.
MAX_TOKEN_CHARS = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")

#: spaCy keeps every word it has tokenised for good (its strings and lexemes, and the tokenizer's
#: cache), so over an archive a process would grow with every new word, number and name it meets.
#: Past this many strings the English pipeline is built anew and the old one freed
#: (`english_pipeline`): about once per hundred calls of an archive, for ~0.1 s. spaCy's own
#: `memory_zone` frees a block's new words too, but it turns the tokenizer's cache off inside the
#: block: 10% more CPU per call.
MAX_STRINGS = 30_000

#: called after the English pipeline has been built anew (`auditor.batch` freezes the new one out
#: of the collector's sight, as it froze the first)
_renewal_hooks: list[Callable[[], None]] = []

#: the characters that end a Chinese sentence (the zh sentencizer's punct_chars)
ZH_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；")
_ZH_ENDS = frozenset(ZH_SENTENCE_ENDS)


def _register_components() -> None:
    from spacy.language import Language
    from spacy.util import filter_spans

    if Language.has_factory("auditor_entities"):
        return

    from spacy.tokens import Doc as _Doc

    for name in ("auditor_dates", "auditor_periods", "auditor_quantities"):
        if not _Doc.has_extension(name):
            _Doc.set_extension(name, default=None)

    @Language.component("auditor_entities")
    def auditor_entities(doc: Doc) -> Doc:
        """Find dates, periods and quantities once, keep them on the Doc and mark them as entities."""
        from auditor.dates import find_dates, find_periods
        from auditor.quantities import parse_quantities
        from auditor.words import default_words

        words = doc.user_data.get(WORDS_KEY) or default_words()
        lang = "zh" if doc.lang_.startswith("zh") else "en"
        text = doc.user_data.get(TEXT_KEY)  # Doc.text rebuilds the string from every token
        if text is None:
            text = doc.text
        dates = find_dates(text, lang, words)
        periods = find_periods(text, lang, words)
        masked = [(d.start, d.end) for d in dates]
        if lang == "zh":
            masked += [(p.start, p.end) for p in periods]
        quantities = parse_quantities(text, lang, masked=masked, words=words)
        doc._.auditor_dates, doc._.auditor_periods, doc._.auditor_quantities = dates, periods, quantities
        spans = []
        for start, end in [(d.start, d.end) for d in dates] + [(p.start, p.end) for p in periods]:
            span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        for q in quantities:
            span = doc.char_span(q.start, q.end, label=_LABELS.get(q.kind, "QUANTITY"), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


_LABELS = {"money": "MONEY", "percent": "PERCENT", "points": "PERCENT", "bps": "PERCENT"}


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
        _keep_read_attributes(nlp)
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        # no ASCII "." for Chinese: the char segmenter makes "16.253億" five tokens, and a "." there is a decimal point
        config = {"punct_chars": list(ZH_SENTENCE_ENDS)} if lang.startswith("zh") else {}
        nlp.add_pipe("sentencizer", config=config)
    nlp.add_pipe("auditor_entities", last=True)
    return nlp


def _keep_read_attributes(nlp: Language) -> None:
    """Only the lexical attributes an audit reads are computed for a new word of a blank pipeline.

    Why: the tokens of a blank pipeline are read for their text, offsets and punctuation flag
    (`english_sentence_spans_of`, the sentencizer), yet spaCy computes some fifteen attributes of
    every word it meets for the first time (shape, norm, prefix, suffix, like_num...), a third of
    the tokenizer's time. The tokens themselves do not depend on them (affixes, infixes and
    special cases are rules of the tokenizer); a trained pipeline keeps them all, its models read
    them. Tested against a pipeline that computes them all (tests/test_speed_equivalence.py)."""
    from spacy.attrs import IS_PUNCT, LANG  # type: ignore[import-not-found]  # compiled, no stub

    vocab: Any = nlp.vocab  # compiled, no stub
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {attr: getters[attr] for attr in (LANG, IS_PUNCT) if attr in getters}


def annotate(transcript: Transcript, model: str | None = None) -> None:
    """Sentences, dates, periods and quantities of every paragraph, in one batched pass per language.

    The results are stored in the paragraphs' caches, so the model never parses a text twice.
    """
    from auditor.dates import find_dates, find_period_ends, find_periods
    from auditor.model import Sentence
    from auditor.quantities import parse_quantities

    paragraphs = transcript.paragraphs
    words = transcript.words
    en = english_pipeline(model)
    if en.pipe_names == ["sentencizer", "auditor_entities"]:
        # the blank pipeline: its sentences read off the tokens' attribute arrays (english_sentence_spans)
        # and the parsers run on the string, so no Token, Span or entity is ever built
        sentence_ends = _sentence_end_ids(en)
        bounds = english_sentence_spans_of((_make_doc(en, p.text) for p in paragraphs), sentence_ends)
        for p, spans in zip(paragraphs, bounds, strict=True):
            text = p.text
            dates, periods = find_dates(text, "en", words), find_periods(text, "en", words)
            p.sentence_spans = [Sentence(text[a:b], a, b) for a, b in spans]
            p.__dict__.update(dates=dates, periods=periods, period_ends=find_period_ends(text, words),
                              quantities=parse_quantities(text, "en", masked=[(d.start, d.end) for d in dates],
                                                          words=words))
    else:  # a trained pipeline: its parser or senter makes the sentences
        for p, doc in zip(paragraphs, en.pipe(_docs(en, (p.text for p in paragraphs), words)), strict=True):
            text = p.text  # the Doc's own text, which Doc.text would rebuild from every token
            p.sentence_spans = [Sentence(text[s.start_char : s.end_char], s.start_char, s.end_char) for s in doc.sents]
            p.__dict__.update(dates=doc._.auditor_dates, periods=doc._.auditor_periods,
                              quantities=doc._.auditor_quantities, period_ends=find_period_ends(p.text, words))
    # the Chinese side needs no Doc: its sentences are read off the characters (chinese_sentence_spans)
    # and its parsers take the string, so spaCy's zh pipeline is never built for an audit
    for p in paragraphs:
        if not p.translation:
            continue
        text = p.translation
        p.translation_sentence_spans = [Sentence(text[a:b], a, b) for a, b in chinese_sentence_spans(text)]
        dates, periods = find_dates(text, "zh", words), find_periods(text, "zh", words)
        masked = [(d.start, d.end) for d in dates] + [(q.start, q.end) for q in periods]
        p.__dict__.update(translation_dates=dates, translation_periods=periods,
                          translation_quantities=parse_quantities(text, "zh", masked=masked, words=words))


def english_pipeline(model: str | None = None) -> Language:
    """The English pipeline, built anew once its vocabulary holds more than `MAX_STRINGS` strings:
    the old one, its vocabulary and its tokenizer's cache are then freed (nothing else holds them),
    so memory stays bounded over any archive. The tokens are the same either way: what is kept
    only saves work."""
    en = get_pipeline("en", model)
    if len(en.vocab.strings) <= MAX_STRINGS:
        return en
    del en  # freed before its successor is built: the two are never held at once
    get_pipeline.cache_clear()
    en = get_pipeline("en", model)
    for hook in _renewal_hooks:
        hook()
    return en


def on_renewal(hook: Callable[[], None]) -> None:
    """Call `hook` whenever `english_pipeline` has built the pipeline anew (once per hook)."""
    if hook not in _renewal_hooks:
        _renewal_hooks.append(hook)


def _sentence_end_ids(nlp: Language) -> Any:
    """The string ids (ORTH) of the sentencizer's sentence-final tokens, as a numpy array."""
    import numpy
    from spacy.strings import get_string_id  # what ORTH holds: a reserved symbol's id, else the hash

    sentencizer: Any = nlp.get_pipe("sentencizer")
    return numpy.array(sorted(get_string_id(ch) for ch in sentencizer.punct_chars), dtype=numpy.uint64)


def english_sentence_spans(doc: Doc, sentence_ends: Any) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a tokenised Doc, exactly as spaCy's sentencizer (with the
    sentence-final tokens `sentence_ends`) and `Doc.sents` give them (`english_sentence_spans_of`)."""
    return english_sentence_spans_of([doc], sentence_ends)[0]


def english_sentence_spans_of(docs: Iterable[Doc], sentence_ends: Any) -> list[list[tuple[int, int]]]:
    """The sentences' (start, end) of each tokenised Doc, exactly as spaCy's sentencizer (with the
    sentence-final tokens `sentence_ends`) and `Doc.sents` give them, from the Docs' attribute
    arrays: the sentencizer builds a Token and its text for every token, which cost more than the
    tokenizer itself. The Docs (a transcript's paragraphs) are read as one array, so that numpy's
    cost per call is paid once per transcript, not once per paragraph; each Doc is dropped once its
    array is taken (`docs` may be a generator).

    The sentencizer starts a sentence at the first token and at the first token after a
    sentence-final one that is neither sentence-final nor punctuation (in the same Doc); a start
    already set on the Doc (`_make_doc` joins pieces, each starting one) is kept. A sentence ends at
    the end of its last token's text. Tested against the pipeline in tests/test_speed_equivalence.py.
    """
    import numpy
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH, SENT_START

    columns = [ORTH, IS_PUNCT, SENT_START, IDX, LENGTH]
    read = [doc.to_array(columns) if len(doc) else numpy.zeros((0, len(columns)), dtype=numpy.uint64) for doc in docs]
    sizes = numpy.array([len(array) for array in read], dtype=numpy.int64)
    total = int(sizes.sum())
    if total == 0:
        return [[] for _ in read]
    arrays = numpy.concatenate(read)
    orth = arrays[:, 0]  # uint64 ids: compared before any cast
    values = arrays[:, 1:].astype(numpy.int64)  # a preset start of -1 reads as -1
    firsts = numpy.cumsum(sizes) - sizes  # each Doc's first token
    doc_of = numpy.repeat(numpy.arange(len(read)), sizes)
    # membership by binary search in the sorted ids (numpy.isin costs more than this whole function)
    found = numpy.minimum(numpy.searchsorted(sentence_ends, orth), len(sentence_ends) - 1)
    is_end = sentence_ends[found] == orth
    candidate = numpy.flatnonzero(~is_end & (values[:, 0] == 0))
    ends = numpy.flatnonzero(is_end)
    after_end = numpy.searchsorted(candidate, ends, side="right")
    kept = after_end < len(candidate)
    following = candidate[after_end[kept]]
    starts = numpy.zeros(total, dtype=bool)
    starts[following[doc_of[following] == doc_of[ends[kept]]]] = True
    preset = values[:, 1]
    starts = numpy.where(preset != 0, preset == 1, starts)
    starts[firsts[sizes > 0]] = True
    first = numpy.flatnonzero(starts)
    last = numpy.append(first[1:], total) - 1  # the next sentence starts a Doc at the latest
    idx, length = values[:, 2], values[:, 3]
    begin, finish = idx[first].tolist(), (idx[last] + length[last]).tolist()
    cuts = numpy.searchsorted(first, numpy.append(firsts, total)).tolist()
    return [list(zip(begin[a:b], finish[a:b], strict=True)) for a, b in zip(cuts, cuts[1:], strict=False)]


def chinese_sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a Chinese text, exactly as the zh pipeline's sentencizer
    marks them (`get_pipeline("zh")`: spaCy's character segmenter, then a sentencizer whose
    sentence-final characters are ZH_SENTENCE_ENDS), without building a Doc.

    The segmenter makes a token of every character that is not whitespace; a single space after
    one is its trailing space, any other whitespace run is a token of its own. A sentence starts at
    the first token, and at each token after a sentence-final one that is neither one itself nor
    punctuation (Unicode category P). A sentence runs from its first token's start to its last
    token's end (a trailing space left out). Tested against spaCy in tests/test_nlp_chinese.py.
    """
    tokens: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            tokens.append((i, j))
            i = j
        else:
            tokens.append((i, i + 1))
            i += 2 if i + 1 < n and text[i + 1] == " " else 1
    if not tokens:
        return []
    starts = [0]
    seen_end = False
    for k, (a, b) in enumerate(tokens):
        token = text[a:b]
        if token in _ZH_ENDS:
            seen_end = True
        elif seen_end and not _is_punct(token):
            starts.append(k)
            seen_end = False
    bounds = starts + [len(tokens)]
    return [(tokens[bounds[j]][0], tokens[bounds[j + 1] - 1][1]) for j in range(len(starts))]


def _is_punct(token: str) -> bool:
    """spaCy's IS_PUNCT lexeme flag: every character in a Unicode punctuation category."""
    return all(unicodedata.category(ch).startswith("P") for ch in token)


def _docs(nlp: Language, texts: Iterable[str], words: Words) -> Iterator[Doc]:
    """Unprocessed Docs of `texts` that carry the run's vocabulary to the `auditor_entities` component."""
    for text in texts:
        doc = _make_doc(nlp, text)
        doc.user_data[WORDS_KEY] = words
        doc.user_data[TEXT_KEY] = text
        yield doc


def _make_doc(nlp: Language, text: str) -> Doc:
    """The tokenised text, in time linear in its length: the same text, runs cut into pieces.

    Only the English tokenizer needs it (the Chinese one makes a token per character).
    """
    if nlp.lang != "en" or len(text) <= MAX_TOKEN_CHARS or _LONG_RUN.search(text) is None:  # short: no long run
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    parts: list[Doc] = []
    position = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > position:
            parts.append(nlp.make_doc(text[position : run.start()]))
        chunk = run.group(0)
        pieces = [chunk[i : i + MAX_TOKEN_CHARS] for i in range(0, len(chunk), MAX_TOKEN_CHARS)]
        parts.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        position = run.end()
    if position < len(text):
        parts.append(nlp.make_doc(text[position:]))
    return Doc.from_docs(parts, ensure_whitespace=False)
