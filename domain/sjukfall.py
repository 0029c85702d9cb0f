"""Sick-leave cases (sjukfall) for Rehabstöd, DOMAIN.md §7. Pure: the caller passes the day.

A case joins one patient's certificates at one care unit around "the" active certificate:
walking right (by start) the next certificate joins when it starts no later than the current
end + maxGap + 1 day; walking left the previous one joins when it ends no earlier than the
current start - (maxGap + 1). Days are the distinct days of the union of all periods: gaps are
not counted and overlaps count once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from domain.errors import InvalidInputError
from domain.validation import IssueCode, ValidationIssue

SICK_LEAVE_TYPES = frozenset({"lisjp", "fk7263"})


class Period(BaseModel):
    model_config = ConfigDict(frozen=True)

    degree: int
    start: date
    end: date


class SickLeaveCertificate(BaseModel):
    """What the engine needs of one signed sick-leave certificate."""

    model_config = ConfigDict(frozen=True)

    id: str
    type_id: str
    personnummer: str
    care_unit: str
    doctor: str
    signed_at: datetime
    diagnoses: tuple[str, ...]
    periods: tuple[Period, ...]
    smittskydd: bool = False
    revoked: bool = False
    test: bool = False

    @property
    def start(self) -> date:
        return min(p.start for p in self.periods)

    @property
    def end(self) -> date:
        return max(p.end for p in self.periods)

    def active_on(self, day: date) -> bool:
        return any(p.start <= day <= p.end for p in self.periods)


class SjukfallSettings(BaseModel):
    """maxGap: days between certificates still one case (0-90, default 5); maxDaysSinceEnded:
    how long an ended case stays on the list (0-14, default 0)."""

    model_config = ConfigDict(frozen=True)

    max_gap: int = 5
    max_days_since_ended: int = 0

    @classmethod
    def checked(cls, max_gap: int = 5, max_days_since_ended: int = 0) -> SjukfallSettings:
        issues = [
            ValidationIssue(question_id=name, field=name, code=IssueCode.INVALID_RANGE,
                            message=f"{name} must be between 0 and {top}, not {value}.")
            for name, value, top in (("maxGap", max_gap, 90),
                                     ("maxDaysSinceEnded", max_days_since_ended, 14))
            if not 0 <= value <= top
        ]
        if issues:
            raise InvalidInputError("Invalid sick-leave settings.", issues)
        return cls(max_gap=max_gap, max_days_since_ended=max_days_since_ended)


class Sjukfall(BaseModel):
    model_config = ConfigDict(frozen=True)

    personnummer: str
    care_unit: str
    active_certificate: str
    diagnosis: str
    secondary_diagnoses: tuple[str, ...]
    doctor: str
    start: date
    end: date
    days: int
    certificates: tuple[str, ...]
    degrees: tuple[int, ...]
    degree_today: int | None
    days_until_end: int


def eligible(cert: SickLeaveCertificate) -> bool:
    """Signed (given), not revoked, a sick-leave type, with a diagnosis, without smittskydd."""
    return (cert.type_id in SICK_LEAVE_TYPES and not cert.revoked and not cert.test
            and not cert.smittskydd and bool(cert.diagnoses) and bool(cert.periods))


def sick_leave_cases(certificates: Iterable[SickLeaveCertificate], today: date,
                     settings: SjukfallSettings) -> list[Sjukfall]:
    """The ongoing (and recently ended) cases on ``today``, one per patient and care unit."""
    by_patient: dict[tuple[str, str], list[SickLeaveCertificate]] = defaultdict(list)
    for cert in filter(eligible, certificates):
        by_patient[(cert.personnummer, cert.care_unit)].append(cert)
    cases = [_case(certs, today, settings) for certs in by_patient.values()]
    return sorted((c for c in cases if c is not None), key=lambda c: (c.end, c.personnummer))


def _anchor(certs: list[SickLeaveCertificate], today: date,
            settings: SjukfallSettings) -> SickLeaveCertificate | None:
    active = [c for c in certs if c.active_on(today)]
    if active:
        return max(active, key=lambda c: c.signed_at)
    recent = [c for c in certs
              if c.end < today < c.end + timedelta(days=settings.max_days_since_ended + 1)]
    return max(recent, key=lambda c: (c.end, c.signed_at)) if recent else None


def _case(certs: list[SickLeaveCertificate], today: date,
          settings: SjukfallSettings) -> Sjukfall | None:
    anchor = _anchor(certs, today, settings)
    if anchor is None:
        return None
    members = _chain(certs, anchor, settings.max_gap)
    days = {p.start + timedelta(days=n) for c in members for p in c.periods
            for n in range((p.end - p.start).days + 1)}
    start, end = min(c.start for c in members), max(c.end for c in members)
    today_degrees = [p.degree for p in anchor.periods if p.start <= today <= p.end]
    return Sjukfall(
        personnummer=anchor.personnummer, care_unit=anchor.care_unit,
        active_certificate=anchor.id, diagnosis=anchor.diagnoses[0],
        secondary_diagnoses=anchor.diagnoses[1:3], doctor=anchor.doctor, start=start, end=end,
        days=len(days), certificates=tuple(c.id for c in sorted(members, key=_by_start)),
        degrees=tuple(p.degree for p in sorted(anchor.periods, key=lambda p: p.start)),
        degree_today=today_degrees[0] if today_degrees else None,
        days_until_end=(end - today).days,
    )


def _by_start(cert: SickLeaveCertificate) -> tuple[date, date]:
    return cert.start, cert.end


def _chain(certs: list[SickLeaveCertificate], anchor: SickLeaveCertificate,
           max_gap: int) -> list[SickLeaveCertificate]:
    ordered = sorted(certs, key=_by_start)
    at = ordered.index(anchor)
    reach = timedelta(days=max_gap + 1)
    members = [anchor]
    end = anchor.end
    for cert in ordered[at + 1:]:  # walk right
        if cert.start > end + reach:
            break
        members.append(cert)
        end = max(end, cert.end)
    start = anchor.start
    for cert in reversed(ordered[:at]):  # walk left
        if cert.end < start - reach:
            break
        members.append(cert)
        start = min(start, cert.start)
    return members
