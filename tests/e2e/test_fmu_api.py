"""FMU over the API (ORDERS.md §1.2, §1.4, §1.10; DOMAIN.md §10): Försäkringskassan's messages
with its recipient token, the coordinator's and the unit's routes with the FMU grants in their
tokens, on SQLite and on PostgreSQL. The clock starts Monday 2 November 2026 09:00 UTC."""

from __future__ import annotations

from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.app import create_app
from api.http.dev_tokens import mint_staff_token
from commands.settings import Settings
from domain.shared.care import Role, Staff
from domain.shared.privileges import Privilege
from tests.factories import fmu
from tests.factories.fmu_http import FK, SA, VA, VISIT, ok
from tests.factories.fmu_http import assigned as _assigned
from tests.factories.fmu_http import order as _order
from tests.factories.fmu_http import requested as _requested
from tests.factories.http import recipient_auth

ACCESS_LOG_DOWN = ("CREATE TRIGGER fmu_access_log_down BEFORE INSERT ON stored_events WHEN "
                   "NEW.topic LIKE 'domain.access.%' BEGIN SELECT RAISE(ABORT, 'down'); END")


def test_investigation_reaches_payment_eligibility_when_every_step_goes_through_the_api(
        client, store_settings, clock):
    """DOMAIN.md §10 and ORDERS.md §1.9: request, internal request, assignment, order,
    documents, a visit held, the utlåtande sent and received: paid."""
    fk, va = recipient_auth(store_settings, clock), fmu.unit_auth(store_settings)
    inv = _assigned(client, store_settings, fk)
    ordered = ok(client.post(f"{FK}/orders", json=_order(inv), headers=fk), 201)
    assert ordered["status"] == "BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR"
    ok(client.post(f"{VA}/{inv}/documents", json={"day": "2026-11-04"}, headers=va))
    ok(client.post(f"{VA}/{inv}/visits", json=VISIT, headers=va))
    clock.now = fmu.at(fmu.date(2026, 11, 16))
    ok(client.post(f"{VA}/{inv}/visits/v1/held", json={}, headers=va))
    clock.now = fmu.at(fmu.date(2026, 12, 7))
    ok(client.post(f"{VA}/{inv}/statement", json={"day": "2026-12-07"}, headers=va))
    clock.now = fmu.at(fmu.date(2026, 12, 8))
    receipt = {"receivedDate": "2026-12-08", "lastDateForSupplementRequest": "2026-12-22"}
    ok(client.post(f"{FK}/assessments/{inv}/certificate-receipts", json=receipt, headers=fk))
    seen = ok(client.get(f"{SA}/{inv}", headers=fmu.coordinator_auth(store_settings)))
    assert (seen["status"], seen["payment"]["paid"]) == ("UTLATANDE_MOTTAGET", True)
    assert [s["step"] for s in seen["timeline"]][:3] == [
        "RequestReceived", "UnitsAsked", "UnitAnswered"]


def test_coordinator_route_is_refused_when_the_token_lacks_the_grant(client, store_settings):
    """ORDERS.md §1.2: FMU_SAMORDNARE is a grant on top of the care role."""
    auth = fmu.staff_token(store_settings, fmu.SAMORDNARE, fmu.REGION_UNIT, fmu.REGION,
                           (Privilege.FMU_VARDADMIN,))
    refused = client.get(SA, headers=auth)
    assert refused.status_code == 403
    assert "FMU_SAMORDNARE" in refused.json()["detail"]


def test_unit_route_is_refused_when_the_token_lacks_the_grant(client, store_settings):
    """ORDERS.md §1.2: BP_VARDADMIN (preferences only) does not open the unit's list."""
    auth = fmu.staff_token(store_settings, fmu.VARDADMIN, fmu.REGION_UNIT, fmu.REGION,
                           (Privilege.BP_VARDADMIN,))
    assert client.get(VA, headers=auth).status_code == 403


def test_token_is_refused_when_its_fmu_grants_are_not_fmu_privileges(client, store_settings):
    auth = fmu.staff_token(store_settings, fmu.SAMORDNARE, fmu.REGION_UNIT, fmu.REGION,
                           fmu_grants=["FMU_SAMORDNARE", "SIGNERA_INTYG"])
    refused = client.get(SA, headers=auth)
    assert refused.status_code == 401
    assert "fmu_grants" in refused.json()["detail"]


def test_authority_route_is_refused_when_the_token_is_a_care_users(client, store_settings):
    body = {"certificateType": "AFU", "coordinatingCountyCouncilId": fmu.REGION}
    refused = client.post(f"{FK}/assessments", json=body,
                          headers=fmu.coordinator_auth(store_settings))
    assert refused.status_code == 401


def test_investigation_is_unknown_when_another_regions_coordinator_asks(
        client, store_settings, clock):
    """A stranger learns nothing: another landsting gets the unknown id's 404."""
    inv = _requested(client, recipient_auth(store_settings, clock))
    stranger = fmu.coordinator_auth(store_settings, fmu.OTHER_REGION)
    theirs = client.get(f"{SA}/{inv}", headers=stranger)
    unknown = client.get(f"{SA}/{uuid4()}", headers=stranger)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["type"] == unknown.json()["type"]
    asked = client.post(f"{SA}/{inv}/units-asked", json={"units": [fmu.REGION_UNIT]},
                        headers=stranger)
    assert asked.status_code == 404
    assert client.get(SA, headers=stranger).json()["investigations"] == []


