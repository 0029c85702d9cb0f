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
    assert sorted(document["channels"]["investigations"]["messages"]) == sorted(
        [f"Investigation{e}" for e in INVESTIGATION_EVENTS]
        + [f"Investigation{e}V1" for e in ("UnitAnswered", "RequestRejected", "OrderUpdated")])


def test_the_citizen_and_the_comments_are_sealed_when_an_investigation_step_is_published():
    """Hardening: issue 14 on issue 12's rule, and Hardening item 1 (issue 12 leftovers): the
    comments too, from version 2 of their steps; the contract marks the fields sealed."""
    assert {e: [f.path for f in fields] for e, fields in INVESTIGATION_SEALED_FIELDS.items()} \
        == {"CitizenRecorded": ["personnummer"], "UnitAnswered": ["comment"],
            "RequestRejected": ["comment"], "OrderUpdated": ["comment"]}
    document = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    messages = document["components"]["messages"]
    for name, field in (("InvestigationCitizenRecorded", "personnummer"),
                        ("InvestigationUnitAnswered", "comment"),
                        ("InvestigationRequestRejected", "comment"),
                        ("InvestigationOrderUpdated", "comment")):
        payload = messages[name]["payload"]
        assert payload["properties"]["data"]["properties"][field][
            "x-intyg-protection"] == "sealed", name
    earlier = messages["InvestigationUnitAnsweredV1"]
    assert earlier["name"] == "se.intyg.investigation.UnitAnswered.v1"
    assert "properties" not in earlier["payload"]["properties"]["data"]  # written clear
