"""Questions and answers (DOMAIN.md §6), rule by rule, on the Conversation aggregate; and the
conversation replayed from its stored events."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from eventsourcing.application import Application

from domain.questions.conversation import Conversation, conversation_id
from domain.questions.errors import (
    AlreadyAnsweredError,
    CannotReopenAnsweredError,
    ComplementItemsOnlyWithKompltError,
    KompltNeedsComplementError,
    NoOpenKompltError,
    NotAnswerableError,
    QuestionClosedError,
    QuestionNotFoundError,
    SubjectMismatchError,
    SubjectNotForCareError,
)
from domain.questions.messages import QuestionState, Subject
from tests.factories.questions import CERT, NOW, conversation, incoming


def state(conv: Conversation, question_id: str) -> QuestionState:
    return QuestionState(conv.questions[question_id]["state"])


def test_conversation_id_is_derived_from_the_certificate():
    assert conversation().id == conversation_id(CERT)


def test_received_question_waits_for_care_action():
    conv = conversation()
    assert conv.receive(incoming("q1", lastAnswerDate=date(2026, 12, 12)))
    assert state(conv, "q1") is QuestionState.PENDING_INTERNAL_ACTION
    assert conv.questions["q1"]["complement_items"] == [
        {"questionId": "1", "instance": None, "text": "Förtydliga"}]


def test_duplicate_message_id_is_ignored():
    conv = conversation()
    assert conv.receive(incoming("q1"))
    pending = len(list(conv.collect_events()))
    assert conv.receive(incoming("q1", text="Igen")) is False
    assert list(conv.collect_events()) == []
    assert pending == 2 and conv.questions["q1"]["text"] == "Fråga"


def test_complement_items_only_with_komplt():
    with pytest.raises(ComplementItemsOnlyWithKompltError):
        incoming("q1", subject="KONTKT", complementItems=[{"questionId": "1", "text": "x"}])


def test_reminder_must_reference_an_existing_question():
    conv = conversation()
    with pytest.raises(QuestionNotFoundError):
        conv.receive(incoming("p1", subject="PAMINN", reminds="nope"))


def test_reminder_flags_the_question_and_updates_its_latest_event():
    conv = conversation()
    conv.receive(incoming("q1"))
    later = datetime(2026, 12, 1, tzinfo=UTC)
    conv.receive(incoming("p1", subject="PAMINN", reminds="q1", sentAt=later))
    assert conv.questions["q1"]["reminders"] == 1
    assert conv.questions["q1"]["latest_event_at"] == later.isoformat()  # plain JSON values


def test_a_reminder_cannot_be_answered():
    conv = conversation()
    conv.receive(incoming("q1", subject="OVRIGT"))
    conv.receive(incoming("p1", subject="PAMINN", reminds="q1"))
    with pytest.raises(QuestionNotFoundError):
        conv.send_answer(question_id="p1", message_id="a1", text="Svar", by="D", now=NOW)


@pytest.mark.parametrize("subject", ["AVSTMN", "KONTKT", "OVRIGT"])
def test_care_may_start_avstmn_kontkt_or_ovrigt(subject):
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject(subject), heading=None, text="Hej",
                       by="D", now=NOW)
    assert state(conv, "c1") is QuestionState.PENDING_EXTERNAL_ACTION


@pytest.mark.parametrize("subject", ["KOMPLT", "PAMINN"])
def test_care_may_not_start_komplt_or_paminn(subject):
    with pytest.raises(SubjectNotForCareError):
        conversation().send_question(message_id="c1", subject=Subject(subject), heading=None,
                                     text="Hej", by="D", now=NOW)


def test_answer_from_the_recipient_makes_the_question_answered():
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject.KONTKT, heading=None, text="?",
                       by="D", now=NOW)
    conv.receive(incoming("a1", subject="KONTKT", answers="c1"))
    assert state(conv, "c1") is QuestionState.ANSWERED


def test_a_second_answer_to_the_same_question_is_refused():
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject.KONTKT, heading=None, text="?",
                       by="D", now=NOW)
    conv.receive(incoming("a1", subject="KONTKT", answers="c1"))
    with pytest.raises(AlreadyAnsweredError):
        conv.receive(incoming("a2", subject="KONTKT", answers="c1"))


def test_an_answer_has_the_subject_of_its_question():
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject.KONTKT, heading=None, text="?",
                       by="D", now=NOW)
    with pytest.raises(SubjectMismatchError):
        conv.receive(incoming("a1", subject="OVRIGT", answers="c1"))


def test_an_answer_from_care_closes_the_question():
    conv = conversation()
    conv.receive(incoming("q1", subject="AVSTMN"))
    conv.send_answer(question_id="q1", message_id="a1", text="Ja", by="D", now=NOW)
    assert state(conv, "q1") is QuestionState.CLOSED
    with pytest.raises(AlreadyAnsweredError):
        conv.send_answer(question_id="q1", message_id="a2", text="Igen", by="D", now=NOW)


def test_care_does_not_answer_its_own_question():
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject.KONTKT, heading=None, text="?",
                       by="D", now=NOW)
    with pytest.raises(NotAnswerableError):
        conv.send_answer(question_id="c1", message_id="a1", text="Ja", by="D", now=NOW)


def test_komplt_cannot_get_a_plain_answer():
    conv = conversation()
    conv.receive(incoming("q1"))
    with pytest.raises(KompltNeedsComplementError):
        conv.send_answer(question_id="q1", message_id="a1", text="Nej", by="D", now=NOW)


def test_cannot_complement_answer_goes_to_every_open_komplt():
    conv = conversation()
    conv.receive(incoming("q1"))
    conv.receive(incoming("q2"))
    conv.receive(incoming("q3", subject="OVRIGT"))
    assert conv.answer_cannot_complement(message_id="a1", text="Kan ej", by="D",
                                         now=NOW) == ["q1", "q2"]
    assert [state(conv, q) for q in ("q1", "q2", "q3")] == [
        QuestionState.CLOSED, QuestionState.CLOSED, QuestionState.PENDING_INTERNAL_ACTION]
    with pytest.raises(NoOpenKompltError):
        conv.answer_cannot_complement(message_id="a2", text="Igen", by="D", now=NOW)


def test_signed_complement_closes_the_komplt_questions():
    conv = conversation()
    conv.receive(incoming("q1"))
    conv.receive(incoming("q2", subject="KONTKT"))
    child = uuid.uuid4()
    assert conv.close_by_complement(child, NOW) == ["q1"]
    assert state(conv, "q1") is QuestionState.CLOSED
    assert state(conv, "q2") is QuestionState.PENDING_INTERNAL_ACTION


def test_revoking_the_latest_complement_reopens_the_komplt_questions():
    conv = conversation()
    conv.receive(incoming("q1"))
    child = uuid.uuid4()
    conv.close_by_complement(child, NOW)
    assert conv.reopen_after_complement_revoked(child, NOW) == ["q1"]
    assert state(conv, "q1") is QuestionState.PENDING_INTERNAL_ACTION


def test_revocation_closes_every_open_question():
    conv = conversation()
    conv.receive(incoming("q1"))
    conv.send_question(message_id="c1", subject=Subject.OVRIGT, heading=None, text="?",
                       by="D", now=NOW)
    assert conv.close_on_revocation(NOW) == ["q1", "c1"]
    assert {state(conv, q) for q in ("q1", "c1")} == {QuestionState.CLOSED}


def test_open_question_is_marked_handled_and_reopened():
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject.OVRIGT, heading=None, text="?",
                       by="D", now=NOW)
    conv.receive(incoming("a1", subject="OVRIGT", answers="c1"))
    conv.mark_handled("c1", by="D", now=NOW)
    assert state(conv, "c1") is QuestionState.CLOSED
    with pytest.raises(QuestionClosedError):
        conv.mark_handled("c1", by="D", now=NOW)
    conv.reopen("c1", by="D", now=NOW)
    assert state(conv, "c1") is QuestionState.ANSWERED


def test_answered_question_from_the_recipient_cannot_be_reopened():
    conv = conversation()
    conv.receive(incoming("q1", subject="AVSTMN"))
    conv.send_answer(question_id="q1", message_id="a1", text="Ja", by="D", now=NOW)
    with pytest.raises(CannotReopenAnsweredError):
        conv.reopen("q1", by="D", now=NOW)
    with pytest.raises(QuestionClosedError):
        conv.mark_handled("q1", by="D", now=NOW)


def test_the_conversation_replays_identically_from_its_events():
    app = Application[uuid.UUID]()
    conv = conversation()
    conv.receive(incoming("q1", lastAnswerDate=date(2026, 12, 12)))
    conv.receive(incoming("p1", subject="PAMINN", reminds="q1"))
    conv.send_question(message_id="c1", subject=Subject.OVRIGT, heading="Rubrik", text="?",
                       by="D", now=NOW)
    conv.receive(incoming("a1", subject="OVRIGT", answers="c1"))
    conv.close_by_complement(uuid.uuid4(), NOW)
    app.save(conv)
    again: Conversation = app.repository.get(conv.id)
    assert again.questions == conv.questions
    assert again.message_ids == conv.message_ids
    assert again.version == conv.version


def test_an_answer_to_a_question_marked_handled_opens_it_as_answered():
    conv = conversation()
    conv.send_question(message_id="c1", subject=Subject.KONTKT, heading=None, text="?",
                       by="D", now=NOW)
    conv.mark_handled("c1", by="D", now=NOW)
    conv.receive(incoming("a1", subject="KONTKT", answers="c1"))
    assert state(conv, "c1") is QuestionState.ANSWERED
    assert conv.questions["c1"]["handled"] is False
    conv.mark_handled("c1", by="D", now=NOW)
    conv.reopen("c1", by="D", now=NOW)
    assert state(conv, "c1") is QuestionState.ANSWERED  # the answer is not lost


def test_care_cannot_reuse_a_message_id_the_conversation_has_seen():
    from domain.questions.errors import DuplicateMessageIdError

    conv = conversation()
    conv.receive(incoming("q1", subject="OVRIGT"))
    with pytest.raises(DuplicateMessageIdError):
        conv.send_question(message_id="q1", subject=Subject.KONTKT, heading=None, text="?",
                           by="D", now=NOW)
    assert conv.questions["q1"]["from_recipient"] is True


@pytest.mark.parametrize(("subject", "fields"), [("OVRIGT", {"reminds": "q1"}),
                                                 ("PAMINN", {}),
                                                 ("PAMINN", {"reminds": "q1", "answers": "q1"})])
def test_reminds_belongs_to_a_paminn_and_a_paminn_needs_it(subject, fields):
    from domain.questions.errors import MessageLinksError

    with pytest.raises(MessageLinksError):
        incoming("m1", subject=subject, **fields)