def test_investigation_is_unknown_when_a_unit_never_asked_reads_it(client, store_settings, clock):
    inv = _assigned(client, store_settings, recipient_auth(store_settings, clock))
    other = fmu.unit_auth(store_settings, "SE2321000016-E0002")
    assert client.get(f"{VA}/{inv}", headers=other).status_code == 404
    assert ok(client.get(f"{VA}/{inv}", headers=fmu.unit_auth(store_settings)))["status"] == (
        "TILLDELAD_VANTAR_PA_BESTALLNING")


def test_order_is_refused_with_gta_fel05_when_the_personnummer_is_invalid(
        client, store_settings, clock):
    """ORDERS.md §1.10 OrderAssessment: a normalised 12-digit personnummer, else GTA_FEL05."""
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    refused = client.post(f"{FK}/orders", json=_order(inv, citizen={"personnummer": "19121212"}),
                          headers=fk)
    assert (refused.status_code, refused.json()["code"]) == (422, "GTA_FEL05")
    assert "19121212" not in refused.text


def test_order_is_refused_with_ta_fel07_when_the_last_date_is_missing(
        client, store_settings, clock):
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    refused = client.post(f"{FK}/orders",
                          json=_order(inv, lastDateForCertificateReceival=None), headers=fk)
    assert (refused.status_code, refused.json()["code"]) == (422, "TA_FEL07")


def test_order_is_refused_with_ta_fel13_when_ordered_already(client, store_settings, clock):
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ok(client.post(f"{FK}/orders", json=_order(inv), headers=fk), 201)
    refused = client.post(f"{FK}/orders", json=_order(inv), headers=fk)
    assert (refused.status_code, refused.json()["code"]) == (409, "TA_FEL13")


def test_order_is_refused_with_ta_fel04_when_it_names_another_unit(
        client, store_settings, clock):
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    refused = client.post(f"{FK}/orders",
                          json=_order(inv, careUnitId="SE2321000016-E0002"), headers=fk)
    assert (refused.status_code, refused.json()["code"]) == (403, "TA_FEL04")


def test_request_is_refused_with_ta_fel01_when_the_landsting_is_unknown(
        client, store_settings, clock):
    body = {"certificateType": "AFU", "coordinatingCountyCouncilId": "not-a-landsting"}
    refused = client.post(f"{FK}/assessments", json=body,
                          headers=recipient_auth(store_settings, clock))
    assert (refused.status_code, refused.json()["code"]) == (422, "TA_FEL01")


def test_deviation_is_refused_with_ta_fel05_when_the_visit_is_unknown(
        client, store_settings, clock):
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ok(client.post(f"{FK}/orders", json=_order(inv, documentsByPost=False), headers=fk), 201)
    body = {"careContactId": "v9", "causedBy": "PATIENT",
            "deviationTime": "2026-11-03T09:00:00+00:00"}
    refused = client.post(f"{FK}/assessments/{inv}/deviations", json=body, headers=fk)
    assert (refused.status_code, refused.json()["code"]) == (404, "TA_FEL05")


def test_order_update_is_refused_with_ta_fel10_when_nothing_changes(
        client, store_settings, clock):
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ok(client.post(f"{FK}/orders", json=_order(inv), headers=fk), 201)
    refused = client.post(f"{FK}/assessments/{inv}/order-updates", json={}, headers=fk)
    assert (refused.status_code, refused.json()["code"]) == (409, "TA_FEL10")


def test_lists_put_rejected_requests_in_their_own_tab_when_the_region_rejects(
        client, store_settings, clock):
    inv = _requested(client, recipient_auth(store_settings, clock))
    sa = fmu.coordinator_auth(store_settings)
    ok(client.post(f"{SA}/{inv}/rejection", json={"comment": "Ingen kapacitet"}, headers=sa))
    rejected = ok(client.get(SA, params={"tab": "rejected"}, headers=sa))["investigations"]
    current = ok(client.get(SA, params={"tab": "current"}, headers=sa))["investigations"]
    assert inv in [i["id"] for i in rejected]
    assert inv not in [i["id"] for i in current]


def test_rejection_is_refused_when_the_comment_is_missing(client, store_settings, clock):
    """ORDERS.md §1.4 #6: a comment is required."""
    inv = _requested(client, recipient_auth(store_settings, clock))
    refused = client.post(f"{SA}/{inv}/rejection", json={},
                          headers=fmu.coordinator_auth(store_settings))
    assert refused.status_code == 422


