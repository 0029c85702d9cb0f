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

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from domain.shared.identities import age_on
from domain.sickleave.model import (
    CaseDiagnosis,
    SickLeaveCase,
    SickLeaveCertificate,
    SickLeavePeriod,
    SjukfallSettings,
)
from domain.sickleave.timeline import (
    PatientTimeline,
    TimelineEntry,
    chain_around,
    counts_as_sick_leave,
    reach_gaps,
    split,
    timeline_of,
)

__all__ = [
    "CaseDiagnosis",
    "SickLeaveCase",
    "SickLeaveCertificate",
    "SickLeavePeriod",
    "SjukfallSettings",
    "chain_case",
    "chains",
    "counts_as_sick_leave",
    "covered_days",
    "current_case",
    "current_cases",
    "current_chain",
    "list_order",
    "patient_cases",
    "sick_leave_cases",
    "timeline_cases",
]

Certificates = Iterable[SickLeaveCertificate]


def sick_leave_cases(certificates: Certificates, today: date,
                     settings: SjukfallSettings) -> list[SickLeaveCase]:
    """The current case of every patient on every unit with a certificate active on ``today`` or
    ended recently, ordered by start, then personnummer."""
    return current_cases(timeline_of(certificates), today, settings)


def current_cases(timelines: Iterable[PatientTimeline], today: date,
                  settings: SjukfallSettings) -> list[SickLeaveCase]:
    """``sick_leave_cases`` from the patients' timelines."""
    cases = [case for timeline in timelines
             if (case := current_case(timeline, today, settings)) is not None]
    return sorted(cases, key=list_order)


def list_order(case: SickLeaveCase) -> tuple[date, str, str]:
    """The overview's order: by start, then personnummer (then unit)."""
    return case.start, case.personnummer, case.care_unit_id


def patient_cases(certificates: Certificates, personnummer: str, today: date,
                  settings: SjukfallSettings) -> list[SickLeaveCase]:
    """Every case of one patient (12-digit personnummer), past, current and future, newest
    first. Certificates of every unit given are chained: the caller passes only what the user may
    see (another care giver's only with the patient's consent)."""
    own = (c for c in certificates if c.personnummer == personnummer)
    found = timeline_of(own, per_unit=False)
    return timeline_cases(found[0], today, settings) if found else []


def timeline_cases(timeline: PatientTimeline, today: date,
                   settings: SjukfallSettings) -> list[SickLeaveCase]:
    """Every case of the timeline's patient, newest first (``patient_cases``)."""
    day = today.toordinal()
    entries = timeline.entries
    cases = [chain_case(timeline, chain, _anchor(entries, chain, day), today)
             for chain in split(range(len(entries)), [e.gap for e in entries],
                                settings.max_gap)]
    return sorted(cases, key=lambda c: (c.start, c.end), reverse=True)


def current_case(timeline: PatientTimeline, today: date,
                 settings: SjukfallSettings) -> SickLeaveCase | None:
    """The patient's current case: the chain of "the" active certificate when that is active
    on ``today`` or ended recently; else None."""
    found = current_chain(timeline, today, settings)
    return None if found is None else chain_case(timeline, *found, today)


def current_chain(timeline: PatientTimeline, today: date,
                  settings: SjukfallSettings) -> tuple[Sequence[int], int] | None:
    """The current case's chain (positions in the timeline) and its active certificate's
    position (``current_case``); None without a current case."""
    day = today.toordinal()
    entries = timeline.entries
    anchor = 0 if len(entries) == 1 else _anchor(entries, range(len(entries)), day)
    found = entries[anchor]
    ended_recently = found.end_day < day < found.end_day + settings.max_days_since_ended + 1
    if not (ended_recently or found.is_active_on(day)):
        return None
    return chain_around(entries, anchor, settings.max_gap) if len(entries) > 1 else range(1), anchor


def _anchor(entries: Sequence[TimelineEntry], among: Sequence[int], day: int) -> int:
    """"The" active certificate (its position) among ``among``: of those active on ``day`` the
    latest signed; if none, the one that ended last before ``day`` (or, with none ended, the
    one ending last), then the latest signed."""
    active = [i for i in among if entries[i].is_active_on(day)]
    if active:
        return max(active, key=lambda i: entries[i].signing_rank)
    ended = [i for i in among if entries[i].end_day < day] or list(among)
    return max(ended, key=lambda i: (entries[i].end_day, entries[i].signing_rank))


def chains(certs: Iterable[SickLeaveCertificate], max_gap: int) -> list[list[SickLeaveCertificate]]:
    """The certificates split into chains in date order: a certificate joins when its start <=
    the chain's furthest end + max_gap + 1."""
    ordered = sorted(certs, key=lambda c: (c.start, c.end, c.certificate_id))
    gaps = reach_gaps([(c.start.toordinal(), c.end.toordinal()) for c in ordered])
    return split(ordered, gaps, max_gap)


def covered_days(periods: Iterable[SickLeavePeriod]) -> int:
    """Distinct days in the union of the periods: gaps are not counted, overlaps count once."""
    return _covered((p.start.toordinal(), p.end.toordinal()) for p in periods)


def _covered(spans: Iterable[tuple[int, int]]) -> int:
    total = 0
    reach: int | None = None  # the last day counted so far
    for start, end in sorted(spans):
        first = start if reach is None else max(start, reach + 1)
        if end >= first:
            total += end - first + 1
            reach = end
    return total


def chain_case(timeline: PatientTimeline, chain: Sequence[int], anchor: int,
               today: date) -> SickLeaveCase:
    """The case of a chain (positions in the timeline), described by its active certificate.
    Runs for every patient listed: a chain of one certificate (most of them) takes its values
    as they are, a longer one is gathered in one pass."""
    entries, day = timeline.entries, today.toordinal()
    found = entries[anchor]
    if len(chain) == 1:
        end, protected = found.end_day, found.protected_identity
        komplt, other = found.open_komplt, found.open_other
        ids: tuple[str, ...] = (found.certificate_id,)
        spans = [(start, last) for _, start, last in found.periods]
    else:
        end, protected, komplt, other = found.end_day, False, 0, 0
        spans, ids = [], tuple(entries[i].certificate_id for i in chain)
        for i in chain:
            entry = entries[i]
            end = max(end, entry.end_day)
            protected = protected or entry.protected_identity
            komplt, other = komplt + entry.open_komplt, other + entry.open_other
            spans += [(start, last) for _, start, last in entry.periods]
    degree = found.degree_on(day)
    return SickLeaveCase(
        personnummer=timeline.personnummer, patient_name=timeline.patient_names[anchor],
        sex=found.sex, age=age_on(timeline.personnummer, today), protected_identity=protected,
        care_unit_id=found.care_unit_id, care_giver_id=found.care_giver_id,
        diagnosis=_diagnosis(found.diagnosis_code),
        secondary_diagnoses=tuple(map(_diagnosis, found.secondary_codes)),
        start=date.fromordinal(entries[chain[0]].start_day), end=date.fromordinal(end),
        days=_covered(spans), degrees=tuple(found.degrees), degree_today=degree,
        doctor_id=found.doctor_id, doctor_name=found.doctor_name,
        occupations=tuple(found.occupations), days_until_end=end - day,
        open_komplt=komplt, open_other=other, certificate_ids=ids,
        active_certificate_id=found.certificate_id, active=degree is not None,
    )


@lru_cache(maxsize=4096)
def _diagnosis(code: str) -> CaseDiagnosis:
    return CaseDiagnosis.of(code)
