"""The sjukfall engine of Rehabstöd (DOMAIN.md §7): a unit's current sick-leave cases on day D,
and all cases of one patient. Pure: D and the settings are passed in.

Input: signed, not revoked lisjp and fk7263 certificates with a diagnosis and at least one period,
without smittskydd, not for a test patient (``counts_as_sick_leave``).

Joining: sorted by start, a certificate joins the chain when its start <= the chain's end +
maxGap + 1 (end 10 Jan, maxGap 5: a start on 16 Jan joins, 17 Jan does not). Seen from the later
certificate this is the left walk of §7 (the previous joins if its end >= start - (maxGap + 1)),
so the right and left walks from the active certificate reach exactly its chain. The chain's end
is the furthest end reached so far: a short certificate nested in a longer one neither breaks
nor shortens the chain (a walk that "continues from its end" literally would).

"The" active certificate of a patient: of those active on D, the latest signed; when none is
active, the one that ended last before D (then the latest signed). A patient is listed when it is
active or ended recently, with the case (chain) that holds it: one case per patient and unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from domain.shared.identities import age_on
from domain.sickleave.model import (
    SICK_LEAVE_TYPES,
    CaseDiagnosis,
    SickLeaveCase,
    SickLeaveCertificate,
    SickLeavePeriod,
    SjukfallSettings,
)

__all__ = [
    "CaseDiagnosis",
    "SickLeaveCase",
    "SickLeaveCertificate",
    "SickLeavePeriod",
    "SjukfallSettings",
    "active_certificate",
    "build_case",
    "chains",
    "counts_as_sick_leave",
    "covered_days",
    "patient_cases",
    "sick_leave_cases",
]

Certificates = Iterable[SickLeaveCertificate]
_T = TypeVar("_T")


def counts_as_sick_leave(cert: SickLeaveCertificate) -> bool:
    """Whether the certificate feeds sjukfall at all (§7 input)."""
    return (cert.certificate_type in SICK_LEAVE_TYPES and cert.signed_at is not None
            and not cert.revoked and not cert.test and not cert.smittskydd
            and cert.diagnosis_code is not None and len(cert.periods) > 0)


def sick_leave_cases(certificates: Certificates, today: date,
                     settings: SjukfallSettings) -> list[SickLeaveCase]:
    """The current case of every patient on every unit with a certificate active on ``today`` or
    ended recently, ordered by start, then personnummer."""
    groups: dict[tuple[str, str], list[SickLeaveCertificate]] = defaultdict(list)
    for cert in certificates:
        if counts_as_sick_leave(cert):
            groups[(cert.care_unit_id, cert.personnummer)].append(cert)
    cases = [case for group in groups.values()
             if (case := _current_case(group, today, settings)) is not None]
    return sorted(cases, key=lambda c: (c.start, c.personnummer, c.care_unit_id))


def patient_cases(certificates: Certificates, personnummer: str, today: date,
                  settings: SjukfallSettings) -> list[SickLeaveCase]:
    """Every case of one patient (12-digit personnummer), past, current and future, newest
    first. Certificates of every unit given are chained: the caller passes only what the user may
    see (another care giver's only with the patient's consent)."""
    own = [c for c in certificates if c.personnummer == personnummer and counts_as_sick_leave(c)]
    cases = [build_case(chain, active_certificate(chain, today), today)
             for chain in chains(own, settings.max_gap)]
    return sorted(cases, key=lambda c: (c.start, c.end), reverse=True)


def _current_case(certs: Sequence[SickLeaveCertificate], today: date,
                  settings: SjukfallSettings) -> SickLeaveCase | None:
    anchor = active_certificate(certs, today)
    if not (anchor.is_active_on(today)
            or anchor.ended_recently(today, settings.max_days_since_ended)):
        return None
    chain = next(chain for chain in chains(certs, settings.max_gap)
                 if any(cert is anchor for cert in chain))
    return build_case(chain, anchor, today)


def active_certificate(certs: Sequence[SickLeaveCertificate], today: date) -> SickLeaveCertificate:
    """Of the certificates active on ``today`` the latest signed; if none, the one that ended
    last before ``today`` (or, with none ended, the one ending last), then the latest signed."""
    active = [c for c in certs if c.is_active_on(today)]
    if active:
        return max(active, key=lambda c: (_signed_at(c), c.certificate_id))
    ended = [c for c in certs if c.end < today] or list(certs)
    return max(ended, key=lambda c: (c.end, _signed_at(c), c.certificate_id))


def chains(certs: Iterable[SickLeaveCertificate], max_gap: int) -> list[list[SickLeaveCertificate]]:
    """The certificates split into chains in date order: a certificate joins when its start <=
    the chain's furthest end + max_gap + 1."""
    result: list[list[SickLeaveCertificate]] = []
    reach = date.min
    for cert in sorted(certs, key=lambda c: (c.start, c.end, c.certificate_id)):
        if result and cert.start <= reach + timedelta(days=max_gap + 1):
            result[-1].append(cert)
            reach = max(reach, cert.end)
        else:
            result.append([cert])
            reach = cert.end
    return result


def covered_days(periods: Iterable[SickLeavePeriod]) -> int:
    """Distinct days in the union of the periods: gaps are not counted, overlaps count once."""
    total = 0
    reach: date | None = None  # the last day counted so far
    for period in sorted(periods, key=lambda p: p.start):
        first = period.start if reach is None else max(period.start, reach + timedelta(days=1))
        if period.end >= first:
            total += (period.end - first).days + 1
            reach = period.end
    return total


def build_case(chain: Sequence[SickLeaveCertificate], anchor: SickLeaveCertificate,
               today: date) -> SickLeaveCase:
    """The case of a chain, described by its active certificate ``anchor``."""
    start = min(cert.start for cert in chain)
    end = max(cert.end for cert in chain)
    return SickLeaveCase(
        personnummer=anchor.personnummer, patient_name=anchor.patient_name, sex=anchor.sex,
        age=age_on(anchor.personnummer, today),
        protected_identity=any(cert.protected_identity for cert in chain),
        care_unit_id=anchor.care_unit_id, care_giver_id=anchor.care_giver_id,
        diagnosis=CaseDiagnosis.of(_required(anchor.diagnosis_code)),
        secondary_diagnoses=tuple(CaseDiagnosis.of(code) for code in anchor.secondary_codes),
        start=start, end=end, days=covered_days(p for cert in chain for p in cert.periods),
        degrees=anchor.degrees, degree_today=anchor.degree_on(today),
        doctor_id=anchor.doctor_id, doctor_name=anchor.doctor_name,
        occupations=anchor.occupations, days_until_end=(end - today).days,
        open_komplt=sum(cert.open_komplt for cert in chain),
        open_other=sum(cert.open_other for cert in chain),
        certificate_ids=tuple(cert.certificate_id for cert in chain),
        active_certificate_id=anchor.certificate_id, active=anchor.is_active_on(today),
    )


def _signed_at(cert: SickLeaveCertificate) -> datetime:
    return _required(cert.signed_at)


def _required(value: _T | None) -> _T:
    # Unsigned certificates and those without a diagnosis are filtered out before any case is
    # built; reaching None here is a programming error, not a rule.
    if value is None:
        raise ValueError("an unsigned certificate or one without a diagnosis reached a sjukfall")
    return value
