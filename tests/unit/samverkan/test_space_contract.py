"""The spaces topic's contract (issue 15: the space's events on their own topic): one message
type per event of the Space aggregate, pinned, its patient data the sealed fields."""

from __future__ import annotations

import json

from domain.samverkan.space import Space
from domain.topics import topics_of
from streams.contract import CONTRACT_DIR
from streams.published import SPACE_TOPICS
from streams.samverkan import SPACE_EVENTS
from streams.sealing.fields import SPACE_SEALED_FIELDS


def _document() -> dict:
    return json.loads((CONTRACT_DIR / "asyncapi.json").read_text())


def test_every_space_event_has_a_message_type_when_the_contract_is_built():
    """A new event of the aggregate without its message fails here."""
    events = [name for name, value in vars(Space).items()
              if isinstance(value, type) and issubclass(value, Space.Event)
              and name not in ("Event", "Created")]
    assert sorted(SPACE_EVENTS) == sorted(events)
    assert frozenset(topics_of(Space)) == SPACE_TOPICS
    assert sorted(_document()["channels"]["samverkan"]["messages"]) == \
        sorted(f"Samverkan{e}" for e in SPACE_EVENTS)
    assert _document()["channels"]["samverkan"]["address"] == "intyg.samverkan.v1"


def test_the_citizen_periods_and_item_texts_are_sealed_when_a_space_event_is_published():
    """Patient data on the wire is sealed (docs/sealing.md); the contract marks it so."""
    assert {e: [f.path for f in fields] for e, fields in SPACE_SEALED_FIELDS.items()} == {
        "SpaceOpened": ["citizen"], "CertificateLinked": ["periods"],
        "ItemProposed": ["title", "text", "measure"],
        "ContactGiven": ["contact"], "ReplyPosted": ["text"]}
    messages = _document()["components"]["messages"]
    for event, fields in SPACE_SEALED_FIELDS.items():
        data = messages[f"Samverkan{event}"]["payload"]["properties"]["data"]["properties"]
        assert all(data[f.path]["x-intyg-protection"] == "sealed" for f in fields)
