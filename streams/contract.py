"""Export of the published contract: a JSON Schema per message type and an AsyncAPI 3 document.

Run ``intyg contract`` after changing streams/schemas.py and commit streams/contract/. The
contract tests compare the committed files with the code and with the golden messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from domain.content.common.limits import without_input_bounds
from domain.content.registry import CONTENT_SPECS, EARLIER_SPECS, ContentSpec
from streams.schemas import MESSAGES, SCHEMA_VERSION, ce_type

CONTRACT_DIR = Path(__file__).parent / "contract"
HEADERS = {
    "ce_specversion": "CloudEvents spec version, always 1.0",
    "ce_id": "event id: UUID5 of (certificate id, version); the same on every re-publish",
    "ce_type": "se.intyg.certificate.<Event>.v<schema version>",
    "ce_source": "/intyg/certificates",
    "ce_subject": "the certificate id (also the key)",
    "ce_time": "when the event happened (ISO 8601)",
    "content-type": "application/json",
    "aggregate_version": "the certificate's version after this event",
    "log_position": "the event's position in the store's notification log",
}


def schema_file(event: str) -> Path:
    return CONTRACT_DIR / f"{event}.v{SCHEMA_VERSION}.schema.json"


def content_file(type_id: str, version: int) -> Path:
    """The JSON Schema of one certificate type's content in one content version: what
    ``data.content`` of DraftCreated, DraftEdited and CertificateRegistered holds when
    ``type_id`` and ``content_version`` say so."""
    return CONTRACT_DIR / "content" / f"{type_id}.v{version}.schema.json"


def _every_content_spec() -> list[ContentSpec]:
    return [*CONTENT_SPECS.values(), *EARLIER_SPECS.values()]


def content_schemas() -> dict[tuple[str, int], dict[str, Any]]:
    """What stored content holds; new input is also held to the answers' bounds, which the
    catalogue's schema names (``/v1/certificate-types``) and stored content may exceed."""
    return {(spec.type_id, spec.version):
            without_input_bounds(spec.model.model_json_schema(by_alias=True))
            for spec in _every_content_spec()}


def json_schemas() -> dict[str, dict[str, Any]]:
    return {event: model.model_json_schema() for event, model in MESSAGES.items()}


def asyncapi() -> dict[str, Any]:
    messages = {
        event: {
            "name": ce_type(event),
            "contentType": "application/json",
            "headers": {"type": "object",
                        "properties": {h: {"type": "string", "description": d}
                                       for h, d in HEADERS.items()}},
            "payload": {"$ref": f"./{schema_file(event).name}"},
        }
        for event in MESSAGES
    }
    refs = {event: {"$ref": f"#/components/messages/{event}"} for event in MESSAGES}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "intyg certificate events", "version": f"{SCHEMA_VERSION}.0.0",
                 "description": "Every event of every certificate, in version order per key. "
                                "Unlimited retention, no compaction: replay from offset 0."},
        "channels": {
            "certificates": {"address": "intyg.certificates.v1", "messages": refs,
                             "description": "Key: the certificate id (UTF-8)."},
            "deadletter": {"address": "intyg.deadletter.v1",
                           "description": "Messages a consumer could not read, with headers "
                                          "dlt_topic, dlt_partition, dlt_offset, dlt_error."},
        },
        "operations": {"publishCertificateEvents": {
            "action": "send", "channel": {"$ref": "#/channels/certificates"}}},
        "components": {
            "messages": messages,
            "schemas": {f"content.{type_id}.v{version}": {
                "$ref": f"./content/{content_file(type_id, version).name}"}
                for type_id, version in sorted(content_schemas())},
        },
        "x-content": "data.content of DraftCreated, DraftEdited and CertificateRegistered "
                     "follows components.schemas content.<type_id>.v<content_version>; a "
                     "certificate keeps the content version it was written in.",
    }


def export(directory: Path = CONTRACT_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for event, schema in json_schemas().items():
        path = directory / schema_file(event).name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    for (type_id, version), schema in content_schemas().items():
        path = directory / "content" / content_file(type_id, version).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    path = directory / "asyncapi.json"
    path.write_text(json.dumps(asyncapi(), indent=2, ensure_ascii=False) + "\n")
    return [*written, path]
