"""What an audit keeps in memory does not grow with the number of transcripts a process audits.

Why: an archive run audits tens of thousands of calls in a few long-lived processes, so anything
kept per word, per number or per file (spaCy's vocabulary, a read buffer sized by the limit
instead of the file) becomes the process's size.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from auditor import nlp
from auditor.nlp import annotate, get_pipeline
from auditor.reader import MAX_FILE_BYTES, parse_text, read_bytes, read_transcript
from auditor.testing import transcript_text


def _call(seed: int) -> str:
    """A call whose words and figures no other seed uses (new strings for spaCy's vocabulary)."""
    lines = [f"Revenue of segment Q{seed}x{i} rose {seed}.{i}% to ${seed * 7 + i}.{i} million. Margins held at "
             f"Zed{seed}word{i}. And then we moved on." for i in range(40)]
    return transcript_text(lines)


def _sentences(text: str) -> list[list[tuple[int, int]]]:
    transcript = parse_text(text, "call.txt")
    annotate(transcript)
    return [[(s.start, s.end) for s in p.sentence_spans] for p in transcript.paragraphs]


def test_spacy_forgets_a_transcripts_new_words_once_its_vocabulary_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    strings = get_pipeline("en", None).vocab.strings  # the pipeline annotate uses
    expected = [_sentences(_call(seed)) for seed in range(1000, 1004)]  # the vocabulary still grows
    monkeypatch.setattr(nlp, "KEPT_STRINGS", len(strings))  # full from now on
    kept = len(strings)
    for seed in range(2000, 2004):
        _sentences(_call(seed))
    assert len(strings) == kept, "new words stayed in the vocabulary past its bound"
    # the same tokens, whether the words are kept or freed: the sentences are those of a kept vocabulary
    assert [_sentences(_call(seed)) for seed in range(1000, 1004)] == expected
    monkeypatch.setattr(nlp, "KEPT_STRINGS", 10**9)
    assert [_sentences(_call(seed)) for seed in range(3000, 3002)] == [
        _sentences(_call(seed)) for seed in range(3000, 3002)
    ]
    assert len(strings) > kept, "below the bound, words are kept (the tokenizer's cache serves them)"


def test_reading_a_small_file_allocates_about_its_size(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(_call(1), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        data = read_bytes(path, "call.txt")
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(data) == size
    # `read(limit + 1)` allocated the whole limit (20 MiB) for every file, however small
    assert peak < 4 * size + 65536, f"{peak} bytes allocated to read {size}"
    assert size * 100 < MAX_FILE_BYTES  # a file far below the limit


def test_a_file_at_the_limit_is_read_and_one_past_it_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import reader
    from auditor.errors import InputError

    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 4096)
    text = _call(2)
    at_limit, past = tmp_path / "at.txt", tmp_path / "past.txt"
    body = text.encode("utf-8")
    at_limit.write_bytes(body[:4096])
    past.write_bytes(body[:4097])
    assert read_bytes(at_limit, "at.txt") == body[:4096]
    assert read_bytes(past, "past.txt") == body[:4097]  # one byte over: enough to refuse it
    with pytest.raises(InputError, match="larger than"):
        read_transcript(past)
