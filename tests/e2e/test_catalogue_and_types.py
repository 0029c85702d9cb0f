"""The type catalogue and the other certificate types through the same lifecycle (issue
"Every certificate type"; TYPES.md §0.1 lifecycle matrix)."""

from __future__ import annotations

import jsonschema
import pytest

from tests.factories import FakeClock
from tests.factories.http import issue, recipient_of
from tests.type_examples import MAXIMAL, MINIMAL, PRINTED, RENEWABLE, SIGN_SENDS, TODAY


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


def test_catalogue_flags_follow_the_lifecycle_matrix(client):
    """TYPES.md §0.1, stated independently in tests/type_examples.py: recipient, renewal and
    sign = send of every draftable type; fk7263 is import-only."""
    by_id = {t["id"]: t for t in client.get("/v1/certificate-types").json()}
    assert {i for i, t in by_id.items() if t["draftable"]} == set(MINIMAL)
    for type_id in MINIMAL:
        flags = by_id[type_id]
        assert flags["defaultRecipient"] == recipient_of(type_id), type_id
        assert (flags["defaultRecipient"] is None) == (type_id in PRINTED), type_id
        assert flags["renewable"] == (type_id in RENEWABLE), type_id
        assert flags["signSends"] == (type_id in SIGN_SENDS), type_id
        assert flags["contentSchema"] is not None, type_id


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_catalogue_schema_validates_the_minimal_example_when_the_type_is_modelled(client,
                                                                                type_id):
    by_id = {t["id"]: t for t in client.get("/v1/certificate-types").json()}
    jsonschema.validate(MINIMAL[type_id](), by_id[type_id]["contentSchema"])
    if type_id in MAXIMAL:
        jsonschema.validate(MAXIMAL[type_id](), by_id[type_id]["contentSchema"])


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
