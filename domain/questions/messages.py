"""Questions and answers between care and a certificate's recipient (ärendekommunikation,
DOMAIN.md §6): subjects, states and the messages a recipient sends."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.questions.errors import ComplementItemsOnlyWithKompltError, MessageLinksError


class Subject(StrEnum):
    KOMPLT = "KOMPLT"  # request to complement (komplettering)
    AVSTMN = "AVSTMN"  # reconciliation meeting (avstämningsmöte)
    KONTKT = "KONTKT"  # contact
    OVRIGT = "OVRIGT"  # other
    PAMINN = "PAMINN"  # reminder


class QuestionState(StrEnum):
    PENDING_INTERNAL_ACTION = "PENDING_INTERNAL_ACTION"  # received: care must act
    PENDING_EXTERNAL_ACTION = "PENDING_EXTERNAL_ACTION"  # sent by care: awaiting an answer
    ANSWERED = "ANSWERED"  # the recipient answered care's question
    CLOSED = "CLOSED"


MESSAGE_ID_MOST, HEADING_MOST, TEXT_MOST, ITEMS_MOST = 100, 255, 10_000, 50
"""Bounds of a message's fields: ids, a heading and the sender's details, a text, the complement
items of one KOMPLT."""
PERSONNUMMER_MOST = 20

CARE_SUBJECTS = frozenset({Subject.AVSTMN, Subject.KONTKT, Subject.OVRIGT})
"""§6: care may start only these."""


class ComplementItem(BaseModel):
    """One thing to complement: the certificate's question id, its instance, what is asked."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    question_id: str = Field(min_length=1, max_length=MESSAGE_ID_MOST, alias="questionId")
    instance: int | None = Field(default=None, ge=0, le=ITEMS_MOST)
    text: str = Field(default="", max_length=TEXT_MOST)


class IncomingMessage(BaseModel):
    """A message from a recipient's system: a question, an answer to care's question
    (``answers``) or a reminder (subject PAMINN, ``reminds``)."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    message_id: str = Field(min_length=1, max_length=MESSAGE_ID_MOST, alias="messageId")
    reference_id: str | None = Field(default=None, max_length=MESSAGE_ID_MOST,
                                     alias="referenceId")
    sent_at: datetime = Field(alias="sentAt")
    certificate_id: UUID = Field(alias="certificateId")
    personnummer: str = Field(max_length=PERSONNUMMER_MOST)
    subject: Subject
    heading: str | None = Field(default=None, max_length=HEADING_MOST)
    text: str = Field(min_length=1, max_length=TEXT_MOST)
    sender: str = Field(default="", max_length=HEADING_MOST)
    contact_info: str | None = Field(default=None, max_length=HEADING_MOST, alias="contactInfo")
    complement_items: tuple[ComplementItem, ...] = Field(default=(), max_length=ITEMS_MOST,
                                                         alias="complementItems")
    last_answer_date: date | None = Field(default=None, alias="lastAnswerDate")
    answers: str | None = Field(default=None, max_length=MESSAGE_ID_MOST,
                                description="message id of the question answered")
    reminds: str | None = Field(default=None, max_length=MESSAGE_ID_MOST,
                                description="message id of the question reminded")

    @model_validator(mode="after")
    def _consistent(self) -> IncomingMessage:
        if self.complement_items and self.subject is not Subject.KOMPLT:
            raise ComplementItemsOnlyWithKompltError(
                "Complement items come only with a KOMPLT question.")
        if (self.subject is Subject.PAMINN) != (self.reminds is not None):
            raise MessageLinksError("A PAMINN names the question it reminds of (reminds); "
                                    "no other message has reminds.")
        if self.answers is not None and self.subject is Subject.PAMINN:
            raise MessageLinksError("A reminder cannot be an answer.")
        return self

    @property
    def kind(self) -> str:
        if self.subject is Subject.PAMINN:
            return "reminder"
        return "answer" if self.answers else "question"
