"""The published contract covers every certificate type: a JSON Schema per type and content
version (streams/contract/content/), and a golden DraftCreated per draftable type whose content
fits its type's committed schema (regenerate with `tests/golden/regenerate.py --types`). The
per-type goldens are version 1 messages, in clear: content travels sealed from version 2 on,
and opens to the same JSON."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from domain.shared.catalogue import CERTIFICATE_TYPES
from streams.contract import asyncapi, content_file, content_schemas, schema_file

TYPE_GOLDENS = sorted((Path(__file__).parents[2] / "golden" / "types").glob("*.json"))
DRAFTABLE = {t.id for t in CERTIFICATE_TYPES.values() if t.draftable}


def test_every_draftable_type_has_a_golden_draft_created():
    assert {p.name.split(".")[1] for p in TYPE_GOLDENS} == DRAFTABLE


def test_committed_content_schemas_match_the_code():
    """Run `intyg contract` and commit streams/contract/ after changing a content model."""
    for (type_id, version), schema in content_schemas().items():
        assert json.loads(content_file(type_id, version).read_text()) == schema, type_id
    assert {t for t, _ in content_schemas()} == DRAFTABLE
    assert set(asyncapi()["components"]["schemas"]) == {
        f"content.{t}.v{v}" for t, v in content_schemas()}


@pytest.mark.parametrize("golden", TYPE_GOLDENS, ids=lambda p: p.name)
def test_golden_of_each_type_fits_the_message_and_its_content_schema(golden: Path):
    message = json.loads(golden.read_text())
    jsonschema.validate(message, json.loads(schema_file("DraftCreated", 1).read_text()))
    data = message["data"]
    content_schema = json.loads(content_file(data["type_id"], data["content_version"]).read_text())
    jsonschema.validate(data["content"], content_schema)


def test_a_content_of_the_wrong_shape_fails_its_type_schema():
    """The check above can fail: LUSE content with a list where a text belongs."""
    schema = json.loads(content_file("luse", 1).read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"sjukdomsforlopp": ["not", "a", "text"]}, schema)
