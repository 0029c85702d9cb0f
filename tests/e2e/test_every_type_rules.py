"""Each certificate type's own rules over HTTP (issue "Every certificate type", TYPES.md §0.1,
§1-3, §10, §11, §13): death-certificate uniqueness, a DOI or an AG7804 made from its parent,
what a renewal copies or clears, and the types a patient with protected identity cannot get."""

from __future__ import annotations

import pytest
from pydantic.alias_generators import to_camel

from domain.content.death.doi import COPIED_FROM_DB
from tests.e2e.conftest import token_for
from tests.factories import FakeClock, care_unit, personnummer, staff_at
from tests.factories.http import REVOKE, UNIT_BODY, issue, kinds, read
from tests.type_examples import MAXIMAL, MINIMAL, NO_PROTECTED_IDENTITY, TODAY

DB_ONLY = ("explosivImplantat", "explosivAvlagsnat", "undersokningYttre", "undersokningDatum",
           "polisanmalan")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TODAY)


def draft_body(type_id: str, pnr: str, **patient: bool) -> dict[str, object]:
    return {"type": type_id, "careUnit": UNIT_BODY, "content": MINIMAL[type_id](),
            "patient": {"personnummer": pnr, **patient}}


def test_a_second_db_for_the_patient_at_another_care_giver_is_refused(client, auth, clock,
                                                                     store_settings):
    """TYPES.md §10, UNIKT_INTYG: one signed DB per patient, across care givers; once it is
    revoked, another care giver may issue one."""
    pnr = personnummer()
    first = issue(client, auth, "db", pnr=pnr)
    elsewhere = staff_at(care_unit())
    other = {"Authorization": f"Bearer {token_for(store_settings, elsewhere, clock)}"}
    refused = client.post("/v1/certificates", json=draft_body("db", pnr), headers=other)
    assert refused.status_code == 409, refused.text
    assert "another care giver" in refused.json()["detail"]
    assert client.post(f"/v1/certificates/{first}/revoke", headers=auth, json={}).status_code \
        == 200
    assert client.post("/v1/certificates", json=draft_body("db", pnr),
                       headers=other).status_code == 201


def test_a_doi_made_from_a_db_carries_the_copied_fields(client, auth):
    """TYPES.md §11 / domain.content.death.doi.from_db: identity, date of death (uncertain here, so
    the
    anträffad-död date too), place of death, child, and the patient's address; nothing else."""
    db_id = issue(client, auth, "db", MAXIMAL["db"]())
    created = client.post(f"/v1/certificates/{db_id}/doi", headers=auth)
    assert created.status_code == 201, created.text
    assert created.json()["state"] == "DRAFT_INCOMPLETE"  # the causes of death are missing
    doi = read(client, auth, created.json()["id"])
    source = read(client, auth, db_id)
    assert doi["type"] == "doi" and doi["relation"]["kind"] == "CREATED_FROM"
    assert doi["patient"] == source["patient"]
    copied = [to_camel(field) for field in COPIED_FROM_DB] + ["patient"]
    assert doi["content"] == {field: source["content"][field] for field in copied}
    assert "antraffatDodDatum" in doi["content"] and not set(DB_ONLY) & set(doi["content"])


def test_a_doi_made_from_a_db_is_sent_to_sos_on_signing_and_revoked_without_a_reason(
        client, auth):
    db_id = issue(client, auth, "db")
    doi_id = client.post(f"/v1/certificates/{db_id}/doi", headers=auth).json()["id"]
    content = {**MINIMAL["doi"](), **read(client, auth, doi_id)["content"]}
    edited = client.put(f"/v1/certificates/{doi_id}/content", headers=auth,
                        json={"version": 1, "content": content})
    assert edited.json()["state"] == "DRAFT_COMPLETE", edited.text
    signed = client.post(f"/v1/certificates/{doi_id}/sign", headers=auth, json={"version": 2})
    assert signed.status_code == 200, signed.text
    assert ("SOS", "SENT") in kinds(client, auth, doi_id)
    assert client.post(f"/v1/certificates/{doi_id}/revoke", headers=auth,
                       json={}).status_code == 200
    assert ("SOS", "CANCELLED") in kinds(client, auth, doi_id)
    assert read(client, auth, db_id)["children"] == [
        {"id": doi_id, "kind": "CREATED_FROM", "state": "REVOKED"}]
    assert ("SKV", "CANCELLED") not in kinds(client, auth, db_id)


