"""Rehabstöd (DOMAIN.md §7): a unit's current sick-leave cases, one patient's cases and the
unit summary, computed by the engine in ``domain.sickleave.engine`` from the rehabstod view.

A doctor sees the cases whose active certificate they signed; a rehab coordinator the whole
unit (but protected identities); other roles and other units' staff are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from functools import cache, partial
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Response
from pydantic.alias_generators import to_camel

from api.http.access import ReadLog, ReadLogDep
from api.http.bounds import MAX_AGE, MAX_CASE_DAYS, BoundedDate
from api.http.deps import AfterQuery, CertificatesDep, StaffDep, ViewsDep, seen_or_503
from api.runtime.unit_cases import UnitCases, computed
from api.runtime.unit_cases_gap import other_gap
from api.runtime.unit_listings import Listing, json_array, listing
from domain.access.entry import ReadSubjects
from domain.shared.care import Role, Staff
from domain.shared.identities import normalise_personnummer
from domain.shared.privileges import Privilege, check_privilege
from domain.sickleave.engine import timeline_cases
from domain.sickleave.filters import SjukfallFilter, apply_filter
from domain.sickleave.model import (
    MAX_DAYS_SINCE_ENDED_LIMIT,
    MAX_GAP_LIMIT,
    SickLeaveCase,
    SjukfallSettings,
)
from domain.sickleave.scope import visible_to
from domain.sickleave.summary import summarise
from projections.sick_leave_timelines import UnitRows, patient_timeline, unit_revision
from streams.sealing.keys import forgettings

router = APIRouter(prefix="/v1/rehabstod/units/{unit_id}", tags=["Rehabstöd"])
VIEW = "rehabstod"
Cases = list[dict[str, Any]]
MaxGap = Annotated[int, Query(alias="maxGap", ge=0, le=MAX_GAP_LIMIT,
                              description="0-90 days; default 5")]
MaxDays = Annotated[int, Query(alias="maxDaysSinceEnded", ge=0, le=MAX_DAYS_SINCE_ENDED_LIMIT,
                               description="0-14 days; default 0")]
Today = Annotated[BoundedDate | None, Query(description="Compute as of this day; default today.")]


def _scope(staff: Staff, unit_id: str) -> str | None:
    """The doctor's HSA id (own cases only), or None for the rehab coordinator's whole unit."""
    staff.check_acts_for(unit_id, "Only staff of the care unit see its sick-leave cases.")
    check_privilege(staff, Privilege.VISA_SJUKFALL)  # also the route's policy
    return staff.hsa_id if staff.role is Role.DOCTOR else None


def _out(value: Any) -> Any:
    """JSON of a result: field names in camelCase, the keys of a count (``F``, ``XIII``,
    ``<90``) exactly as the lists spell them."""
    if type(value) in _PLAIN:
        return value
    if type(value) is date:
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {camel: _out(getattr(value, name)) for name, camel in _names(type(value))}
    if isinstance(value, dict):
        return {str(k): _out(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_out(v) for v in value]
    return value


_PLAIN = frozenset({str, int, bool, float, type(None)})


@cache
def _names(kind: type) -> tuple[tuple[str, str], ...]:
    """A result type's field names with their camelCase spelling, worked out once per type."""
    return tuple((f.name, to_camel(f.name)) for f in fields(kind))


_CASE_NAMES = _names(SickLeaveCase)
_case_values = attrgetter(*(name for name, _ in _CASE_NAMES))
_CASE_KEYS = tuple(camel for _, camel in _CASE_NAMES)


def case_json(case: SickLeaveCase) -> bytes:
    """A case as JSON: orjson writes its dates, tuples and diagnoses as ``_out`` spells them."""
    return orjson.dumps(dict(zip(_CASE_KEYS, _case_values(case), strict=True)))


def _cases_body(cases: list[SickLeaveCase]) -> bytes:
    return json_array(cases, {}, case_json)[0]


def _cases_out(body: bytes) -> Response:
    """The response skips FastAPI's second pass over the cases (the route declares the same
    model for the document)."""
    return Response(body, media_type="application/json")


def _logged(access: ReadLog, cases: list[SickLeaveCase]) -> Response:
    """The cases, once the read is in the PDL access log."""
    access.record([case.personnummer for case in cases],
                  [cid for case in cases for cid in case.certificate_ids])
    return _cases_out(_cases_body(cases))


def _listing(access: ReadLog, cases: list[SickLeaveCase], encoded: dict[int, bytes],
             before: Listing | None) -> Listing:
    """A list's body and what its access entry keeps, made once per unit result and user scope
    and filter (``UnitCases.kept``), the entry's subjects taken from ``before`` (the previous
    result's listing of the same scope and filter) when they are the same."""
    return listing(cases, encoded, case_json, partial(_subjects, access), before)


def _subjects(access: ReadLog, cases: Sequence[SickLeaveCase]) -> ReadSubjects:
    return access.subjects(map(_personnummer, cases),
                           chain.from_iterable(map(_certificate_ids, cases)))


_personnummer, _certificate_ids = attrgetter("personnummer"), attrgetter("certificate_ids")


