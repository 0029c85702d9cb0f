"""Samverkansytan in production mode (PostgreSQL and Kafka) through the API (issue 15,
acceptance; ORDERS.md §3): the citizen opens a space for a current sick leave, invites the
employer and the doctor, approves the employer's plan item, removes the employer; the space's
whole history replays from its Kafka topic identically to the event store."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.history import history
from commands.settings import eventsourcing_env
from domain.samverkan import fold
from domain.samverkan.roles import Role
from streams.database import Database
from streams.relay import Relay
from streams.topics import spaces_topic
from streams.unseal import opened_records, opener_for
from tests.factories import FakeClock, personnummer
from tests.factories.samverkan_http import SPACES, Parties, ok
from tests.integration.kafka_support import kafka_settings, read_topic

pytestmark = pytest.mark.kafka
PLAN = {"kind": "PLANPUNKT", "title": "Deltid 50 %", "text": "Halvtid i fyra veckor, sedan 75 %"}


def _story(client: TestClient, who: Parties, today) -> tuple[str, dict]:
    cert = who.signed_lisjp(client, today)
    space = ok(client.post(SPACES, json={"certificateId": cert}, headers=who.citizen), 201)["id"]
    url = f"{SPACES}/{space}"
    employer = ok(client.post(f"{url}/participants", headers=who.citizen, json={
        "role": "ARBETSGIVARE", "party": who.party(Role.ARBETSGIVARE)}), 201)["made"]
    doctor = ok(client.post(f"{url}/participants", headers=who.citizen, json={
        "role": "LAKARE", "party": who.party(Role.LAKARE)}), 201)["made"]
    as_employer, as_doctor = who.auth(Role.ARBETSGIVARE, space), who.auth(Role.LAKARE, space)
    item = ok(client.post(f"{url}/items", json=PLAN, headers=as_employer), 201)["made"]
    seen = {"doctor_before": ok(client.get(url, headers=as_doctor))["items"],
            "employer_before": ok(client.get(url, headers=as_employer))["items"]}
    ok(client.post(f"{url}/items/{item}/approval", headers=who.citizen))
    seen["doctor_after"] = ok(client.get(url, headers=as_doctor))["items"]
    seen["employer_after"] = ok(client.get(url, headers=as_employer))["items"]
    thread = ok(client.post(f"{url}/threads", headers=who.citizen, json={
        "subject": "Arbetstider", "text": "Kan jag börja på förmiddagar?"}), 201)["made"]
    ok(client.post(f"{url}/threads/{thread}/replies", headers=as_employer,
                   json={"text": "Förmiddagar passar oss"}), 201)
    ok(client.post(f"{url}/participants/{employer}/removal", headers=who.citizen))
    seen["removed"] = [client.get(url, headers=as_employer),
                       client.get(f"{url}/timeline", headers=as_employer),
                       client.post(f"{url}/items", json=PLAN, headers=as_employer)]
    seen["unknown"] = client.get(f"{SPACES}/{uuid.uuid4()}", headers=as_doctor)
    seen["reads"] = ok(client.get(f"{url}/reads", headers=who.citizen))["reads"]
    seen["doctor"] = doctor
    return space, seen


def test_citizen_led_space_story_runs_and_replays_from_kafka_when_in_production():
    """Issue 15 acceptance: the HTTP story, and the history replayed from Kafka."""
    with kafka_settings() as settings:
        clock = FakeClock()
        app = Certificates(eventsourcing_env(settings), clock=clock)
        who = Parties(settings, personnummer())
        try:
            with TestClient(create_app(settings, certificates_app=app)) as client:
                space, seen = _story(client, who, clock().date())
            Relay(app, settings, Database(settings)).run_until_caught_up()
            stored = history(app, uuid.UUID(space))
            records = [r for r in read_topic(settings, spaces_topic(settings))
                       if r.key == space.encode()]
            raw = b"".join(r.value for r in records)
            replayed = [opened for _, opened in opened_records(records, opener_for(settings))]
            store_facts = app.repository.get(uuid.UUID(space)).facts
        finally:
            app.close()
    assert seen["doctor_before"] == []  # not released: author and citizen only
    assert [i["title"] for i in seen["employer_before"]] == ["Deltid 50 %"]
    assert [i["title"] for i in seen["doctor_after"]] == ["Deltid 50 %"]
    assert [i["approved"] for i in seen["employer_after"]] == [True]
    assert [r.status_code for r in seen["removed"]] == [404, 404, 404]
    assert seen["removed"][0].json()["detail"] == seen["unknown"].json()["detail"].replace(
        seen["unknown"].url.path.rsplit("/", 1)[1], space)  # the stranger's answer
    assert {r["role"] for r in seen["reads"]} == {"samverkan:LAKARE"}
    assert len(seen["reads"]) == 2  # the doctor's two reads of the space, each logged
    # the history from Kafka, opened, is the store's, event by event, and folds the same
    assert [(v["event"], v["version"], v["data"]) for v in replayed] == [
        (line["event"], line["version"], line["data"]) for line in stored]
    assert [v["event"] for v in replayed] == [
        "SpaceOpened", "CertificateLinked", "ParticipantInvited", "ParticipantInvited",
        "ItemProposed", "ItemApproved", "ItemProposed", "ReplyPosted", "ParticipantRemoved"]
    folded = None
    for value in replayed:
        folded = fold.apply(folded, value["event"], _typed(value["data"]))
    assert folded == store_facts
    assert who.pnr.encode() not in raw and b"Halvtid" not in raw  # sealed on the wire
    assert "Förmiddagar passar".encode() not in raw  # a reply's text too


def _typed(data: dict) -> dict:
    """The message's time as the event's (an ISO string on the wire)."""
    return {**data, "at": datetime.fromisoformat(data["at"])}
