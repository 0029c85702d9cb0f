"""``intyg forget`` shreds a patient everywhere while every view still rebuilds and the
statistics stay the same (issue 12, acceptance; DOMAIN.md section 8), on the real broker and
PostgreSQL. The content travels sealed answer by answer (schema version 3): the codes, dates
and degrees the statistics count, and the patient's sex and birth date, are clear; the
personnummer, the name and every free-text answer are sealed."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator

import pytest

from api.runtime.projections import ProjectionHost
from commands import questions
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.questions.messages import Subject
from domain.shared.care import Role
from projections.base import DocumentView, Sql
from streams.database import Database
from streams.rebuild import rebuild
from streams.relay import Relay
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.flows import draft, issue_lifecycles, sign
from tests.integration.kafka_support import kafka_settings, read_topic, value_of
from tests.integration.shredding_support import intyg, views_caught_up

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def _statistics_digest(tx: Sql) -> dict[str, str]:
    """A SHA-256 of each statistics table's rows, in a fixed order."""
    tables = [str(row[0]) for row in tx.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        "current_schema() AND table_name LIKE ? ORDER BY table_name", ("statistik%",))]
    digests = {}
    for table in tables:
        rows = sorted(json.dumps(list(row), default=str) for row in
                      tx.execute(f"SELECT * FROM {table}"))
        digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _opened_docs(host: ProjectionHost, view: DocumentView) -> str:
    """Every document of the view as its own reader gets it (opened where it seals)."""
    with host.db.transaction() as tx:
        stored = [json.loads(row[0]) for row in
                  tx.execute(f"SELECT doc FROM {view.table}_docs")]
        return json.dumps([view.opened(tx, stored), view.dump(tx)], default=str,
                          ensure_ascii=False)


def test_every_view_rebuilds_and_the_statistics_stay_the_same_when_a_patient_is_forgotten(
        settings):
    """DOMAIN.md section 8 counts sick leave by diagnosis, degree, period, sex and age: all of
    it travels clear, so a rebuild from Kafka after the forget counts the forgotten patient as
    before, while their identity and free text open nowhere."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    who = patient(name=f"Glömd Patientsson {os.urandom(3).hex()}")
    texts = {"funktionsnedsattning": f"Ont i vänster knä sedan fallet {os.urandom(3).hex()}",
             "aktivitetsbegransning": f"Kan inte gå i trappor {os.urandom(3).hex()}"}
    asked = f"Hur går rehabiliteringen? {os.urandom(3).hex()}"
    secrets = [who.personnummer, who.name, *texts.values(), asked]
    try:
        issue_lifecycles(app, 3)
        cert = draft(app, unit, doctor, who, **texts)
        sign(app, cert, doctor)
        app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
        questions.send_question(app, cert, subject=Subject.OVRIGT, heading=None, text=asked,
                                by=doctor)
        relay = Relay(app, settings, Database(settings))
        relay.run_until_caught_up()
        host = ProjectionHost(settings, app)
        views_caught_up(host, settings, app)
        with host.db.transaction() as tx:
            before = _statistics_digest(tx)
            counted = tx.execute("SELECT COUNT(*) FROM statistik WHERE id = ?", (str(cert),))
        assert counted[0][0] == 1  # the forgotten patient's certificate is in the statistics

        done = intyg(settings, "forget", "-", "--reason", "raderingsbeslut",
                     "--by", "SE2321000016-A001", stdin=who.personnummer + "\n")
        assert done.returncode == 0, done.stderr
        relay.run_until_caught_up()
        for name, view in host.views.items():

            def drop(view: DocumentView = view) -> None:
                with host.db.transaction() as tx:
                    view.drop(tx)

            assert rebuild(settings, app, host.db, view, drop).events > 0, name

        with host.db.transaction() as tx:
            assert _statistics_digest(tx) == before
        raw = b"".join(record.value for record in read_topic(settings))
        everywhere = [raw.decode(), *(_opened_docs(host, v) for v in host.views.values())]
        for secret in secrets:
            assert not any(secret in found for found in everywhere)
        edited = next(value_of(r) for r in read_topic(settings)
                      if value_of(r)["event"] == "DraftCreated" and r.key == str(cert).encode())
        assert edited["schema_version"] == 3
        assert edited["data"]["content"]["diagnoser"][0]["kod"] == "M544"
        assert "ciphertext" in edited["data"]["content"]["funktionsnedsattning"]
    finally:
        app.close()
