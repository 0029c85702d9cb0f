"""A ledger anyone can verify (issue 12, deliverable 3): a change made straight in the event
store (one byte, a deleted row, two rows swapped) is found by position; an untouched store
passes. On the embedded SQLite store and on PostgreSQL (production, with Kafka)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.shared.care import CareUnit, Staff
from streams.database import Database
from streams.ledger.digester import Digester
from streams.ledger.leaves import leaf_of
from streams.ledger.store import LedgerStore
from streams.ledger.verify import Finding, verify_store
from tests.e2e.conftest import token_for
from tests.factories import FakeClock
from tests.factories.ledger import (
    PUBLIC_KEY,
    bare_env,
    delete_row,
    flip_one_byte,
    intyg,
    positions_of,
    swap_rows,
    with_digest_key,
)
from tests.flows import signed
from tests.integration.kafka_support import kafka_settings


@pytest.fixture(params=["sqlite", "postgres"])
def ledger_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A store of this test's own, with a digest key (production: its own schema and topics)."""
    if request.param == "sqlite":
        yield with_digest_key(Settings(mode="embedded", data_dir=tmp_path,
                                       projections_in_serve=False))
        return
    with kafka_settings() as settings:
        yield with_digest_key(settings)


@pytest.fixture
def ledger_app(ledger_settings: Settings) -> Iterator[Certificates]:
    app = Certificates(eventsourcing_env(ledger_settings), clock=FakeClock())
    yield app
    app.close()


@pytest.fixture
def digested(ledger_app: Certificates, ledger_settings: Settings, unit: CareUnit,
             doctor: Staff) -> list[UUID]:
    """Three signed certificates, every stored event recorded and the root signed."""
    certificates = [signed(ledger_app, unit, doctor) for _ in range(3)]
    Digester(ledger_app, ledger_settings, Database(ledger_settings)).catch_up()
    return certificates


def verify(app: Certificates, settings: Settings) -> list[Finding]:
    return verify_store(app, LedgerStore(Database(settings)), PUBLIC_KEY).findings


def test_untouched_store_passes_when_every_digest_is_checked(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID]) -> None:
    report = verify_store(ledger_app, LedgerStore(Database(ledger_settings)), PUBLIC_KEY)
    assert report.ok
    assert report.leaves == ledger_app.recorder.max_notification_id()
    assert report.digests == 1


def test_verify_names_the_event_when_one_byte_of_its_stored_row_was_changed(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID]) -> None:
    """ARCHITECTURE.md invariant 1, events are facts: a changed stored event is found."""
    position = positions_of(ledger_app, digested[1])[1]
    flip_one_byte(ledger_settings, position)
    assert verify(ledger_app, ledger_settings) == [
        Finding("altered", "changed: stored bytes", position)]


def test_verify_names_the_event_when_its_stored_row_was_deleted(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID]) -> None:
    position = positions_of(ledger_app, digested[0])[0]
    delete_row(ledger_settings, position)
    assert verify(ledger_app, ledger_settings) == [
        Finding("missing", "the event row is gone", position)]


def test_verify_names_both_events_when_two_stored_rows_swapped_places(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID]) -> None:
    first, second = positions_of(ledger_app, digested[0])[0], positions_of(
        ledger_app, digested[2])[-1]
    swap_rows(ledger_settings, first, second)
    found = verify(ledger_app, ledger_settings)
    assert [(f.problem, f.position) for f in found] == [("altered", first), ("altered", second)]
    assert all("aggregate_id" in f.detail and "version" in f.detail for f in found)


def test_verify_finds_the_digest_when_the_ledger_table_was_rewritten_to_match(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID]) -> None:
    """Changing the row and its recorded leaf together still breaks the signed root."""
    position = positions_of(ledger_app, digested[1])[0]
    flip_one_byte(ledger_settings, position)
    now = ledger_app.recorder.select_notifications(position, 1)[0]
    with Database(ledger_settings).transaction() as tx:
        tx.execute("UPDATE ledger_leaf SET state_sha256 = ? WHERE position = ?",
                   (leaf_of(now).state_sha256, position))
    found = verify(ledger_app, ledger_settings)
    assert [(f.problem, f.digest) for f in found] == [("digest", 1)]


def test_events_stored_after_the_last_digest_are_counted_when_not_yet_recorded(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID],
        unit: CareUnit, doctor: Staff) -> None:
    signed(ledger_app, unit, doctor)
    report = verify_store(ledger_app, LedgerStore(Database(ledger_settings)), PUBLIC_KEY)
    assert report.ok
    assert report.unrecorded == 2  # DraftCreated, CertificateSigned


def proof_file(client: TestClient, auth: dict[str, str], cert: UUID, path: Path) -> Path:
    response = client.get(f"/v1/certificates/{cert}/proof", headers=auth)
    assert response.status_code == 200, response.text
    path.write_text(response.text)
    return path


DAMAGE = {"changed": (flip_one_byte, "not included in digest 1 as it is"),
          "deleted": (delete_row, "the stored row is missing")}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_proof_verifies_offline_until_a_stored_row_of_the_certificate_is_damaged(
        ledger_app: Certificates, ledger_settings: Settings, digested: list[UUID],
        doctor: Staff, tmp_path: Path, damage: str) -> None:
    """The proof of an untouched certificate holds with the public key alone (no settings, no
    database); once one of its rows changed (one byte) or was deleted, a new proof fails."""
    auth = {"Authorization": f"Bearer {token_for(ledger_settings, doctor, FakeClock())}"}
    cert, (harm, problem) = digested[1], DAMAGE[damage]
    with TestClient(create_app(ledger_settings, certificates_app=ledger_app)) as client:
        key = client.get("/.well-known/intyg-digest-key").json()["public_key"]
        untouched = proof_file(client, auth, cert, tmp_path / "untouched.json")
        position = positions_of(ledger_app, cert)[-1]
        harm(ledger_settings, position)
        altered = proof_file(client, auth, cert, tmp_path / "altered.json")
    holds = intyg(bare_env(), "verify-proof", str(untouched), "--public-key", key)
    assert holds.returncode == 0, holds.stdout + holds.stderr
    assert json.loads(holds.stdout.splitlines()[-1]) == {"ok": True, "events": 2}
    fails = intyg(bare_env(), "verify-proof", str(altered), "--public-key", key)
    assert fails.returncode == 1
    assert fails.stdout.splitlines()[0] == f"event at position {position}: {problem}"


def test_verify_fails_when_events_are_stored_but_no_digest_was_ever_signed(
        ledger_app: Certificates, ledger_settings: Settings, unit: CareUnit,
        doctor: Staff) -> None:
    signed(ledger_app, unit, doctor)
    assert [f.problem for f in verify(ledger_app, ledger_settings)] == ["digest"]
