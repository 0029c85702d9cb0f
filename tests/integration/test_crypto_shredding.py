"""Patient data sealed on Kafka, opened by a key holder, and shredded by ``intyg forget``
(issue 12, deliverable 1; ARCHITECTURE.md invariant 8), on the real broker and PostgreSQL."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from api.runtime.projections import ProjectionHost
from commands import questions
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.access.entry import patient_index
from domain.questions.messages import Subject
from domain.shared.care import Role
from streams.database import Database
from streams.rebuild import rebuild
from streams.relay import Relay
from streams.sealing.envelope import WrongMasterKeyError
from streams.topics import access_log_topic, certificates_topic
from streams.unseal import read_opened
from tests.factories import FakeClock, care_unit, patient, staff_at
from tests.flows import draft as a_draft
from tests.flows import issue_lifecycles, sign
from tests.integration.kafka_support import kafka_settings, read_topic, value_of
from tests.integration.shredding_support import intyg, views_caught_up

pytestmark = pytest.mark.kafka
QUESTION = "Hur mår Tolvan efter operationen i knät?"


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def _a_case(app: Certificates) -> tuple[str, Any]:
    """A signed, sent certificate of one patient, with care's question to Försäkringskassan."""
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    who = patient(name="Tolvan Forgetsson")
    cert = a_draft(app, unit, doctor, who)
    sign(app, cert, doctor)
    app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)
    questions.send_question(app, cert, subject=Subject.OVRIGT, heading=None,
                            text=QUESTION, by=doctor)
    return who.personnummer, cert


def _where(settings: Settings, event: str, certificate: Any) -> Any:
    return next(r for r in read_topic(settings) if value_of(r)["event"] == event
                and r.key == str(certificate).encode())


def test_a_key_holder_opens_what_a_reader_without_it_cannot_when_patient_data_is_sealed(
        settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        who, cert = _a_case(app)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        created = _where(settings, "DraftCreated", cert)
        asked = _where(settings, "QuestionSent", cert)
        for record, secret in ((created, who), (created, "Forgetsson"), (asked, QUESTION)):
            assert secret.encode() not in record.value
        assert value_of(created)["schema_version"] == 3
        opened = read_opened(settings, certificates_topic(settings), created.partition,
                             created.offset)
        assert opened["value"]["data"]["patient"]["personnummer"] == who
        assert opened["forgotten"] == []
        printed = intyg(settings, "unseal", "--partition", str(asked.partition),
                        "--offset", str(asked.offset))
        assert printed.returncode == 0, printed.stderr
        assert json.loads(printed.stdout)["value"]["data"]["text"] == QUESTION
        missing = intyg(settings, "unseal", "--partition", "0", "--offset", "999999")
        assert missing.returncode == 1 and "No record" in missing.stderr
    finally:
        app.close()


def test_a_forgotten_patients_data_never_opens_again_while_ids_and_statistics_stay(settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    db = Database(settings)
    try:
        issue_lifecycles(app, 4)
        who, cert = _a_case(app)
        relay = Relay(app, settings, db)
        relay.run_until_caught_up()
        host = ProjectionHost(settings, app)
        views_caught_up(host, settings, app)
        with host.db.transaction() as tx:
            statistics = host.views["statistik"].dump(tx)
        before = [(r.partition, r.offset, r.value) for r in read_topic(settings)]

        done = intyg(settings, "forget", "-", "--reason", "raderingsbeslut",
                     "--by", "SE2321000016-A001", stdin=who + "\n")
        assert done.returncode == 0, done.stderr
        assert who not in done.stdout + done.stderr
        index = patient_index(who, settings.patient_index_secret)
        assert json.loads(done.stdout) == {"patient_index": index, "forgotten": True,
                                           "event_id": json.loads(done.stdout)["event_id"],
                                           "investigations": 0}
        relay.run_until_caught_up()

        assert [(r.partition, r.offset, r.value) for r in read_topic(settings)] == before
        created = _where(settings, "DraftCreated", cert)
        opened = read_opened(settings, certificates_topic(settings), created.partition,
                             created.offset)
        assert opened["value"]["data"]["patient"]["personnummer"] == ""
        content = opened["value"]["data"]["content"]
        assert "funktionsnedsattning" not in content and content["diagnoser"][0]["kod"]
        assert opened["forgotten"][:2] == ["patient.personnummer", "patient.name"]
        assert "content.funktionsnedsattning" in opened["forgotten"]
        assert opened["value"]["id"] == str(cert) and opened["value"]["version"] == 1
        with host.db.transaction() as tx:
            assert host.views["statistik"].dump(tx) == statistics
        decided = [value_of(r) for r in read_topic(settings, access_log_topic(settings))
                   if value_of(r)["type"] == "se.intyg.access.PatientForgotten.v1"]
        assert [(d["patient"], d["reason"], d["by"]) for d in decided] == [
            (index, "raderingsbeslut", "SE2321000016-A001")]
        again = intyg(settings, "forget", who, "--reason", "gallring", "--by",
                      "SE2321000016-A001")
        assert json.loads(again.stdout) == {"patient_index": index, "already_forgotten": True}
    finally:
        app.close()


def test_views_rebuilt_after_a_forget_show_the_forgotten_fields_empty_when_replayed(settings):
    """The documented outcome (docs/sealing.md): Mina intyg and Webcert rebuild from Kafka,
    the forgotten patient's certificates keep their ids and states, their personnummer and
    name read as empty."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    db = Database(settings)
    try:
        issue_lifecycles(app, 3)
        who, cert = _a_case(app)
        Relay(app, settings, db).run_until_caught_up()
        assert intyg(settings, "forget", who, "--reason", "gallring", "--by",
                     "SE2321000016-A001").returncode == 0
        host = ProjectionHost(settings, app)
        for name in ("mina-intyg", "webcert"):
            view = host.views[name]

            def drop(view: Any = view) -> None:
                with host.db.transaction() as tx:
                    view.drop(tx)

            assert rebuild(settings, app, host.db, view, drop).events > 0
            with host.db.transaction() as tx:
                dumped = json.dumps(view.dump(tx), default=str, ensure_ascii=False)
            assert str(cert) in dumped, name
            assert who not in dumped and "Forgetsson" not in dumped, name
    finally:
        app.close()


def test_the_relay_seals_under_the_new_master_key_when_the_master_key_was_rotated(
        settings, tmp_path):
    """``intyg rotate-master-key`` rewraps every data key: with INTYG_MASTER_KEY set to the
    new key, what was sealed before still opens and the relay goes on sealing."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        who, cert = _a_case(app)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        new_key = base64.b64encode(os.urandom(32)).decode()
        (tmp_path / "new.key").write_text(new_key + "\n")
        rotated = intyg(settings, "rotate-master-key", "--new-key-file",
                        str(tmp_path / "new.key"))
        assert rotated.returncode == 0, rotated.stderr
        assert json.loads(rotated.stdout)["rewrapped"] == 1
        assert new_key not in rotated.stdout + rotated.stderr
        renewed = settings.model_copy(update={"master_key": SecretStr(new_key)})
        created = _where(settings, "DraftCreated", cert)
        assert read_opened(renewed, certificates_topic(settings), created.partition,
                           created.offset)["value"]["data"]["patient"]["personnummer"] == who
        with pytest.raises(WrongMasterKeyError):
            read_opened(settings, certificates_topic(settings), created.partition,
                        created.offset)
        refused = intyg(settings, "forget", who, "--reason", "gallring", "--by", "nobody")
        assert refused.returncode == 2 and who not in refused.stderr
    finally:
        app.close()
