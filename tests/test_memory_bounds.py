"""What an audit keeps in memory does not grow with the number of transcripts a process audits.

Why: an archive run audits tens of thousands of calls in a few long-lived processes, so anything
kept per word, per number or per file (spaCy's vocabulary, a read buffer sized by the limit
instead of the file) becomes the process's size.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from auditor import nlp
from auditor.nlp import annotate
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


def test_the_english_pipeline_is_built_anew_once_its_vocabulary_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [_sentences(_call(seed)) for seed in range(1000, 1004)]  # kept words: the cache serves them
    first = nlp.get_pipeline("en", None)  # the pipeline annotate uses
    renewed: list[int] = []
    monkeypatch.setattr(nlp, "_renewal_hooks", [lambda: renewed.append(1)])
    monkeypatch.setattr(nlp, "MAX_STRINGS", len(first.vocab.strings) + 500)  # one call's worth of new words
    sizes = []
    for seed in range(2000, 2012):
        _sentences(_call(seed))
        sizes.append(len(nlp.get_pipeline("en", None).vocab.strings))
    assert renewed, "the vocabulary grew past its bound without a new pipeline"
    assert nlp.get_pipeline("en", None) is not first
    assert max(sizes) <= nlp.MAX_STRINGS + 1000, sizes  # bounded: at most one call past the bound
    # the same tokens from a new pipeline as from the one that had seen these words
    assert [_sentences(_call(seed)) for seed in range(1000, 1004)] == expected


def test_a_renewed_pipeline_is_frozen_again_between_files(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import batch

    batch.preload(None)
    assert batch._refreeze in nlp._renewal_hooks
    frozen = gc.get_freeze_count()
    monkeypatch.setattr(nlp, "MAX_STRINGS", 0)  # full: the next annotation builds the pipeline anew
    old = nlp.get_pipeline("en", None)
    _sentences(_call(7))
    assert nlp.get_pipeline("en", None) is not old
    assert gc.get_freeze_count() > 0 and gc.get_freeze_count() != frozen


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


@pytest.mark.parametrize("size_hint", [None, 0, 10, 4096, 10**9])
def test_a_stream_is_read_whole_up_to_one_byte_past_the_limit(monkeypatch: pytest.MonkeyPatch, size_hint: int | None) -> None:
    import io

    from auditor import reader

    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 5000)
    monkeypatch.setattr(reader, "_PIECE", 700)  # several pieces, the last one cut at the limit
    body = bytes(range(256)) * 30  # 7,680 bytes
    assert reader.read_at_most(io.BytesIO(body[:3000]), size_hint) == body[:3000]  # a hint too small or too large
    assert reader.read_at_most(io.BytesIO(body), size_hint) == body[:5001]
    assert reader.read_at_most(io.BytesIO(b""), size_hint) == b""
