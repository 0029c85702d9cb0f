"""The conversation about a certificate, as the read models keep it in the certificate's
document: the questions (folded by the domain's own ``domain.questions.fold``, never here), the
list of messages the statistics count, and the open counts Rehabstöd lists."""

from __future__ import annotations

from typing import Any

from domain.questions import fold
from domain.questions.messages import Subject

Doc = dict[str, Any]
CONVERSATION_EVENTS = frozenset({"ConversationStarted", *fold.QUESTION_EVENTS})


def apply_conversation(doc: Doc, event: str, data: Any) -> None:
    """Fold one wire message of the conversation into ``doc`` (its data fields are the event's
    fields, so the domain's fold reads them as they are)."""
    fields = data.model_dump()
    before: dict[str, Any] = doc.get("questions") or {}
    questions = fold.apply(before, event, fields)
    messages: list[dict[str, Any]] = list(doc.get("messages") or [])
    if "message_id" in fields:
        messages.append(_message(fields, _subject(event, fields, before)))
    doc["questions"], doc["messages"] = questions, messages
    received_open = [q for q in questions.values()
                     if q["from_recipient"] and q["state"] == fold.PENDING_INTERNAL]
    doc["open_komplt"] = sum(1 for q in received_open if q["subject"] == Subject.KOMPLT)
    doc["open_other"] = len(received_open) - doc["open_komplt"]


def _message(fields: dict[str, Any], subject: str) -> dict[str, Any]:
    return {"id": fields["message_id"], "subject": subject,
            "sent": fields["sent_at"].date().isoformat()}


def _subject(event: str, fields: dict[str, Any], questions: dict[str, Any]) -> str:
    """A message's subject: its own, or for an answer its question's (KOMPLT for "cannot
    complement"), PAMINN for a reminder."""
    if event == "ReminderReceived":
        return Subject.PAMINN.value
    if "subject" in fields:
        return str(fields["subject"])
    targets = fields.get("question_ids") or [fields.get("question_id")]
    known = [questions[t]["subject"] for t in targets if t in questions]
    return str(known[-1]) if known else Subject.KOMPLT.value
