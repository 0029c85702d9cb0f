"""The digests and access-log topics in the published contract (issue 12 leftovers): listed in
the AsyncAPI document with an operation each, and their committed schemas the code's."""

from __future__ import annotations

import json

from streams.access_wire import ACCESS_MESSAGES, access_schema
from streams.asyncapi import asyncapi
from streams.audit_asyncapi import access_schema_name
from streams.contract import CONTRACT_DIR


def test_the_document_describes_the_digests_and_access_log_topics_when_built() -> None:
    """Hardening item 4 (issue 12 leftovers): every topic intyg creates is described."""
    document = asyncapi()
    channels = {name: channel["address"] for name, channel in document["channels"].items()}
    assert channels["digests"] == "intyg.digests.v1"
    assert channels["accessLog"] == "intyg.access-log.v1"
    published = {op["channel"]["$ref"].rsplit("/", 1)[-1]
                 for op in document["operations"].values()}
    assert {"digests", "accessLog"} <= published
    listed = {document["components"]["messages"][name]["name"]
              for name in document["channels"]["accessLog"]["messages"]}
    assert listed == set(ACCESS_MESSAGES)


def test_committed_access_log_schemas_match_the_code_when_built() -> None:
    """Hardening item 4: run the contract export after changing streams/access_wire.py."""
    for ce_type in ACCESS_MESSAGES:
        committed = json.loads((CONTRACT_DIR / access_schema_name(ce_type)).read_text())
        assert {k: v for k, v in committed.items() if k not in ("$schema", "$id")} == \
            access_schema(ce_type), ce_type


def test_an_access_entry_names_no_personnummer_when_its_schema_is_read() -> None:
    """ARCHITECTURE.md invariant 8: patients are blind indexes (64 hex), no other patient
    field exists (extra fields are refused)."""
    for ce_type in ACCESS_MESSAGES:
        schema = access_schema(ce_type)
        assert schema["additionalProperties"] is False
        fields = set(schema["properties"]) | {
            name for found in schema.get("$defs", {}).values() for name in found["properties"]}
        assert not fields & {"personnummer", "name", "patient_name", "text"}, ce_type
