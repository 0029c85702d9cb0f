"""The Spaces application for the Samverkansytan routes, the space as a caller sees it, and
the PDL access entry of a read by a care or authority participant."""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any
from uuid import UUID

import structlog
from eventsourcing.persistence import RecordConflictError
from fastapi import Depends, Request
from fastapi.routing import APIRoute

from api.http.samverkan_schemas import (
    ChangeOut,
    ContactOut,
    ItemOut,
    MeasureIn,
    MeasureOut,
    MilestoneOut,
    ParticipantOut,
    PlanOut,
    SpaceChangedOut,
    SpaceOut,
    ThreadOut,
    ThreadsOut,
    TimelineOut,
)
from commands.access_log import AccessLog
from commands.samverkan import SpaceResult, Spaces
from commands.samverkan_follow import SpaceFollower
from domain.access.entry import Reader
from domain.samverkan.dialogue import threads_for
from domain.samverkan.facts import OWNER, Facts, Item, Participant
from domain.samverkan.measure import Measure
from domain.samverkan.plan import plan_of
from domain.samverkan.roles import READ_LOGGED, Section
from domain.samverkan.rules import Caller, visible_items
from domain.samverkan.timeline import MilestoneKind, Timeline, timeline_of
from domain.shared.care import Staff

log = structlog.get_logger("api.samverkan")


def _spaces(request: Request) -> Spaces:
    """The application; on a read, the spaces first catch up with the certificates signed
    since (``commands.samverkan_follow``), so the timeline counts a renewal at once."""
    app = request.app.state.certificates
    index_key = request.app.state.settings.patient_index_secret
    if request.method == "GET":
        _catch_up(request.app.state, app, index_key)
    return Spaces(app, index_key, clock=app.clock)


_FOLLOWER_MADE = threading.Lock()


def _catch_up(state: Any, app: Any, index_key: str) -> None:
    with _FOLLOWER_MADE:
        if getattr(state, "space_follower", None) is None:
            state.space_follower = SpaceFollower(app, index_key, app.clock)
    try:
        state.space_follower.catch_up()
    except RecordConflictError:  # a command changed the space meanwhile: the next read
        log.info("space_follow_deferred")


SpacesDep = Annotated[Spaces, Depends(_spaces)]


def changed(result: SpaceResult) -> SpaceChangedOut:
    return SpaceChangedOut(id=result.id, version=result.version, position=result.position,
                           made=result.made)


def log_read(request: Request, caller: Caller, facts: Facts, space_id: UUID) -> None:
    """One access entry for a read by care or an authority (fail closed: no entry, no
    answer), a care reader's with their unit and care giver so that the care giver's audit
    finds it; the citizen's own reads and the employer's are not PDL reads."""
    if caller.role not in READ_LOGGED:
        return
    route = request.scope.get("route")
    what = f"{request.method} {route.path if isinstance(route, APIRoute) else ''}"
    access_log: AccessLog = request.app.state.access_log
    staff: Staff | None = getattr(request.state, "staff", None)  # care: its unit and giver
    reader = Reader(role=f"samverkan:{caller.role.value}", hsa_id=caller.party,
                    care_unit=staff.care_unit_hsa_id if staff else "",
                    care_giver=staff.care_giver_hsa_id if staff else "")
    access_log.record(reader, what, [facts.citizen], [space_id])


def timeline_out(facts: Facts, today: date) -> TimelineOut | None:
    found = timeline_of([(p.start, p.end) for p in facts.periods], today)
    return None if found is None else _timeline(found)


def space_out(space_id: UUID, facts: Facts, member: str, today: date) -> SpaceOut:
    owner = member == OWNER
    scope = set(Section) if owner else facts.participants[member].scope
    return SpaceOut(
        id=space_id, you=member,
        participants=[_participant(p) for p in facts.participants.values()
                      if owner or p.active],
        items=[_item(i) for i in visible_items(facts, member)],
        timeline=timeline_out(facts, today) if Section.TIDSLINJE in scope else None,
        contacts=[ContactOut(participant=key, name=c.name, phone=c.phone, email=c.email)
                  for key, c in facts.contacts.items()
                  if key == OWNER or facts.participants[key].active])


def _timeline(found: Timeline) -> TimelineOut:
    return TimelineOut(start=found.start, last_certified_day=found.last_certified_day,
                       sick_day=found.sick_day, expected_length=found.expected_length,
                       milestones=[MilestoneOut(kind=m.kind.value, day=m.day, on=m.on,
                                                reached=m.reached) for m in found.milestones])


def _participant(p: Participant) -> ParticipantOut:
    return ParticipantOut(id=p.key, role=p.role, party=p.party, scope=sorted(p.scope),
                          active=p.active, consent=p.consent)


def plan_out(space_id: UUID, facts: Facts, version: int, today: date) -> PlanOut:
    found = timeline_of([(p.start, p.end) for p in facts.periods], today)
    due = next((m.on for m in found.milestones if m.kind is MilestoneKind.PLAN_ATERGANG_SENAST),
               None) if found else None
    return PlanOut(space_id=space_id, version=version, due=due,
                   measures=[_item(i) for i in plan_of(facts)])


def _item(item: Item) -> ItemOut:
    m = item.measure
    measure = None if m is None else MeasureOut(owner=m.owner, status=m.status, start=m.start,
                                                 end=m.end, follow_up=m.follow_up)
    return ItemOut(id=item.id, kind=item.kind, author=item.author, title=item.title,
                   text=item.text, reference=item.reference, approved=item.released,
                   history=[ChangeOut(event=c.event, at=c.at, by=c.by) for c in item.history],
                   measure=measure, thread=item.thread)


def threads_out(facts: Facts, member: str) -> ThreadsOut:
    return ThreadsOut(threads=[
        ThreadOut(id=t.start.id, subject=t.start.title, start=_item(t.start),
                  replies=[_item(r) for r in t.replies]) for t in threads_for(facts, member)])


def measure_in(body: MeasureIn | None) -> Measure | None:
    if body is None:
        return None
    return Measure(owner=body.owner, status=body.status, start=body.start, end=body.end,
                   follow_up=body.follow_up)
