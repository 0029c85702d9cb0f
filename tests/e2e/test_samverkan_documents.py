"""Uploaded documents in a space over HTTP (issue 15 items 5 and 8; ORDERS.md §3.2): a PDF,
PNG or JPEG told by its content, at most INTYG_MAX_UPLOAD_BYTES (10 MiB), released per item
like the rest, fetched only by the participants who see it; a removed participant gets 404."""

from __future__ import annotations

from domain.samverkan.roles import Role
from tests.factories import personnummer
from tests.factories.samverkan_http import SPACES, Parties, ok

PDF = b"%PDF-1.4\n% Arbetsplatsbesok hos lagret\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _space(client, who: Parties, today, health_scope=None) -> tuple[str, str, dict]:
    cert = who.signed_lisjp(client, today)
    space = ok(client.post(SPACES, json={"certificateId": cert}, headers=who.citizen), 201)["id"]
    url = f"{SPACES}/{space}"
    keys = {}
    for role in (Role.ARBETSGIVARE, Role.FORETAGSHALSOVARD):
        body = {"role": role.value, "party": who.party(role)}
        if health_scope and role is Role.FORETAGSHALSOVARD:
            body["scope"] = health_scope
        keys[role] = ok(client.post(f"{url}/participants", headers=who.citizen, json=body),
                        201)["made"]
    return space, url, keys


def _upload(client, url: str, auth: dict, content: bytes, media: str = "application/pdf"):
    return client.post(f"{url}/documents", content=content,
                       headers={**auth, "Content-Type": media})


def test_an_uploaded_document_is_fetched_only_by_those_who_see_it(client, clock,
                                                                 store_settings):
    """ORDERS.md §3.2: the employer's upload is seen by the employer and the citizen until
    the citizen approves it; a removed participant can no longer fetch it (404)."""
    who = Parties(store_settings, personnummer())
    space, url, keys = _space(client, who, clock().date())
    employer = who.auth(Role.ARBETSGIVARE, space)
    health = who.auth(Role.FORETAGSHALSOVARD, space)
    item = ok(_upload(client, url, employer, PDF), 201)["made"]
    for auth in (employer, who.citizen):
        fetched = client.get(f"{url}/documents/{item}", headers=auth)
        assert fetched.status_code == 200
        assert fetched.content == PDF
        assert fetched.headers["content-type"] == "application/pdf"
    hidden = client.get(f"{url}/documents/{item}", headers=health)
    assert hidden.status_code == 404
    assert hidden.json()["detail"] == f"No document {item} in the space."
    ok(client.post(f"{url}/items/{item}/approval", headers=who.citizen))
    assert client.get(f"{url}/documents/{item}", headers=health).content == PDF
    listed = [i for i in ok(client.get(url, headers=health))["items"] if i["id"] == item]
    assert [(i["kind"], i["title"]) for i in listed] == [("DOKUMENT", "PDF-dokument")]
    ok(client.post(f"{url}/participants/{keys[Role.FORETAGSHALSOVARD]}/removal",
                   headers=who.citizen))
    gone = client.get(f"{url}/documents/{item}", headers=health)
    assert gone.status_code == 404
    assert gone.json()["detail"] == f"No space {space}."


def test_a_file_is_typed_by_its_content_not_by_the_type_the_client_names(client, clock,
                                                                         store_settings):
    """Issue 15 item 8: only PDF, PNG and JPEG, told by their first bytes; anything else is
    415 and nothing is stored."""
    who = Parties(store_settings, personnummer())
    _, url, _ = _space(client, who, clock().date())
    before = ok(client.get(url, headers=who.citizen))
    for content, media in ((b"MZ\x90\x00 not a pdf", "application/pdf"),
                           (b"<svg></svg>", "image/png"), (b"", "image/jpeg")):
        refused = _upload(client, url, who.citizen, content, media)
        assert refused.status_code == 415, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
    assert ok(client.get(url, headers=who.citizen)) == before
    item = ok(_upload(client, url, who.citizen, PNG, "application/pdf"), 201)["made"]
    fetched = client.get(f"{url}/documents/{item}", headers=who.citizen)
    assert fetched.headers["content-type"] == "image/png"


def test_an_upload_may_pass_the_body_limit_but_not_the_upload_limit(client, clock,
                                                                   store_settings):
    """Issue 15 item 8: up to INTYG_MAX_UPLOAD_BYTES (10 MiB), above the 1 MiB of other
    bodies; one byte more is 413 from the request door."""
    who = Parties(store_settings, personnummer())
    _, url, _ = _space(client, who, clock().date())
    limit = store_settings.max_upload_bytes
    big = PDF + b"0" * (2 * 1_048_576)
    item = ok(_upload(client, url, who.citizen, big), 201)["made"]
    assert client.get(f"{url}/documents/{item}", headers=who.citizen).content == big
    too_big = _upload(client, url, who.citizen, PDF + b"0" * (limit + 1 - len(PDF)))
    assert too_big.status_code == 413
    assert too_big.json()["detail"] == (
        f"The request body is larger than the limit of {limit} bytes.")


def test_documents_need_a_grant_that_opens_dokument_and_a_plan_item_is_no_file(
        client, clock, store_settings):
    who = Parties(store_settings, personnummer())
    space, url, _ = _space(client, who, clock().date(), health_scope=["PLAN"])
    refused = _upload(client, url, who.auth(Role.FORETAGSHALSOVARD, space), PDF)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "The grant does not open DOKUMENT."
    plan = ok(client.post(f"{url}/items", headers=who.citizen, json={
        "kind": "DOKUMENT", "title": "AG7804", "reference": "uppladdat:x"}), 201)["made"]
    missing = client.get(f"{url}/documents/{plan}", headers=who.citizen)
    assert missing.status_code == 404
