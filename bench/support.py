"""What the benchmarks share: production settings on a PostgreSQL schema and Kafka topics of
the run's own, the schema dropped afterwards (topics stay: Kafka keeps everything)."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from commands.settings import Settings


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
