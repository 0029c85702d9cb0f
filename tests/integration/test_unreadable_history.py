"""An altered stored event row (Hardening, issue 12 leftovers): reading the certificate answers a
clear problem, never a 500, and the log names the row by its ids only. Altered directly in
PostgreSQL, the way someone with access to the database could."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from uuid import UUID, uuid4

import pytest
import structlog
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.logging import configure_logging
from commands.certificates import Certificates
from commands.settings import Settings
from domain.shared.care import CareUnit, Staff
from domain.shared.patient import Patient
from tests.e2e.conftest import token_for
from tests.factories import FakeClock, care_unit, personnummer, staff_at
from tests.factories.ledger import flip_one_byte, positions_of
from tests.flows import signed


@pytest.fixture
def json_logs() -> Iterator[None]:
    configure_logging("json")
    yield
    structlog.reset_defaults()


@pytest.fixture
def altered(app: Certificates, settings: Settings, unit: CareUnit,
            doctor: Staff) -> tuple[UUID, str]:
    """A signed certificate whose signing event's stored bytes had one bit flipped."""
    pnr = personnummer()
    cert = signed(app, unit, doctor, Patient(personnummer=pnr, name="Märta Mullvad"))
    flip_one_byte(settings, positions_of(app, cert)[1])
    return cert, pnr


def test_reading_a_certificate_answers_a_problem_when_a_stored_event_row_was_altered(
        app: Certificates, settings: Settings, doctor: Staff,
        altered: tuple[UUID, str]) -> None:
    """Hardening item 3 (issue 12 leftovers): the caller can change nothing and waiting alone
    does not help, so 503 without Retry-After; never a 500, and the same answer again."""
    cert, _ = altered
    auth = {"Authorization": f"Bearer {token_for(settings, doctor, FakeClock())}"}
    with TestClient(create_app(settings, certificates_app=app)) as client:
        answers = [client.get(f"/v1/certificates/{cert}", headers=auth) for _ in range(2)]
    for answer in answers:
        assert answer.status_code == 503
        assert answer.headers["content-type"] == "application/problem+json"
        assert "retry-after" not in answer.headers
        assert answer.json()["type"] == "/problems/stored-history-unreadable"
        assert answer.json()["title"] == "Stored history cannot be read"


def test_the_log_names_the_altered_row_by_ids_only_when_it_cannot_be_read(
        app: Certificates, settings: Settings, doctor: Staff, altered: tuple[UUID, str],
        json_logs: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Hardening item 3 (issue 12 leftovers): aggregate id and version, no patient data."""
    cert, pnr = altered
    auth = {"Authorization": f"Bearer {token_for(settings, doctor, FakeClock())}"}
    with TestClient(create_app(settings, certificates_app=app)) as client:
        client.get(f"/v1/certificates/{cert}", headers=auth)
    logged = capsys.readouterr()
    text = logged.out + logged.err
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert _unreadable_rows(lines) == [(str(cert), 2)]
    assert not any(line["event"] == "unexpected_error" for line in lines)
    for secret in (pnr, pnr[2:], "Märta", "Mullvad"):
        assert secret not in text


def _problem(answer: Any, asked: object) -> tuple[int, str, str]:
    """What a caller learns from an answer: status, media type, and the body with the id it
    asked for (which the answer repeats) left out."""
    return answer.status_code, answer.headers["content-type"], answer.text.replace(str(asked), "")


def _as_unknown(app: Certificates, settings: Settings, staff: Staff, cert: UUID) -> None:
    """``staff`` asking for ``cert`` gets a 404 that tells them nothing an unknown id's does."""
    auth = {"Authorization": f"Bearer {token_for(settings, staff, FakeClock())}"}
    with TestClient(create_app(settings, certificates_app=app)) as client:
        hidden = client.get(f"/v1/certificates/{cert}", headers=auth)
        unknown = client.get(f"/v1/certificates/{(other := uuid4())}", headers=auth)
    assert hidden.status_code == 404
    assert _problem(hidden, cert) == _problem(unknown, other)


def test_a_stranger_gets_the_answer_of_an_unknown_id_when_a_stored_row_was_altered(
        app: Certificates, settings: Settings, altered: tuple[UUID, str], json_logs: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A stranger learns nothing, not even whether an id exists (issue 12 leftovers): a doctor
    of another unit asking for a certificate with an altered row gets exactly what an unknown
    id gets, judged on the certificate's creation event; the operators still get the row."""
    cert, _ = altered
    _as_unknown(app, settings, staff_at(care_unit()), cert)
    assert _unreadable_rows(json_lines(capsys)) == [(str(cert), 2)]


def test_nobody_is_told_of_a_record_whose_creation_row_was_altered(
        app: Certificates, settings: Settings, unit: CareUnit, doctor: Staff) -> None:
    """When the creation event itself cannot be read nobody can be shown to have a right to the
    record, so even its own unit's doctor gets the answer of an unknown id, never a hint that
    it exists to someone who should not know (issue 12 leftovers)."""
    cert = signed(app, unit, doctor, Patient(personnummer=personnummer(), name="Märta Mullvad"))
    flip_one_byte(settings, positions_of(app, cert)[0])
    _as_unknown(app, settings, doctor, cert)


def json_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The JSON log lines written so far."""
    logged = capsys.readouterr()
    return [json.loads(line) for line in (logged.out + logged.err).splitlines()
            if line.startswith("{")]


def _unreadable_rows(lines: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """The rows the log names as unreadable: (aggregate id, version)."""
    return [(line["aggregate_id"], line["version"]) for line in lines
            if line["event"] == "stored_history_unreadable"]
