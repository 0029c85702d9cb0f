"""`intyg demo`: realistic, deterministic demo data."""

from __future__ import annotations

from datetime import date, timedelta

from api.demo import seed_demo
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.identities import normalise_personnummer
from tests.factories import FakeClock


def _seeded(tmp, seed: int) -> tuple[dict[str, int], Certificates]:
    app = Certificates(eventsourcing_env(Settings(data_dir=tmp)), clock=FakeClock())
    return seed_demo(app, patients=40, seed=seed), app


def _contents(app: Certificates) -> list[tuple[str, object]]:
    return [(n.topic.rsplit(".", 1)[-1], app.get(n.originator_id).content)
            for n in app.recorder.select_notifications(1, 10_000)
            if n.topic.endswith("DraftCreated")]


def test_demo_is_identical_when_seeded_twice_with_the_same_seed(tmp_path):
    first, app_a = _seeded(tmp_path / "a", 11)
    second, app_b = _seeded(tmp_path / "b", 11)
    other, _ = _seeded(tmp_path / "c", 12)
    assert first == second
    assert _contents(app_a) == _contents(app_b)
    assert first != other
    assert first["signed"] > 0 and first["renewals"] > 0


def test_demo_personnummer_are_valid_when_seeded(tmp_path):
    _, app = _seeded(tmp_path, 5)
    ids = {n.originator_id for n in app.recorder.select_notifications(1, 10_000)}
    for cert_id in ids:
        pnr = app.get(cert_id).patient.personnummer
        assert normalise_personnummer(pnr, date(2026, 11, 28)) == pnr


def test_renewal_starts_the_day_after_the_parent_when_demo_chains_renew(tmp_path):
    _, app = _seeded(tmp_path, 3)
    renewals = 0
    for n in app.recorder.select_notifications(1, 10_000):
        cert = app.get(n.originator_id)
        if n.topic.endswith("DraftCreated") and cert.relation and \
                cert.relation["kind"] == "FRLANG" and "sjukskrivningar" in cert.content:
            start = date.fromisoformat(cert.content["sjukskrivningar"][0]["period"]["from"])
            parent_end = date.fromisoformat(cert.relation["parent_last_period_end"])
            assert start == parent_end + timedelta(days=1)
            renewals += 1
    assert renewals > 0
