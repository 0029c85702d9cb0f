"""``?after=`` under a burst (Hardening item 8): a position beyond the log's head is refused at
once, waiting reads are capped, and /health and a plain read answer while reads wait.

The read models do not run here (no lifespan), so a position the store has written stays
unseen: every read after it waits its full time, as behind a stalled consumer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from tests.e2e.read_models import bearer
from tests.factories import FakeClock, care_unit, personnummer, staff_at
from tests.factories.http import UNIT_BODY

CAP = 4


def test_far_future_and_unreached_reads_leave_health_and_plain_reads_answering(tmp_path: Path):
    """Hardening item 8: 60 reads of ?after=10^12 are 422 at once; of CAP + 4 reads of an
    unreached position, 4 are 503 at once and CAP wait, while /health and a read without
    ?after answer."""
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=True,
                        read_wait_seconds=20, read_waiters=CAP)
    clock = FakeClock()
    app = Certificates(eventsourcing_env(settings), clock=clock)
    unit = care_unit()
    auth = bearer(settings, staff_at(unit), clock)
    drafts = f"/v1/units/{unit.hsa_id}/drafts"
    api = create_app(settings, certificates_app=app)
    try:
        asyncio.run(_burst(api, auth, drafts))
    finally:
        api.state.projections.stop()
        app.close()


async def _burst(api: FastAPI, auth: dict[str, str], drafts: str) -> None:
    transport = httpx.ASGITransport(app=api)
    async with httpx.AsyncClient(transport=transport, base_url="http://intyg") as client:
        body = {"type": "lisjp", "patient": {"personnummer": personnummer()},
                "careUnit": UNIT_BODY}
        written = (await client.post("/v1/certificates", json=body, headers=auth)).json()
        head = written["position"]

        far = await asyncio.gather(*(client.get(f"{drafts}?after={10**12}", headers=auth)
                                     for _ in range(60)))
        assert {r.status_code for r in far} == {422}
        assert far[0].json()["errors"][0]["field"] == "after"

        waiting = [asyncio.create_task(client.get(f"{drafts}?after={head}", headers=auth))
                   for _ in range(CAP + 4)]
        turned_away = []
        for next_done in asyncio.as_completed(waiting):
            turned_away.append(await next_done)
            if len(turned_away) == 4:
                break
        assert [r.status_code for r in turned_away] == [503] * 4
        assert all("Too many reads" in r.json()["detail"] for r in turned_away)
        assert all(r.headers["retry-after"] == "1" for r in turned_away)

        health = await client.get("/health")
        plain = await client.get(drafts, headers=auth)
        assert (health.status_code, plain.status_code) == (200, 200)
        assert sum(not task.done() for task in waiting) == CAP  # still waiting meanwhile

        api.state.projections.stop()  # as on shutdown: the waiting reads give up at once
        held = [r for r in await asyncio.gather(*waiting) if r not in turned_away]
        assert [r.status_code for r in held] == [503] * CAP
        assert all("has not reached" in r.json()["detail"] for r in held)


def test_a_read_of_a_written_but_unseen_position_is_503_when_the_wait_runs_out(tmp_path: Path):
    """Hardening item 8: a reachable position is waited for, INTYG_READ_WAIT_SECONDS at most."""
    settings = Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=True,
                        read_wait_seconds=0.3)
    clock = FakeClock()
    app = Certificates(eventsourcing_env(settings), clock=clock)
    api = create_app(settings, certificates_app=app)
    unit = care_unit()
    auth = bearer(settings, staff_at(unit), clock)
    try:
        client = TestClient(api)  # no lifespan: the read models do not run
        body = {"type": "lisjp", "patient": {"personnummer": personnummer()},
                "careUnit": UNIT_BODY}
        head = client.post("/v1/certificates", json=body, headers=auth).json()["position"]
        got = client.get(f"/v1/units/{unit.hsa_id}/drafts?after={head}", headers=auth)
        assert got.status_code == 503, got.text
        assert "has not reached" in got.json()["detail"]
        assert got.headers["retry-after"] == "1"
    finally:
        api.state.projections.stop()
        app.close()
