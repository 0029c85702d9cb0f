"""One meaning per event: ``domain.questions.fold`` gives the same questions from the
Conversation's domain events as from the published wire messages (the read models' input), and
that is the aggregate's own state (DOMAIN.md §6)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from commands.history import event_name, history_line
from domain.questions import fold
from domain.questions.conversation import Conversation
from domain.questions.messages import Subject
from projections.conversation_fold import apply_conversation
from streams.schemas import parse_wire, to_wire
from tests.factories.questions import NOW, conversation, incoming


def ask(conv: Conversation, message_id: str, subject: Subject = Subject.KONTKT) -> None:
    conv.send_question(message_id=message_id, subject=subject, heading=None, text="?", by="D",
                       now=NOW)


def handled_then_answered(conv: Conversation) -> None:
    """§6: an answer from the recipient -> ANSWERED, also after care marked it handled."""
    ask(conv, "c1")
    conv.mark_handled("c1", by="D", now=NOW)
    conv.receive(incoming("a1", subject="KONTKT", answers="c1"))


def answered_handled_reopened(conv: Conversation) -> None:
    """§6: an answered question of care's own can be marked handled and re-opened."""
    ask(conv, "c1")
    conv.receive(incoming("a1", subject="KONTKT", answers="c1"))
    conv.mark_handled("c1", by="D", now=NOW)
    conv.reopen("c1", by="D", now=NOW)


def received_reminded_answered(conv: Conversation) -> None:
    """§6: received -> PENDING_INTERNAL_ACTION, a reminder flags it, care's answer closes it."""
    conv.receive(incoming("q1", subject="OVRIGT"))
    conv.receive(incoming("p1", subject="PAMINN", reminds="q1"))
    conv.send_answer(question_id="q1", message_id="s1", text="Svar", by="D", now=NOW)


def cannot_complement(conv: Conversation) -> None:
    """§6: one "cannot complement" answer goes to every open KOMPLT question."""
    conv.receive(incoming("q1"))
    conv.receive(incoming("q2"))
    conv.receive(incoming("q3", subject="AVSTMN"))
    conv.answer_cannot_complement(message_id="s1", text="Nej", by="D", now=NOW)


def complemented_then_revoked(conv: Conversation) -> None:
    """§5: a signed complement closes KOMPLT; its revocation re-opens them; a revoke of the
    certificate closes every open question."""
    complement = uuid.uuid4()
    conv.receive(incoming("q1"))
    conv.receive(incoming("q2", subject="OVRIGT"))
    conv.mark_handled("q2", by="D", now=NOW)
    conv.close_by_complement(complement, NOW)
    conv.reopen_after_complement_revoked(complement, NOW)
    ask(conv, "c1")
    conv.close_on_revocation(NOW)


STORIES: list[Callable[[Conversation], None]] = [
    handled_then_answered, answered_handled_reopened, received_reminded_answered,
    cannot_complement, complemented_then_revoked,
]


def told(story: Callable[[Conversation], None]) -> tuple[Conversation, list[Any]]:
    conv = conversation()
    story(conv)
    return conv, conv.collect_events()


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
def test_fold_of_domain_events_is_the_aggregates_questions_when_story_is_told(story):
    conv, events = told(story)
    questions: fold.Questions = {}
    for e in events:
        questions = fold.apply(questions, event_name(e), {
            f.name: getattr(e, f.name) for f in dataclasses.fields(e)})
    assert questions == conv.questions


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
def test_fold_of_wire_messages_is_the_aggregates_questions_when_story_is_told(story):
    conv, events = told(story)
    questions: fold.Questions = {}
    doc: dict[str, Any] = {}
    for e in events:
        message: Any = parse_wire(to_wire(history_line(e)))
        questions = fold.apply(questions, message.event, message.data.model_dump())
        apply_conversation(doc, message.event, message.data)
    assert questions == conv.questions
    assert doc["questions"] == conv.questions  # the read models' document


def test_an_answer_to_a_handled_question_is_answered_and_not_handled_in_every_fold():
    """§6: an answer from the recipient -> ANSWERED; it needs care's eyes again, so the
    question is no longer marked handled (the drift between aggregate and read model)."""
    conv, events = told(handled_then_answered)
    doc: dict[str, Any] = {}
    for e in events:
        message: Any = parse_wire(to_wire(history_line(e)))
        apply_conversation(doc, message.event, message.data)
    for question in (conv.questions["c1"], doc["questions"]["c1"]):
        assert (question["state"], question["handled"]) == ("ANSWERED", False)
        assert question["answer"]["text"] == "Fråga"


def test_fold_leaves_its_input_unchanged_when_an_event_is_applied():
    _conv, events = told(handled_then_answered)
    before: fold.Questions = {}
    for e in events[:-1]:
        before = fold.apply(before, event_name(e), dataclasses.asdict(e))
    snapshot = repr(before)
    fold.apply(before, event_name(events[-1]), dataclasses.asdict(events[-1]))
    assert repr(before) == snapshot
