"""Hardening item 16 over HTTP: care's and the citizen's PDF of the whole certificate and the
employer's copy, read like the national printouts; a rendered first page of each kind is kept
under tests/artefacts/pdf/ (DOMAIN.md §9, print to PDF)."""

from __future__ import annotations

import pytest
from structlog.testing import capture_logs

from api.documents.answers import content_answers
from domain.content.registry import texts_for
from domain.shared.catalogue import certificate_type
from tests.documents import (
    CODE_LIKE,
    SAMPLE_TEXT,
    UNICODE_SAMPLES,
    keep_first_page,
    pdf_text,
)
from tests.e2e.conftest import token_for
from tests.e2e.read_models import citizen_bearer
from tests.factories import FakeClock, care_unit, lisjp_content, patient, personnummer, staff_at
from tests.factories.http import REVOKE, UNIT_BODY, issue
from tests.flows import signed
from tests.type_examples import MINIMAL, TODAY

PDF = "application/pdf"


@pytest.fixture
def clock() -> FakeClock:
    """The day every type's example content is valid on."""
    return FakeClock(TODAY)


def signed_over_http(client, auth, clock, name: str = "Łucja Ström") -> tuple[str, str]:
    """A signed LISJP for a patient with a Unicode name and the samples in a free text."""
    pnr = personnummer()
    content = lisjp_content(clock().date(), funktionsnedsattning=SAMPLE_TEXT)
    body = {"type": "lisjp", "patient": {"personnummer": pnr, "name": name},
            "careUnit": UNIT_BODY, "content": content}
    created = client.post("/v1/certificates", json=body, headers=auth).json()
    client.post(f"/v1/certificates/{created['id']}/sign", json={"version": 1}, headers=auth)
    return created["id"], pnr


def test_care_prints_the_whole_certificate_when_staff_of_the_unit_asks(client, auth, clock):
    """Hardening item 16: labels, values in words, patient, signature, Unicode; a PDL read."""
    cert_id, pnr = signed_over_http(client, auth, clock)
    with capture_logs() as logged:
        response = client.get(f"/v1/certificates/{cert_id}/pdf", headers=auth)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == PDF
    text = pdf_text(response.content)
    today = clock().date().isoformat()
    for expected in ("Läkarintyg för sjukpenning", "FK 7804", "Łucja Ström",
                     f"{pnr[:8]}-{pnr[8:]}", "Min undersökning av patienten",
                     "Min bedömning av patientens nedsättning av arbetsförmågan", f"50 %: {today}",
                     "M54.4 Lumbago med ischias", "Ajla Doktor", f"Signeringsdatum {today}",
                     "Vårdcentralen Väst", *UNICODE_SAMPLES):
        assert expected in text
    assert CODE_LIKE.findall(text) == []
    assert [e["certificate_ids"] for e in logged if e["event"] == "patient_data_read"] == \
        [[cert_id]]
    stored = list(client.app.state.access_log.entries())[-1]
    assert (stored.what, stored.certificate_ids) == ("GET /v1/certificates/{certificate_id}/pdf",
                                                     [cert_id])
    keep_first_page(response.content, "care-full-certificate")


def test_care_pdf_is_refused_like_the_json_read_when_staff_is_of_another_unit(
        client, auth, clock, store_settings):
    """Hardening item 16: the PDF reveals nothing the JSON read would not (no read logged)."""
    cert_id, _ = signed_over_http(client, auth, clock)
    token = token_for(store_settings, staff_at(care_unit()), clock)
    stranger = {"Authorization": f"Bearer {token}"}
    with capture_logs() as logged:
        as_json = client.get(f"/v1/certificates/{cert_id}", headers=stranger)
        as_pdf = client.get(f"/v1/certificates/{cert_id}/pdf", headers=stranger)
    assert as_pdf.status_code == as_json.status_code
    assert as_pdf.status_code in (403, 404)
    assert as_pdf.headers["content-type"] == "application/problem+json"
    assert [e for e in logged if e["event"] == "patient_data_read"] == []


def test_care_pdf_of_an_unknown_id_is_answered_like_the_json_read(client, auth):
    """Hardening item 16: printing reveals no more about ids than reading does."""
    unknown = "00000000-0000-4000-8000-000000000000"
    as_json = client.get(f"/v1/certificates/{unknown}", headers=auth)
    as_pdf = client.get(f"/v1/certificates/{unknown}/pdf", headers=auth)
    assert (as_pdf.status_code, as_pdf.json()["title"]) == (as_json.status_code,
                                                            as_json.json()["title"])
    assert as_pdf.headers["content-type"] == "application/problem+json"


