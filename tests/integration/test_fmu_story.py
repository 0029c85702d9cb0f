"""An FMU case in production mode (PostgreSQL and Kafka) through the API, from
Försäkringskassan's request to payment eligibility (DOMAIN.md §10; ORDERS.md §1.4, §1.9,
§1.10): FK's messages come in over the API with its token; what care tells FK leaves on the
topic to the authority, in order under the investigation's key, with no patient data; the
order's citizen is stored encrypted."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from streams.relay import Relay
from streams.topics import fmu_authority_topic
from tests.factories import FakeClock, fmu
from tests.factories.fmu_http import FK, SA, VA, VISIT, assigned, ok, order
from tests.factories.http import recipient_auth
from tests.integration.kafka_support import headers_of, kafka_settings, read_topic, value_of

pytestmark = pytest.mark.kafka


def test_fmu_case_reaches_payment_with_its_messages_to_fk_on_their_topic_when_run_in_production():
    with kafka_settings() as settings:
        clock = FakeClock()
        app = Certificates(eventsourcing_env(settings), clock=clock)
        try:
            with TestClient(create_app(settings, certificates_app=app)) as client:
                inv, pnr = _story(client, settings, clock)
            relay = Relay(app, settings, Database(settings))
            relay.run_until_caught_up()
            relay.run_until_caught_up()  # once more: nothing is sent twice
            records = read_topic(settings, fmu_authority_topic(settings))
            stored = _stored_rows(settings, inv)
        finally:
            app.close()
    assert stored and not any(pnr.encode() in row for row in stored)  # encrypted at rest
    assert {r.key.decode() for r in records} == {inv}
    assert len({r.partition for r in records}) == 1
    messages = [value_of(r) for r in records]
    assert [(m["type"].split(".")[3], m.get("visit_status") or m.get("response"))
            for m in messages] == [
        ("RespondToPerformerRequest", "ACCEPTERAT"), ("ReportCareContact", "TIDBOKAD"),
        ("ReportCareContact", "TIDBOKAD"), ("ReportCareContact", "AVSLUTAD"),
        ("CertificateSent", None), ("SupplementSent", None)]
    assert messages[0]["performer"]["care_unit_id"] == fmu.REGION_UNIT
    assert messages[2]["start"] == "2026-11-17T09:00:00Z"
    assert all(headers_of(r)["ce_id"] == m["message_id"] for r, m in zip(records, messages,
                                                                         strict=True))
    assert not any(pnr.encode() in r.value for r in records)


def _stored_rows(settings: Settings, investigation_id: str) -> list[bytes]:
    password = settings.postgres_password.get_secret_value()
    with psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                         dbname=settings.postgres_db, user=settings.postgres_user,
                         password=password) as conn:
        rows = conn.execute(f"SELECT state FROM {settings.postgres_schema}.certificates_events "
                            "WHERE originator_id = %s", (investigation_id,)).fetchall()
    return [bytes(state) for (state,) in rows]


def _story(client: TestClient, settings: Settings, clock: FakeClock) -> tuple[str, str]:
    """Request 2 Nov, assigned, ordered 3 Nov (last date 11 Dec), documents 4 Nov, visit
    booked for 16 Nov and moved to 17 Nov, held; utlåtande sent 7 Dec, received 8 Dec; a
    complement asked 10 Dec (due 18 Dec), sent 15 Dec, received 16 Dec: paid."""
    fk, va = recipient_auth(settings, clock), fmu.unit_auth(settings)
    inv = assigned(client, settings, fk)
    clock.now = fmu.at(date(2026, 11, 3))
    ordered = order(inv)
    ok(client.post(f"{FK}/orders", json=ordered, headers=fk), 201)
    clock.now = fmu.at(date(2026, 11, 4))
    ok(client.post(f"{VA}/{inv}/documents", json={"day": "2026-11-04"}, headers=va))
    ok(client.post(f"{VA}/{inv}/visits", json=VISIT, headers=va))
    moved = {"start": "2026-11-17T09:00:00+00:00", "end": "2026-11-17T10:00:00+00:00",
             "summonsChannel": "TELEFON", "summonedOn": "2026-11-05"}
    ok(client.post(f"{VA}/{inv}/visits/v1/reschedule", json=moved, headers=va))
    clock.now = fmu.at(date(2026, 11, 17), 11)
    ok(client.post(f"{VA}/{inv}/visits/v1/held", json={}, headers=va))
    clock.now = fmu.at(date(2026, 12, 7))
    ok(client.post(f"{VA}/{inv}/statement", json={"day": "2026-12-07"}, headers=va))
    clock.now = fmu.at(date(2026, 12, 8))
    ok(client.post(f"{FK}/assessments/{inv}/certificate-receipts", headers=fk, json={
        "receivedDate": "2026-12-08", "lastDateForSupplementRequest": "2026-12-22"}))
    clock.now = fmu.at(date(2026, 12, 10))
    asked = ok(client.post(f"{FK}/assessments/{inv}/supplement-requests", headers=fk,
                           json={"lastDateForSupplementReceival": "2026-12-18"}))
    clock.now = fmu.at(date(2026, 12, 11))
    ok(client.post(f"{VA}/{inv}/complement-questions", json={"day": "2026-12-11"}, headers=va))
    clock.now = fmu.at(date(2026, 12, 15))
    ok(client.post(f"{VA}/{inv}/complement", json={"day": "2026-12-15"}, headers=va))
    clock.now = fmu.at(date(2026, 12, 16))
    received = ok(client.post(f"{FK}/assessments/{inv}/supplement-receipts", headers=fk, json={
        "supplementRequestId": asked["replyId"], "receivedDate": "2026-12-16",
        "lastDateForSupplementRequest": "2026-12-30"}))
    assert received["status"] == "KOMPLETTERING_MOTTAGEN"
    seen = ok(client.get(f"{SA}/{inv}", headers=fmu.coordinator_auth(settings)))
    assert (seen["payment"]["paid"], seen["payment"]["qualifyingVisits"]) == (True, ["v1"])
    return inv, ordered["citizen"]["personnummer"]
