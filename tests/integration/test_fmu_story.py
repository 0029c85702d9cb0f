"""An FMU case in production mode (PostgreSQL and Kafka) through the API, from
Försäkringskassan's request to payment eligibility (DOMAIN.md §10; ORDERS.md §1.4, §1.9,
§1.10): FK's messages come in over the API with its token; what care tells FK leaves on the
topic to the authority, in order under the investigation's key, with no patient data; the
order's citizen is stored encrypted; the §1.8 e-mails arrive on a real SMTP server on the days
the rules make them due, each once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import psycopg
import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from streams.relay import Relay
from streams.topics import fmu_authority_topic, investigations_topic
from tests.factories import FakeClock, fmu
from tests.factories.fmu_http import FK, SA, VA, VISIT, assigned, ok, order
from tests.factories.http import recipient_auth
from tests.factories.mail import SMTP_PORTS, smtp_server
from tests.integration.kafka_support import headers_of, kafka_settings, read_topic, value_of

pytestmark = pytest.mark.kafka
COORDINATOR_MAIL = "fmu-samordnare@region.example"
UNIT_MAIL = "fmu-enheten@region.example"
MAIL = {"smtp_host": "127.0.0.1", "smtp_port": SMTP_PORTS[3], "smtp_from": "intyg@region.example",
        "fmu_mail_addresses": {fmu.REGION: COORDINATOR_MAIL, fmu.REGION_UNIT: UNIT_MAIL}}
Mailed = dict[date, list[tuple[str, str]]]


def test_fmu_case_reaches_payment_with_its_messages_to_fk_on_their_topic_when_run_in_production():
    with kafka_settings() as plain, smtp_server(port=SMTP_PORTS[3]) as inbox:
        settings = plain  # serve's own mail thread stays off: the job runs on chosen days
        clock = FakeClock()
        app = Certificates(eventsourcing_env(settings), clock=clock)
        mailer = OrdersRuntime(settings.model_copy(update=MAIL), app, clock)
        mailed: Mailed = {}
        try:
            with TestClient(create_app(settings, certificates_app=app)) as client:
                inv, pnr = _story(client, settings, clock, _mail_on(mailer, clock, mailed))
            relay = Relay(app, settings, Database(settings))
            relay.run_until_caught_up()
            relay.run_until_caught_up()  # once more: nothing is sent twice
            records = read_topic(settings, fmu_authority_topic(settings))
            steps = [(value_of(r)["event"], value_of(r)["version"])
                     for r in read_topic(settings, investigations_topic(settings))
                     if r.key.decode() == inv]
            stored = _stored_rows(settings, inv)
        finally:
            mailer.close()
            app.close()
    assert stored and not any(pnr.encode() in row for row in stored)  # encrypted at rest
    _assert_mailed(mailed, [(str(m["Message-ID"]), str(m["Subject"])) for m in inbox.mails],
                   pnr)
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
    # what Försäkringskassan sent is on the investigation's own topic, each step once, in order
    from_fk = ["RequestReceived", "OrderReceived", "StatementReceived", "ComplementRequested",
               "ComplementReceived"]
    assert [event for event, _ in steps if event in from_fk] == from_fk
    assert [version for _, version in steps] == list(range(1, len(steps) + 1))


def _stored_rows(settings: Settings, investigation_id: str) -> list[bytes]:
    password = settings.postgres_password.get_secret_value()
    with psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                         dbname=settings.postgres_db, user=settings.postgres_user,
                         password=password) as conn:
        rows = conn.execute(f"SELECT state FROM {settings.postgres_schema}.certificates_events "
                            "WHERE originator_id = %s", (investigation_id,)).fetchall()
    return [bytes(state) for (state,) in rows]


def _mail_on(mailer: OrdersRuntime, clock: FakeClock,
             mailed: Mailed) -> Callable[[date], None]:
    """Runs the mail sender on that day (as the job would) and keeps what it sent."""
    def run(day: date) -> None:
        clock.now = fmu.at(day, 12)
        mailed[day] = sorted((d.type, d.recipient) for d in mailer.send_due_mail())
    return run


def _assert_mailed(mailed: Mailed, arrived: list[tuple[str, str]], pnr: str) -> None:
    """ORDERS.md §1.8, hand-computed for this story (business days; no holiday falls before
    Christmas, but ISO weeks 51-52, 14-27 December, are vacation by default):
    - 3 Nov: the news of 2-3 Nov: FK's request to the landsting, the internal request, its
      accepting answer, the assignment and the order;
    - 3 Dec: nothing; the utlåtande's last date, Fri 11 Dec, is 6 business days away;
    - 4 Dec: its reminder to the unit: 11 Dec is within 5 business days (Fri 4 -> Fri 11);
    - 10 Dec: the complement asked (KOMPLETTERING_BEGARD) and at once its reminder, to the
      unit: Thu 10 + 5 business days is Thu 7 January (Fri 11, then weeks 51-52 are vacation,
      1 January a holiday: 4, 5, 7 January, 6 January trettondedag), after its last date 18 Dec;
    - 14 Dec: nothing more (each reminder once);
    - 16 Dec, after the complement was received, nothing more; each mail arrived once."""
    assert mailed == {
        date(2026, 11, 3): sorted([
            ("NY_EXTERNFORFRAGAN", COORDINATOR_MAIL),
            ("SAMTLIGA_INTERNFORFRAGAN_BESVARATS", COORDINATOR_MAIL),
            ("NY_INTERNFORFRAGAN", UNIT_MAIL), ("UTREDNING_TILLDELAD", UNIT_MAIL),
            ("NY_BESTALLNING", UNIT_MAIL)]),
        date(2026, 12, 3): [],
        date(2026, 12, 4): [("PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS", UNIT_MAIL)],
        date(2026, 12, 10): [("KOMPLETTERING_BEGARD", UNIT_MAIL),
                             ("PAMINNELSEDATUM_KOMPLETTERING_PASSERAS", UNIT_MAIL)],
        date(2026, 12, 14): [],
        date(2026, 12, 16): [],
    }
    assert len(arrived) == len({message_id for message_id, _ in arrived}) == 8
    assert not any(pnr in subject for _, subject in arrived)


def _story(client: TestClient, settings: Settings, clock: FakeClock,
           mail_on: Callable[[date], None]) -> tuple[str, str]:
    """Request 2 Nov, assigned, ordered 3 Nov (last date 11 Dec), documents 4 Nov, visit
    booked for 16 Nov and moved to 17 Nov, held; utlåtande sent 7 Dec, received 8 Dec; a
    complement asked 10 Dec (due 18 Dec), sent 15 Dec, received 16 Dec: paid. The mail
    sender runs on the days named in ``_assert_mailed``."""
    fk, va = recipient_auth(settings, clock), fmu.unit_auth(settings)
    inv = assigned(client, settings, fk)
    clock.now = fmu.at(date(2026, 11, 3))
    ordered = order(inv)
    ok(client.post(f"{FK}/orders", json=ordered, headers=fk), 201)
    mail_on(date(2026, 11, 3))
    clock.now = fmu.at(date(2026, 11, 4))
    ok(client.post(f"{VA}/{inv}/documents", json={"day": "2026-11-04"}, headers=va))
    ok(client.post(f"{VA}/{inv}/visits", json=VISIT, headers=va))
    moved = {"start": "2026-11-17T09:00:00+00:00", "end": "2026-11-17T10:00:00+00:00",
             "summonsChannel": "TELEFON", "summonedOn": "2026-11-05"}
    ok(client.post(f"{VA}/{inv}/visits/v1/reschedule", json=moved, headers=va))
    clock.now = fmu.at(date(2026, 11, 17), 11)
    ok(client.post(f"{VA}/{inv}/visits/v1/held", json={}, headers=va))
    mail_on(date(2026, 12, 3))
    mail_on(date(2026, 12, 4))
    clock.now = fmu.at(date(2026, 12, 7))
    ok(client.post(f"{VA}/{inv}/statement", json={"day": "2026-12-07"}, headers=va))
    clock.now = fmu.at(date(2026, 12, 8))
    ok(client.post(f"{FK}/assessments/{inv}/certificate-receipts", headers=fk, json={
        "receivedDate": "2026-12-08", "lastDateForSupplementRequest": "2026-12-22"}))
    clock.now = fmu.at(date(2026, 12, 10))
    asked = ok(client.post(f"{FK}/assessments/{inv}/supplement-requests", headers=fk,
                           json={"lastDateForSupplementReceival": "2026-12-18"}))
    mail_on(date(2026, 12, 10))
    clock.now = fmu.at(date(2026, 12, 11))
    ok(client.post(f"{VA}/{inv}/complement-questions", json={"day": "2026-12-11"}, headers=va))
    mail_on(date(2026, 12, 14))
    clock.now = fmu.at(date(2026, 12, 15))
    ok(client.post(f"{VA}/{inv}/complement", json={"day": "2026-12-15"}, headers=va))
    clock.now = fmu.at(date(2026, 12, 16))
    received = ok(client.post(f"{FK}/assessments/{inv}/supplement-receipts", headers=fk, json={
        "supplementRequestId": asked["replyId"], "receivedDate": "2026-12-16",
        "lastDateForSupplementRequest": "2026-12-30"}))
    assert received["status"] == "KOMPLETTERING_MOTTAGEN"
    mail_on(date(2026, 12, 16))
    seen = ok(client.get(f"{SA}/{inv}", headers=fmu.coordinator_auth(settings)))
    assert (seen["payment"]["paid"], seen["payment"]["qualifyingVisits"]) == (True, ["v1"])
    return inv, ordered["citizen"]["personnummer"]