def test_revoked_certificate_prints_makulerat_when_care_prints_it(client, auth, clock):
    """Hardening item 16 (DOMAIN.md §5): revoked is unmistakable on paper."""
    cert_id, _ = signed_over_http(client, auth, clock)
    client.post(f"/v1/certificates/{cert_id}/revoke", json=REVOKE, headers=auth)
    text = pdf_text(client.get(f"/v1/certificates/{cert_id}/pdf", headers=auth).content)
    assert "MAKULERAT" in text
    assert "gäller inte" in text


@pytest.mark.parametrize("type_id", sorted(MINIMAL))
def test_every_draftable_type_prints_with_its_questions_when_care_prints_it(
        client, auth, type_id):
    """Hardening item 16: every type the API drafts prints, labelled, in words."""
    cert_id = issue(client, auth, type_id)
    response = client.get(f"/v1/certificates/{cert_id}/pdf", headers=auth)
    assert response.status_code == 200, response.text
    text = pdf_text(response.content)
    assert certificate_type(type_id).name in text
    labels = [a.label for a in content_answers(texts_for(type_id), MINIMAL[type_id]())]
    assert [label for label in labels if " ".join(label.split()) not in text] == []
    assert CODE_LIKE.findall(text) == []


def test_citizen_prints_the_whole_own_certificate_and_no_one_elses(world):
    """Hardening item 16 (DOMAIN.md §9, print to PDF): own certificate in full; another's 404."""
    settings, clock, client, app = world
    unit = care_unit()
    me = patient(name="Łucja Ström")
    mine = signed(app, unit, staff_at(unit), me, funktionsnedsattning=SAMPLE_TEXT)
    theirs = signed(app, unit, staff_at(unit))
    auth = citizen_bearer(settings, me.personnummer, clock)
    position = app.recorder.max_notification_id()
    response = client.get(f"/v1/citizen/certificates/{mine}/pdf?after={position}", headers=auth)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == PDF
    text = pdf_text(response.content)
    pnr = me.personnummer
    for expected in ("Läkarintyg för sjukpenning", "Łucja Ström", f"{pnr[:8]}-{pnr[8:]}",
                     "M54.4 Lumbago med ischias", "50 %:", "Ajla Doktor", *UNICODE_SAMPLES):
        assert expected in text
    keep_first_page(response.content, "citizen-full-certificate")
    other = client.get(f"/v1/citizen/certificates/{theirs}/pdf", headers=auth)
    assert other.status_code == 404
    assert other.headers["content-type"] == "application/problem+json"


def test_employer_copy_prints_in_words_with_the_chosen_parts_left_out(world):
    """Hardening item 16: the employer's copy reads like a certificate, minus the omissions."""
    settings, clock, client, app = world
    unit = care_unit()
    me = patient(name="Łucja Ström")
    mine = app.create_draft(type_id="lisjp", patient=me, care_unit=unit, author=staff_at(unit),
                            content=lisjp_content(clock().date(),
                                                  funktionsnedsattning=SAMPLE_TEXT)).id
    app.sign_certificate(mine, based_on_version=1, by=staff_at(unit))
    auth = citizen_bearer(settings, me.personnummer, clock)
    position = app.recorder.max_notification_id()
    response = client.get(f"/v1/citizen/certificates/{mine}/employer-version.pdf"
                          f"?omit=diagnoser&after={position}", headers=auth)
    assert response.status_code == 200, response.text
    text = pdf_text(response.content)
    assert "anpassad kopia till arbetsgivaren" in text
    assert "Min bedömning av patientens nedsättning av arbetsförmågan" in text
    assert "50 %:" in text
    assert "Lumbago" not in text
    assert "Patienten har valt att inte ta med: diagnoser." in text
    assert all(sample in text for sample in UNICODE_SAMPLES)
    keep_first_page(response.content, "employer-version")


def test_openapi_declares_pdf_responses_when_a_route_prints(client):
    """Hardening item 16: generated clients see the PDF media type on every printing route."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/certificates/{certificate_id}/pdf",
                 "/v1/citizen/certificates/{certificate_id}/pdf",
                 "/v1/citizen/certificates/{certificate_id}/employer-version.pdf"):
        assert PDF in paths[path]["get"]["responses"]["200"]["content"], path
