"""The reports of Intygsstatistik beyond the national set's counts per bucket (DOMAIN.md §8):
per unit and doctor, long cases, chosen diagnoses, the sex split per län, certificates per month
and type, messages per month and unit, cases per 1000 listed patients of a unit.

As in ``sickleave``, the counts come from queries and these functions only lay the table out,
every row split by sex, suppressed below 5 at national and region level (``report.shown``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.shared.catalogue import CERTIFICATE_TYPES
from domain.statistics.facts import Scope
from domain.statistics.report import Report, ReportRow, SexTally, count_report, rate, shown

PERCENT = 100
PER_LISTED = 1000
UNKNOWN_DOCTOR = "Okänd läkare"
SHARE_COLUMNS = ("Andel kvinnor (%)", "Andel män (%)", "Totalt")
_TYPE_NAMES = {type_id: found.name for type_id, found in CERTIFICATE_TYPES.items()}


def per_key(title: str, counts: SexTally, scope: Scope,
            labels: Mapping[str, str] | None = None,
            order: Sequence[str] | None = None) -> Report:
    """One row per key that occurs (units, doctors), sorted by key (or in ``order``);
    ``unknown`` last."""
    names = labels or {}
    keys = list(order) if order is not None else \
        sorted(counts.keys(), key=lambda key: (key == "unknown", key))
    return count_report(title, scope, [(key, names.get(key, key)) for key in keys], counts)


def sex_split(title: str, per_lan: Report) -> Report:
    """Women's and men's share of each län's cases in percent (one decimal) and the total, from
    the cases per län as shown (so a suppressed cell is a share of 0)."""
    rows = []
    for row in per_lan.rows:
        women, men, total = (int(value or 0) for value in row.values)
        rows.append(ReportRow(key=row.key, label=row.label,
                              values=(rate(women, total, PERCENT, 1),
                                      rate(men, total, PERCENT, 1), total)))
    return per_lan.model_copy(update={"title": title, "columns": SHARE_COLUMNS,
                                      "rows": tuple(rows)})


def month_and_type(title: str, counts: SexTally, scope: Scope, months: Sequence[str]) -> Report:
    """Certificates per month and type: counts keyed ``"YYYY-MM:type"``; every month of the
    period, each with every type that has a certificate in the period, in the registry's order."""
    present = {key.split(":", 1)[1] for key in list(counts.keys())}
    types = [type_id for type_id in CERTIFICATE_TYPES if type_id in present]
    groups = [(f"{month}:{type_id}", f"{month} {_TYPE_NAMES[type_id]}")
              for month in months for type_id in types]
    return count_report(title, scope, groups, counts)


def per_month(title: str, counts: SexTally, scope: Scope, months: Sequence[str]) -> Report:
    return count_report(title, scope, [(month, month) for month in months], counts)


def chosen(title: str, counts: SexTally, scope: Scope, keys: Sequence[str],
           labels: Mapping[str, str]) -> Report:
    """One row per chosen diagnosis, in the order chosen."""
    return count_report(title, scope, [(key, labels.get(key, key)) for key in keys], counts)


def per_listed(title: str, counts: SexTally, scope: Scope, listed: Mapping[str, int]) -> Report:
    """Cases per 1000 listed patients of each unit of the list (in its order), two decimals.

    The list gives a unit's listed patients, not its women and men, so all three columns divide
    by the unit's listed patients: women's cases, men's cases and all cases per 1000 listed.
    Counts are suppressed before dividing.
    """
    rows = []
    for unit, patients in listed.items():
        values = tuple(rate(count, patients, PER_LISTED, 2)
                       for count in shown(*counts.count(unit), scope.suppressed))
        rows.append(ReportRow(key=unit, label=unit, values=values))
    return Report(title=title, scope=scope, suppressed=scope.suppressed, rows=tuple(rows))
