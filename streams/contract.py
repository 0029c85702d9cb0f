"""Export of the published contract: a JSON Schema per message type and per certificate type's
content, and the AsyncAPI 3.1 document (streams/asyncapi.py).

Run ``intyg contract`` after changing streams/schemas.py and commit streams/contract/. The
contract tests compare the committed files with the code and with the golden messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from domain.content.common.limits import without_input_bounds
from domain.content.registry import CONTENT_SPECS, EARLIER_SPECS, ContentSpec
from streams.access_wire import ACCESS_MESSAGES, access_schema
from streams.asyncapi import asyncapi as event_document
from streams.audit_asyncapi import access_schema_name
from streams.contract_protection import marked
from streams.fmu_wire import FMU_MESSAGES, FMU_SCHEMA_VERSION
from streams.schemas import EARLIER, MESSAGES, version_of

CONTRACT_DIR = Path(__file__).parent / "contract"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "urn:se:intyg:contract:"


def schema_file(event: str, version: int | None = None) -> Path:
    """The JSON Schema of an event's message, at its current version unless one is named."""
    return CONTRACT_DIR / f"{event}.v{version or version_of(event)}.schema.json"


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
    return {(spec.type_id, spec.version): _identified(
                marked(without_input_bounds(spec.model.model_json_schema(by_alias=True)),
                       spec.model),
                f"content/{content_file(spec.type_id, spec.version).name}")
            for spec in _every_content_spec()}


def _identified(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": f"{ID_BASE}{name}", **schema}


def json_schemas() -> dict[str, dict[str, Any]]:
    return {event: _identified(model.model_json_schema(), schema_file(event).name)
            for event, model in MESSAGES.items()}


def earlier_schemas() -> dict[tuple[str, int], dict[str, Any]]:
    """The versions before the current one, still on the topics (Kafka keeps everything)."""
    return {(event, version): _identified(model.model_json_schema(),
                                          schema_file(event, version).name)
            for (event, version), model in EARLIER.items()}


def fmu_schema_file(message: str) -> Path:
    return CONTRACT_DIR / "fmu" / f"{message}.v{FMU_SCHEMA_VERSION}.schema.json"


def fmu_json_schemas() -> dict[str, dict[str, Any]]:
    """The FMU messages to the authority (``streams.fmu_wire``)."""
    return {message: _identified(model.model_json_schema(),
                                 f"fmu/{fmu_schema_file(message).name}")
            for message, model in FMU_MESSAGES.items()}


def asyncapi() -> dict[str, Any]:
    """The AsyncAPI document, with the content schema of every certificate type."""
    document = event_document()
    document["components"]["schemas"] = {
        f"content.{type_id}.v{version}":
            {"$ref": f"./content/{content_file(type_id, version).name}"}
        for type_id, version in sorted(content_schemas())}
    document["info"]["x-content"] = (
        "data.content of DraftCreated, DraftEdited and CertificateRegistered follows "
        "components.schemas content.<type_id>.v<content_version>; a certificate keeps the "
        "content version it was written in (DraftEdited: the one its DraftCreated named).")
    return document


def export(directory: Path = CONTRACT_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    every = [(schema_file(event).name, schema) for event, schema in json_schemas().items()]
    every += [(schema_file(event, version).name, schema)
              for (event, version), schema in earlier_schemas().items()]
    for name, schema in every:
        path = directory / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    for (type_id, version), schema in content_schemas().items():
        path = directory / "content" / content_file(type_id, version).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    for message, schema in fmu_json_schemas().items():
        path = directory / "fmu" / fmu_schema_file(message).name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    for ce_type in ACCESS_MESSAGES:
        name = access_schema_name(ce_type)
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_identified(access_schema(ce_type), name), indent=2,
                                   ensure_ascii=False) + "\n")
        written.append(path)
    path = directory / "asyncapi.json"
    path.write_text(json.dumps(asyncapi(), indent=2, ensure_ascii=False) + "\n")
    return [*written, path]
