"""The published contract (ARCHITECTURE.md, wire contract): committed JSON Schemas match the
code, and every golden message of every type and version still fits it. Adding a field is
allowed; removing or renaming one fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from streams.contract import CONTRACT_DIR, asyncapi, earlier_schemas, json_schemas, schema_file
from streams.schemas import MESSAGES, version_of
from streams.wire_types import PROTECTION

GOLDEN_DIR = Path(__file__).parents[2] / "golden"
GOLDENS = sorted(GOLDEN_DIR.glob("*.v*.json"))


def _properties(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        node = schema["$defs"][ref.rsplit("/", 1)[-1]]
    return dict(node.get("properties", {}))


def _missing_fields(schema: dict[str, Any], node: dict[str, Any], value: dict[str, Any],
                    path: str = "") -> list[str]:
    props = _properties(schema, node)
    missing = []
    for key, inner in value.items():
        if key not in props:
            missing.append(path + key)
        elif isinstance(inner, dict) and "$ref" in props[key] and \
                props[key].get(PROTECTION) != "sealed":  # its fields are in the ciphertext
            missing += _missing_fields(schema, props[key], inner, f"{path}{key}.")
    return missing


def test_every_event_type_has_a_golden_message_when_the_contract_is_published():
    assert {p.name.split(".")[0] for p in GOLDENS} == set(MESSAGES)
    for event in MESSAGES:
        assert (GOLDEN_DIR / f"{event}.v{version_of(event)}.json").exists(), event


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name)
def test_golden_still_fits_when_the_schema_changes(golden: Path):
    """Every field of an old message still exists in the current schema (none removed or
    renamed), and the message validates against the committed JSON Schema of its version
    (version 1 messages, in clear, stay on the topics after sealing)."""
    message = json.loads(golden.read_text())
    current = json_schemas()[message["event"]]
    assert _missing_fields(current, current, message) == []
    committed = json.loads(schema_file(message["event"], message["schema_version"]).read_text())
    jsonschema.validate(message, committed)


def test_committed_schemas_match_the_code_when_built():
    """Run `intyg contract` and commit streams/contract/ after changing streams/schemas.py."""
    for event, schema in json_schemas().items():
        assert json.loads(schema_file(event).read_text()) == schema, event
    for (event, version), schema in earlier_schemas().items():
        assert json.loads(schema_file(event, version).read_text()) == schema, event
    assert json.loads((CONTRACT_DIR / "asyncapi.json").read_text()) == asyncapi()


def test_removing_a_field_is_caught_when_a_golden_has_it():
    """The check above can fail: a schema without a golden's field reports that field."""
    message = json.loads((GOLDEN_DIR / "CertificateSent.v1.json").read_text())
    schema = json_schemas()["CertificateSent"]
    data_def = schema["$defs"]["CertificateSentData"]
    data_def["properties"].pop("recipient")
    assert _missing_fields(schema, schema, message) == ["data.recipient"]
