"""What each conversation event means for the questions (DOMAIN.md §6), written once.

``apply(questions, event, data)`` returns the questions after one event, where ``data`` holds the
event's fields by name: the keyword arguments of the Conversation's event method, or the data of
the published wire message (whose fields are the event's fields). The aggregate and every read
model call this one function, so the two cannot drift. Pure: no clock, no ids, no I/O; the input
is not changed. The result holds plain JSON values (states as their names, times as ISO text).

A question is a dict: id, subject, heading, text, from_recipient, state, sent_at, latest_event_at,
complement_items, last_answer_date, reminders, answer ({message_id, text, at} or None), handled,
closed_by (the complement that closed a KOMPLT) and, while marked handled, state_before_handled.
A target the questions do not hold is skipped (a view may keep messages only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from domain.questions.messages import QuestionState

Question = dict[str, Any]
Questions = dict[str, Question]
Data = Mapping[str, Any]

PENDING_INTERNAL = QuestionState.PENDING_INTERNAL_ACTION.value
PENDING_EXTERNAL = QuestionState.PENDING_EXTERNAL_ACTION.value
ANSWERED = QuestionState.ANSWERED.value
CLOSED = QuestionState.CLOSED.value
OPEN_STATES = frozenset({PENDING_INTERNAL, PENDING_EXTERNAL, ANSWERED})


def apply(questions: Questions, event: str, data: Data) -> Questions:
    """The questions after ``event``; an event that does not touch questions changes nothing."""
    meaning = _MEANINGS.get(event)
    if meaning is None:
        return questions
    changed = {qid: dict(question) for qid, question in questions.items()}
    meaning(changed, data)
    return changed


def iso(value: Any) -> Any:
    """A time as ISO text (wire and domain both hand in datetimes; a stored doc holds text)."""
    return value.isoformat() if isinstance(value, datetime) else value


def _received(questions: Questions, data: Data) -> None:
    """§6: a received question waits for care (PENDING_INTERNAL_ACTION)."""
    _new(questions, data, from_recipient=True, state=PENDING_INTERNAL,
         complement_items=list(data["complement_items"]),
         last_answer_date=data["last_answer_date"])


def _sent(questions: Questions, data: Data) -> None:
    """§6: care's question waits for the recipient (PENDING_EXTERNAL_ACTION)."""
    _new(questions, data, from_recipient=False, state=PENDING_EXTERNAL, complement_items=[],
         last_answer_date=None)


def _new(questions: Questions, data: Data, *, from_recipient: bool, state: str,
         complement_items: list[Any], last_answer_date: str | None) -> None:
    at = iso(data["sent_at"])
    questions[data["message_id"]] = {
        "id": data["message_id"], "subject": str(data["subject"]), "heading": data["heading"],
        "text": data["text"], "from_recipient": from_recipient, "state": state,
        "sent_at": at, "latest_event_at": at, "complement_items": complement_items,
        "last_answer_date": last_answer_date, "reminders": 0, "answer": None,
        "handled": False, "closed_by": None,
    }


def _answer_received(questions: Questions, data: Data) -> None:
    """§6: an answer from the recipient -> ANSWERED. A question marked handled (closed) opens
    again as answered: it is no longer handled, care must read the answer."""
    for question in _targets(questions, [data["question_id"]]):
        question["handled"] = False
        question.pop("state_before_handled", None)
        _answer(question, data, ANSWERED)


def _answers_sent(questions: Questions, data: Data) -> None:
    """§6: an answer from care (also "cannot complement" to every open KOMPLT) closes."""
    targets = data["question_ids"] if "question_ids" in data else [data["question_id"]]
    for question in _targets(questions, targets):
        _answer(question, data, CLOSED)


def _answer(question: Question, data: Data, state: str) -> None:
    at = iso(data["sent_at"])
    question["answer"] = {"message_id": data["message_id"], "text": data["text"], "at": at}
    _set(question, state, at)


def _reminder(questions: Questions, data: Data) -> None:
    """§6: a reminder updates the question's latest event and flags it."""
    for question in _targets(questions, [data["question_id"]]):
        question["reminders"] += 1
        question["latest_event_at"] = iso(data["sent_at"])


def _closed_by_complement(questions: Questions, data: Data) -> None:
    """§5: a signed complementing child closes the parent's open KOMPLT questions."""
    for question in _targets(questions, data["question_ids"]):
        _set(question, CLOSED, iso(data["at"]))
        question["closed_by"] = str(data["complement_id"])


def _closed_by_revocation(questions: Questions, data: Data) -> None:
    """§5: a revoke closes every open question."""
    for question in _targets(questions, data["question_ids"]):
        _set(question, CLOSED, iso(data["at"]))


def _komplt_reopened(questions: Questions, data: Data) -> None:
    """§5: revoking the latest complement re-opens the KOMPLT questions it closed."""
    for question in _targets(questions, data["question_ids"]):
        question["closed_by"] = None
        _set(question, PENDING_INTERNAL, iso(data["at"]))


def _handled(questions: Questions, data: Data) -> None:
    """§6: marked handled = closed, remembering the state to re-open to."""
    for question in _targets(questions, [data["question_id"]]):
        question["state_before_handled"] = question["state"]
        question["handled"] = True
        _set(question, CLOSED, iso(data["at"]))


def _reopened(questions: Questions, data: Data) -> None:
    """§6: re-opened: back to the state it had before it was marked handled."""
    for question in _targets(questions, [data["question_id"]]):
        question["handled"] = False
        _set(question, question.pop("state_before_handled"), iso(data["at"]))


def _set(question: Question, state: str, at: str) -> None:
    question["state"] = state
    question["latest_event_at"] = at


def _targets(questions: Questions, ids: list[str]) -> list[Question]:
    return [questions[qid] for qid in ids if qid in questions]


_MEANINGS: dict[str, Callable[[Questions, Data], None]] = {
    "QuestionReceived": _received,
    "QuestionSent": _sent,
    "AnswerReceived": _answer_received,
    "AnswerSent": _answers_sent,
    "CannotComplementAnswered": _answers_sent,
    "ReminderReceived": _reminder,
    "KompltClosedByComplement": _closed_by_complement,
    "QuestionsClosedByRevocation": _closed_by_revocation,
    "KompltReopened": _komplt_reopened,
    "QuestionHandled": _handled,
    "QuestionReopened": _reopened,
}
QUESTION_EVENTS = frozenset(_MEANINGS)
"""The conversation events that change questions (ConversationStarted starts none)."""
