"""The views keep patient data sealed under the patient's data key and find patients by the
blind index (issue 12, deliverable 1; ARCHITECTURE.md invariant 8; docs/sealing.md), on the real
broker and PostgreSQL: an authorised read opens them, and once the key is destroyed the views'
copies open to the forgotten values without a rebuild, and a rebuild still succeeds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.runtime.projections import ProjectionHost
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.access.entry import patient_index
from domain.shared.care import Role
from projections.mina_intyg import citizen_certificates
from projections.rehabstod import patient_certificates as rehabstod_certificates
from projections.sick_leave_timelines import patient_timeline
from projections.webcert import patient_certificates
from streams.database import Database
from streams.rebuild import rebuild
from streams.relay import Relay
from streams.sealing.keys import DataKeys
from tests.factories import START, FakeClock, care_unit, patient, staff_at
from tests.flows import signed
from tests.integration.kafka_support import kafka_settings, run_views_until_caught_up

pytestmark = pytest.mark.kafka
NAME = "Tolvan Vysson"


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def _projected(settings: Settings, app: Certificates) -> ProjectionHost:
    Relay(app, settings, Database(settings)).run_until_caught_up()
    run_views_until_caught_up(settings, app)
    return ProjectionHost(settings, app)  # a fresh pool for the reads


def _reads(host: ProjectionHost, unit: str, number: str) -> dict[str, Any]:
    with host.db.transaction() as tx:
        return {"webcert": patient_certificates(tx, host.seal, unit, number),
                "mina-intyg": citizen_certificates(tx, host.seal, number),
                "rehabstod": rehabstod_certificates(tx, host.seal, unit, number),
                "timeline": patient_timeline(tx, host.seal, unit, number)}


def test_views_find_a_patient_by_blind_index_and_open_only_while_the_key_lives(settings):
    """Hardening of the views (issue 12, deliverable 1): no view row holds the personnummer,
    each holds its HMAC; after the key is destroyed every view reads the forgotten values."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    unit = care_unit()
    doctor = staff_at(unit, role=Role.DOCTOR)
    who = patient(name=NAME)
    try:
        cert = str(signed(app, unit, doctor, who))
        host = _projected(settings, app)
        index = patient_index(who.personnummer, settings.patient_index_secret)
        with host.db.transaction() as tx:
            for table in ("webcert", "mina_intyg", "rehabstod"):
                assert tx.execute(f"SELECT patient_index FROM {table} WHERE id = ?",
                                  (cert,)) == [(index,)], table
        before = _reads(host, unit.hsa_id, who.personnummer)
        assert [d["patient"]["name"] for d in before["webcert"]] == [NAME]
        assert [d["patient"]["personnummer"] for d in before["mina-intyg"]] == \
            [who.personnummer]
        assert before["mina-intyg"][0]["content"] == before["webcert"][0]["content"] != {}
        assert [c.patient_name for c in before["rehabstod"]] == [NAME]
        assert before["timeline"] is not None and before["timeline"].patient_names == [NAME]

        DataKeys(host.db, settings.master_key_bytes).forget(index, START)

        after = _reads(host, unit.hsa_id, who.personnummer)
        for view in ("webcert", "mina-intyg"):
            [doc] = after[view]
            assert doc["id"] == cert and doc["state"] == "SIGNED", view
            assert (doc["patient"]["personnummer"], doc["patient"]["name"], doc["content"]) == \
                ("", "", {}), view
        assert after["rehabstod"] == [] and after["timeline"] is None

        for view in host.views.values():
            def drop(view: Any = view) -> None:
                with host.db.transaction() as tx:
                    view.drop(tx)

            assert rebuild(settings, app, host.db, view, drop).events > 0, view.name
        rebuilt = _reads(host, unit.hsa_id, who.personnummer)
        assert rebuilt["webcert"] == [] and rebuilt["mina-intyg"] == []  # no number to find
        host.db.close()
    finally:
        app.close()
