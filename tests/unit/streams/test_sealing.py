"""Patient data sealed on the wire (issue 12, deliverable 1; ARCHITECTURE.md invariant 8): the
declared list of sealed fields, what a reader without the key sees, what a key holder opens,
and what a forgotten patient's fields open to."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from streams.schemas import StillSealedError, parse_wire, to_wire, version_of
from streams.sealing.envelope import UnreadableSealError, new_data_key
from streams.sealing.fields import (
    CONTENT_EVENTS,
    SEALED_FIELDS,
    MissingDataKeyError,
    key_refs,
    open_message,
    seal_message,
)

GOLDEN_DIR = Path(__file__).parents[2] / "golden"
INDEX = os.urandom(32).hex()


def clear(event: str) -> dict[str, Any]:
    """The event's message in clear, as ``to_wire`` makes it before the relay seals it."""
    old = json.loads((GOLDEN_DIR / f"{event}.v1.json").read_text())
    return to_wire({key: old[key] for key in ("id", "version", "event", "at", "data")})


def test_sealed_fields_are_the_declared_list_when_the_contract_is_built():
    """The list is the contract (x-intyg-protection: sealed): a change here is a wire change."""
    assert {event: [f.path for f in fields] for event, fields in SEALED_FIELDS.items()} == {
        "DraftCreated": ["patient.personnummer", "patient.name", "content"],
        "CertificateRegistered": ["patient.personnummer", "patient.name", "content"],
        "DraftEdited": ["content"],
        "CertificateRevoked": ["text"],
        "QuestionReceived": ["heading", "text", "contact_info", "complement_items"],
        "AnswerReceived": ["text"],
        "ReminderReceived": ["text"],
        "QuestionSent": ["heading", "text"],
        "AnswerSent": ["text"],
        "CannotComplementAnswered": ["text"],
    }
    assert all(version_of(event) == (3 if event in CONTENT_EVENTS else 2)
               for event in SEALED_FIELDS)
    assert version_of("CertificateSigned") == 1


def test_a_reader_without_the_key_sees_only_ids_codes_and_dates_when_a_draft_is_sealed():
    message = clear("DraftCreated")
    message["data"]["content"] = clear("DraftEdited")["data"]["content"]
    sealed = json.dumps(seal_message(message, INDEX, new_data_key()), ensure_ascii=False)
    patient = message["data"]["patient"]
    for secret in (patient["personnummer"], patient["name"],
                   message["data"]["content"]["funktionsnedsattning"]):
        assert secret not in sealed
    for visible in (message["id"], message["data"]["type_id"], message["at"],
                    message["data"]["care_unit"]["hsa_id"], INDEX):
        assert visible in sealed


def test_a_sealed_message_opens_to_the_clear_message_when_the_key_is_there():
    key = new_data_key()
    for event in SEALED_FIELDS:
        message = clear(event)
        sealed = seal_message(message, INDEX, key)
        assert sealed != message
        assert key_refs(sealed) == {INDEX}
        assert open_message(sealed, {INDEX: key}) == message
        assert parse_wire(open_message(sealed, {INDEX: key})).event == event


def test_a_forgotten_patients_fields_open_to_their_declared_values_when_the_key_is_destroyed():
    """Crypto-shredding: ids, version, codes and times stay; the sealed fields read as
    forgotten ("" for texts and identity, {} for content, None for optional texts)."""
    message = clear("QuestionReceived")
    opened = open_message(seal_message(message, INDEX, new_data_key()), {INDEX: None})
    data = opened["data"]
    assert (data["text"], data["heading"], data["contact_info"], data["complement_items"]) == \
        ("", None, None, [])
    assert (opened["id"], opened["version"], data["subject"], data["sent_at"]) == \
        (message["id"], message["version"], message["data"]["subject"],
         message["data"]["sent_at"])
    created = clear("DraftCreated")
    forgotten = open_message(seal_message(created, INDEX, new_data_key()), {INDEX: None})
    assert forgotten["data"]["patient"]["personnummer"] == ""
    assert forgotten["data"]["patient"]["name"] == ""
    assert forgotten["data"]["content"] == {}
    assert parse_wire(forgotten).data.model_dump()["type_id"] == created["data"]["type_id"]


def test_a_sealed_value_does_not_open_when_moved_to_another_event():
    """The associated data binds a ciphertext to its event's id, version and field."""
    key = new_data_key()
    first = seal_message(clear("AnswerSent"), INDEX, key)
    moved = copy.deepcopy(first)
    moved["version"] += 1
    with pytest.raises(UnreadableSealError):
        open_message(moved, {INDEX: key})
    with pytest.raises(UnreadableSealError):
        open_message(first, {INDEX: new_data_key()})


def test_a_sealed_value_is_refused_when_its_key_was_never_held():
    with pytest.raises(MissingDataKeyError):
        open_message(seal_message(clear("AnswerSent"), INDEX, new_data_key()), {})


def test_a_reader_refuses_a_message_when_a_field_is_still_sealed():
    """A reader that forgot to open would otherwise take a sealed content for the answers."""
    sealed = seal_message(clear("DraftEdited"), INDEX, new_data_key())
    with pytest.raises(StillSealedError, match="content") as refused:
        parse_wire(sealed)
    assert sealed["data"]["content"]["funktionsnedsattning"]["ciphertext"] not in \
        str(refused.value)


def test_a_null_field_stays_null_when_sealed():
    message = clear("QuestionSent")
    message["data"]["heading"] = None
    assert seal_message(message, INDEX, new_data_key())["data"]["heading"] is None


def test_a_re_sent_message_is_byte_identical_when_sealed_again():
    """A relay crash re-sends its tail (ARCHITECTURE.md invariant 3): the copy must be the
    same bytes, so the nonce is synthetic, and two fields never share one."""
    key, message = new_data_key(), clear("QuestionSent")
    message["data"]["heading"] = message["data"]["text"]
    first = seal_message(message, INDEX, key)
    assert seal_message(copy.deepcopy(message), INDEX, key) == first
    nonces = [first["data"][name]["nonce"] for name in ("heading", "text")]
    other = copy.deepcopy(message)
    other["version"] += 1
    nonces.append(seal_message(other, INDEX, key)["data"]["text"]["nonce"])
    assert len(set(nonces)) == 3


def test_order_sealed_fields_are_the_declared_list_when_the_orders_contract_is_built():
    """Hardening: issue 14 on issue 12's rule: the orders topic seals the citizen and every
    text; the events without patient data stay version 1."""
    from streams.orders import ORDER_EVENTS, order_version
    from streams.sealing.fields import ORDER_SEALED_FIELDS

    assert {event: [f.path for f in fields] for event, fields in ORDER_SEALED_FIELDS.items()} \
        == {"OrderReceived": ["citizen", "purpose", "planned_actions", "case_reference"],
            "OrderAccepted": ["text"], "OrderRejected": ["text"], "OrderDeleted": ["text"],
            "OrderAnswered": ["text"]}
    assert {event: order_version(event) for event in ORDER_EVENTS} == {
        "OrderReceived": 2, "OrderRead": 1, "OrderAccepted": 2, "OrderRejected": 2,
        "OrderDeleted": 2, "OrderDone": 1, "OrderAnswered": 2}
