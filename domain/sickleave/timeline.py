"""One patient's sick-leave certificates at one unit, arranged once for any day and any settings
(DOMAIN.md §7). The engine (``domain.sickleave.engine``) computes cases from this arrangement.

What does not depend on the day asked or on maxGap is worked out here, when the certificates
are known: which certificates count as sick leave at all, their order by start (then end, then
id), the order in which they were signed, and each one's distance to the chain before it.

``gap``: a certificate's start minus the furthest end of the certificates before it, minus one
(the free days between; overlaps give a negative number). A certificate joins the chain before
it when its gap <= maxGap (end 10 Jan, start 16 Jan: gap 5, joins with maxGap 5), so the chains
for any maxGap follow from the gaps alone (``split``). None for the first certificate.

Days are day numbers (``date.toordinal()``): the arrangement is read back on every request, and
plain integers need no parsing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple, TypeVar

from domain.sickleave.model import SICK_LEAVE_TYPES, Sex, SickLeaveCertificate

Period = tuple[int, int, int]
"""A period as (degree, first day, last day), both days inclusive."""


class TimelineEntry(NamedTuple):
    """One certificate that counts as sick leave, with what a case takes from it. A named
    tuple: immutable, and made from a stored row's values in one step (requests make one per
    certificate of every patient listed)."""

    certificate_id: str
    signing_rank: int  # 0 for the first signed of the patient's at the unit (then by id)
    gap: int | None
    start_day: int
    end_day: int
    periods: Sequence[Period]  # as the certificate lists them
    degrees: Sequence[int]  # of its periods in date order
    sex: Sex
    protected_identity: bool
    care_unit_id: str
    care_giver_id: str
    doctor_id: str
    doctor_name: str
    diagnosis_code: str
    secondary_codes: Sequence[str]
    occupations: Sequence[str]
    open_komplt: int
    open_other: int

    def is_active_on(self, day: int) -> bool:
        return self.degree_on(day) is not None

    def degree_on(self, day: int) -> int | None:
        """The degree of the first period (as listed) that contains ``day``."""
        for degree, start, end in self.periods:  # a loop: asked for every patient listed
            if start <= day <= end:
                return degree
        return None


class PatientTimeline(NamedTuple):
    """The patient's counting certificates at one unit (or, for the patient view, at every unit
    given), by start. ``patient_names`` holds the name each certificate gives, in the same order
    (kept apart from the entries: it is patient data, as is the personnummer)."""

    personnummer: str
    patient_names: Sequence[str]
    entries: Sequence[TimelineEntry]


def counts_as_sick_leave(cert: SickLeaveCertificate) -> bool:
    """Whether the certificate feeds sjukfall at all (§7 input)."""
    return (cert.certificate_type in SICK_LEAVE_TYPES and cert.signed_at is not None
            and not cert.revoked and not cert.test and not cert.smittskydd
            and cert.diagnosis_code is not None and len(cert.periods) > 0)


def timeline_of(certificates: Iterable[SickLeaveCertificate],
                per_unit: bool = True) -> list[PatientTimeline]:
    """The timelines of the certificates that count as sick leave: one per unit and patient, or
    with ``per_unit`` False one per patient over every unit given."""
    groups: dict[tuple[str, str], list[SickLeaveCertificate]] = {}
    for cert in certificates:
        if counts_as_sick_leave(cert):
            unit = cert.care_unit_id if per_unit else ""
            groups.setdefault((unit, cert.personnummer), []).append(cert)
    return [_arranged(personnummer, certs) for (_, personnummer), certs in groups.items()]


def _arranged(personnummer: str, certs: list[SickLeaveCertificate]) -> PatientTimeline:
    ordered = sorted(certs, key=lambda c: (c.start, c.end, c.certificate_id))
    signed = sorted(ordered, key=lambda c: (_signed_at(c), c.certificate_id))
    rank = {id(cert): number for number, cert in enumerate(signed)}
    gaps = reach_gaps([(c.start.toordinal(), c.end.toordinal()) for c in ordered])
    entries = [_entry(cert, rank[id(cert)], gap) for cert, gap in zip(ordered, gaps, strict=True)]
    return PatientTimeline(personnummer, tuple(c.patient_name for c in ordered),
                           tuple(entries))


def _entry(cert: SickLeaveCertificate, rank: int, gap: int | None) -> TimelineEntry:
    return TimelineEntry(
        certificate_id=cert.certificate_id, signing_rank=rank, gap=gap,
        start_day=cert.start.toordinal(), end_day=cert.end.toordinal(),
        periods=tuple((p.degree, p.start.toordinal(), p.end.toordinal()) for p in cert.periods),
        degrees=cert.degrees, sex=cert.sex, protected_identity=cert.protected_identity,
        care_unit_id=cert.care_unit_id, care_giver_id=cert.care_giver_id,
        doctor_id=cert.doctor_id, doctor_name=cert.doctor_name,
        diagnosis_code=cert.diagnosis_code or "", secondary_codes=cert.secondary_codes,
        occupations=cert.occupations, open_komplt=cert.open_komplt, open_other=cert.open_other)


def _signed_at(cert: SickLeaveCertificate) -> datetime:
    # Unsigned certificates do not count as sick leave and never reach a timeline.
    if cert.signed_at is None:
        raise ValueError("an unsigned certificate reached a sick-leave timeline")
    return cert.signed_at


def reach_gaps(spans: Sequence[tuple[int, int]]) -> list[int | None]:
    """The gap of each (first day, last day) span, given in start order, to the furthest end of
    the spans before it; None for the first."""
    gaps: list[int | None] = []
    reach: int | None = None
    for start, end in spans:
        gaps.append(None if reach is None else start - reach - 1)
        reach = end if reach is None else max(reach, end)
    return gaps


_T = TypeVar("_T")


def split(items: Sequence[_T], gaps: Sequence[int | None], max_gap: int) -> list[list[_T]]:
    """The items (in start order, with their gaps) as chains: each joins the chain before it
    when its gap <= ``max_gap``."""
    chains: list[list[_T]] = []
    for item, gap in zip(items, gaps, strict=True):
        if gap is not None and gap <= max_gap:
            chains[-1].append(item)
        else:
            chains.append([item])
    return chains


def chain_around(entries: Sequence[TimelineEntry], index: int, max_gap: int) -> range:
    """The positions of the chain that holds ``entries[index]``."""
    first = index
    while first > 0 and _joins(entries[first].gap, max_gap):
        first -= 1
    last = index + 1
    while last < len(entries) and _joins(entries[last].gap, max_gap):
        last += 1
    return range(first, last)


def _joins(gap: int | None, max_gap: int) -> bool:
    return gap is not None and gap <= max_gap


def distinct_gaps(timeline: PatientTimeline) -> tuple[int, ...]:
    """The timeline's gaps, each once, in order: two maxGaps split it into the same chains
    when none of them lies above the one and at most the other (``same_chains``)."""
    return tuple(sorted({entry.gap for entry in timeline.entries if entry.gap is not None}))


def same_chains(gaps: Sequence[int], max_gap: int, other: int) -> bool:
    """Whether ``max_gap`` and ``other`` split a timeline of these ``distinct_gaps`` into the
    same chains (a certificate joins when its gap <= maxGap: only a gap between the two
    tells them apart)."""
    low, high = (max_gap, other) if max_gap <= other else (other, max_gap)
    at = bisect_right(gaps, low)
    return at == len(gaps) or gaps[at] > high
