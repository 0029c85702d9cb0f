"""Rotating the ledger's signing key (issue 12 leftovers): digests signed before a rotation
still verify, each with the key it names, while only the new key signs; the well-known URL
publishes every key. On the embedded store (the key handling is the same in production)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.shared.care import CareUnit, Staff
from streams.database import Database
from streams.ledger.digester import Digester
from streams.ledger.key_ring import published_keys
from streams.ledger.signing import key_id
from streams.ledger.store import LedgerStore
from streams.ledger.verify import verify_store
from tests.e2e.conftest import token_for
from tests.factories import FakeClock
from tests.factories.ledger import PUBLIC_KEY, SIGNING_KEY, bare_env, intyg, with_digest_key
from tests.flows import signed


@pytest.fixture
def before(tmp_path: Path) -> Settings:
    return with_digest_key(Settings(mode="embedded", data_dir=tmp_path / "data",
                                    projections_in_serve=False))


@pytest.fixture
def ledger_app(before: Settings) -> Iterator[Certificates]:
    app = Certificates(eventsourcing_env(before), clock=FakeClock())
    yield app
    app.close()


def rotated(settings: Settings) -> tuple[Settings, dict[str, Any]]:
    """``intyg digest-rotate`` run on the settings, and the settings it tells to set."""
    env = {**bare_env(), "INTYG_MODE": "embedded", "INTYG_DATA_DIR": str(settings.data_dir),
           "INTYG_DIGEST_SIGNING_KEY": SIGNING_KEY}
    done = intyg(env, "digest-rotate")
    assert done.returncode == 0, done.stderr
    told = json.loads(done.stdout)
    return settings.model_copy(update={
        "digest_signing_key": SecretStr(told["INTYG_DIGEST_SIGNING_KEY"]),
        "digest_retired_public_keys": told["INTYG_DIGEST_RETIRED_PUBLIC_KEYS"]}), told


def digest(app: Certificates, settings: Settings, unit: CareUnit, doctor: Staff) -> str:
    """One more signed certificate and a digest over it; the certificate's id."""
    cert = signed(app, unit, doctor)
    Digester(app, settings, Database(settings)).catch_up()
    return str(cert)


def test_digests_signed_before_a_rotation_verify_when_the_retired_key_is_published(
        ledger_app: Certificates, before: Settings, unit: CareUnit, doctor: Staff) -> None:
    """Hardening item 5 (issue 12 leftovers): each digest names its key and is checked with it."""
    digest(ledger_app, before, unit, doctor)
    after, told = rotated(before)
    digest(ledger_app, after, unit, doctor)
    store = LedgerStore(Database(after))
    assert [d["key_id"] for d in store.digests()] == [key_id(PUBLIC_KEY), told["key_id"]]
    assert told["retired_key_ids"] == [key_id(PUBLIC_KEY)]
    report = verify_store(ledger_app, store, published_keys(after))
    assert report.ok, report.findings
    assert report.digests == 2


def test_a_digest_fails_naming_its_key_when_that_key_is_not_among_the_public_keys(
        ledger_app: Certificates, before: Settings, unit: CareUnit, doctor: Staff) -> None:
    """Hardening item 5 (issue 12 leftovers): the new key alone does not pass the old digest."""
    digest(ledger_app, before, unit, doctor)
    after, told = rotated(before)
    digest(ledger_app, after, unit, doctor)
    report = verify_store(ledger_app, LedgerStore(Database(after)), told["public_key"])
    assert [(f.problem, f.digest, f.detail) for f in report.findings] == [
        ("digest", 1, f"signed by key {key_id(PUBLIC_KEY)}, which is not among the public "
                      "keys")]


def test_a_proof_fetched_before_a_rotation_verifies_offline_with_the_keys_published_after(
        ledger_app: Certificates, before: Settings, unit: CareUnit, doctor: Staff,
        tmp_path: Path) -> None:
    """Hardening item 5 (issue 12 leftovers): the well-known URL lists every key, the current
    one first and marked; `intyg verify-proof` picks the key the digest names."""
    cert = digest(ledger_app, before, unit, doctor)
    auth = {"Authorization": f"Bearer {token_for(before, doctor, FakeClock())}"}
    with TestClient(create_app(before, certificates_app=ledger_app)) as client:
        old = client.get(f"/v1/certificates/{cert}/proof", headers=auth)
    (tmp_path / "old.json").write_text(old.text)
    after, told = rotated(before)
    new_cert = digest(ledger_app, after, unit, doctor)
    with TestClient(create_app(after, certificates_app=ledger_app)) as client:
        served = client.get("/.well-known/intyg-digest-key").json()
        new = client.get(f"/v1/certificates/{new_cert}/proof", headers=auth)
    (tmp_path / "new.json").write_text(new.text)
    (tmp_path / "key.json").write_text(json.dumps(served))
    assert served["key_id"] == told["key_id"]
    assert [(k["key_id"], k["current"]) for k in served["keys"]] == [
        (told["key_id"], True), (key_id(PUBLIC_KEY), False)]
    for proof in ("old.json", "new.json"):
        checked = intyg(bare_env(), "verify-proof", str(tmp_path / proof), "--public-key",
                        str(tmp_path / "key.json"))
        assert checked.returncode == 0, checked.stdout + checked.stderr
    alone = intyg(bare_env(), "verify-proof", str(tmp_path / "old.json"), "--public-key",
                  told["public_key"])
    assert alone.returncode == 1
    assert "which is not among the public keys given" in alone.stdout
