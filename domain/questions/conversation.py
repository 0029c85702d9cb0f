"""The conversation about one certificate (DOMAIN.md §6): every question, answer and reminder
between care and the certificate's recipient, as events of one aggregate. Its events are
published under the certificate's id, so a certificate's Kafka key replays the whole case.

Public methods check the rules (``domain.questions.rules``) and raise a named error; the events only
assign state, through the one fold the read models use too (``domain.questions.fold``). A message
id already seen is ignored (``False``, nothing written).

Event style as in every aggregate (see ``domain.certificates.certificate``): ``@event("Name")``
on the method that applies it, the creation event on ``__init__``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.questions import fold
from domain.questions.messages import CARE_SUBJECTS, IncomingMessage, Subject
from domain.questions.rules import QuestionRules

_NAMESPACE = uuid.UUID("2e6f1c84-53a9-4d0b-8f7e-6a1b9c3d5e20")


def conversation_id(certificate_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, str(certificate_id))


class Conversation(QuestionRules, Aggregate):
    @event("ConversationStarted")
    def __init__(self, certificate_id: uuid.UUID, recipient: str) -> None:
        self.certificate_id = certificate_id
        self.recipient = recipient
        self.questions: dict[str, dict[str, Any]] = {}
        self.message_ids: set[str] = set()

    @classmethod
    def start(cls, certificate_id: uuid.UUID, recipient: str) -> Conversation:
        started = cls.ConversationStarted  # type: ignore[attr-defined]
        return cls._create(
            started,
            id=conversation_id(certificate_id),
            certificate_id=certificate_id,
            recipient=recipient,
        )

    # --- from the recipient --------------------------------------------------------------
    def receive(self, message: IncomingMessage) -> bool:
        """A question, an answer or a reminder from the recipient; False for a duplicate."""
        if message.message_id in self.message_ids:
            return False
        if message.kind == "reminder":
            target = self.check_reminder(message.reminds)
            self._reminder_received(
                self.certificate_id,
                message.message_id,
                target,
                message.text,
                message.sender,
                message.sent_at,
            )
        elif message.kind == "answer":
            target = self.check_answer_from_recipient(message.answers, message.subject)
            self._answer_received(
                self.certificate_id,
                message.message_id,
                target,
                message.text,
                message.sender,
                message.sent_at,
                message.reference_id,
            )
        else:
            self._question_received(
                self.certificate_id,
                message.message_id,
                message.reference_id,
                message.subject.value,
                message.heading,
                message.text,
                message.sender,
                message.contact_info,
                [item.model_dump(by_alias=True) for item in message.complement_items],
                message.last_answer_date.isoformat() if message.last_answer_date else None,
                message.sent_at,
            )
        return True

    # --- from care -----------------------------------------------------------------------
    def send_question(
        self,
        *,
        message_id: str,
        subject: Subject,
        heading: str | None,
        text: str,
        by: str,
        now: datetime,
    ) -> None:
        self.check_new_message_id(message_id, self.message_ids)
        self.check_care_subject(subject, CARE_SUBJECTS)
        self._question_sent(
            self.certificate_id, message_id, subject.value, heading, text, self.recipient, by, now
        )

    def send_answer(
        self, *, question_id: str, message_id: str, text: str, by: str, now: datetime
    ) -> None:
        self.check_new_message_id(message_id, self.message_ids)
        self.check_care_answer(question_id)
        self._answer_sent(
            self.certificate_id, message_id, question_id, text, self.recipient, by, now
        )

    def answer_cannot_complement(
        self, *, message_id: str, text: str, by: str, now: datetime
    ) -> list[str]:
        """One answer to every open KOMPLT question: it cannot be complemented."""
        self.check_new_message_id(message_id, self.message_ids)
        targets = self.check_open_komplt()
        self._cannot_complement(
            self.certificate_id, message_id, targets, text, self.recipient, by, now
        )
        return targets

    def mark_handled(self, question_id: str, *, by: str, now: datetime) -> None:
        self.check_handle(question_id)
        self._handled(self.certificate_id, question_id, by, now)

    def reopen(self, question_id: str, *, by: str, now: datetime) -> None:
        self.check_reopen(question_id)
        self._reopened(self.certificate_id, question_id, by, now)

    # --- from the certificate's lifecycle -------------------------------------------------
    def close_by_complement(self, complement_id: uuid.UUID, now: datetime) -> list[str]:
        """A complementing certificate was signed: its parent's open KOMPLT questions close."""
        targets = self.open_komplt()
        if targets:
            self._closed_by_complement(self.certificate_id, complement_id, targets, now)
        return targets

    def close_on_revocation(self, now: datetime) -> list[str]:
        """The certificate was revoked: every open question closes."""
        targets = [qid for qid, q in self.questions.items() if q["state"] in fold.OPEN_STATES]
        if targets:
            self._closed_by_revocation(self.certificate_id, targets, now)
        return targets

    def reopen_after_complement_revoked(self, complement_id: uuid.UUID, now: datetime) -> list[str]:
        """The latest complement was revoked: the KOMPLT questions it closed re-open."""
        targets = [
            qid for qid, q in self.questions.items() if q.get("closed_by") == str(complement_id)
        ]
        if targets:
            self._komplt_reopened(self.certificate_id, complement_id, targets, now)
        return targets

    # --- events: each only folds itself into the questions (domain.questions.fold) ---------
    @event("QuestionReceived")
    def _question_received(
        self, certificate_id: uuid.UUID, message_id: str, reference_id: str | None,
        subject: str, heading: str | None, text: str, sender: str, contact_info: str | None,
        complement_items: list[dict[str, Any]], last_answer_date: str | None,
        sent_at: datetime,
    ) -> None:
        self._fold("QuestionReceived", message_id, subject=subject, heading=heading, text=text,
                   complement_items=complement_items, last_answer_date=last_answer_date,
                   sent_at=sent_at)

    @event("AnswerReceived")
    def _answer_received(
        self, certificate_id: uuid.UUID, message_id: str, question_id: str, text: str,
        sender: str, sent_at: datetime, reference_id: str | None,
    ) -> None:
        self._fold("AnswerReceived", message_id, question_id=question_id, text=text,
                   sent_at=sent_at)

    @event("ReminderReceived")
    def _reminder_received(
        self, certificate_id: uuid.UUID, message_id: str, question_id: str, text: str,
        sender: str, sent_at: datetime,
    ) -> None:
        self._fold("ReminderReceived", message_id, question_id=question_id, sent_at=sent_at)

    @event("QuestionSent")
    def _question_sent(
        self, certificate_id: uuid.UUID, message_id: str, subject: str, heading: str | None,
        text: str, recipient: str, sent_by: str, sent_at: datetime,
    ) -> None:
        self._fold("QuestionSent", message_id, subject=subject, heading=heading, text=text,
                   sent_at=sent_at)

    @event("AnswerSent")
    def _answer_sent(
        self, certificate_id: uuid.UUID, message_id: str, question_id: str, text: str,
        recipient: str, sent_by: str, sent_at: datetime,
    ) -> None:
        self._fold("AnswerSent", message_id, question_id=question_id, text=text,
                   sent_at=sent_at)

    @event("CannotComplementAnswered")
    def _cannot_complement(
        self, certificate_id: uuid.UUID, message_id: str, question_ids: list[str], text: str,
        recipient: str, sent_by: str, sent_at: datetime,
    ) -> None:
        self._fold("CannotComplementAnswered", message_id, question_ids=question_ids,
                   text=text, sent_at=sent_at)

    @event("KompltClosedByComplement")
    def _closed_by_complement(
        self, certificate_id: uuid.UUID, complement_id: uuid.UUID, question_ids: list[str],
        at: datetime,
    ) -> None:
        self._fold("KompltClosedByComplement", None, complement_id=complement_id,
                   question_ids=question_ids, at=at)

    @event("QuestionHandled")
    def _handled(self, certificate_id: uuid.UUID, question_id: str, by: str, at: datetime) -> None:
        self._fold("QuestionHandled", None, question_id=question_id, at=at)

    @event("QuestionReopened")
    def _reopened(self, certificate_id: uuid.UUID, question_id: str, by: str, at: datetime) -> None:
        self._fold("QuestionReopened", None, question_id=question_id, at=at)

    @event("QuestionsClosedByRevocation")
    def _closed_by_revocation(
        self, certificate_id: uuid.UUID, question_ids: list[str], at: datetime
    ) -> None:
        self._fold("QuestionsClosedByRevocation", None, question_ids=question_ids, at=at)

    @event("KompltReopened")
    def _komplt_reopened(
        self, certificate_id: uuid.UUID, complement_id: uuid.UUID, question_ids: list[str],
        at: datetime,
    ) -> None:
        self._fold("KompltReopened", None, complement_id=complement_id,
                   question_ids=question_ids, at=at)

    def _fold(self, event_name: str, message_id: str | None, **data: Any) -> None:
        """The one meaning of the event (the read models fold the same function)."""
        if message_id is not None:
            self.message_ids.add(message_id)
            data["message_id"] = message_id
        self.questions = fold.apply(self.questions, event_name, data)
