"""What a first-time user trips over, tried as one would: tokens for every caller and a cipher key
from the command line, the Rehabstöd summary spelled as its lists, a revoked certificate that
says so over HTTP."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import jwt
import pytest

from api.cli.main import main
from commands.settings import Settings
from domain.shared.care import Role
from tests.e2e.read_models import bearer
from tests.factories import care_unit, lisjp_content, patient, staff_at
from tests.factories.http import REVOKE
from tests.factories.sickleave import OTHER_PATIENT, PATIENT
from tests.flows import sign, signed

PROBLEM = "application/problem+json"


def cli_token(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              *args: str) -> str:
    """``intyg token ARGS`` as a user runs it, in embedded mode with the default secret."""
    monkeypatch.setenv("INTYG_MODE", "embedded")
    monkeypatch.delenv("INTYG_JWT_SECRET", raising=False)
    capsys.readouterr()
    assert main(["token", *args]) == 0
    return capsys.readouterr().out.strip()


def test_cli_citizen_token_opens_mina_intyg_when_given_a_personnummer(world, monkeypatch,
                                                                      capsys):
    """Hardening item 15: `intyg token --citizen PNR` makes a Mina intyg token (any form of
    the number; the token carries the 12-digit one)."""
    _, _, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    me = patient()
    mine = signed(app, unit, doctor, me)
    last = app.send_certificate(mine, recipient="FKASSA", by=doctor.hsa_id).position
    dashed = f"{me.personnummer[:8]}-{me.personnummer[8:]}"
    token = cli_token(monkeypatch, capsys, "--citizen", dashed)
    listed = client.get(f"/v1/citizen/certificates?after={last}",
                        headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200, listed.text
    assert [c["id"] for c in listed.json()] == [str(mine)]


def test_cli_recipient_token_posts_a_question_when_minted_for_fkassa(world, monkeypatch,
                                                                     capsys):
    """Hardening item 15: `intyg token --recipient FKASSA` makes a recipient system's token
    (DOMAIN.md §6: Försäkringskassan asks about a certificate sent to it)."""
    _, _, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    me = patient()
    cert = signed(app, unit, doctor, me)
    app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    token = cli_token(monkeypatch, capsys, "--recipient", "FKASSA")
    question = {"messageId": f"fk-{uuid.uuid4().hex}", "sentAt": "2026-11-02T09:00:00",
                "certificateId": str(cert), "personnummer": me.personnummer,
                "subject": "OVRIGT", "text": "Hur länge till?"}
    posted = client.post("/v1/recipient/messages", json=question,
                         headers={"Authorization": f"Bearer {token}"})
    assert posted.status_code == 201, posted.text


@pytest.mark.parametrize("args", [["--citizen", "191212121212"], ["--recipient", "FKASSA"], []])
def test_cli_tokens_carry_iat_and_live_at_most_12_hours_when_minted(monkeypatch, capsys, args):
    """Hardening item 15: every development token has ``iat`` and ``exp`` <= 12 h after it."""
    token = cli_token(monkeypatch, capsys, *args)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert 0 < claims["exp"] - claims["iat"] <= 12 * 3600
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["token", *args, "--hours", "13"])


def test_cli_token_is_refused_when_the_recipient_is_unknown_or_the_number_is_not_one(
        monkeypatch, capsys):
    """Hardening item 15: a wrong argument is a short error, and it does not repeat the
    number given."""
    monkeypatch.setenv("INTYG_MODE", "embedded")
    assert main(["token", "--recipient", "NOPE"]) == 2
    assert "FKASSA" in capsys.readouterr().err
    assert main(["token", "--citizen", "19121212-121"]) == 1
    assert "19121212-121" not in capsys.readouterr().err


def test_cli_token_is_refused_when_in_production_mode(monkeypatch, capsys):
    """Hardening item 15: tokens come from the identity provider in production."""
    monkeypatch.setenv("INTYG_MODE", "production")
    monkeypatch.setenv("INTYG_CIPHER_KEY", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5")
    monkeypatch.setenv("INTYG_JWT_SECRET", "a-real-secret-for-this-test-0123456789")
    assert main(["token", "--citizen", "191212121212"]) == 2
    assert capsys.readouterr().out == ""


def test_keygen_prints_a_key_production_accepts_when_production_has_none(monkeypatch, capsys):
    """Hardening item 15: with INTYG_MODE=production exported and no key, `intyg keygen` (which
    the refusal names) still runs, and its key satisfies production mode."""
    monkeypatch.setenv("INTYG_MODE", "production")
    monkeypatch.delenv("INTYG_CIPHER_KEY", raising=False)
    with pytest.raises(ValueError, match="intyg keygen"):
        Settings()
    assert main(["keygen"]) == 0
    key = capsys.readouterr().out.strip()
    assert len(base64.b64decode(key, validate=True)) == 32
    monkeypatch.setenv("INTYG_CIPHER_KEY", key)
    monkeypatch.setenv("INTYG_JWT_SECRET", "a-real-secret-for-this-test-0123456789")
    assert Settings().cipher_key is not None


def _case(app: Any, unit: Any, doctor: Any, pnr: str, code: str) -> None:
    content = lisjp_content(app.clock().date(), diagnoser=[{"kod": code, "beskrivning": "D"}])
    cert = app.create_draft(type_id="lisjp", patient=patient(personnummer=pnr), care_unit=unit,
                            author=doctor, content=content).id
    sign(app, cert, doctor)


def test_rehabstod_summary_keys_are_spelled_as_the_list_when_counting(world):
    """Hardening item 15: sexes F/M and chapters in Roman numerals, as the case list spells
    them (DOMAIN.md §7, the unit summary)."""
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    _case(app, unit, doctor, PATIENT, "M54.4")
    _case(app, unit, doctor, OTHER_PATIENT, "F32.1")
    last = app.recorder.max_notification_id()
    auth = bearer(settings, staff_at(unit, Role.REHAB_COORDINATOR), clock)
    base = f"/v1/rehabstod/units/{unit.hsa_id}"
    cases = client.get(f"{base}/sjukfall?after={last}", headers=auth).json()
    summary = client.get(f"{base}/summary", headers=auth).json()
    assert summary["bySex"] == {"F": 1, "M": 1}
    assert summary["byChapter"] == {"V": 1, "XIII": 1}
    assert set(summary["byChapter"]) == {c["diagnosis"]["chapter"] for c in cases}
    assert summary["byLength"] == {"<90": 2, "90-180": 0, "181-365": 0, ">365": 0}
    assert summary["byDegree"]["50"] == 2


def test_revoked_certificate_reads_state_revoked_when_read_or_listed(world):
    """Hardening item 15: a revoked certificate shows state REVOKED, in the revoke answer, the
    care read and the unit's lists; ``revoked: true`` stays (DOMAIN.md §5, makulera)."""
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    who = patient()
    cert = signed(app, unit, doctor, who)
    kept = signed(app, unit, doctor, who)
    auth = bearer(settings, doctor, clock)
    revoked = client.post(f"/v1/certificates/{cert}/revoke", json=REVOKE, headers=auth)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["state"] == "REVOKED"
    read = client.get(f"/v1/certificates/{cert}", headers=auth).json()
    assert (read["state"], read["revoked"]) == ("REVOKED", True)
    after = revoked.json()["position"]
    for path in (f"/v1/units/{unit.hsa_id}/certificates",
                 f"/v1/units/{unit.hsa_id}/patients/{who.personnummer}/certificates",
                 "/v1/me/certificates"):
        listed = client.get(f"{path}?after={after}", headers=auth).json()
        states = {c["id"]: (c["state"], c["revoked"]) for c in listed}
        assert states == {str(cert): ("REVOKED", True), str(kept): ("SIGNED", False)}, path
