"""The PDL access log on Kafka: each stored access entry (``domain.access.entry``) is published
once on its own topic, ``intyg.access-log.v1``, for an audit or archive system downstream.

The value is JSON with ids and codes only: the reader (role, HSA id, care unit, care giver),
the patients as their keyed blind index, never a personnummer, the route read, when and why.
Version 2 (``se.intyg.access.PatientDataRead.v2``, every entry from the compact entries on):
``certificate_ids`` lists the certificates of a read about one patient and is empty for any
other read (a unit's list of several), and ``certificate_count`` says how many certificates the read
showed; an entry stored before keeps all of its ids. Version 1 messages stay on the topic.
The key is the entry's id (an entry is one event; no order across entries is promised).
Headers follow the CloudEvents Kafka binding like the certificates topic.

A patient forgotten (``domain.access.forgetting``: their data key destroyed) is published on the
same topic as ``se.intyg.access.PatientForgotten.v1``: the patient's blind index, the reason
code, when and who decided; key = the forgetting's id.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from eventsourcing.domain import DomainEventProtocol

from commands.history import history_line
from domain.access.entry import unpack_indexes

ACCESS_SOURCE = "/intyg/access-log"
ACCESS_TYPE = "se.intyg.access.PatientDataRead.v2"
FORGOTTEN_TYPE = "se.intyg.access.PatientForgotten.v1"
SCHEMA_VERSION = 1
ACCESS_SCHEMA_VERSION = 2
_IDS = uuid.UUID("0b6f3a52-9d1e-4c7a-8e25-6a4d9f1c3b70")


def access_message(event: DomainEventProtocol[Any], position: int
                   ) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """Key, value and headers of one access entry's message (or of a forgetting's)."""
    line = history_line(event)
    key = line["id"].encode()
    data = line["data"]
    if line["event"] == "PatientForgotten":
        kind = FORGOTTEN_TYPE
        value = {"type": kind, "schema_version": SCHEMA_VERSION, "id": line["id"],
                 "at": data["at"], "patient": data["patient"], "reason": data["reason"],
                 "by": data["by"]}
    else:
        kind = ACCESS_TYPE
        value = {"type": kind, "schema_version": ACCESS_SCHEMA_VERSION, "id": line["id"],
                 "at": data["at"], "reader": data["reader"],
                 "patients": [p.hex() for p in unpack_indexes(data["patients"])],
                 "what": data["what"], "certificate_ids": data["certificate_ids"],
                 "certificate_count": data["certificate_count"], "reason": data["reason"]}
    headers = [
        ("ce_specversion", b"1.0"),
        ("ce_id", str(uuid.uuid5(_IDS, line["id"])).encode()),
        ("ce_type", kind.encode()),
        ("ce_source", ACCESS_SOURCE.encode()),
        ("ce_subject", key),
        ("ce_time", line["at"].encode()),
        ("content-type", b"application/json"),
        ("log_position", str(position).encode()),
    ]
    return key, json.dumps(value, ensure_ascii=False).encode(), headers
