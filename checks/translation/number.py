"""translation.number: a figure whose value or currency changes in the translation."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.bilingual import figure_family, power_of_ten_slip, significant_digits, zh_currency
from auditor.check import PairCheck
from auditor.findings import Finding, Severity
from auditor.model import Transcript
from auditor.pairs import Pair
from auditor.quantities import Quantity, format_decimal
from auditor.words import Words

from ._common import GROUPS, evidence


def _zh_amount(q: Quantity, words: Words) -> str:
    """The amount written the usual Chinese way: in 億 from 10**8 up, else in 萬 (25.8 million -> 2,580萬)."""
    value = q.value
    if abs(value) >= 10**8:
        text = f"{format_decimal(value / 10**8)}億"
    elif abs(value) >= 10**4:
        text = f"{format_decimal(value / 10**4, grouping=True)}萬"
    else:
        text = format_decimal(value)
    currency = zh_currency(q.unit, words) if q.kind == "money" else ""
    return f"{currency}{text}{'元' if currency and currency == '人民幣' else ''}"


class NumberDivergence(PairCheck):
    """A figure whose value or currency changes in the translation.

    Anti-pattern: "RMB18.6 million" rendered 人民幣1,860億元 (a 萬/億 slip: ten thousand times the
    amount), "RMB1,482.6 million" rendered 148.26億 (ten times), or US$ rendered 人民幣. A reader of
    the Chinese text gets a different number from the one management said.

    Best practice: every figure of the English line appears on the Chinese line with the same value
    (compared by value at printed precision, so 2.35 billion = 23.5億 and 25.8 million = 2580萬
    stay silent) and the same currency. A changed value is an error; a currency the translation
    leaves out (7.28億元 for RMB728 million) is reported as info.
    """

    id = "translation.number"
    title = "Figure changed in translation"
    severity = Severity.ERROR
    weight = 1.5
    groups = GROUPS

    def check_pair(self, pair: Pair, transcript: Transcript) -> Iterator[Finding]:
        figures = pair.figures
        if not figures.english:
            return
        self.stats["verified"] += len(figures.matched)
        yield from self._slips(transcript, pair, figures.english_only, figures.chinese_only)
        yield from self._currencies(transcript, pair, figures.matched)

    def _slips(
        self, transcript: Transcript, pair: Pair, en_rest: Sequence[Quantity], zh_rest: Sequence[Quantity]
    ) -> Iterator[Finding]:
        words = transcript.words
        left = list(zh_rest)
        en_left: list[Quantity] = []
        for e in en_rest:
            slip = next(((z, k) for z in left if (k := power_of_ten_slip(e, z)) is not None), None)
            if slip is None:
                en_left.append(e)
            else:
                z, k = slip
                left.remove(z)
                self.stats["contradicted"] += 1
                same_digits = significant_digits(e) == significant_digits(z)
                yield self.finding(
                    transcript,
                    pair.line,
                    f"'{e.text}' ({e.describe()}) becomes '{z.text}' ({z.describe()}) in the translation: "
                    f"{10 ** abs(k):,} times {'larger' if k > 0 else 'smaller'}.",
                    evidence(pair, (e.start, e.end), (z.start, z.end)),
                    end_line=pair.translation_line,
                    confidence=0.95 if same_digits else 0.85,
                    suggestion=f"render {e.describe()} ({_zh_amount(e, words)})"
                    if e.kind in ("money", "number")
                    else None,
                    related=[(pair.line, pair.en)],
                )
        # one figure left on each side, of the same kind: the translation changed its value
        if len(en_left) == 1 and len(left) == 1 and figure_family(en_left[0]) == figure_family(left[0]):
            e, z = en_left[0], left[0]
            self.stats["contradicted"] += 1
            yield self.finding(
                transcript,
                pair.line,
                f"'{e.text}' ({e.describe()}) has no counterpart of the same value in the translation, "
                f"which has '{z.text}' ({z.describe()}) instead.",
                evidence(pair, (e.start, e.end), (z.start, z.end)),
                severity=Severity.WARNING,
                end_line=pair.translation_line,
                confidence=0.6,
                suggestion=f"render {e.describe()}" + (f" ({_zh_amount(e, words)})" if e.kind == "money" else ""),
                related=[(pair.line, pair.en)],
            )

    def _currencies(
        self, transcript: Transcript, pair: Pair, matched: Sequence[tuple[Quantity, Quantity]]
    ) -> Iterator[Finding]:
        missing: list[tuple[Quantity, Quantity]] = []
        for e, z in matched:
            if e.kind != "money" or not e.unit:
                continue
            if z.unit and z.unit != e.unit:
                self.stats["contradicted"] += 1
                yield self.finding(
                    transcript,
                    pair.line,
                    f"'{e.text}' is in {e.unit} but the translation '{z.text}' is in {z.unit}.",
                    evidence(pair, (e.start, e.end), (z.start, z.end)),
                    end_line=pair.translation_line,
                    confidence=0.9,
                    suggestion=f"render {e.describe()}",
                    related=[(pair.line, pair.en)],
                )
            elif not z.unit:
                missing.append((e, z))
        if missing:
            listed = ", ".join(f"'{e.text}' -> '{z.text}'" for e, z in missing)
            e0, z0 = missing[0]
            currency = zh_currency(e0.unit, transcript.words)
            yield self.finding(
                transcript,
                pair.line,
                f"The translation drops the currency of {len(missing)} figure(s): {listed}.",
                evidence(pair, (e0.start, e0.end), (z0.start, z0.end)),
                severity=Severity.INFO,
                end_line=pair.translation_line,
                confidence=0.7,
                suggestion=f"write the currency ({currency}) before the amount, e.g. {currency}{z0.text.strip()}",
            )
