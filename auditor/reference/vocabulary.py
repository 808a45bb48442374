"""The reference vocabulary (`auditor/data/reference.toml`), compiled once per `Words`.

Why one object: the table reader, the prose reader and the matching of call figures all read the
same phrase lists (period-column words, scale captions, currencies, per-share rows); a user may
extend them from configuration, so they are compiled here, once per vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from auditor.words import Words, default_words


def _phrases(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({str(v).lower() for v in values}, key=lambda p: (-len(p), p)))


def _pattern(values: Iterable[object]) -> re.Pattern[str]:
    """Any of the phrases, not inside a longer word (phrases may begin or end with punctuation)."""
    alternation = "|".join(re.escape(p) for p in _phrases(values))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternation})(?![A-Za-z0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    """The compiled phrase lists of reference.toml."""

    duration: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, pattern) in order of precedence
    change_re: re.Pattern[str]
    qoq_re: re.Pattern[str]
    scales: tuple[tuple[Decimal, re.Pattern[str]], ...]
    except_re: re.Pattern[str]
    currencies: tuple[tuple[str, re.Pattern[str]], ...]
    per_share_re: re.Pattern[str]
    per_share_words: frozenset[str]
    percent_row_re: re.Pattern[str]
    ignore_words: frozenset[str]
    head_nouns: tuple[str, ...]
    loss_pairs: dict[str, str]
    signed: frozenset[str]
    uncertain_marks: tuple[str, ...]
    results_re: re.Pattern[str]
    not_own_re: re.Pattern[str]
    call_per_share_re: re.Pattern[str]
    contact_re: re.Pattern[str]
    not_names: frozenset[str]

    def currency_of(self, text: str) -> str | None:
        """The ISO code of the first currency `text` names, or None (several different: None)."""
        found = {code for code, pattern in self.currencies if pattern.search(text)}
        return found.pop() if len(found) == 1 else None

    def scale_of(self, text: str) -> Decimal | None:
        for power, pattern in self.scales:
            if pattern.search(text):
                return power
        return None


@cache
def _build(words: Words) -> Vocabulary:
    raw = words.table("reference")
    columns = raw["columns"]
    prefixes = words.table("quantities")["en"]["currency_prefixes"]
    currencies: dict[str, list[str]] = {}
    for code, phrases in list(raw["currency"].items()) + list(prefixes.items()):
        currencies.setdefault(code, []).extend(p for p in phrases if len(str(p)) > 1 or str(p) == "$")
    scale = raw["scale"]
    return Vocabulary(
        duration=tuple((kind, _pattern(columns[kind])) for kind in ("quarter", "half", "nine", "year", "point")),
        change_re=_pattern(columns["change"]),
        qoq_re=_pattern(columns["qoq"]),
        scales=tuple(
            (Decimal(10) ** int(power), _pattern(phrases))
            for power, phrases in sorted(scale.items(), key=lambda kv: kv[0])
            if power != "except"
        ),
        except_re=_pattern(scale["except"]),
        currencies=tuple(
            (code, re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(p) for p in _phrases(phrases)) + r")"
                              r"(?![A-Za-z])", re.IGNORECASE))
            for code, phrases in sorted(currencies.items()) if phrases
        ),
        per_share_re=_pattern(raw["rows"]["per_share"]),
        per_share_words=frozenset(str(w).lower() for w in raw["rows"]["per_share_extra"]),
        percent_row_re=re.compile("|".join(re.escape(p) for p in _phrases(raw["rows"]["percent"])), re.IGNORECASE),
        ignore_words=frozenset(str(w).lower() for w in raw["rows"]["ignore"]),
        head_nouns=_phrases(raw["rows"]["head_nouns"]),
        loss_pairs=dict(raw["metrics"]["loss_pairs"]),
        signed=frozenset(raw["metrics"]["signed"]),
        uncertain_marks=_phrases(raw["prose"]["uncertain_marks"]),
        results_re=re.compile(r"^[\s,]*(?:" + "|".join(re.escape(p) for p in _phrases(raw["prose"]["results_words"]))
                              + r")\b", re.IGNORECASE),
        not_own_re=_pattern(raw["prose"]["not_own_before"]),
        call_per_share_re=_pattern(raw["prose"]["per_share"]),
        contact_re=re.compile(r"^\s*(?:" + "|".join(re.escape(p) for p in _phrases(raw["participants"]["headings"]))
                              + r")\s*:?\s*", re.IGNORECASE),
        not_names=frozenset(str(w).lower() for w in raw["participants"]["not_names"]),
    )


def vocabulary(words: Words | None = None) -> Vocabulary:
    """The reference vocabulary of `words` (the shipped one by default), built once per vocabulary."""
    return _build(default_words() if words is None else words)
