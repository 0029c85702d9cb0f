"""The investigations topic's contract (issue 14: every FMU step on Kafka): one message type
per event of the Investigation aggregate, pinned, the citizen's personnummer the one sealed
field."""

from __future__ import annotations

import json

from domain.orders.fmu.investigation import Investigation
from domain.topics import topics_of
from streams.contract import CONTRACT_DIR
from streams.investigations import INVESTIGATION_EVENTS
from streams.published import INVESTIGATION_TOPICS
from streams.sealing.fields import INVESTIGATION_SEALED_FIELDS


def test_every_investigation_event_has_a_message_type_when_the_contract_is_built():
    """Hardening: issue 14. A new step of the aggregate without its message fails here."""
    events = [name for name, value in vars(Investigation).items()
              if isinstance(value, type) and issubclass(value, Investigation.Event)
              and name not in ("Event", "Created")]
    assert sorted(INVESTIGATION_EVENTS) == sorted(events)
    assert frozenset(topics_of(Investigation)) == INVESTIGATION_TOPICS
    document = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    assert sorted(document["channels"]["investigations"]["messages"]) == \
        sorted(f"Investigation{e}" for e in INVESTIGATION_EVENTS)


def test_only_the_citizen_is_sealed_when_an_investigation_step_is_published():
    """Hardening: issue 14 on issue 12's rule; the contract marks the field sealed."""
    assert {e: [f.path for f in fields] for e, fields in INVESTIGATION_SEALED_FIELDS.items()} \
        == {"CitizenRecorded": ["personnummer"]}
    document = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    payload = document["components"]["messages"]["InvestigationCitizenRecorded"]["payload"]
    assert payload["properties"]["data"]["properties"]["personnummer"][
        "x-intyg-protection"] == "sealed"