def _unit_cases(unit_id: str, staff: Staff, host: ViewsDep, today: date, max_gap: int,
                max_days: int, after: int | None,
                ) -> tuple[str | None, UnitCases, UnitCases | None]:
    """The user's scope (``_scope``), the unit's result before that scope, and a result of the
    unit it was computed from (None when it was kept or computed afresh)."""
    doctor = _scope(staff, unit_id)
    settings = SjukfallSettings(max_gap=max_gap, max_days_since_ended=max_days)
    seen_or_503(host, VIEW, after)
    key = (unit_id, today, max_gap, max_days)
    kept = host.unit_cases.get(key)
    with host.db.reading() as tx:  # the token first: rows read after it are never older
        revision = unit_revision(tx, unit_id), forgettings(tx)  # a forget changes it too
        if kept is not None and kept[0] == revision:
            return doctor, kept[1], None
        previous = kept[1] if kept is not None and kept[0][1] == revision[1] else None
        since = (kept[0][0], revision[0]) if previous is not None and kept is not None else None
        near = host.unit_cases.same_day(key, revision) if previous is None else None
        if near is not None:  # another maxGap, the unit unchanged: its rows' revisions kept
            previous, since = other_gap(near, max_gap), (revision[0], revision[0])
        latest = host.unit_cases.latest(unit_id, revision[1])
        earlier = host.unit_cases.earlier(key, revision[1]) if previous is None else None
        result = computed(UnitRows(tx, host.seal, unit_id, today, max_days, since), today,
                          settings, previous, latest, earlier)
    host.unit_cases.put(key, revision, result)
    return doctor, result, near or previous or (latest[1] if latest is not None else None)


@router.get("/sjukfall", response_model=Cases)
def unit_overview(
    unit_id: str, staff: StaffDep, host: ViewsDep, app: CertificatesDep, access: ReadLogDep,
    max_gap: MaxGap = 5, max_days_since_ended: MaxDays = 0, today: Today = None,
    min_days: Annotated[int | None, Query(alias="minDays", ge=0, le=MAX_CASE_DAYS)] = None,
    max_days: Annotated[int | None, Query(alias="maxDays", ge=0, le=MAX_CASE_DAYS)] = None,
    chapters: Annotated[list[str] | None, Query(alias="chapter")] = None,
    min_age: Annotated[int | None, Query(alias="minAge", ge=0, le=MAX_AGE)] = None,
    max_age: Annotated[int | None, Query(alias="maxAge", ge=0, le=MAX_AGE)] = None,
    ends_from: Annotated[BoundedDate | None, Query(alias="endsFrom")] = None,
    ends_to: Annotated[BoundedDate | None, Query(alias="endsTo")] = None,
    doctors: Annotated[list[str] | None, Query(alias="doctor")] = None,
    occupations: Annotated[list[str] | None, Query(alias="occupation")] = None,
    text: str = "",
    unanswered_questions: Annotated[bool | None, Query(alias="unansweredQuestions")] = None,
    after: AfterQuery = None,
) -> Response:
    """The unit's current cases with every filter of DOMAIN.md §7."""
    chosen = SjukfallFilter(
        min_days=min_days, max_days=max_days, chapters=frozenset(chapters or ()),
        min_age=min_age, max_age=max_age, ends_from=ends_from, ends_to=ends_to,
        doctor_ids=frozenset(doctors or ()), occupations=frozenset(occupations or ()),
        text=text, unanswered_questions=unanswered_questions)
    doctor, result, previous = _unit_cases(unit_id, staff, host, today or app.clock().date(),
                                           max_gap, max_days_since_ended, after)
    key = ("sjukfall", doctor, chosen)
    shown = result.kept(key, lambda: _listing(
        access, apply_filter(visible_to(result.cases, doctor), chosen), result.encoded,
        previous.made(key) if previous is not None else None))
    access.record_subjects(shown.subjects)
    return _cases_out(shown.body)


@router.get("/summary")
def unit_summary(unit_id: str, staff: StaffDep, host: ViewsDep, app: CertificatesDep,
                 max_gap: MaxGap = 5, max_days_since_ended: MaxDays = 0, today: Today = None,
                 after: AfterQuery = None) -> dict[str, Any]:
    """Counts of the visible cases: sex (F, M), diagnosis chapter (as the list spells it,
    e.g. XIII), degree, length buckets."""
    doctor, result, _ = _unit_cases(unit_id, staff, host, today or app.clock().date(),
                                    max_gap, max_days_since_ended, after)
    summary: dict[str, Any] = result.kept(("summary", doctor), lambda: _out(
        summarise(visible_to(result.cases, doctor))))
    return summary


@router.get("/patients/{personnummer}/sjukfall", response_model=Cases)
def patient_view(unit_id: str, personnummer: str, staff: StaffDep, host: ViewsDep,
                 app: CertificatesDep, access: ReadLogDep, max_gap: MaxGap = 5,
                 today: Today = None, after: AfterQuery = None) -> Response:
    """Every case of one patient at the unit, newest first."""
    doctor = _scope(staff, unit_id)
    day = today or app.clock().date()
    number = normalise_personnummer(personnummer, day)
    settings = SjukfallSettings(max_gap=max_gap)
    seen_or_503(host, VIEW, after)
    with host.db.reading() as tx:
        timeline = patient_timeline(tx, host.seal, unit_id, number)
    cases = timeline_cases(timeline, day, settings) if timeline else []
    return _logged(access, visible_to(cases, doctor) if doctor else cases)
