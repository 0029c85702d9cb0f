"""Sjukfall for Intygsstatistik (DOMAIN.md §8): a patient's sick-leave certificates as cases.

Per patient (pseudonym), certificates are taken in order of their first day. A certificate joins
the current case unless ``case end + 5 + 1 < its start``: a gap of at most 5 days between the
case's last day and the certificate's first day is bridged (end 10 Jan joins a start on 16 Jan,
not one on 17 Jan).

Length is the number of distinct days covered by the union of the periods: gaps are not counted,
overlaps count once. Diagnosis, degree, län, unit, care giver and doctor come from the case's
latest certificate (latest signing day, then latest first day, then certificate id); its degree is
that of its period that ends last. The age is the highest among the certificates, each taken on
the last day of its sick leave.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.statistics.facts import CertificateFact, Sex, SickLeavePeriod

MAX_GAP_DAYS = 5


@dataclass(frozen=True, slots=True)
class StatCase:
    """One sjukfall as counted by the statistics."""

    patient: str
    sex: Sex
    start: date
    end: date
    days: int
    certificate_ids: tuple[str, ...]
    age: int
    degree: int
    diagnosis: str | None
    lan: str
    care_unit: str
    care_giver: str
    doctor: str | None
    doctor_age: int | None
    doctor_sex: Sex | None = None
    doctor_title: str | None = None

    @property
    def certificate_count(self) -> int:
        return len(self.certificate_ids)

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and self.end >= first


def build_cases(facts: Iterable[CertificateFact]) -> list[StatCase]:
    """All sjukfall in the facts; certificates that do not feed sick leave are left out."""
    by_patient: dict[str, list[CertificateFact]] = defaultdict(list)
    for fact in facts:
        if fact.feeds_sick_leave:
            by_patient[fact.patient].append(fact)
    cases = [_case(group) for certs in by_patient.values() for group in _groups(certs)]
    return sorted(cases, key=lambda case: (case.start, case.patient))


def joins(case_end: date, next_start: date) -> bool:
    """§8 gap rule: the next certificate joins unless ``end + 5 + 1 < next start``."""
    return not case_end + timedelta(days=MAX_GAP_DAYS + 1) < next_start


def _groups(certificates: Sequence[CertificateFact]) -> list[list[CertificateFact]]:
    ordered = sorted(certificates, key=lambda c: (c.start, c.signed, c.certificate_id))
    groups: list[list[CertificateFact]] = []
    end = date.min
    for certificate in ordered:
        if groups and joins(end, certificate.start):
            groups[-1].append(certificate)
            end = max(end, certificate.end)
        else:
            groups.append([certificate])
            end = certificate.end
    return groups


def _case(certificates: Sequence[CertificateFact]) -> StatCase:
    latest = max(certificates, key=lambda c: (c.signed, c.start, c.certificate_id))
    periods = [p for c in certificates for p in c.periods]
    return StatCase(
        patient=latest.patient,
        sex=latest.sex,
        start=min(c.start for c in certificates),
        end=max(c.end for c in certificates),
        days=covered_days(periods),
        certificate_ids=tuple(c.certificate_id for c in certificates),
        age=max(c.age for c in certificates),
        degree=max(latest.periods, key=lambda p: (p.end, p.start)).degree,
        diagnosis=latest.diagnosis,
        lan=latest.lan,
        care_unit=latest.care_unit,
        care_giver=latest.care_giver,
        doctor=latest.doctor,
        doctor_age=latest.doctor_age,
        doctor_sex=latest.doctor_sex,
        doctor_title=latest.doctor_title,
    )


def covered_days(periods: Iterable[SickLeavePeriod]) -> int:
    """The number of distinct days in the union of the periods."""
    total = 0
    reach: date | None = None
    for period in sorted(periods, key=lambda p: p.start):
        first = period.start if reach is None else max(period.start, reach + timedelta(days=1))
        if period.end >= first:
            total += (period.end - first).days + 1
        reach = period.end if reach is None else max(reach, period.end)
    return total
