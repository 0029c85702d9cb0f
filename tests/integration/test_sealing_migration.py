"""A store written before patient data was sealed still loads, relays and rebuilds after it,
its patient data sealed by ``intyg migrate seal-patient-data``, which records itself (issue 12,
acceptance; docs/sealing.md). The store before is made as the code of its time made it: the
same stored events (sealing never changed them), version 1 messages in clear on Kafka (the
relay of that time: no sealing, ``ce_type`` ...v1), and read models with the personnummer in
a clear column."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commands import questions
from commands.certificates import Certificates
from commands.migrations import applied
from commands.settings import Settings, eventsourcing_env
from domain.questions.messages import Subject
from domain.shared.care import Role
from projections.registry import build_views
from streams import relay as relay_module
from streams.database import Database
from streams.rebuild import rebuild
from streams.relay import Relay
from streams.schemas import ce_type
from streams.sealing.fields import SEALED_FIELDS
from streams.sealing.migration import NAME
from streams.sealing.view_seal import view_seal
from streams.topics import certificates_topic, recipient_topic
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.flows import draft, sign
from tests.integration.kafka_support import kafka_settings, read_topic, value_of
from tests.integration.shredding_support import intyg

ROOT = Path(__file__).parents[2]
BY = "SE2321000016-A001"


def _a_patients_certificate(app: Certificates) -> tuple[Any, list[str], Any]:
    """A sent LISJP with care's question about it; returns its id, the patient's data and
    the doctor."""
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    who = patient(name=f"Före Förseglingsson {os.urandom(3).hex()}")
    text = f"Ont i höger axel sedan i våras {os.urandom(3).hex()}"
    asked = f"Hur går det med axeln? {os.urandom(3).hex()}"
    cert = draft(app, unit, doctor, who, funktionsnedsattning=text)
    sign(app, cert, doctor)
    app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    questions.send_question(app, cert, subject=Subject.OVRIGT, heading=None, text=asked,
                            by=doctor)
    return cert, [who.personnummer, who.name, text, asked], doctor


def _old_views(db: Database, cert: Any, secrets: list[str]) -> None:
    """Webcert as the code before sealing wrote it: the personnummer in a column of its own,
    the document in clear."""
    doc = json.dumps({"id": str(cert), "patient": {"personnummer": secrets[0],
                                                   "name": secrets[1]},
                      "content": {"funktionsnedsattning": secrets[2]}}, ensure_ascii=False)
    with db.transaction() as tx:
        for table in ("webcert", "webcert_docs"):
            tx.execute(f"DROP TABLE IF EXISTS {table}")
        tx.execute("CREATE TABLE webcert (id TEXT PRIMARY KEY, type TEXT, personnummer TEXT, "
                   "doc TEXT NOT NULL)")
        tx.execute("CREATE TABLE webcert_docs (id TEXT PRIMARY KEY, doc TEXT NOT NULL)")
        tx.execute("INSERT INTO webcert VALUES (?, ?, ?, ?)", (str(cert), "lisjp", secrets[0], doc))
        tx.execute("INSERT INTO webcert_docs VALUES (?, ?)", (str(cert), doc))


def _webcert_holds(db: Database) -> str:
    with db.transaction() as tx:
        return json.dumps([tx.execute("SELECT * FROM webcert"),
                           tx.execute("SELECT * FROM webcert_docs")], default=str,
                          ensure_ascii=False)


def _migrated_and_recorded(app: Certificates, run: Any) -> dict[str, Any]:
    """Runs the migration twice: the first applies and records it, the second finds it."""
    first = run("migrate", NAME, "--by", BY)
    assert first.returncode == 0, first.stderr
    printed = json.loads(first.stdout)
    assert printed["applied"] is True
    record = applied(app, NAME)
    assert record is not None and (record.by, record.done) == (BY, printed["done"])
    stored = app.recorder.max_notification_id()
    again = run("migrate", NAME, "--by", BY)
    assert json.loads(again.stdout)["already_applied"] is True
    assert app.recorder.max_notification_id() == stored  # nothing recorded twice
    done: dict[str, Any] = printed["done"]
    return done


def test_an_embedded_store_from_before_sealing_keeps_its_views_sealed_when_migrated(tmp_path):
    """Hardening of issue 12: embedded mode (SQLite) has no Kafka; its views are rebuilt from
    the log, their patient data sealed."""
    settings = Settings(mode="embedded", data_dir=tmp_path)
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    env = {**os.environ, "INTYG_MODE": "embedded", "INTYG_DATA_DIR": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "api.cli.main", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    try:
        cert, secrets, _ = _a_patients_certificate(app)
        db = Database(settings)
        _old_views(db, cert, secrets)
        assert secrets[0] in _webcert_holds(db)
        done = _migrated_and_recorded(app, run)
        assert done == {"views_rebuilt": 4}
        held = _webcert_holds(db)
        assert str(cert) in held and not any(secret in held for secret in secrets)
        assert app.get(cert).patient.personnummer == secrets[0]  # the store still loads
        rebuilt = run("projections", "rebuild", "webcert", "--quiet")
        assert rebuilt.returncode == 0, rebuilt.stderr
    finally:
        app.close()


@pytest.fixture
def production() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def _relay_before_sealing(app: Certificates, settings: Settings, db: Database,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Publishes as the relay did before sealing: every message version 1, in clear."""
    relay = Relay(app, settings, db)

    def as_version_1(values: list[dict[str, Any]], now: Any) -> list[dict[str, Any]]:
        return [v | {"type": ce_type(v["event"], 1), "schema_version": 1} for v in values]

    with monkeypatch.context() as patched:
        patched.setattr(relay.sealer, "seal_all", as_version_1)
        patched.setattr(relay_module, "ce_type", lambda event, version=None: ce_type(event, 1))
        relay.run_until_caught_up()


