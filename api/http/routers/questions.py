"""Questions and answers (ärendekommunikation, DOMAIN.md §6) over HTTP: recipient systems post
their messages with a recipient token; care reads a certificate's conversation, asks, answers,
answers "cannot complement", marks handled and re-opens; a unit lists what needs action."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import Field

from api.http.access import ReadLogDep
from api.http.deps import (
    AfterQuery,
    CertificatesDep,
    RecipientDep,
    StaffDep,
    ViewsDep,
    seen_or_503,
)
from api.http.idempotency import IdempotencyKey, once
from api.http.openapi import problems
from api.http.presenters import command_out, read_for
from api.http.schemas import Body, CommandOut
from commands import questions
from domain.questions.messages import HEADING_MOST, TEXT_MOST, IncomingMessage, Subject
from projections.webcert import unit_open_questions

router = APIRouter(prefix="/v1", tags=["questions and answers"])


class QuestionIn(Body):
    subject: Subject
    heading: str | None = Field(default=None, max_length=HEADING_MOST)
    text: str = Field(max_length=TEXT_MOST)


class TextIn(Body):
    text: str = Field(max_length=TEXT_MOST)


@router.post("/recipient/messages", status_code=201, responses={
    200: {"model": CommandOut, "description": "The message id is taken already: nothing written."},
    **problems(404)})
def receive(message: IncomingMessage, recipient: RecipientDep, app: CertificatesDep,
            response: Response, key: IdempotencyKey) -> CommandOut:
    """A recipient's question, answer (``answers``) or reminder (subject PAMINN, ``reminds``)
    on a certificate sent to it; any other certificate is 404, as one that does not exist.
    A message id already taken writes nothing: 200 with ``changed: false``."""
    result = once(app, key, recipient,
                  lambda: questions.receive_message(app, message, recipient))
    if not result.changed:
        response.status_code = 200
    return command_out(result)


@router.get("/certificates/{certificate_id}/questions")
def conversation(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
                 access: ReadLogDep) -> list[dict[str, Any]]:
    """The certificate's questions in the order they were asked, each with its answer."""
    read_for(app, certificate_id, staff, access)
    found = questions.conversation_of(app, certificate_id)
    listed = sorted((found.questions.values() if found else ()), key=lambda q: q["sent_at"])
    return [_question_out(q) for q in listed]


@router.post("/certificates/{certificate_id}/questions", status_code=201)
def ask(certificate_id: UUID, body: QuestionIn, app: CertificatesDep,
        staff: StaffDep, key: IdempotencyKey) -> CommandOut:
    """Care asks the recipient (AVSTMN, KONTKT or OVRIGT)."""
    return command_out(once(app, key, staff, lambda: questions.send_question(
        app, certificate_id, subject=body.subject, heading=body.heading, text=body.text,
        by=staff)))


@router.post("/certificates/{certificate_id}/questions/cannot-complement")
def cannot_complement(certificate_id: UUID, body: TextIn, app: CertificatesDep,
                      staff: StaffDep, key: IdempotencyKey) -> CommandOut:
    """One answer to every open KOMPLT question: the certificate cannot be complemented."""
    return command_out(once(app, key, staff, lambda: questions.answer_cannot_complement(
        app, certificate_id, text=body.text, by=staff)))


@router.post("/certificates/{certificate_id}/questions/{question_id}/answer")
def answer(certificate_id: UUID, question_id: str, body: TextIn, app: CertificatesDep,
           staff: StaffDep, key: IdempotencyKey) -> CommandOut:
    """Care answers the recipient's question (not a KOMPLT: see cannot-complement)."""
    return command_out(once(app, key, staff, lambda: questions.answer_question(
        app, certificate_id, question_id, text=body.text, by=staff)))


@router.post("/certificates/{certificate_id}/questions/{question_id}/handled")
def handled(certificate_id: UUID, question_id: str, app: CertificatesDep,
            staff: StaffDep) -> CommandOut:
    return command_out(questions.mark_handled(app, certificate_id, question_id, by=staff))


@router.post("/certificates/{certificate_id}/questions/{question_id}/reopen")
def reopen(certificate_id: UUID, question_id: str, app: CertificatesDep,
           staff: StaffDep) -> CommandOut:
    return command_out(questions.mark_handled(app, certificate_id, question_id, by=staff,
                                                   reopen=True))


@router.get("/units/{unit_id}/questions")
def unit_questions(
    unit_id: str, staff: StaffDep, host: ViewsDep, app: CertificatesDep, access: ReadLogDep,
    subject: Subject | None = None,
    reminded: bool | None = None,
    overdue: Annotated[bool | None, Query(description="last answer date passed")] = None,
    doctor: Annotated[str | None, Query(description="HSA id of the signing doctor")] = None,
    after: AfterQuery = None,
) -> list[dict[str, Any]]:
    """The unit's open questions that need action from care (received and waiting, or
    answered by the recipient), newest event first."""
    staff.check_acts_for(unit_id, "Only staff of the care unit see its questions.")
    seen_or_503(host, "webcert", after)
    with host.db.transaction() as tx:
        found = unit_open_questions(tx, host.seal, unit_id)
    today = app.clock().date().isoformat()
    listed, shown = [], {}
    for doc in found:
        signer = (doc["signer"] or {}).get("hsa_id")
        for q in doc["questions"].values():
            needs_action = (q["from_recipient"] and q["state"] == "PENDING_INTERNAL_ACTION") or \
                (not q["from_recipient"] and q["state"] == "ANSWERED")
            late = bool(q["last_answer_date"]) and q["last_answer_date"] < today
            if needs_action and (subject is None or q["subject"] == subject) and \
                    (reminded is None or (q["reminders"] > 0) == reminded) and \
                    (overdue is None or late == overdue) and (doctor is None or doctor == signer):
                shown[doc["id"]] = doc["patient"]["personnummer"]
                listed.append(_question_out(q) | {"certificateId": doc["id"],
                                                  "certificateType": doc["type"],
                                                  "signerId": signer})
    access.record(shown.values(), shown)
    return sorted(listed, key=lambda q: q["latestEventAt"], reverse=True)


def _question_out(q: dict[str, Any]) -> dict[str, Any]:
    def iso(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    answer = q.get("answer")
    return {
        "id": q["id"], "subject": str(q["subject"]), "state": str(q["state"]),
        "fromRecipient": q["from_recipient"], "heading": q["heading"], "text": q["text"],
        "sentAt": iso(q["sent_at"]), "latestEventAt": iso(q["latest_event_at"]),
        "reminders": q["reminders"], "lastAnswerDate": q["last_answer_date"],
        "complementItems": q["complement_items"], "handled": q["handled"],
        "answer": None if answer is None else {"messageId": answer["message_id"],
                                               "text": answer["text"], "at": iso(answer["at"])},
    }
