"""Which steps of an FMU investigation the authority's system is told of, and how (ORDERS.md
§1.10 outgoing): the relay turns each such stored event into one message of
``streams.fmu_wire`` on ``intyg.fmu.to-authority.v1``, key = the investigation's id (its
messages share a partition, in order). The investigation's other events stay internal.

- UnitAssigned, RequestRejected: RespondToPerformerRequest ACCEPTERAT (with the performer the
  unit named) or AVVISAT (with the coordinator's comment);
- VisitBooked, VisitRescheduled, VisitCancelled, VisitHeld: ReportCareContact;
- DeviationReported (by care): ReportDeviation; AssessmentExtended: UpdateAssessment;
- StatementSent, ComplementSent: CertificateSent, SupplementSent.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from domain.orders.fmu.codes import VisitStatus
from domain.orders.fmu.facts import Facts, Visit
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.status import visit_status
from domain.topics import topics_of
from streams.fmu_wire import fmu_ce_type, fmu_wire

FMU_SOURCE = "/intyg/fmu"
_IDS = uuid.UUID("9a3e6c1f-54b2-4d8e-a0f7-2c6b81d4e953")
VISIT_CODES = {"TIDBOKAD": "53631000052103", "INSTALLD": "53641000052109",
               "AVSLUTAD": "53671000052101"}
Built = tuple[str, dict[str, Any]]


def message_id(assessment_id: UUID, version: int) -> str:
    """Deterministic: a re-published step carries the same id."""
    return str(uuid.uuid5(_IDS, f"{assessment_id}:{version}"))


def _care_contact(visit: Visit, state: str) -> Built:
    return "ReportCareContact", {
        "care_contact_id": visit.visit_id, "profession": visit.profession.value,
        "interpreter_status": None if visit.tolk is None else visit.tolk.value,
        "invitation_date": visit.summoned_on, "invitation_channel": visit.summons_channel.value,
        "start": visit.start, "end": visit.end, "visit_status": state,
        "visit_status_code": VISIT_CODES[state]}


def _visit(facts: Facts, data: dict[str, Any]) -> Visit:
    found = facts.visit(data["visit_id"])
    assert found is not None  # noqa: S101 - the event was stored for this visit
    return found


def _held_or_booked(facts: Facts, data: dict[str, Any]) -> Built:
    visit = _visit(facts, data)
    done = visit.held or visit_status(visit) is VisitStatus.GENOMFORT
    return _care_contact(visit, "AVSLUTAD" if done else "TIDBOKAD")


def _performer(history: list[Any], unit: str) -> dict[str, Any] | None:
    answers = [e for e in history if isinstance(e, Investigation.UnitAnswered)
               and e.unit == unit and e.performer is not None]
    if not answers:
        return None  # a direct assignment: the unit named no performer
    performer = dict(answers[-1].performer or {})
    performer.pop("starts_on", None)
    return {"care_unit_id": unit, **performer}


_BUILDERS: dict[str, Callable[[Facts, dict[str, Any], list[Any]], Built]] = {
    "UnitAssigned": lambda facts, data, history: ("RespondToPerformerRequest", {
        "response": "ACCEPTERAT", "performer": _performer(history, data["unit"])}),
    "RequestRejected": lambda facts, data, history: ("RespondToPerformerRequest", {
        "response": "AVVISAT", "comment": data["comment"]}),
    "VisitBooked": lambda facts, data, history: _held_or_booked(facts, data),
    "VisitRescheduled": lambda facts, data, history: _held_or_booked(facts, data),
    "VisitHeld": lambda facts, data, history: _held_or_booked(facts, data),
    "VisitCancelled": lambda facts, data, history: _care_contact(_visit(facts, data),
                                                                 "INSTALLD"),
    "DeviationReported": lambda facts, data, history: ("ReportDeviation", {
        "care_contact_id": data["visit_id"], "deviation_id": data["deviation_id"],
        "caused_by": data["caused_by"], "deviation_time": data["deviation_at"],
        "citizen_failed_to_arrive": data["citizen_failed_to_arrive"]}),
    "AssessmentExtended": lambda facts, data, history: ("UpdateAssessment", {
        "certificate_type": data["kind"], "last_date": data["last_date"]}),
    "StatementSent": lambda facts, data, history: ("CertificateSent", {
        "sent_on": data["sent_on"]}),
    "ComplementSent": lambda facts, data, history: ("SupplementSent", {
        "supplement_request_id": data["complement_id"], "sent_on": data["sent_on"]}),
}
OUTGOING_TOPICS = frozenset(topics_of(*(getattr(Investigation, name) for name in _BUILDERS)))


def is_fmu_outgoing(notification: Notification) -> bool:
    """A stored investigation event the authority is told of."""
    return notification.topic in OUTGOING_TOPICS


def fmu_message(app: Application[UUID], notification: Notification
                ) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """Key, value and headers of the message for one outgoing step."""
    event = app.mapper.to_domain_event(notification)
    assessment_id = UUID(str(notification.originator_id))
    version = notification.originator_version
    history = list(app.repository.event_store.get(assessment_id, lte=version))
    facts: Facts = app.repository.get(assessment_id, version=version).facts
    name, fields = _BUILDERS[type(event).__name__](facts, vars(event), history)
    ident = message_id(assessment_id, version)
    value = fmu_wire(name, message_id=ident, assessment_id=assessment_id, at=vars(event)["at"],
                     **fields)
    key = str(assessment_id).encode()
    headers = [
        ("ce_specversion", b"1.0"), ("ce_id", ident.encode()),
        ("ce_type", fmu_ce_type(name).encode()), ("ce_source", FMU_SOURCE.encode()),
        ("ce_subject", key), ("ce_time", value["at"].encode()),
        ("content-type", b"application/json"), ("log_position", str(notification.id).encode()),
    ]
    return key, json.dumps(value, ensure_ascii=False).encode(), headers
