"""`intyg demo` (api/demo.py): realistic demo data, deterministic for a seed.

The seeded store is read back through the application; the read-only checks run on SQLite and,
with INTYG_TEST_POSTGRES=1, on PostgreSQL in production mode (encrypted).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from stdnum import luhn

from api.demo.seed import DemoAlreadySeededError, seed_demo
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import CertificateState
from domain.shared.identities import age_on, normalise_personnummer, sex
from domain.topics import topics_of
from tests.conftest import production_settings
from tests.factories import START, FakeClock

PATIENTS = 60
SEED = 7804


def _sqlite_app(directory: Path) -> Certificates:
    return Certificates(eventsourcing_env(Settings(mode="embedded", data_dir=directory)),
                        clock=FakeClock())


def _certificates(app: Certificates) -> list[Certificate]:
    """Every seeded certificate, in the order it was created."""
    created = topics_of(Certificate.DraftCreated)
    notes = app.recorder.select_notifications(1, 100_000, topics=created)
    return [app.get(UUID(str(n.originator_id))) for n in notes]


def _snapshot(cert: Certificate) -> dict[str, Any]:
    return {"id": cert.id, "type": cert.type_id, "state": cert.state, "content": cert.content,
            "relation": cert.relation, "patient": cert.patient_data, "unit": cert.care_unit_data,
            "signer": cert.signer, "signed_at": cert.signed_at, "statuses": cert.statuses}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def seeded(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Certificate]]:
    if request.param == "sqlite":
        app = _sqlite_app(tmp_path_factory.mktemp("demo"))
    else:
        request.getfixturevalue("postgres_schema")  # skips unless PostgreSQL is wanted
        schema = f"demo_{uuid4().hex[:10]}"  # its own schema: other tests' rows stay out
        _schema_sql(f"CREATE SCHEMA {schema}")
        request.addfinalizer(lambda: _schema_sql(f"DROP SCHEMA {schema} CASCADE"))
        app = Certificates(eventsourcing_env(production_settings(schema)), clock=FakeClock())
    seed_demo(app, patients=PATIENTS, seed=SEED)
    yield _certificates(app)
    app.close()


def _schema_sql(statement: str) -> None:
    import psycopg

    s = Settings()
    with psycopg.connect(host=s.postgres_host, dbname=s.postgres_db, user=s.postgres_user,
                         password=s.postgres_password.get_secret_value(),
                         autocommit=True) as conn:
        conn.execute(statement)


def test_demo_is_identical_when_seeded_twice_with_the_same_seed(tmp_path: Path) -> None:
    first, second = _sqlite_app(tmp_path / "a"), _sqlite_app(tmp_path / "b")
    assert seed_demo(first, patients=40, seed=11) == seed_demo(second, patients=40, seed=11)
    assert [_snapshot(c) for c in _certificates(first)] == \
        [_snapshot(c) for c in _certificates(second)]


def test_demo_differs_when_the_seed_differs(tmp_path: Path) -> None:
    first, second = _sqlite_app(tmp_path / "a"), _sqlite_app(tmp_path / "b")
    seed_demo(first, patients=20, seed=11)
    seed_demo(second, patients=20, seed=12)
    assert [c.content for c in _certificates(first)] != \
        [c.content for c in _certificates(second)]


def test_seeding_is_refused_when_the_store_already_holds_the_seed(tmp_path: Path) -> None:
    app = _sqlite_app(tmp_path)
    seed_demo(app, patients=5, seed=3)
    with pytest.raises(DemoAlreadySeededError):
        seed_demo(app, patients=5, seed=3)
    assert seed_demo(app, patients=5, seed=4)["patients"] == 5


def test_app_clock_is_restored_when_seeding_is_done(tmp_path: Path) -> None:
    clock = FakeClock()
    app = Certificates(eventsourcing_env(Settings(data_dir=tmp_path)), clock=clock)
    seed_demo(app, patients=5, seed=3)
    assert app.clock is clock


def test_counts_match_the_store_when_demo_is_seeded(tmp_path: Path) -> None:
    app = _sqlite_app(tmp_path)
    counts = seed_demo(app, patients=PATIENTS, seed=SEED)
    certs = _certificates(app)
    assert counts["certificates"] == len(certs)
    assert counts["signed"] == sum(c.is_signed for c in certs)
    assert counts["revoked"] == sum(c.is_revoked for c in certs)
    assert counts["events"] == app.recorder.max_notification_id()
    assert counts["renewals"] > 0 and counts["sent"] > 0 and counts["drafts"] > 0


def test_every_personnummer_is_valid_when_demo_is_seeded(seeded: list[Certificate]) -> None:
    numbers = {c.patient.personnummer for c in seeded}
    for number in numbers:
        assert luhn.is_valid(number[2:])
        assert normalise_personnummer(number, START.date()) == number
        assert 18 <= age_on(number, START.date()) <= 67
    assert {sex(n) for n in numbers} == {"F", "M"}


def test_renewal_starts_the_day_after_the_parent_ends_when_demo_chains_renew(
        seeded: list[Certificate]) -> None:
    by_id = {c.id: c for c in seeded}
    renewals = [c for c in seeded if c.relation and c.relation["kind"] == "FRLANG"
                and c.state is CertificateState.SIGNED]
    assert renewals
    for renewal in renewals:
        parent = by_id[UUID((renewal.relation or {})["parent_id"])]
        parent_end = max(date.fromisoformat(p["period"]["tom"])
                         for p in parent.content["sjukskrivningar"])
        starts = [date.fromisoformat(p["period"]["from"])
                  for p in renewal.content["sjukskrivningar"]]
        assert min(starts) == parent_end + timedelta(days=1)


def test_history_spans_eighteen_months_before_now_when_demo_is_seeded(
        seeded: list[Certificate]) -> None:
    signed = [c.signed_at for c in seeded if c.signed_at is not None]
    assert min(signed) >= START - timedelta(days=560)
    assert min(signed) <= START - timedelta(days=365)
    assert max(c.created_at for c in seeded) < START
