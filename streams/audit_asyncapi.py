"""The audit topics in the AsyncAPI document: the ledger's signed digests
(``intyg.digests.v1``, ``streams.ledger``) and the PDL access log (``intyg.access-log.v1``,
``streams.access_log``), with their headers, keys and payload schemas."""

from __future__ import annotations

from typing import Any

from streams.access_log import ACCESS_SOURCE
from streams.access_wire import ACCESS_MESSAGES
from streams.ledger.digester import CE_TYPE as DIGEST_TYPE
from streams.ledger.digester import DIGEST_ID_NAMESPACE, DIGEST_KEY, SOURCE
from streams.side_topic_asyncapi import UUID_TEXT, SideTopic, side_message
from streams.side_topic_asyncapi import header as _header

DIGESTS_DESCRIPTION = (
    "The ledger's signed digests (docs/ledger.md): one message per digest, in order, all in "
    "partition 0 under one key. Each signs the Merkle root of the stored events up to its "
    "size; check it with the public key of its key_id from /.well-known/intyg-digest-key. A "
    "digest not acknowledged by the broker goes out again on the next round (same ce_id).")
ACCESS_DESCRIPTION = (
    "The PDL access log: one message per stored access entry (who read whose data, what, "
    "when, why) and per patient forgotten, keyed by the entry's id; no order across entries "
    "is promised. Patients travel as blind indexes only, never a personnummer. Version 1 "
    "read entries, written before the compact entries, stay on the topic.")


def _common(source: str) -> dict[str, dict[str, Any]]:
    return {"ce_specversion": _header("CloudEvents spec version.", const="1.0"),
            "ce_source": _header("Where the messages come from.", const=source),
            "content-type": _header("Media type of the value.", const="application/json")}


DIGEST_HEADERS: dict[str, dict[str, Any]] = {
    **_common(SOURCE),
    "ce_id": _header(f"UUID5 in namespace {DIGEST_ID_NAMESPACE} of '<key_id>:<digest>': the "
                     "same on every re-publish; deduplicate on it.", pattern=UUID_TEXT),
    "ce_type": _header("Equals the message's name.", const=DIGEST_TYPE),
    "ce_subject": _header("The digest's number (payload.digest).", pattern="^[1-9][0-9]*$"),
    "ce_time": _header("When it was signed; equals payload.signed_at.", format="date-time"),
}
ACCESS_HEADERS: dict[str, dict[str, Any]] = {
    **_common(ACCESS_SOURCE),
    "ce_id": _header("UUID5 in namespace 0b6f3a52-9d1e-4c7a-8e25-6a4d9f1c3b70 of the entry's "
                     "id: the same on every re-publish; deduplicate on it.", pattern=UUID_TEXT),
    "ce_type": _header("se.intyg.access.<event>.v<schema_version>; equals payload.type.",
                       enum=sorted(ACCESS_MESSAGES)),
    "ce_subject": _header("The entry's id: equals the key.", pattern=UUID_TEXT),
    "ce_time": _header("When it was read or decided; equals payload.at.", format="date-time"),
    "log_position": _header("The entry's position in the event store's log.",
                            pattern="^[1-9][0-9]*$"),
}


def access_schema_name(ce_type: str) -> str:
    """``access/PatientDataRead.v2.schema.json`` for ``se.intyg.access.PatientDataRead.v2``."""
    return f"access/{ce_type.removeprefix('se.intyg.access.')}.schema.json"


def access_message_name(ce_type: str) -> str:
    event, version = ce_type.removeprefix("se.intyg.access.").split(".v")
    return f"Access{event}V{version}"


def _message(name: str, summary: str, headers: dict[str, Any], payload: str,
             key: dict[str, Any], binding_version: str) -> dict[str, Any]:
    return side_message(name, name.rsplit(".", 2)[-2], summary, headers,
                        {"$ref": f"./{payload}"}, key, binding_version)


def digest_messages(binding_version: str) -> dict[str, dict[str, Any]]:
    key = {"type": "string", "const": DIGEST_KEY.decode(),
           "description": "One key for every digest: they share partition 0, in order."}
    return {"LedgerDigestSigned": _message(
        DIGEST_TYPE, "A signed Merkle root of the stored events.", DIGEST_HEADERS,
        "ledger/DigestSigned.v1.schema.json", key, binding_version)}


def access_messages(binding_version: str) -> dict[str, dict[str, Any]]:
    key = {"type": "string", "pattern": UUID_TEXT,
           "description": "The entry's (or the forgetting's) id."}
    summaries = {"PatientDataRead": "Someone read patient data.",
                 "PatientForgotten": "A patient was forgotten: their data key destroyed."}
    return {access_message_name(ce): _message(
        ce, summaries[ce.split(".")[-2]], ACCESS_HEADERS, access_schema_name(ce), key,
        binding_version) for ce in sorted(ACCESS_MESSAGES)}


DIGESTS_TOPIC = SideTopic("digests", "intyg.digests.v1", DIGESTS_DESCRIPTION, "publishDigests",
                          "The digest process publishes each digest it signs.",
                          digest_messages)
ACCESS_TOPIC = SideTopic("accessLog", "intyg.access-log.v1", ACCESS_DESCRIPTION,
                         "publishAccessLog",
                         "The relay publishes each stored access entry and forgetting.",
                         access_messages)