def test_dev_token_opens_the_coordinators_list_when_minted_with_the_grant(tmp_path):
    """`intyg token --fmu-grant FMU_SAMORDNARE`: the grant travels in the token's claims."""
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False)
    staff = Staff(hsa_id=fmu.SAMORDNARE, name="Sam Ordnare", role=Role.CARE_ADMIN,
                  care_unit_hsa_id=fmu.REGION_UNIT, care_giver_hsa_id=fmu.REGION)
    granted = mint_staff_token(settings, staff, hours=1, fmu_grants=[Privilege.FMU_SAMORDNARE])
    plain = mint_staff_token(settings, staff, hours=1)
    with TestClient(create_app(settings)) as client:
        assert ok(client.get(SA, headers={"Authorization": f"Bearer {granted}"})) == {
            "investigations": []}
        assert client.get(SA, headers={"Authorization": f"Bearer {plain}"}).status_code == 403


def test_units_asked_is_refused_when_a_unit_is_another_regions(client, store_settings, clock):
    """ORDERS.md §1.2: the coordinator works with the region's own units."""
    inv = _requested(client, recipient_auth(store_settings, clock))
    sa = fmu.coordinator_auth(store_settings)
    body = {"units": [fmu.REGION_UNIT, "SE2321000099-E0001"]}
    refused = client.post(f"{SA}/{inv}/units-asked", json=body, headers=sa)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["units[1]"]
    seen = ok(client.get(f"{SA}/{inv}", headers=sa))
    assert seen["requests"] == []


def test_visit_is_refused_when_it_ends_before_it_starts(client, store_settings, clock):
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ok(client.post(f"{FK}/orders", json=_order(inv, documentsByPost=False), headers=fk), 201)
    backwards = {**VISIT, "end": "2026-11-16T08:00:00+00:00"}
    refused = client.post(f"{VA}/{inv}/visits", json=backwards,
                          headers=fmu.unit_auth(store_settings))
    assert refused.status_code == 422
    seen = ok(client.get(f"{VA}/{inv}", headers=fmu.unit_auth(store_settings)))
    assert seen["status"] == "BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR"


def test_citizen_is_shown_to_the_assigned_unit_with_one_access_entry_when_it_reads(
        client, store_settings, clock):
    """ARCHITECTURE.md invariant 8 (PDL): the order's citizen is patient data; the assigned
    unit's vårdadmin sees it, and that read leaves one access entry about the citizen."""
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ordered = _order(inv)
    ok(client.post(f"{FK}/orders", json=ordered, headers=fk), 201)
    pnr = ordered["citizen"]["personnummer"]
    access_log = client.app.state.access_log
    before = len(access_log.of_patient(pnr))
    seen = ok(client.get(f"{VA}/{inv}", headers=fmu.unit_auth(store_settings)))
    assert seen["citizen"] == pnr
    entries = access_log.of_patient(pnr)
    assert len(entries) == before + 1
    assert entries[-1]["what"] == "GET /v1/fmu/unit/investigations/{investigation_id}"


def test_citizen_is_withheld_when_the_coordinator_reads_the_investigation(
        client, store_settings, clock):
    """Need to know: the coordinator plans, the assigned unit investigates."""
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ordered = _order(inv)
    ok(client.post(f"{FK}/orders", json=ordered, headers=fk), 201)
    seen = ok(client.get(f"{SA}/{inv}", headers=fmu.coordinator_auth(store_settings)))
    assert seen["citizen"] is None
    listed = client.get(VA, headers=fmu.unit_auth(store_settings))
    assert ordered["citizen"]["personnummer"] not in listed.text
    assert client.app.state.access_log.of_patient(ordered["citizen"]["personnummer"]) == []


def test_citizen_is_not_shown_when_the_access_log_cannot_be_written(
        client, store_settings, clock, certificates):
    """Fail closed (PDL): the assigned unit's read is a 503 without the citizen."""
    if store_settings.mode != "embedded":
        pytest.skip("blocks access entries with a trigger in the SQLite store")
    fk = recipient_auth(store_settings, clock)
    inv = _assigned(client, store_settings, fk)
    ordered = _order(inv)
    ok(client.post(f"{FK}/orders", json=ordered, headers=fk), 201)
    with certificates.recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(ACCESS_LOG_DOWN)
    refused = client.get(f"{VA}/{inv}", headers=fmu.unit_auth(store_settings))
    assert refused.status_code == 503
    assert ordered["citizen"]["personnummer"] not in refused.text


def test_cli_token_carries_the_fmu_grant_when_minted_with_it(tmp_path, monkeypatch, capsys):
    """`intyg token --fmu-grant FMU_VARDADMIN --care-unit ... --care-giver ...` opens the
    unit's FMU list; a grant not of FMU is refused by the command line itself."""
    monkeypatch.setenv("INTYG_MODE", "embedded")
    monkeypatch.delenv("INTYG_JWT_SECRET", raising=False)
    capsys.readouterr()
    assert main(["token", "--role", "care_admin", "--fmu-grant", "FMU_VARDADMIN",
                 "--care-unit", fmu.REGION_UNIT, "--care-giver", fmu.REGION]) == 0
    token = capsys.readouterr().out.strip()
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False)
    with TestClient(create_app(settings)) as client:
        assert ok(client.get(VA, headers={"Authorization": f"Bearer {token}"})) == {
            "investigations": []}
    with pytest.raises(SystemExit):
        main(["token", "--fmu-grant", "SIGNERA_INTYG"])