def test_a_doi_is_made_only_from_a_db(client, auth):
    lisjp = issue(client, auth, "lisjp")
    assert client.post(f"/v1/certificates/{lisjp}/doi", headers=auth).status_code == 409
    db_id = issue(client, auth, "db")
    assert client.post(f"/v1/certificates/{db_id}/ag7804", headers=auth,
                       json={"includeDiagnosis": False}).status_code == 409


def test_an_ag7804_made_from_a_lisjp_is_signed_printed_and_revoked(client, auth):
    lisjp = issue(client, auth, "lisjp")
    created = client.post(f"/v1/certificates/{lisjp}/ag7804", headers=auth,
                          json={"includeDiagnosis": True})
    assert created.status_code == 201 and created.json()["state"] == "DRAFT_COMPLETE"
    ag_id = created.json()["id"]
    assert client.post(f"/v1/certificates/{ag_id}/sign", headers=auth,
                       json={"version": 1}).status_code == 200
    assert client.post(f"/v1/certificates/{ag_id}/send", headers=auth,
                       json={"recipient": "FKASSA"}).status_code == 409
    assert client.post(f"/v1/certificates/{ag_id}/revoke", headers=auth,
                       json=REVOKE).status_code == 200
    assert kinds(client, auth, ag_id) == {("HSVARD", "RECEIVED"), ("HSVARD", "CANCELLED")}
    assert read(client, auth, lisjp)["children"] == [
        {"id": ag_id, "kind": "CREATED_FROM", "state": "REVOKED"}]


@pytest.mark.parametrize("type_id", ["luse", "luae_na", "luae_fs"])
def test_a_renewed_luse_or_luae_copies_everything_but_the_signature(client, auth, type_id):
    """TYPES.md §0.1: FK renewal of LUSE/LUAE copies all content; only signing resets."""
    parent = issue(client, auth, type_id, MAXIMAL[type_id]())
    renewed = client.post(f"/v1/certificates/{parent}/renew", headers=auth)
    assert renewed.status_code == 201, renewed.text
    child = read(client, auth, renewed.json()["id"])
    source = read(client, auth, parent)
    assert child["content"] == source["content"]
    assert child["state"] == "DRAFT_COMPLETE" and child["relation"]["kind"] == "FRLANG"
    assert child["signedAt"] is None and child["signer"] is None
    assert source["signedAt"] is not None and source["signer"] is not None


def test_a_renewed_af00251_clears_absence_rows_and_question_1(client, auth):
    """TYPES.md §13: renewal clears sjukfrånvaro and all of q1, and records the last period end
    on the relation."""
    cleared = ("undersokningsDatum", "annatDatum", "annatBeskrivning", "sjukfranvaro")
    parent = issue(client, auth, "af00251", MAXIMAL["af00251"]())
    source = read(client, auth, parent)["content"]
    assert set(cleared) <= set(source)
    renewed = client.post(f"/v1/certificates/{parent}/renew", headers=auth)
    assert renewed.status_code == 201, renewed.text
    child = read(client, auth, renewed.json()["id"])
    assert child["content"] == {k: v for k, v in source.items() if k not in cleared}
    assert child["state"] == "DRAFT_INCOMPLETE"  # question 1 must be answered anew
    assert child["relation"]["parent_last_period_end"] == "2026-12-20"


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_only_some_types_are_refused_for_a_patient_with_protected_identity(client, auth,
                                                                         type_id):
    """TYPES.md §0.1: TSTRK1009, TSTRK1062, DB and DOI are not issued for a patient with
    sekretessmarkering (PatientIn.protectedIdentity); every other type is."""
    body = draft_body(type_id, personnummer(), protectedIdentity=True)
    response = client.post("/v1/certificates", json=body, headers=auth)
    if type_id in NO_PROTECTED_IDENTITY:
        assert response.status_code == 409, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "/problems/rule-violation"
        assert "protected identity" in response.json()["detail"]
    else:
        assert response.status_code == 201, response.text
        assert read(client, auth, response.json()["id"])["patient"]["protected_identity"]