@pytest.mark.kafka
def test_a_production_store_from_before_sealing_is_sealed_on_kafka_and_in_views_when_migrated(
        production, monkeypatch):
    """Hardening of issue 12: the clear generation of each topic is cut off, a sealed copy of
    every record takes its place (same keys, same events, in order); the views are rebuilt
    sealed; the relay and a rebuild go on after it."""
    settings = production
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    db = Database(settings)
    fk = recipient_topic(settings, "FKASSA")
    try:
        cert, secrets, doctor = _a_patients_certificate(app)
        _relay_before_sealing(app, settings, db, monkeypatch)
        before = {topic: [(value_of(r)["id"], value_of(r)["version"], r.key)
                          for r in read_topic(settings, topic)]
                  for topic in (certificates_topic(settings), fk)}
        assert any(secrets[0].encode() in r.value for r in read_topic(settings))
        _old_views(db, cert, secrets)

        done = _migrated_and_recorded(app, lambda *args: intyg(settings, *args))
        assert done["views_rebuilt"] == 4 and done["kafka_messages_sealed"] > 0

        for topic, events in before.items():
            records = read_topic(settings, topic)
            assert [(value_of(r)["id"], value_of(r)["version"], r.key) for r in records] == events
            assert not any(value_of(r)["schema_version"] == 1 and value_of(r)["event"]
                           in SEALED_FIELDS for r in records)
            assert not any(secret.encode() in r.value for r in records for secret in secrets)
        held = _webcert_holds(db)
        assert str(cert) in held and not any(secret in held for secret in secrets)

        later = f"Och knät? {os.urandom(3).hex()}"
        questions.send_question(app, cert, subject=Subject.OVRIGT, heading=None, text=later,
                                by=doctor)
        Relay(app, settings, db).run_until_caught_up()
        sent = [r for r in read_topic(settings) if r.key == str(cert).encode()
                and value_of(r)["event"] == "QuestionSent"]
        assert len(sent) == 2 and later.encode() not in sent[-1].value
        assert value_of(sent[-1])["schema_version"] == 2
        view = build_views(settings, view_seal(settings, db))["webcert"]

        def drop() -> None:
            with db.transaction() as tx:
                view.drop(tx)

        assert rebuild(settings, app, db, view, drop).events > 0
        assert str(cert) in _webcert_holds(db)
    finally:
        app.close()
