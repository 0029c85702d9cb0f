"""The readers' side of sealing: messages opened with the data keys of the event store's
database before a handler sees them (the project's own views, rebuilds, replay, and
``intyg unseal``). A forgotten patient's fields open to their declared ``forgotten`` value."""

from __future__ import annotations

from typing import Any

from streams.sealing.envelope import UnreadableSealError
from streams.sealing.fields import key_refs, open_message
from streams.sealing.keys import DataKeys

Opened = dict[str, Any] | Exception  # the opened message, or why it could not be read


class Opener:
    def __init__(self, keys: DataKeys) -> None:
        self.keys = keys

    def open_all(self, values: list[Any]) -> list[Opened]:
        """Each message opened, in order, with one key lookup for the batch; a value that is
        no message, or does not open, comes back as its error (the caller dead-letters it)."""
        refs: set[str] = set()
        for value in values:
            try:
                refs |= key_refs(value)
            except (AttributeError, KeyError, TypeError):
                continue  # not a message: parse_wire names its fault
        keys = self.keys.load(refs) if refs else {}
        opened: list[Opened] = []
        for value in values:
            try:
                opened.append(open_message(value, keys) if isinstance(value, dict) else value)
            except (UnreadableSealError, AttributeError, KeyError, TypeError, ValueError) as error:
                opened.append(error)
        return opened
