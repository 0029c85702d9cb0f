"""Fail closed on the real stores (issue 12, deliverable 2; ARCHITECTURE.md invariant 8): when
the store refuses access entries (a trigger on the events table, in this test's own SQLite file
or PostgreSQL schema), a read of patient data is a 503 problem that shows nothing, and the read
is served again, with its entry, once the store takes entries."""

from __future__ import annotations

from typing import Any

from commands.certificates import Certificates
from commands.settings import Settings
from tests.factories.http import create

_SQLITE_BLOCK = (
    "CREATE TRIGGER access_log_down BEFORE INSERT ON stored_events "
    "WHEN NEW.topic LIKE 'domain.access.%' BEGIN SELECT RAISE(ABORT, 'access log down'); END",)
_SQLITE_OPEN = ("DROP TRIGGER access_log_down",)


def _postgres_block(schema: str) -> tuple[str, ...]:
    return (
        f"CREATE FUNCTION {schema}.refuse_access_entries() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN IF NEW.topic LIKE 'domain.access.%' THEN RAISE EXCEPTION 'access log down'; "
        "END IF; RETURN NEW; END $$",
        f"CREATE TRIGGER access_log_down BEFORE INSERT ON {schema}.certificates_events "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_access_entries()",
    )


def _run(app: Certificates, statements: tuple[str, ...]) -> None:
    with app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
        for statement in statements:
            cursor.execute(statement)


def _entries(client: Any) -> int:
    count: int = client.app.state.access_log.count()
    return count


def test_a_certificate_read_is_refused_with_503_when_the_store_refuses_its_entry(
        client: Any, auth: dict[str, str], certificates: Certificates,
        store_settings: Settings) -> None:
    """Hardening of PDL: never served unlogged, on SQLite and on PostgreSQL."""
    made = create(client, auth, {})
    url = f"/v1/certificates/{made['id']}"
    schema = store_settings.postgres_schema
    block = _postgres_block(schema) if store_settings.is_production else _SQLITE_BLOCK
    _run(certificates, block)
    before = _entries(client)
    for path in (url, f"{url}/history", f"{url}/pdf", f"{url}/questions"):
        refused = client.get(path, headers=auth)
        assert refused.status_code == 503, refused.text
        assert refused.json()["type"] == "/problems/access-log-unavailable"
        assert "patient" not in refused.json()
    assert _entries(client) == before
    _run(certificates, (f"DROP TRIGGER access_log_down ON {schema}.certificates_events",)
         if store_settings.is_production else _SQLITE_OPEN)
    served = client.get(url, headers=auth)
    assert served.status_code == 200
    assert served.json()["patient"]["personnummer"]
    assert _entries(client) == before + 1
