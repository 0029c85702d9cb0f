"""The signing doctor's HSA attributes (sex, year of birth, title): optional claims of a care
user's token, carried onto the signer of CertificateSigned, clear on the wire (staff data, not
patient data), and nowhere else. A token with one of them invalid is a 401 that echoes none."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import jwt
import pytest

from api.cli.main import main
from api.http.auth import TokenDecoder, attribute_claims
from commands.history import history
from commands.settings import Settings
from domain.shared.care import CareUnit
from domain.shared.staff_attributes import StaffAttributes
from streams.schemas import to_wire
from streams.sealing.fields import SEALED_FIELDS
from tests.e2e.conftest import token_for
from tests.factories import lisjp_content, personnummer, staff_at, token_times
from tests.factories.http import UNIT_BODY, issue

ATTRIBUTES = StaffAttributes(sex="M", birth_year=1981, title="st-lakare")


def _lines(certificates: Any, cert_id: str) -> dict[str, dict[str, Any]]:
    return {line["event"]: line for line in history(certificates, UUID(cert_id))}


def test_a_signed_certificate_names_the_signers_hsa_attributes_clear_on_the_wire(
        client, store_settings, certificates, unit: CareUnit, clock):
    doctor = staff_at(unit, attributes=ATTRIBUTES)
    auth = {"Authorization": f"Bearer {token_for(store_settings, doctor, clock)}"}
    lines = _lines(certificates, issue(client, auth, "lisjp", lisjp_content(clock.now.date())))
    expected = {"sex": "M", "birth_year": 1981, "title": "st-lakare"}
    assert lines["CertificateSigned"]["data"]["signer"]["attributes"] == expected
    assert "attributes" not in lines["DraftCreated"]["data"]["author"]
    wire = to_wire(lines["CertificateSigned"])
    assert wire["data"]["signer"]["attributes"] == expected
    assert all(not f.path.startswith("signer")
               for f in SEALED_FIELDS.get("CertificateSigned", ()))


def test_a_token_without_hsa_attributes_signs_as_before(client, certificates, auth, clock):
    """A signer without the attributes has no ``attributes`` key: the stored shape of every
    certificate signed so far, which the statistics count as unknown."""
    lines = _lines(certificates, issue(client, auth, "lisjp", lisjp_content(clock.now.date())))
    assert set(lines["CertificateSigned"]["data"]["signer"]) == {
        "hsa_id", "name", "role", "care_unit_hsa_id", "care_giver_hsa_id"}


def test_a_token_with_an_invalid_hsa_attribute_is_401_and_echoes_none(
        client, store_settings, unit: CareUnit):
    doctor = staff_at(unit)
    base = {"sub": doctor.hsa_id, "name": doctor.name, "role": doctor.role.value,
            "care_unit": doctor.care_unit_hsa_id, "care_giver": doctor.care_giver_hsa_id,
            "iss": store_settings.jwt_issuer, **token_times()}
    for bad in ({"hsa_title": "tandlakare-x"}, {"hsa_sex": "kvinna-x"},
                {"hsa_birth_year": "1970"}, {"hsa_birth_year": 1850}, {"hsa_birth_year": True}):
        token = jwt.encode(base | bad, store_settings.jwt_secret.get_secret_value(),
                           algorithm="HS256")
        answer = client.post("/v1/certificates", json=_draft_body(),
                             headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401, (bad, answer.text)
        assert answer.json()["detail"] == "The token's HSA attributes are not valid."
        assert str(next(iter(bad.values()))) not in answer.text


def _draft_body() -> dict[str, Any]:
    return {"type": "lisjp", "patient": {"personnummer": personnummer()}, "careUnit": UNIT_BODY}


def test_the_dev_token_carries_only_the_attributes_known():
    assert attribute_claims(StaffAttributes(title="overlakare")) == {"hsa_title": "overlakare"}
    assert attribute_claims(None) == {}


def test_cli_token_carries_the_hsa_attributes_given_and_refuses_an_unknown_title(
        tmp_path, monkeypatch, capsys):
    """`intyg token --sex F --birth-year 1978 --title specialistlakare`: the decoder reads them
    back as the staff's attributes."""
    monkeypatch.setenv("INTYG_MODE", "embedded")
    monkeypatch.delenv("INTYG_JWT_SECRET", raising=False)
    capsys.readouterr()
    assert main(["token", "--sex", "F", "--birth-year", "1978",
                 "--title", "specialistlakare"]) == 0
    token = capsys.readouterr().out.strip()
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False)
    assert TokenDecoder(settings).staff(token).attributes == StaffAttributes(
        sex="F", birth_year=1978, title="specialistlakare")
    for wrong in (["--title", "tandlakare"], ["--birth-year", "1850"]):
        with pytest.raises(SystemExit):
            main(["token", *wrong])
