"""Mina intyg over HTTP, from the mina-intyg read model (DOMAIN.md §9)."""

from __future__ import annotations

from datetime import date

from domain.certificates.lifecycle import RevocationReason
from tests.documents import pdf_text
from tests.e2e.read_models import citizen_bearer
from tests.factories import care_unit, patient, personnummer, staff_at
from tests.flows import signed


def test_citizen_lists_own_signed_certificates_when_logged_in(world):
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    me = patient()
    mine = signed(app, unit, doctor, me)
    signed(app, unit, doctor)  # someone else's
    last = app.send_certificate(mine, recipient="FKASSA", by=doctor.hsa_id).position
    listed = client.get(f"/v1/citizen/certificates?after={last}",
                        headers=citizen_bearer(settings, me.personnummer, clock))
    assert listed.status_code == 200, listed.text
    assert [c["id"] for c in listed.json()] == [str(mine)]
    assert listed.json()[0]["sentTo"] == ["FKASSA"]


def test_revoked_test_and_death_certificates_are_not_listed_for_the_citizen(world):
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    me = patient()
    kept = signed(app, unit, doctor, me)
    revoked = signed(app, unit, doctor, me)
    last = app.revoke_certificate(revoked, reason=RevocationReason.FEL_PATIENT, text="Fel",
                                  by=doctor).position
    tester = patient(test_indicated=True)
    signed(app, unit, doctor, tester)
    auth = citizen_bearer(settings, me.personnummer, clock)
    listed = client.get(f"/v1/citizen/certificates?after={last}", headers=auth).json()
    assert [c["id"] for c in listed] == [str(kept)]
    assert client.get(f"/v1/citizen/certificates/{revoked}", headers=auth).status_code == 404
    test_auth = citizen_bearer(settings, tester.personnummer, clock)
    assert client.get("/v1/citizen/certificates", headers=test_auth).json() == []


def test_citizen_filters_by_year_care_unit_type_and_sent(world):
    settings, clock, client, app = world
    me = patient()
    unit_a, unit_b = care_unit(), care_unit()
    first = signed(app, unit_a, staff_at(unit_a), me)
    second = signed(app, unit_b, staff_at(unit_b), me)
    last = app.send_certificate(second, recipient="FKASSA", by="x").position
    auth = citizen_bearer(settings, me.personnummer, clock)

    def ids(query: str) -> set[str]:
        got = client.get(f"/v1/citizen/certificates?after={last}&{query}", headers=auth)
        assert got.status_code == 200, got.text
        return {c["id"] for c in got.json()}

    year = clock().year
    assert ids(f"year={year}") == {str(first), str(second)}
    assert ids(f"year={year - 1}") == set()
    assert ids(f"careUnit={unit_a.hsa_id}") == {str(first)}
    assert ids("type=lisjp") == {str(first), str(second)}
    assert ids("type=ag7804") == set()
    assert ids("sent=true") == {str(second)}
    assert ids("sent=false") == {str(first)}


def test_citizen_gets_404_for_another_persons_certificate_as_for_a_missing_one(world):
    settings, clock, client, app = world
    unit = care_unit()
    other = signed(app, unit, staff_at(unit))
    auth = citizen_bearer(settings, personnummer(), clock)
    for path in (f"/v1/citizen/certificates/{other}",
                 "/v1/citizen/certificates/00000000-0000-0000-0000-000000000001"):
        assert client.get(path, headers=auth).status_code == 404
    sent_attempt = client.post(f"/v1/citizen/certificates/{other}/send", headers=auth,
                               json={"recipient": "FKASSA"})
    assert sent_attempt.status_code == 404
    assert client.post(f"/v1/citizen/certificates/{other}/archive",
                       headers=auth).status_code == 404
    pdf = client.get(f"/v1/citizen/certificates/{other}/employer-version.pdf", headers=auth)
    assert pdf.status_code == 404


def test_citizen_under_16_is_refused(world):
    settings, clock, client, _ = world
    young = personnummer(born=date(clock().year - 15, 1, 1))
    got = client.get("/v1/citizen/certificates", headers=citizen_bearer(settings, young, clock))
    assert got.status_code == 403


def test_staff_token_is_not_a_citizen_token(world):
    settings, clock, client, _ = world
    from tests.e2e.read_models import bearer

    unit = care_unit()
    got = client.get("/v1/citizen/certificates", headers=bearer(settings, staff_at(unit), clock))
    assert got.status_code == 401


def test_citizen_sends_archives_and_restores_own_certificate(world):
    settings, clock, client, app = world
    unit = care_unit()
    me = patient()
    mine = signed(app, unit, staff_at(unit), me)
    auth = citizen_bearer(settings, me.personnummer, clock)
    first = app.recorder.max_notification_id()
    assert client.get(f"/v1/citizen/certificates?after={first}", headers=auth).status_code == 200
    sent_now = client.post(f"/v1/citizen/certificates/{mine}/send", headers=auth,
                           json={"recipient": "FKASSA"})
    assert sent_now.status_code == 200, sent_now.text
    wrong = client.post(f"/v1/citizen/certificates/{mine}/send", headers=auth,
                        json={"recipient": "TRANSP"})
    assert wrong.status_code == 409
    archived = client.post(f"/v1/citizen/certificates/{mine}/archive", headers=auth).json()
    listed = client.get(f"/v1/citizen/certificates?after={archived['position']}",
                        headers=auth).json()
    assert listed == []
    in_archive = client.get("/v1/citizen/certificates?archived=true", headers=auth).json()
    assert [c["id"] for c in in_archive] == [str(mine)]
    assert in_archive[0]["sentTo"] == ["FKASSA"]
    restored = client.post(f"/v1/citizen/certificates/{mine}/restore", headers=auth).json()
    back = client.get(f"/v1/citizen/certificates?after={restored['position']}",
                      headers=auth).json()
    assert [c["id"] for c in back] == [str(mine)]
    statuses = client.get(f"/v1/citizen/certificates/{mine}", headers=auth).json()["statuses"]
    # DOMAIN.md §5: status entries are newest first, in Mina intyg as in the care API
    assert [s["kind"] for s in statuses] == ["RESTORED", "DELETED", "SENT", "RECEIVED"]


def test_employer_version_leaves_out_what_the_citizen_chose(world):
    settings, clock, client, app = world
    unit = care_unit()
    me = patient()
    mine = signed(app, unit, staff_at(unit), me)
    auth = citizen_bearer(settings, me.personnummer, clock)
    position = app.recorder.max_notification_id()
    full = client.get(f"/v1/citizen/certificates/{mine}/employer-version?after={position}",
                      headers=auth)
    assert full.status_code == 200, full.text
    assert "diagnoser" in full.json()["content"]
    without = client.get(f"/v1/citizen/certificates/{mine}/employer-version"
                         "?omit=diagnoser&omit=funktionsnedsattning", headers=auth).json()
    assert "diagnoser" not in without["content"]
    assert "funktionsnedsattning" not in without["content"]
    assert "sjukskrivningar" in without["content"]  # always on the employer's copy
    pdf = client.get(f"/v1/citizen/certificates/{mine}/employer-version.pdf?omit=diagnoser",
                     headers=auth)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "M54" not in pdf_text(pdf.content)  # the omitted diagnosis is not in the PDF
    with_diagnosis = client.get(f"/v1/citizen/certificates/{mine}/employer-version.pdf",
                                headers=auth)
    text = pdf_text(with_diagnosis.content)
    assert "M54.4 Lumbago med ischias" in text
