"""What the benchmarks share: production settings on a PostgreSQL schema and Kafka topics of
the run's own, the schema dropped afterwards (topics stay: Kafka keeps everything)."""

from __future__ import annotations

import base64
import os
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

import psycopg

from commands.settings import Settings
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import RevocationReason
from tests.factories import lisjp_content

CODES = ["M544", "M545", "F321", "F438", "F412", "S934", "J069", "M751", "I219", "G439"]
DEGREES = ["HELT_NEDSATT", "TRE_FJARDEDEL", "HALFTEN", "EN_FJARDEDEL"]


def native_crc() -> bool:
    """Whether kafka-python checks fetched batches' CRC-32C with the ``crc32c`` package."""
    from kafka.record import util

    return util.crc32c_c is not None


@contextmanager
def bench_settings() -> Iterator[Settings]:
    base = Settings()
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    dsn = (f"host={base.postgres_host} dbname={base.postgres_db} user={base.postgres_user} "
           f"password={base.postgres_password.get_secret_value()}")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield Settings(mode="production", postgres_schema=schema,
                       cipher_key=base64.b64encode(os.urandom(32)).decode(),
                       jwt_secret="bench-" + uuid.uuid4().hex,
                       kafka_topic_prefix=f"bench{uuid.uuid4().hex[:6]}.",
                       relay_in_serve=False, projections_in_serve=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def sick_leave_events(rng: random.Random, unit: Any, doctor: Any, who: Any, signed: datetime,
                      start: date, revoked_share: float) -> tuple[list[Any], date]:
    """One LISJP's events from the aggregate, drafted and signed at ``signed``, one period of
    7-90 days from ``start``, usually sent to Försäkringskassan, a share revoked; and the
    period's last day."""
    degree = rng.choice(DEGREES)
    end = start + timedelta(days=rng.randint(7, 90))
    content = lisjp_content(signed.date(), sjukskrivningar=[{
        "sjukskrivningsgrad": degree,
        "period": {"from": start.isoformat(), "tom": end.isoformat()}}],
        diagnoser=[{"kod": rng.choice(CODES), "beskrivning": "Diagnos"}])
    if degree == "HELT_NEDSATT":
        content.pop("arbetstidsforlaggning", None)
    cert_id = uuid.UUID(int=rng.getrandbits(128), version=4)  # a seed gives the same data set
    cert = Certificate.create_draft(id=cert_id, type_id="lisjp", content_version=1,
                                    patient=who, care_unit=unit, author=doctor, now=signed,
                                    content=content, complete=True)
    cert.sign(signer=doctor, now=signed, issues=[], based_on_version=1)
    if rng.random() < 0.7:
        cert.send(recipient="FKASSA", now=signed, by=doctor.hsa_id)
    if rng.random() < revoked_share:
        cert.revoke(reason=RevocationReason.FEL_PATIENT, text="Fel", by=doctor.hsa_id,
                    now=signed + timedelta(days=1))
    return list(cert.collect_events()), end
