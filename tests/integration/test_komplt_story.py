"""The KOMPLT story end to end in production mode (PostgreSQL, Kafka, relay and read models
running): a LISJP is sent, Försäkringskassan asks for a complement and reminds, care answers
with a complementing certificate, and the certificate's Kafka key replays the whole case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.replay import replay_certificate
from streams.topics import recipient_topic
from tests.e2e.read_models import bearer
from tests.factories import FakeClock, care_unit, lisjp_content, personnummer, staff_at
from tests.factories.http import UNIT_BODY, recipient_auth
from tests.integration.kafka_support import kafka_settings, read_topic, value_of

pytestmark = pytest.mark.kafka
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings.model_copy(update={"relay_in_serve": True, "projections_in_serve": True,
                                          "read_wait_seconds": 30})


def test_komplt_story_from_question_to_complement_replays_from_one_key(settings):
    clock = FakeClock(NOW)
    app = Certificates(eventsourcing_env(settings), clock=clock)
    unit = care_unit()
    doctor = staff_at(unit)
    auth, fk = bearer(settings, doctor, clock), recipient_auth(settings, clock)
    pnr = personnummer()
    try:
        with TestClient(create_app(settings, certificates_app=app)) as client:
            # 1. A LISJP is signed and sent to Försäkringskassan
            cert = client.post("/v1/certificates", headers=auth, json={
                "type": "lisjp", "patient": {"personnummer": pnr}, "careUnit": UNIT_BODY,
                "content": lisjp_content(NOW.date())}).json()
            cert_id = cert["id"]
            client.post(f"/v1/certificates/{cert_id}/sign", headers=auth, json={"version": 1})
            client.post(f"/v1/certificates/{cert_id}/send", headers=auth,
                        json={"recipient": "FKASSA"})
            # 2. FKASSA asks for a complement with two items, then reminds
            komplt = {"messageId": f"fk-{cert_id}", "sentAt": "2026-11-28T10:00:00+00:00",
                      "certificateId": cert_id, "personnummer": pnr, "subject": "KOMPLT",
                      "heading": "Komplettering", "text": "Komplettera 32 och 35",
                      "lastAnswerDate": "2026-12-12",
                      "complementItems": [{"questionId": "32", "text": "Perioden?"},
                                          {"questionId": "35", "text": "Funktionsnedsättning?"}]}
            assert client.post("/v1/recipient/messages", headers=fk,
                               json=komplt).status_code == 201
            reminder = client.post("/v1/recipient/messages", headers=fk, json={
                "messageId": f"fk-r-{cert_id}", "sentAt": "2026-11-28T11:00:00+00:00",
                "certificateId": cert_id, "personnummer": pnr, "subject": "PAMINN",
                "text": "Påminnelse", "reminds": komplt["messageId"]}).json()
            listed = client.get(f"/v1/units/{unit.hsa_id}/questions?reminded=true"
                                f"&after={reminder['position']}", headers=auth).json()
            assert [(q["id"], q["subject"], q["reminders"]) for q in listed] == [
                (komplt["messageId"], "KOMPLT", 1)]
            rehab = client.get(f"/v1/rehabstod/units/{unit.hsa_id}/sjukfall"
                               f"?unansweredQuestions=true&after={reminder['position']}",
                               headers=auth).json()
            assert [c["openKomplt"] for c in rehab] == [1]
            # 3. A plain answer to a KOMPLT is refused
            plain = client.post(f"/v1/certificates/{cert_id}/questions/"
                                f"{komplt['messageId']}/answer", headers=auth,
                                json={"text": "Nej"})
            assert plain.status_code == 409
            # 4. Care answers with a complementing certificate; signing it closes the question
            child = client.post(f"/v1/certificates/{cert_id}/complement", headers=auth).json()
            signed = client.post(f"/v1/certificates/{child['id']}/sign", headers=auth,
                                 json={"version": child["version"]}).json()
            after = f"after={signed['position']}"
            assert client.get(f"/v1/units/{unit.hsa_id}/questions?{after}",
                              headers=auth).json() == []
            [closed] = client.get(f"/v1/certificates/{cert_id}/questions", headers=auth).json()
            assert closed["state"] == "CLOSED"
            statuses = client.get(f"/v1/certificates/{child['id']}", headers=auth).json()
            assert ("FKASSA", "SENT") in {(s["recipient"], s["kind"])
                                          for s in statuses["statuses"]}
            stats = client.get(f"/v1/statistik/care_unit/reports/meddelanden-per-amne"
                               f"?id={unit.hsa_id}&{after}", headers=auth).json()
            assert "rows" in stats, stats
            counted = {row["key"]: row["values"][2] for row in stats["rows"]}
            assert (counted["KOMPLT"], counted["PAMINN"]) == (1, 1)
    finally:
        app.close()
    # 5. The certificate's Kafka key replays the whole conversation, in order
    events = [line["event"] for line in replay_certificate(settings, cert_id)]
    assert events == ["DraftCreated", "CertificateSigned", "CertificateSent",
                      "ConversationStarted", "QuestionReceived", "ReminderReceived",
                      "ChildCertificateCreated", "ChildCertificateSigned",
                      "KompltClosedByComplement"]
    to_fk = [(r.key.decode(), value_of(r)["event"])
             for r in read_topic(settings, recipient_topic(settings, "FKASSA"))]
    assert sorted(to_fk) == sorted([(cert_id, "CertificateSent"),
                                    (child["id"], "CertificateSent")])
