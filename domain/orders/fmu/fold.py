"""What each investigation event means for its facts, written once.

``apply(facts, event, data)`` returns the facts after one event; ``data`` holds the event's
fields by name (dates as ISO strings, times as datetimes). The aggregate calls it on every event
and replay; a read model folding published events calls the same function. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from domain.orders.fmu.codes import (
    Answer,
    AssessmentKind,
    CausedBy,
    DocumentKind,
    EndReason,
    Profession,
    SummonsChannel,
    Tolk,
)
from domain.orders.fmu.facts import (
    ORIGINAL,
    Deviation,
    Document,
    Facts,
    InternalRequest,
    Statement,
    Visit,
)

Data = Mapping[str, Any]


def apply(facts: Facts | None, event: str, data: Data) -> Facts:
    """The facts after ``event``; the two creating events need no facts before them."""
    if event in _CREATIONS:
        return _CREATIONS[event](data)
    if facts is None:
        raise ValueError(f"{event} before the investigation was created")
    meaning = _MEANINGS.get(event)
    return facts if meaning is None else meaning(facts, data)


def day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _request_received(d: Data) -> Facts:
    return Facts(kind=AssessmentKind(d["kind"]), landsting=d["landsting"],
                 fk_answer_by=day(d["fk_answer_by"]))


def _ordered_directly(d: Data) -> Facts:
    return _order(Facts(kind=AssessmentKind(d["kind"]), landsting=d["landsting"],
                        assigned_unit=d["unit"], assigned_at=d["at"]), d)


def _order(f: Facts, d: Data) -> Facts:
    documents = (Document(DocumentKind.BESTALLNING),) if d["documents_by_post"] else ()
    original = Statement(ORIGINAL, complement=False, last_date=_day(d["last_date"]))
    return replace(f, ordered_at=d["at"], interpreter_needed=d["interpreter_needed"],
                   documents=documents, statements=(original,))


def _update(f: Facts, d: Data) -> Facts:
    documents = f.documents + ((Document(DocumentKind.UPPDATERING),)
                               if d["documents_by_post"] else ())
    statements = f.statements
    if d["last_date"] is not None:
        statements = _with_statement(f, ORIGINAL, last_date=_day(d["last_date"]))
    needed = f.interpreter_needed if d["interpreter_needed"] is None else d["interpreter_needed"]
    return replace(f, updated_at=d["at"], documents=documents, statements=statements,
                   interpreter_needed=needed)


def _asked(f: Facts, d: Data) -> Facts:
    new = tuple(InternalRequest(unit, d["at"], d["answer_by"]) for unit in d["units"])
    return replace(f, requests=f.requests + new)


def _assigned_directly(f: Facts, d: Data) -> Facts:
    request = InternalRequest(d["unit"], d["at"], d["at"], direct=True,
                              answer=Answer.ACCEPTERA, answered_at=d["at"])
    return replace(f, requests=(*f.requests, request))


def _answered(f: Facts, d: Data) -> Facts:
    requests = tuple(
        replace(r, answer=Answer(d["answer"]), answered_at=d["at"]) if r.unit == d["unit"] else r
        for r in f.requests)
    return replace(f, requests=requests)


def _documents_received(f: Facts, d: Data) -> Facts:
    pending = next(i for i, doc in enumerate(f.documents) if doc.received_on is None)
    documents = list(f.documents)
    documents[pending] = replace(documents[pending], received_on=_day(d["received_on"]))
    return replace(f, documents=tuple(documents))


def _with_visit(f: Facts, visit_id: str, change: Callable[[Visit], Visit]) -> tuple[Visit, ...]:
    return tuple(change(v) if v.visit_id == visit_id else v for v in f.visits)


def _visit_booked(f: Facts, d: Data) -> Facts:
    visit = Visit(d["visit_id"], d["start"], d["end"], Profession(d["profession"]),
                  SummonsChannel(d["summons_channel"]), _day(d["summoned_on"]),
                  tolk=None if d["tolk"] is None else Tolk(d["tolk"]))
    return replace(f, visits=(*f.visits, visit))


def _visit_rescheduled(f: Facts, d: Data) -> Facts:
    return replace(f, visits=_with_visit(f, d["visit_id"], lambda v: replace(
        v, start=d["start"], end=d["end"], summons_channel=SummonsChannel(d["summons_channel"]),
        summoned_on=_day(d["summoned_on"]), changes=(*v.changes, "OMBOKAT"))))


def _deviation(from_fk: bool) -> Callable[[Facts, Data], Facts]:
    change = "AVVIKELSE_MOTTAGEN" if from_fk else "AVVIKELSE_RAPPORTERAD"

    def meaning(f: Facts, d: Data) -> Facts:
        deviation = Deviation(d["deviation_id"], CausedBy(d["caused_by"]), d["deviation_at"],
                              from_fk, d["citizen_failed_to_arrive"])
        return replace(f, visits=_with_visit(f, d["visit_id"], lambda v: replace(
            v, deviations=(*v.deviations, deviation), changes=(*v.changes, change))))
    return meaning


def _visit_cancelled(f: Facts, d: Data) -> Facts:
    return replace(f, visits=_with_visit(f, d["visit_id"], lambda v: replace(
        v, cancelled=True, changes=(*v.changes, "AVBOKAT"))))


def _visit_held(f: Facts, d: Data) -> Facts:
    return replace(f, visits=_with_visit(f, d["visit_id"], lambda v: replace(
        v, held=True, tolk=None if d["tolk"] is None else Tolk(d["tolk"]))))


def _with_statement(f: Facts, statement_id: str, **changes: Any) -> tuple[Statement, ...]:
    return tuple(replace(s, **changes) if s.statement_id == statement_id else s
                 for s in f.statements)


def _statement_change(**fields: str) -> Callable[[Facts, Data], Facts]:
    """A change of one statement: each of ``fields`` (a Statement field) from a data field."""
    def meaning(f: Facts, d: Data) -> Facts:
        target = d.get("complement_id", ORIGINAL)
        return replace(f, statements=_with_statement(
            f, target, **{name: day(d[source]) for name, source in fields.items()}))
    return meaning


def _complement_requested(f: Facts, d: Data) -> Facts:
    complement = Statement(d["complement_id"], complement=True, last_date=_day(d["last_date"]))
    return replace(f, statements=(*f.statements, complement))


_CREATIONS: dict[str, Callable[[Data], Facts]] = {
    "RequestReceived": _request_received,
    "OrderedDirectly": _ordered_directly,
}
_MEANINGS: dict[str, Callable[[Facts, Data], Facts]] = {
    "UnitsAsked": _asked,
    "UnitAssignedDirectly": _assigned_directly,
    "CitizenRecorded": lambda f, d: replace(f, citizen=d["personnummer"]),
    "UnitAnswered": _answered,
    "UnitAssigned": lambda f, d: replace(f, assigned_unit=d["unit"], assigned_at=d["at"]),
    "RequestRejected": lambda f, d: replace(f, rejected=True),
    "OrderReceived": _order,
    "OrderUpdated": _update,
    "DocumentsReceived": _documents_received,
    "VisitBooked": _visit_booked,
    "AssessmentExtended": lambda f, d: replace(
        f, kind=AssessmentKind(d["kind"]),
        statements=_with_statement(f, ORIGINAL, last_date=_day(d["last_date"]))),
    "VisitRescheduled": _visit_rescheduled,
    "DeviationReceived": _deviation(from_fk=True),
    "DeviationReported": _deviation(from_fk=False),
    "VisitCancelled": _visit_cancelled,
    "VisitHeld": _visit_held,
    "StatementSent": _statement_change(sent_on="sent_on"),
    "StatementReceived": _statement_change(received_on="received_on",
                                           complement_deadline="complement_deadline"),
    "ComplementRequested": _complement_requested,
    "ComplementQuestionsReceived": _statement_change(questions_received_on="received_on"),
    "ComplementSent": _statement_change(sent_on="sent_on"),
    "ComplementReceived": _statement_change(received_on="received_on",
                                            complement_deadline="complement_deadline"),
    "InvestigationEnded": lambda f, d: replace(f, ended_reason=EndReason(d["reason"]),
                                               ended_at=d["at"]),
    "PaymentIdRecorded": lambda f, d: replace(f, payment_ids={**f.payment_ids,
                                                              d["kind"]: d["value"]}),
}

