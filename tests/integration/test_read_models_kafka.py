"""Every read model fed from Kafka: dropped, rebuilt from the topic and compared with the live
one; and read-your-writes over HTTP in production mode (issue "Read models from the stream")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.runtime.projections import ProjectionHost
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from projections.registry import NAMES
from streams.database import Database
from streams.read_your_writes import wait_until_seen
from streams.rebuild import rebuild, rebuild_all
from streams.relay import Relay
from tests.e2e.read_models import bearer
from tests.factories import FakeClock, care_unit, lisjp_content, staff_at
from tests.factories.http import UNIT_BODY
from tests.flows import issue_lifecycles
from tests.integration.kafka_support import kafka_settings

pytestmark = pytest.mark.kafka


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        yield settings


def test_every_view_rebuilt_from_kafka_alone_or_all_in_one_pass_equals_the_live_view(settings):
    """Each view rebuilt on its own, then all of them from one consume of the topic
    (``rebuild_all``): every time equal to the live view."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        issue_lifecycles(app, 12)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        host = ProjectionHost(settings, app)
        host.start()
        try:
            last = app.recorder.max_notification_id() or 0
            for name in NAMES:
                assert wait_until_seen(host.db, settings, name, last, timeout=60), name
        finally:
            host.stop()
        lives = {}
        for name, view in host.views.items():
            with host.db.transaction() as tx:
                live = view.dump(tx)
            assert live, f"{name} is empty"

            def drop(view=view) -> None:
                with host.db.transaction() as tx:
                    view.drop(tx)

            report = rebuild(settings, app, host.db, view, drop)
            assert report.events > 0
            with host.db.transaction() as tx:
                assert view.dump(tx) == live, name
            lives[name] = live
        report = rebuild_all(settings, app, host.db, list(host.views.values()))
        assert report.events > 0
        for name, view in host.views.items():
            with host.db.transaction() as tx:
                assert view.dump(tx) == lives[name], name
    finally:
        app.close()


def test_a_client_reads_its_own_write_through_kafka_when_it_passes_after(settings):
    live = settings.model_copy(update={"relay_in_serve": True, "projections_in_serve": True,
                                       "read_wait_seconds": 30})
    clock = FakeClock()
    app = Certificates(eventsourcing_env(live), clock=clock)
    unit = care_unit()
    doctor = staff_at(unit)
    auth = bearer(live, doctor, clock)
    body = {"type": "lisjp", "patient": {"personnummer": "191212121212"},
            "careUnit": UNIT_BODY,
            "content": lisjp_content(clock().date())}
    try:
        with TestClient(create_app(live, certificates_app=app)) as client:
            created = client.post("/v1/certificates", json=body, headers=auth)
            assert created.status_code == 201, created.text
            cert = created.json()
            signed = client.post(f"/v1/certificates/{cert['id']}/sign", headers=auth,
                                 json={"version": cert["version"]}).json()
            listed = client.get(f"/v1/units/{unit.hsa_id}/certificates"
                                f"?after={signed['position']}", headers=auth)
            assert listed.status_code == 200, listed.text
            assert [c["id"] for c in listed.json()] == [cert["id"]]
    finally:
        app.close()
