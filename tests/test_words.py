"""Word tables: one loader, shipped as data, extended from the user's configuration."""

from __future__ import annotations

import pytest

from auditor.config import parse_config
from auditor.errors import ConfigError
from auditor.words import Words, default_words, table_names, words_for


def test_every_shipped_table_loads_and_has_content():
    words = default_words()
    assert {"directions", "metrics", "periods", "terms", "boilerplate"} <= set(table_names())
    for name in table_names():
        assert words.table(name), name


def test_a_list_is_extended_and_the_shipped_one_is_untouched():
    words = words_for({"directions": {"en": {"up": ["skyrocketed"]}}})
    assert "skyrocketed" in words.table("directions")["en"]["up"]
    assert "skyrocketed" not in default_words().table("directions")["en"]["up"]
    assert words.table("directions")["en"]["down"] == default_words().table("directions")["en"]["down"]


def test_one_vocabulary_per_extension_set():
    a = words_for({"periods": {"comparisons": {"yoy": ["vs. a year ago"]}}})
    b = words_for({"periods": {"comparisons": {"yoy": ["vs. a year ago"]}}})
    assert a is b and hash(a) == hash(b) and a != default_words()
    assert words_for({}) is default_words()


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        ({"nope": {}}, "unknown word table 'words.nope'"),
        ({"periods": {"nope": []}}, "unknown word list 'words.periods.nope'"),
        ({"periods": {"comparisons": {"yoy": "not a list"}}}, "words.periods.comparisons.yoy must be a list"),
    ],
)
def test_bad_extensions_are_config_errors_that_name_the_key(extension, message):
    with pytest.raises(ConfigError, match=message):
        Words(extension)


def test_config_words_key_is_validated_and_used():
    config = parse_config({"words": {"directions": {"en": {"up": ["skyrocketed"]}}}})
    assert "skyrocketed" in config.words.table("directions")["en"]["up"]
    with pytest.raises(ConfigError, match="unknown word table"):
        parse_config({"words": {"nope": {}}})


def test_a_mishearing_added_in_config_reaches_the_terms_check_and_the_figure_model():
    """A desk adds one entry; the terms check reports it and the figure model reads it as the metric."""
    from auditor.figures.model import build_model
    from auditor.nlp import annotate
    from auditor.reader import parse_text
    from tests.conftest import run_audit

    term = {"term": "operating margin", "variants": ["opening margin"], "context": ["adjusted"],
            "figures": ["percent"]}
    config = parse_config({"words": {"terms": {"term": [term]}}})
    text = ("Operator\nWelcome to the Quellwater Tools call.\nAnna Brisk - Chief Financial Officer\n"
            "Our operating margin was 12.1% last year. This quarter the adjusted opening margin was 12.4%.\n")
    found = run_audit(text, checks=["terms.misrecognised"], config=config).findings
    assert [f.line for f in found] == [4] and "opening margin" in found[0].message
    assert not run_audit(text, checks=["terms.misrecognised"]).findings  # shipped words: not known

    transcript = parse_text(text, "call.txt")
    transcript.words = config.words
    annotate(transcript)
    metrics = {f.mention.metric for f in build_model(transcript).figures if f.mention}
    assert "operating_margin" in metrics


def test_parsed_toml_is_the_toml_parse_whether_cached_or_not(tmp_path, monkeypatch):
    import tomllib
    from importlib import resources

    from auditor.words import parsed_toml

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    for name in table_names():
        text = resources.files("auditor").joinpath(f"data/{name}.toml").read_text(encoding="utf-8")
        assert parsed_toml(text) == tomllib.loads(text)  # parsed, then written to the cache
        assert parsed_toml(text) == tomllib.loads(text)  # answered from the cache
    assert len(list((tmp_path / "cache").glob("words-*.json"))) == len(table_names())
    edited = 'a = ["b"]\n'
    assert parsed_toml(edited) == {"a": ["b"]}  # another text, another copy
    (next((tmp_path / "cache").glob("words-*.json"))).write_text("{not json", encoding="utf-8")
    assert all(parsed_toml(resources.files("auditor").joinpath(f"data/{n}.toml").read_text(encoding="utf-8"))
               == tomllib.loads(resources.files("auditor").joinpath(f"data/{n}.toml").read_text(encoding="utf-8"))
               for n in table_names())  # a damaged copy is parsed again


def test_parsed_toml_without_a_writable_cache(tmp_path, monkeypatch):
    from auditor.words import parsed_toml

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocker / "cache"))
    assert parsed_toml('x = 1\n[t]\ny = ["z"]\n') == {"x": 1, "t": {"y": ["z"]}}
