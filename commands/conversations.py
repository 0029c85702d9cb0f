"""Loading a certificate's conversation (its questions and answers), if it has one."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository

from domain.questions.conversation import Conversation, conversation_id

ConversationOf = Callable[[UUID], Conversation | None]


def load_conversation(repository: Repository[UUID], certificate_id: UUID) -> Conversation | None:
    try:
        found: Conversation = repository.get(conversation_id(certificate_id))
    except AggregateNotFoundError:
        return None
    return found
