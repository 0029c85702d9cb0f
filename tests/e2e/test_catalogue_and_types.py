"""The type catalogue and the other certificate types through the same lifecycle (issue
"Every certificate type"; TYPES.md §0.1 lifecycle matrix)."""

from __future__ import annotations

import jsonschema
import pytest

from tests.e2e.test_every_type import issue
from tests.e2e.test_lisjp_story import UNIT_BODY
from tests.factories import FakeClock, personnummer
from tests.type_examples import MINIMAL, TODAY


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)


def test_catalogue_lists_all_15_types_when_asked(client):
    catalogue = client.get("/v1/certificate-types").json()
    assert len(catalogue) == 15
    by_id = {t["id"]: t for t in catalogue}
    assert by_id["db"]["signSends"] and by_id["db"]["defaultRecipient"] == "SKV"
    assert by_id["fk7263"]["draftable"] is False
    assert by_id["lisjp"]["renewable"] and by_id["lisjp"]["hasQuestions"]


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_catalogue_schema_validates_the_minimal_example_when_the_type_is_modelled(client,
                                                                                type_id):
    by_id = {t["id"]: t for t in client.get("/v1/certificate-types").json()}
    jsonschema.validate(MINIMAL[type_id](), by_id[type_id]["contentSchema"])


@pytest.mark.parametrize(("type_id", "recipient"), [("tstrk1009", "TRANSP"), ("db", "SKV"),
                                                    ("doi", "SOS")])
def test_signing_sends_at_once_when_the_type_is_sign_equals_send(client, auth, type_id,
                                                                  recipient):
    """TYPES.md §0.1: DB, DOI, TSTRK1009 (and AF00213) are sent to their recipient on signing."""
    cert_id = issue(client, auth, type_id)
    cert = client.get(f"/v1/certificates/{cert_id}", headers=auth).json()
    assert [s["recipient"] for s in cert["statuses"] if s["kind"] == "SENT"] == [recipient]
    revoked = client.post(f"/v1/certificates/{cert_id}/revoke", headers=auth,
                          json={"reason": "ANNAT_ALLVARLIGT_FEL", "text": "Fel uppgift"})
    assert revoked.status_code == 200
    cert = client.get(f"/v1/certificates/{cert_id}", headers=auth).json()
    assert {s["recipient"] for s in cert["statuses"] if s["kind"] == "CANCELLED"} >= {recipient}


@pytest.mark.parametrize("type_id", ["ts-bas", "ts-diabetes", "tstrk1062"])
def test_transport_certificate_is_sent_by_the_doctor_when_signed(client, auth, type_id):
    """TYPES.md §0.1: TS types go to TRANSP when the doctor sends them; renewal is refused."""
    cert_id = issue(client, auth, type_id)
    sent = client.post(f"/v1/certificates/{cert_id}/send", json={"recipient": "TRANSP"},
                       headers=auth)
    assert sent.status_code == 200 and sent.json()["changed"]
    assert client.post(f"/v1/certificates/{cert_id}/renew", headers=auth).status_code == 409
    history = client.get(f"/v1/certificates/{cert_id}/history", headers=auth).json()
    assert [e["event"] for e in history] == ["DraftCreated", "CertificateSigned",
                                             "CertificateSent"]


def test_doi_carries_the_copied_fields_when_created_from_a_db(client, auth):
    """TYPES.md §11: a DOI created from a DB copies identity, date and place of death."""
    db_id = issue(client, auth, "db")
    created = client.post(f"/v1/certificates/{db_id}/doi", headers=auth)
    assert created.status_code == 201, created.text
    doi = client.get(f"/v1/certificates/{created.json()['id']}", headers=auth).json()
    source = client.get(f"/v1/certificates/{db_id}", headers=auth).json()
    assert doi["type"] == "doi" and doi["relation"]["kind"] == "CREATED_FROM"
    for field in ("identitetStyrkt", "dodsdatumSakert", "dodsdatum", "dodsplatsKommun",
                  "dodsplatsBoende", "barn", "patient"):
        assert doi["content"][field] == source["content"][field], field
    assert doi["patient"] == source["patient"]
    lisjp = client.post(f"/v1/certificates/{db_id}/ag7804", headers=auth,
                        json={"includeDiagnosis": False})
    assert lisjp.status_code == 409


@pytest.mark.parametrize("type_id", ["tstrk1009", "tstrk1062", "db", "doi"])
def test_draft_is_refused_when_the_patient_has_protected_identity(client, auth, type_id):
    """TYPES.md §0.1: these types are not issued for a patient with sekretessmarkering."""
    body = {"type": type_id, "careUnit": UNIT_BODY, "content": MINIMAL[type_id](),
            "patient": {"personnummer": personnummer(), "protectedIdentity": True}}
    refused = client.post("/v1/certificates", json=body, headers=auth)
    assert refused.status_code == 409 and "protected identity" in refused.json()["detail"]
    body["patient"]["protectedIdentity"] = False
    assert client.post("/v1/certificates", json=body, headers=auth).status_code == 201
