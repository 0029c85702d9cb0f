"""The conversation about a certificate, as the read models see it: each question's state,
reminders and latest event, folded from the published conversation events into the
certificate's document (``doc["questions"]``), with the counts Rehabstöd lists."""

from __future__ import annotations

from typing import Any

Doc = dict[str, Any]
_OPEN = ("PENDING_INTERNAL_ACTION", "PENDING_EXTERNAL_ACTION", "ANSWERED")


def apply_conversation(doc: Doc, event: str, data: Any) -> None:
    questions: dict[str, Any] = {k: dict(v) for k, v in (doc.get("questions") or {}).items()}
    messages: list[dict[str, Any]] = list(doc.get("messages") or [])
    handler = _HANDLERS.get(event)
    if handler is not None:
        handler(questions, messages, data)
    doc["questions"], doc["messages"] = questions, messages
    received_open = [q for q in questions.values()
                     if q["from_recipient"] and q["state"] == "PENDING_INTERNAL_ACTION"]
    doc["open_komplt"] = sum(1 for q in received_open if q["subject"] == "KOMPLT")
    doc["open_other"] = len(received_open) - doc["open_komplt"]


def _message(messages: list[dict[str, Any]], data: Any, subject: str) -> None:
    messages.append({"id": data.message_id, "subject": subject,
                     "sent": data.sent_at.date().isoformat()})


def _question(questions: dict[str, Any], messages: list[dict[str, Any]], data: Any,
              from_recipient: bool) -> None:
    at = data.sent_at.isoformat()
    questions[data.message_id] = {
        "id": data.message_id, "subject": data.subject, "heading": data.heading,
        "text": data.text, "from_recipient": from_recipient,
        "state": "PENDING_INTERNAL_ACTION" if from_recipient else "PENDING_EXTERNAL_ACTION",
        "sent_at": at, "latest_event_at": at, "reminders": 0,
        "last_answer_date": getattr(data, "last_answer_date", None),
        "complement_items": getattr(data, "complement_items", []), "answer": None,
        "handled": False, "closed_by": None,
    }
    _message(messages, data, data.subject)


def _set(question: dict[str, Any], state: str, at: str) -> None:
    question["state"], question["latest_event_at"] = state, at


def _answer(questions: dict[str, Any], messages: list[dict[str, Any]], data: Any,
            state: str, targets: list[str]) -> None:
    at = data.sent_at.isoformat()
    subject = "KOMPLT" if len(targets) > 1 else None
    for target in _known(questions, targets):
        questions[target]["answer"] = {"message_id": data.message_id, "text": data.text,
                                       "at": at}
        _set(questions[target], state, at)
        subject = questions[target]["subject"]
    _message(messages, data, getattr(data, "subject", None) or subject or "KOMPLT")


def _reminder(questions: dict[str, Any], messages: list[dict[str, Any]], data: Any) -> None:
    for target in _known(questions, [data.question_id]):
        questions[target]["reminders"] += 1
        questions[target]["latest_event_at"] = data.sent_at.isoformat()
    _message(messages, data, "PAMINN")


def _known(questions: dict[str, Any], targets: list[str]) -> list[str]:
    """The targets this document keeps questions for (a view may keep messages only)."""
    return [target for target in targets if target in questions]


def _closed(questions: dict[str, Any], data: Any, *, by: str | None = None) -> None:
    for target in _known(questions, data.question_ids):
        _set(questions[target], "CLOSED", data.at.isoformat())
        if by is not None:
            questions[target]["closed_by"] = by


def _handled(questions: dict[str, Any], data: Any) -> None:
    if data.question_id not in questions:
        return
    question = questions[data.question_id]
    question["state_before_handled"], question["handled"] = question["state"], True
    _set(question, "CLOSED", data.at.isoformat())


def _reopened(questions: dict[str, Any], data: Any) -> None:
    if data.question_id not in questions:
        return
    question = questions[data.question_id]
    question["handled"] = False
    _set(question, question.pop("state_before_handled"), data.at.isoformat())


def _komplt_reopened(questions: dict[str, Any], data: Any) -> None:
    for target in _known(questions, data.question_ids):
        questions[target]["closed_by"] = None
        _set(questions[target], "PENDING_INTERNAL_ACTION", data.at.isoformat())


_HANDLERS: dict[str, Any] = {
    "QuestionReceived": lambda q, m, d: _question(q, m, d, from_recipient=True),
    "QuestionSent": lambda q, m, d: _question(q, m, d, from_recipient=False),
    "AnswerReceived": lambda q, m, d: _answer(q, m, d, "ANSWERED", [d.question_id]),
    "AnswerSent": lambda q, m, d: _answer(q, m, d, "CLOSED", [d.question_id]),
    "CannotComplementAnswered": lambda q, m, d: _answer(q, m, d, "CLOSED", d.question_ids),
    "ReminderReceived": _reminder,
    "KompltClosedByComplement": lambda q, m, d: _closed(q, d, by=str(d.complement_id)),
    "QuestionsClosedByRevocation": lambda q, m, d: _closed(q, d),
    "QuestionHandled": lambda q, m, d: _handled(q, d),
    "QuestionReopened": lambda q, m, d: _reopened(q, d),
    "KompltReopened": lambda q, m, d: _komplt_reopened(q, d),
}
CONVERSATION_EVENTS = frozenset({"ConversationStarted", *_HANDLERS})
