"""Intygsstatistik's reports by name (DOMAIN.md §8): a query for the counts, then the table.

Which reports exist, at which levels and with which filters is ``domain.statistics.catalogue``;
this module runs each one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from domain.shared.errors import InvalidInputError, NotFoundError
from domain.statistics import certificates as intyg
from domain.statistics import more_reports as more
from domain.statistics import sickleave as sjukfall
from domain.statistics.catalogue import BY_ID, CATALOGUE, entry_at
from domain.statistics.facts import ReportPeriod, Scope
from domain.statistics.report import Report, SexTally
from domain.statistics.report_filter import NO_FILTER, ReportFilter
from projections.base import Sql
from projections.statistik import queries
from projections.statistik.question_labels import in_form_order, question_label

PER_1000 = "sjukfall-per-1000-invanare"
COMPLEMENTS = "kompletteringar-per-fraga"
REPORTS = tuple(entry.id for entry in CATALOGUE)
CASE_FILTERED = frozenset(entry.id for entry in CATALOGUE if entry.filtered)
"""The reports over cases, which take every filter; the others count certificates or
messages, which have no diagnosis, age, length or degree."""
LONG_CASE_DAYS = 90


class NoSuchReportError(NotFoundError):
    pass


class DiagnosesNotChosenError(InvalidInputError):
    pass


class UnitListMissingError(NotFoundError):
    pass


Build = Callable[[Sql, Scope, ReportPeriod, ReportFilter], Report]


def report(tx: Sql, name: str, scope: Scope, period: ReportPeriod,
           filters: ReportFilter = NO_FILTER, listed: Mapping[str, int] | None = None) -> Report:
    """The named report of the scope over the period (a monthly series: the 18 months ending
    with the period's last month; the certificate and message series: the period's months).
    ``listed`` is the unit list (unit -> listed patients) of the per-1000-listed report."""
    if entry_at(name, scope.level) is None:
        given = ", ".join(e.id for e in CATALOGUE if scope.level in e.levels)
        raise NoSuchReportError(f"No report {name!r} at this level; reports: {given}.")
    if name == "sjukfall-per-enhet-per-1000-listade":
        if not listed:
            raise UnitListMissingError("The region has no unit list: upload one first.")
        counts = queries.case_counts(tx, "care_unit", scope, period, filters)
        return more.per_listed(BY_ID[name].title, counts, scope, listed)
    built = _SIMPLE.get(name)
    if built is not None:
        return built(tx, scope, period, filters)
    found = sjukfall.CASE_REPORTS[name]
    return found.build(queries.case_counts(tx, found.dimension, scope, period, filters), scope)


def _per_month(tx: Sql, scope: Scope, period: ReportPeriod, filters: ReportFilter) -> Report:
    months = sjukfall.month_series(period.last, sjukfall.MONTHS_IN_SERIES)
    counts = queries.month_counts(tx, scope, months[0][0], months[-1][0], filters)
    return sjukfall.cases_per_month(counts, scope, period.last)


def _long_cases(tx: Sql, scope: Scope, period: ReportPeriod, filters: ReportFilter) -> Report:
    months = [key for key, _ in sjukfall.month_series(period.last, sjukfall.MONTHS_IN_SERIES)]
    counts = queries.month_counts(tx, scope, months[0], months[-1], filters,
                                  (["days > ?"], [LONG_CASE_DAYS]))
    return more.per_month(BY_ID["langa-sjukfall"].title, counts, scope, months)


def _per_unit(tx: Sql, scope: Scope, period: ReportPeriod, filters: ReportFilter) -> Report:
    counts = queries.case_counts(tx, "care_unit", scope, period, filters)
    return more.per_key(BY_ID["sjukfall-per-enhet"].title, counts, scope)


def _per_doctor(tx: Sql, scope: Scope, period: ReportPeriod, filters: ReportFilter) -> Report:
    counts = queries.case_counts(tx, "COALESCE(doctor, 'unknown')", scope, period, filters)
    return more.per_key(BY_ID["sjukfall-per-lakare"].title, counts, scope,
                        {"unknown": more.UNKNOWN_DOCTOR})


def _chosen_diagnoses(tx: Sql, scope: Scope, period: ReportPeriod,
                      filters: ReportFilter) -> Report:
    """Each chosen diagnosis (chapter, block or category) counted on its own, the other
    filters applied to all."""
    if not filters.diagnoses:
        raise DiagnosesNotChosenError("Choose the diagnoses to compare (chapter, block or "
                                      "category, or a filter set with diagnoses).")
    others = filters.model_copy(update={"diagnoses": ()})
    counts = SexTally()
    for key in dict.fromkeys(filters.diagnoses):
        found = queries.case_counts(tx, "level", scope, period, others, (
            ["(chapter = ? OR block = ? OR category = ?)"], [key, key, key]))
        women, men = found.total()
        counts.add(key, "F", women)
        counts.add(key, "M", men)
    keys = list(dict.fromkeys(filters.diagnoses))
    return more.chosen(BY_ID["jamforda-diagnoser"].title, counts, scope, keys,
                       {key: sjukfall.diagnosis_text(key) for key in keys})


def _sex_split(tx: Sql, scope: Scope, period: ReportPeriod, filters: ReportFilter) -> Report:
    per_lan = report(tx, "sjukfall-per-lan", scope, period, filters)
    return more.sex_split(BY_ID["konsfordelning-per-lan"].title, per_lan)


def _per_1000(tx: Sql, scope: Scope, period: ReportPeriod, filters: ReportFilter) -> Report:
    return sjukfall.cases_per_1000_inhabitants(
        report(tx, "sjukfall-per-lan", scope, period, filters))


def _months_of(period: ReportPeriod) -> list[str]:
    first = period.first.year * 12 + period.first.month - 1
    last = period.last.year * 12 + period.last.month - 1
    return [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first, last + 1)]


def _month_and_type(tx: Sql, scope: Scope, period: ReportPeriod, _: ReportFilter) -> Report:
    counts = queries.certificate_month_type_counts(tx, scope, period)
    return more.month_and_type(BY_ID["intyg-per-manad-och-typ"].title, counts, scope,
                               _months_of(period))


def _messages_per_month(tx: Sql, scope: Scope, period: ReportPeriod, _: ReportFilter) -> Report:
    counts = queries.message_counts(tx, scope, period, "substr(sent, 1, 7)")
    return more.per_month(BY_ID["meddelanden-per-manad"].title, counts, scope,
                          _months_of(period))


def _messages_per_unit(tx: Sql, scope: Scope, period: ReportPeriod, _: ReportFilter) -> Report:
    counts = queries.message_counts(tx, scope, period, "care_unit")
    return more.per_key(BY_ID["meddelanden-per-enhet"].title, counts, scope)


def _messages_per_doctor(tx: Sql, scope: Scope, period: ReportPeriod, _: ReportFilter) -> Report:
    counts = queries.message_doctor_counts(tx, scope, period)
    return more.per_key(BY_ID["meddelanden-per-lakare"].title, counts, scope,
                        {"unknown": more.UNKNOWN_DOCTOR})


def _complements_per_question(tx: Sql, scope: Scope, period: ReportPeriod,
                              _: ReportFilter) -> Report:
    """Per question of a certificate type: the requests to complement sent in the period that
    ask about it (a request asking about two questions counts once for each)."""
    counts = queries.complement_counts(tx, scope, period)
    keys = in_form_order(counts.keys())
    return more.per_key(BY_ID[COMPLEMENTS].title, counts, scope,
                        {key: question_label(key) for key in keys}, keys)


_SIMPLE: dict[str, Build] = {
    "sjukfall-per-manad": _per_month,
    "meddelanden-per-amne": lambda tx, scope, period, _: intyg.messages_per_subject(
        queries.message_counts(tx, scope, period), scope),
    "intyg-per-typ": lambda tx, scope, period, _: intyg.certificates_per_type(
        queries.certificate_counts(tx, scope, period), scope),
    "andel-kompletterade": lambda tx, scope, period, _: intyg.complemented_share(
        queries.certificate_counts(tx, scope, period),
        queries.certificate_counts(tx, scope, period, True), scope),
    PER_1000: _per_1000,
    "konsfordelning-per-lan": _sex_split,
    "sjukfall-per-enhet": _per_unit,
    "sjukfall-per-lakare": _per_doctor,
    "langa-sjukfall": _long_cases,
    "jamforda-diagnoser": _chosen_diagnoses,
    "intyg-per-manad-och-typ": _month_and_type,
    "meddelanden-per-manad": _messages_per_month,
    "meddelanden-per-enhet": _messages_per_unit,
    "meddelanden-per-lakare": _messages_per_doctor,
    COMPLEMENTS: _complements_per_question,
}
