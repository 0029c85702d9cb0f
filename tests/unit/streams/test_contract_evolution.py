"""The contract may only grow: readers accept fields added later, the writer publishes only
declared fields, and anything outside the contract is refused by name."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from streams.contract import schema_file
from streams.schemas import (
    ContractDriftError,
    UnknownEventError,
    as_history_line,
    parse_wire,
    to_wire,
)

GOLDEN = Path(__file__).parents[2] / "golden" / "CertificateSent.v1.json"


def golden() -> dict[str, Any]:
    message: dict[str, Any] = json.loads(GOLDEN.read_text())
    return message


def test_reader_accepts_a_message_when_a_later_version_added_fields():
    message = golden()
    message["data"]["channel"] = "api"
    message["trace"] = "abc"
    parsed = parse_wire(message)
    assert str(parsed.id) == message["id"]
    jsonschema.validate(message, json.loads(schema_file("CertificateSent").read_text()))


def test_writer_refuses_an_event_when_it_has_a_field_the_contract_lacks():
    line = as_history_line(golden())
    line["data"]["channel"] = "api"
    with pytest.raises(ContractDriftError, match=r"data\.channel"):
        to_wire(line)


def test_writer_refuses_an_event_when_its_type_is_not_in_the_contract():
    line = as_history_line(golden()) | {"event": "CertificatePrinted"}
    with pytest.raises(UnknownEventError):
        to_wire(line)


def test_reader_refuses_a_message_when_a_declared_field_is_missing():
    message = copy.deepcopy(golden())
    del message["data"]["recipient"]
    with pytest.raises(ValueError, match="recipient"):
        parse_wire(message)


def test_wire_value_is_the_history_line_when_published():
    line = as_history_line(golden())
    assert as_history_line(to_wire(line)) == line
