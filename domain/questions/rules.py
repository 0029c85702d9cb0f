"""The rules of questions and answers (DOMAIN.md §6): what the certificate must be for a message
to be taken at all, and the guards the conversation runs before each event."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from domain.questions.errors import (
    AlreadyAnsweredError,
    CannotReopenAnsweredError,
    CertificateNotOpenForQuestionsError,
    DuplicateMessageIdError,
    KompltNeedsComplementError,
    NoOpenKompltError,
    NotAnswerableError,
    PatientMismatchError,
    QuestionClosedError,
    QuestionNotFoundError,
    QuestionsNotForTypeError,
    SubjectMismatchError,
    SubjectNotForCareError,
    UnknownSenderError,
)
from domain.questions.messages import QuestionState, Subject
from domain.shared.catalogue import RECIPIENTS, RecipientKind, certificate_type


def check_certificate_open(type_id: str, signed: bool, revoked: bool) -> None:
    """§6: only the types with questions, only signed and not revoked certificates."""
    if not certificate_type(type_id).has_questions:
        raise QuestionsNotForTypeError(
            f"Certificates of type {type_id!r} have no questions and answers; only lisjp, "
            "luse, luae_na and luae_fs do.")
    if not signed:
        raise CertificateNotOpenForQuestionsError("The certificate is not signed.")
    if revoked:
        raise CertificateNotOpenForQuestionsError("The certificate is revoked.")


def check_incoming(type_id: str, certificate_patient: str, message_patient: str,
                   sender: str) -> None:
    """§6: the sender is a known recipient that takes the type; the patient matches."""
    found = RECIPIENTS.get(sender)
    if found is None or found.kind is not RecipientKind.AUTHORITY or type_id not in found.takes:
        raise UnknownSenderError(f"{sender!r} is not a recipient of {type_id} certificates.")
    if certificate_patient != message_patient:
        raise PatientMismatchError("The message's patient is not the certificate's patient.")


class QuestionRules:
    """Guards of the Conversation aggregate; each raises a named error or returns."""

    questions: dict[str, dict[str, Any]]

    def question(self, question_id: str | None) -> dict[str, Any]:
        found = self.questions.get(question_id or "")
        if found is None:
            raise QuestionNotFoundError(f"No question {question_id!r} on this certificate.")
        return found

    def open_komplt(self) -> list[str]:
        return [qid for qid, q in self.questions.items()
                if q["subject"] == Subject.KOMPLT and q["from_recipient"]
                and q["state"] == QuestionState.PENDING_INTERNAL_ACTION]

    def check_reminder(self, target: str | None) -> str:
        """A PAMINN must remind of a question there is."""
        return str(self.question(target)["id"])

    def check_answer_from_recipient(self, target: str | None, subject: Subject) -> str:
        """The recipient answers a question care sent: once, with the question's subject."""
        question = self.question(target)
        if question["from_recipient"]:
            raise NotAnswerableError("The recipient cannot answer its own question.")
        if question["answer"] is not None:
            raise AlreadyAnsweredError("The question already has its answer.")
        if question["subject"] != subject:
            raise SubjectMismatchError(
                f"An answer has its question's subject ({question['subject']}), not {subject}.")
        return str(question["id"])

    def check_new_message_id(self, message_id: str, taken: Collection[str]) -> None:
        if message_id in taken:
            raise DuplicateMessageIdError(f"Message id {message_id!r} is taken already.")

    def check_care_subject(self, subject: Subject, allowed: Collection[Subject]) -> None:
        if subject not in allowed:
            raise SubjectNotForCareError(
                f"Care may start only {', '.join(sorted(allowed))} questions, not {subject}.")

    def check_care_answer(self, question_id: str) -> None:
        """Care answers a received question, once; a KOMPLT only by complementing or with
        "cannot complement"."""
        question = self.question(question_id)
        if not question["from_recipient"]:
            raise NotAnswerableError("Care answers the recipient's questions, not its own.")
        if question["answer"] is not None:
            raise AlreadyAnsweredError("The question already has its answer.")
        if question["subject"] == Subject.KOMPLT:
            raise KompltNeedsComplementError(
                "A KOMPLT question is answered by a complementing certificate or by a "
                "'cannot complement' answer, not by a plain answer.")
        if question["state"] == QuestionState.CLOSED:
            raise QuestionClosedError("The question is closed.")

    def check_open_komplt(self) -> list[str]:
        targets = self.open_komplt()
        if not targets:
            raise NoOpenKompltError("There is no open KOMPLT question to answer.")
        return targets

    def check_handle(self, question_id: str) -> None:
        if self.question(question_id)["state"] == QuestionState.CLOSED:
            raise QuestionClosedError("The question is closed already.")

    def check_reopen(self, question_id: str) -> None:
        question = self.question(question_id)
        if question["from_recipient"] and question["answer"] is not None:
            raise CannotReopenAnsweredError(
                "The recipient's question was answered; the answer has gone out.")
        if not question["handled"]:
            raise QuestionClosedError("Only a question marked handled can be re-opened.")
