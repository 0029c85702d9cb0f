"""The FMU messages to the authority (ORDERS.md §1.10 outgoing) are a pinned wire contract like
the certificate events: committed JSON Schemas match the code, every message type has a golden
message, and every golden still fits (a field removed or renamed fails here)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from streams.contract import CONTRACT_DIR, asyncapi, fmu_json_schemas, fmu_schema_file
from streams.fmu_wire import FMU_MESSAGES

GOLDENS = sorted((Path(__file__).parents[2] / "golden" / "fmu").glob("*.v*.json"))


def test_every_fmu_message_type_has_a_golden_when_the_contract_is_published():
    assert {p.name.split(".")[0] for p in GOLDENS} == set(FMU_MESSAGES)


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_fmu_golden_still_fits_when_the_schema_changes(golden: Path):
    message = json.loads(golden.read_text())
    name = message["type"].split(".")[-2]
    current = fmu_json_schemas()[name]
    assert set(message) <= set(current["properties"])
    jsonschema.validate(message, json.loads(fmu_schema_file(name).read_text()))


def test_committed_fmu_schemas_match_the_code_when_built():
    """Run `intyg contract` and commit streams/contract/ after changing streams/fmu_wire.py."""
    for name, schema in fmu_json_schemas().items():
        assert json.loads(fmu_schema_file(name).read_text()) == schema, name
    document = json.loads((CONTRACT_DIR / "asyncapi.json").read_text())
    assert document == asyncapi()
    assert document["channels"]["fmuToAuthority"]["address"] == "intyg.fmu.to-authority.v1"


def test_fmu_messages_carry_no_personnummer_when_their_schemas_are_read():
    """Patient data stays out of the authority topic: no field can hold a personnummer."""
    for schema in fmu_json_schemas().values():
        assert not {"personnummer", "patient", "citizen"} & set(schema["properties"])
