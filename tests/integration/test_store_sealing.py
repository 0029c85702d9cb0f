"""The event store's own copy of patient data sealed per patient (issue 12, deliverable 1:
"`intyg forget` destroys that patient's data key, after which every copy of their data ... is
unreadable"; ARCHITECTURE.md invariant 8). On the embedded SQLite store and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands import questions
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from commands.stored_history import SEALING_ENV, StoredHistoryUnreadableError
from domain.questions.messages import Subject
from domain.shared.care import CareUnit, Role, Staff
from streams.database import Database
from streams.ledger.digester import Digester
from streams.ledger.store import LedgerStore
from streams.ledger.verify import verify_store
from tests.e2e.conftest import token_for
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at
from tests.factories.ledger import PUBLIC_KEY
from tests.flows import draft, sign
from tests.integration.store_sealing_support import (
    PRE_STORE_SEALING,
    forget,
    in_clear_with_the_store_key,
    sealing_store,
)

NAME = "Tolvan Storesson"
QUESTION = "Hur går rehabiliteringen efter knäoperationen?"
EDITED = "Svårt att gå i trappor sedan i våras"


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with sealing_store(request.param, tmp_path) as settings:
        yield settings


def _a_case(app: Certificates, unit: CareUnit, doctor: Staff) -> tuple[str, UUID]:
    """One patient's certificate, edited with new free text, signed, sent, with a question."""
    who = patient(name=NAME)
    cert = draft(app, unit, doctor, who)
    content = {**lisjp_content(app.clock().date()), "funktionsnedsattning": EDITED}
    app.edit_draft(cert, based_on_version=1, content=content, by=doctor)
    sign(app, cert, doctor)
    app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    questions.send_question(app, cert, subject=Subject.OVRIGT, heading=None, text=QUESTION,
                            by=doctor)
    return who.personnummer, cert


def _states(app: Certificates) -> list[bytes]:
    return [row.state for row in app.recorder.select_notifications(1, 10_000)]


def test_after_intyg_forget_every_copy_in_the_event_store_is_unreadable_while_the_certificate_loads(
        store_settings: Settings) -> None:
    """Patient data sealed in the store: decrypted with the store key alone, no stored row
    holds the personnummer, the name or the free text, before and after ``intyg forget``; a
    forget changes no stored byte (``intyg verify`` still passes), and the certificate still
    loads with its ids, versions, codes and dates, the patient's fields forgotten."""
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    try:
        who, cert = _a_case(app, unit, doctor)
        secrets = (who, "Storesson", QUESTION, EDITED, "Kan inte lyfta")
        assert in_clear_with_the_store_key(app, store_settings, secrets) == []
        opened = app.get(cert)
        assert opened.patient_data["personnummer"] == who
        assert opened.content["funktionsnedsattning"] == EDITED
        Digester(app, store_settings, Database(store_settings)).catch_up()
        stored = _states(app)

        forget(store_settings, who)

        assert _states(app)[:len(stored)] == stored
        assert in_clear_with_the_store_key(app, store_settings, secrets) == []
        report = verify_store(app, LedgerStore(Database(store_settings)), PUBLIC_KEY)
        assert report.findings == []
        fresh = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
        try:
            loaded = fresh.get(cert)
            assert (loaded.id, loaded.version, loaded.state) == (cert, opened.version,
                                                                   opened.state)
            assert loaded.patient_data["personnummer"] == loaded.patient_data["name"] == ""
            assert "funktionsnedsattning" not in loaded.content
            assert loaded.content["diagnoser"][0]["kod"] == opened.content["diagnoser"][0]["kod"]
            assert loaded.content["sjukskrivningar"] == opened.content["sjukskrivningar"]
        finally:
            fresh.close()
    finally:
        app.close()


def test_an_authorised_reader_gets_the_forgotten_values_after_intyg_forget(
        store_settings: Settings) -> None:
    """GET of a forgotten patient's certificate by its own unit's doctor answers 200 with the
    personnummer and name empty and the free text left out; the codes stay."""
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    try:
        who, cert = _a_case(app, unit, doctor)
        forget(store_settings, who)
        auth = {"Authorization": f"Bearer {token_for(store_settings, doctor, FakeClock())}"}
        reader = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
        with TestClient(create_app(store_settings, certificates_app=reader)) as client:
            response = client.get(f"/v1/certificates/{cert}", headers=auth)
        reader.close()
        assert response.status_code == 200, response.text
        assert who not in response.text and "Storesson" not in response.text
        assert EDITED not in response.text
        body: dict[str, Any] = response.json()
        assert body["id"] == str(cert)
        assert "M54" in response.text
    finally:
        app.close()


def test_a_store_written_before_store_sealing_still_loads_and_seals_what_comes_after(
        store_settings: Settings) -> None:
    """Rows stored before this change hold the patient's fields clear (under the store key);
    they still load, and an event stored afterwards for the same certificate is sealed."""
    earlier = Certificates({**eventsourcing_env(store_settings), **PRE_STORE_SEALING},
                           clock=FakeClock())
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    who = patient(name=NAME)
    try:
        cert = draft(earlier, unit, doctor, who)
        assert in_clear_with_the_store_key(earlier, store_settings, (who.personnummer,))
    finally:
        earlier.close()
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    try:
        assert app.get(cert).patient_data["personnummer"] == who.personnummer
        content = {**lisjp_content(app.clock().date()), "funktionsnedsattning": EDITED}
        app.edit_draft(cert, based_on_version=1, content=content, by=doctor)
        assert in_clear_with_the_store_key(app, store_settings, (EDITED,)) == []
        assert app.get(cert).content["funktionsnedsattning"] == EDITED
    finally:
        app.close()


def test_a_sealed_row_is_refused_as_unreadable_when_the_store_is_read_without_its_data_keys(
        store_settings: Settings) -> None:
    """A store opened without the key table (an environment naming no sealing settings) never
    hands on a half-read event: the sealed row is named unreadable by its ids."""
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    unit = care_unit()
    try:
        cert = draft(app, unit, staff_at(unit, role=Role.DOCTOR), patient(name=NAME))
    finally:
        app.close()
    env = {k: v for k, v in eventsourcing_env(store_settings).items() if k != SEALING_ENV}
    keyless = Certificates(env, clock=FakeClock())
    try:
        with pytest.raises(StoredHistoryUnreadableError) as raised:
            keyless.repository.get(cert)
        assert (raised.value.aggregate_id, raised.value.version) == (str(cert), 1)
    finally:
        keyless.close()
