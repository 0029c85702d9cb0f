"""The published contract says what a consumer needs (issue 12 item 4): each schema accepts its
own event only, personal data is marked, the codes are listed, and what the AsyncAPI document
says of ce_id is how the relay makes it."""

from __future__ import annotations

import copy
import json
import re
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from streams.asyncapi import HEADERS
from streams.contract import json_schemas, schema_file
from streams.relay import event_id
from streams.schemas import MESSAGES, parse_wire, version_of
from streams.wire_types import CLASSIFICATION, HEALTH_DATA, PATIENT_IDENTITY, PROTECTION

GOLDEN_DIR = Path(__file__).parents[2] / "golden"


def golden(event: str, version: int | None = None) -> dict[str, Any]:
    """The golden message of an event, at its current version unless one is named."""
    name = f"{event}.v{version or version_of(event)}.json"
    loaded: dict[str, Any] = json.loads((GOLDEN_DIR / name).read_text())
    return loaded


def committed(event: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_file(event).read_text())
    return loaded


@pytest.mark.parametrize("field,wrong", [("event", "Nonsense"),
                                         ("type", "se.intyg.certificate.Nonsense.v1"),
                                         ("schema_version", 2)])
def test_a_message_is_refused_when_its_pinned_field_names_another_event(field, wrong):
    message = golden("CertificateSent") | {field: wrong}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(message, committed("CertificateSent"))
    with pytest.raises(ValueError):
        MESSAGES["CertificateSent"].model_validate(message)


def test_no_schema_accepts_a_golden_of_another_event():
    """A message validates against exactly one schema: its own."""
    for event in MESSAGES:
        fits = [other for other in MESSAGES
                if jsonschema.Draft202012Validator(committed(other)).is_valid(golden(event))]
        assert fits == [event]


def test_a_code_outside_its_list_is_refused_by_the_schema_but_read_by_the_runtime():
    """Codes are enums in the contract; the relay and readers keep a new code readable."""
    message = golden("CertificateSent")
    message["data"]["recipient"] = "NOSUCH"
    with pytest.raises(jsonschema.ValidationError, match="NOSUCH"):
        jsonschema.validate(message, committed("CertificateSent"))
    assert parse_wire(message).event == "CertificateSent"


def _marked(schema: dict[str, Any], protection: str = "clear") -> dict[str, str]:
    """Every property path that carries a classification and travels as ``protection``,
    with its class."""
    found: dict[str, str] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if CLASSIFICATION in node and node[PROTECTION] == protection:
                found[path] = node[CLASSIFICATION]
            for key, inner in node.items():
                walk(inner, f"{path}/{key}")
        elif isinstance(node, list):
            for inner in node:
                walk(inner, path)

    walk(schema, "")
    return found


def test_patient_identity_and_free_text_are_marked_sealed_when_a_message_carries_them():
    """Marked as personal data, and travelling sealed (docs/sealing.md)."""
    created = _marked(committed("DraftCreated"), "sealed")
    assert created["/$defs/PatientWithFacts"] == PATIENT_IDENTITY
    assert created["/$defs/PatientWithFacts/properties/personnummer"] == PATIENT_IDENTITY
    assert created["/$defs/PatientWithFacts/properties/name/anyOf"] == PATIENT_IDENTITY
    assert _marked(committed("DraftCreated"), "sealed-per-answer")[
        "/$defs/DraftCreatedData/properties/content"] == HEALTH_DATA
    whole = _marked(json.loads(schema_file("DraftCreated", 2).read_text()), "sealed")
    assert whole["/$defs/DraftCreatedData/properties/content"] == HEALTH_DATA
    question = _marked(committed("QuestionReceived"), "sealed")
    assert question["/$defs/QuestionReceivedData/properties/text"] == HEALTH_DATA
    assert question["/$defs/QuestionReceivedData/properties/complement_items"] == HEALTH_DATA
    assert _marked(committed("CertificateRevoked"), "sealed")[
        "/$defs/CertificateRevokedData/properties/text"] == HEALTH_DATA
    before = _marked(json.loads(schema_file("DraftCreated", 1).read_text()))
    assert before["/$defs/Patient/properties/personnummer"] == PATIENT_IDENTITY
    assert not any(v in (PATIENT_IDENTITY, HEALTH_DATA)
                   for v in _marked(committed("CertificateArchived")).values())


def test_every_schema_names_its_dialect_and_its_own_id():
    ids = [schema["$id"] for schema in json_schemas().values()]
    assert len(set(ids)) == len(MESSAGES)
    assert all(s["$schema"].endswith("2020-12/schema") for s in json_schemas().values())


def test_ce_id_is_made_as_the_contract_says_when_a_conversation_shares_the_key():
    """The header's documented derivation, namespace included, is the relay's."""
    namespace = re.search(r"namespace ([0-9a-f-]{36})", HEADERS["ce_id"]["description"])
    assert namespace is not None
    message = golden("QuestionReceived")
    documented = uuid.uuid5(uuid.UUID(namespace[1]), f"{message['id']}:{message['version']}")
    assert event_id(message["id"], message["version"]) == str(documented)
    assert message["id"] != message["data"]["certificate_id"]  # its own aggregate, not the key


def test_a_golden_with_an_added_field_in_a_typed_object_still_fits():
    """Evolution: objects may gain fields; readers ignore them."""
    message = copy.deepcopy(golden("DraftCreated"))
    message["data"]["patient"]["middle_name"] = "x"
    message["data"]["care_unit"]["email"] = "x"
    jsonschema.validate(message, committed("DraftCreated"))


def test_a_reader_gets_the_messages_own_objects_when_they_are_typed_in_the_contract():
    """Typed in the schema, checked when read, but handed on as the message's JSON (the
    views store it as it is): nothing added, nothing dropped."""
    message = copy.deepcopy(golden("DraftCreated", 1))
    message["data"]["patient"]["middle_name"] = "x"
    data = parse_wire(message).model_dump()["data"]
    assert data["patient"] == message["data"]["patient"]
    assert data["author"] == message["data"]["author"]
    del message["data"]["patient"]["personnummer"]
    with pytest.raises(ValueError, match="personnummer") as refused:
        parse_wire(message)
    assert message["data"]["patient"]["name"] not in str(refused.value)  # no patient data
