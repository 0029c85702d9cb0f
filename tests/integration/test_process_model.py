"""Production's process model (``intyg run``): the relay and each view in processes of their
own, supervised; a view's processes sharing the topic's partitions in a consumer group. Real
PostgreSQL and Kafka, every process a real one (ARCHITECTURE.md invariant 3: a crash neither
skips nor applies twice)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from commands.certificates import Certificates
from commands.settings import Settings
from projections.base import DocumentView
from projections.registry import build_views
from streams.database import Database
from streams.read_your_writes import has_seen
from streams.rebuild import rebuild
from streams.relay import Relay
from streams.sealing.view_seal import view_seal
from tests.factories import care_unit, staff_at
from tests.flows import issue_lifecycles
from tests.integration.kafka_support import headers_of, published_events, read_topic
from tests.integration.process_support import (
    Intyg,
    alive,
    bearer,
    create_draft,
    started,
    wait_for,
)
from tests.ports import free_port

pytestmark = pytest.mark.kafka
VIEW = "webcert"


@pytest.fixture
def intyg(settings: Settings, tmp_path: Path) -> Iterator[Callable[..., Intyg]]:
    yield from started(settings, tmp_path)


def the_view(settings: Settings, db: Database) -> DocumentView:
    return build_views(settings, view_seal(settings, db))[VIEW]


def caught_up(settings: Settings, db: Database, app: Certificates) -> Callable[[], bool]:
    """True once the view has seen the store's last event (through the relay and Kafka)."""
    return lambda: has_seen(db, settings, VIEW, app.recorder.max_notification_id() or 0)


def same_as_one_rebuild(settings: Settings, db: Database, app: Certificates) -> None:
    """The view as the processes left it equals the view one process rebuilds from the topic,
    and the topic holds every published event once."""
    view = the_view(settings, db)
    with db.transaction() as tx:
        live = view.dump(tx)
    assert live

    def drop() -> None:
        with db.transaction() as tx:
            view.drop(tx)

    rebuild(settings, app, db, view, drop)
    with db.transaction() as tx:
        assert view.dump(tx) == live
    assert len({headers_of(r)["ce_id"] for r in read_topic(settings)}) == published_events(app)


def restarted(run: Intyg, name: str, killed: int) -> int:
    """The new process id of child ``name`` once the supervisor started it again."""
    return int(wait_for(lambda: [p for p in run.pids_of(name) if p != killed and alive(p)],
                        what=f"{name} restarted")[-1])


def test_supervisor_restarts_the_relay_and_a_view_killed_with_sigkill_and_the_view_loses_and_doubles_nothing(  # noqa: E501
        settings, app, intyg):
    """Issue 16, process model: ``intyg run`` starts the relay and the view as processes of
    their own; each killed with SIGKILL mid-stream is started again by the supervisor, and the
    view ends up equal to one rebuilt from the topic (nothing lost, nothing applied twice)."""
    db = Database(settings)
    issue_lifecycles(app, 5)
    run = intyg("run", "--workers", "0", "--views", VIEW)
    wait_for(lambda: run.pids_of("relay"), what="the children (their tables made first)")
    wait_for(caught_up(settings, db, app), what="the view before the kills")
    for name in ("relay", f"view-{VIEW}"):
        pid = wait_for(lambda name=name: run.pids_of(name), what=name)[-1]
        issue_lifecycles(app, 5)  # while it publishes or applies
        os.kill(pid, signal.SIGKILL)
        assert restarted(run, name, pid) != pid
        issue_lifecycles(app, 3)
        wait_for(caught_up(settings, db, app), what=f"the view after killing {name}")
    children = [int(line["pid"]) for line in run.lines("process_started")]
    assert run.stop() == 0
    assert not [pid for pid in children if alive(pid)]
    same_as_one_rebuild(settings, db, app)


def assignments(process: Intyg) -> frozenset[int]:
    """The partitions the process holds now, as its last log line of the group says."""
    found = process.lines("partitions_assigned", "partitions_revoked")
    return frozenset(found[-1]["held"]) if found else frozenset()


def test_two_view_processes_in_one_group_share_the_partitions_and_build_the_view_one_builds(
        settings, app, intyg):
    """Issue 16, process model: with INTYG_VIEW_GROUPS two processes of a view split the
    topic's partitions between them (each seeking to the view's stored positions), and what
    they build together equals the view one process rebuilds from the topic."""
    db = Database(settings)
    issue_lifecycles(app, 4)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    grouped = {"INTYG_VIEW_GROUPS": "true"}
    first = intyg("project", VIEW, env=grouped)
    wait_for(lambda: assignments(first), what="the first member's partitions")
    second = intyg("project", VIEW, env=grouped)
    every = frozenset(range(settings.kafka_partitions))

    def split() -> bool:
        one, two = assignments(first), assignments(second)
        return bool(one and two and not one & two and one | two == every)

    wait_for(split, what="the partitions split between the two")
    issue_lifecycles(app, 12)
    Relay(app, settings, Database(settings)).run_until_caught_up()
    wait_for(caught_up(settings, db, app), what="the view from both processes")
    assert first.stop() == 0
    assert second.stop() == 0
    same_as_one_rebuild(settings, db, app)


def test_the_api_answers_from_several_workers_and_reads_its_own_writes_from_view_processes(
        settings, intyg):
    """Issue 16, process model: ``intyg run --workers 2`` serves the API from two worker
    processes that run no view themselves; a draft created through one is listed with
    ``?after=`` once the view process (beside them) has applied it."""
    port = free_port()
    run = intyg("run", "--workers", "2", "--views", VIEW, "--port", str(port),
                env={"INTYG_READ_WAIT_SECONDS": "20"})
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        try:
            return httpx.get(f"{url}/health", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    wait_for(healthy, what="the API")
    unit = care_unit()
    auth = bearer(settings, staff_at(unit))
    for _ in range(4):
        created = create_draft(url, auth)
        listed = httpx.get(f"{url}/v1/units/{unit.hsa_id}/drafts",
                           params={"after": created["position"]}, headers=auth, timeout=20)
        assert listed.status_code == 200, listed.text
        assert created["id"] in {d["id"] for d in listed.json()}
    assert run.stop() == 0


def test_the_children_stop_when_the_supervisor_itself_is_killed_with_sigkill(settings, intyg):
    """Issue 16, process model: killing ``intyg run`` itself with SIGKILL leaves no relay or
    view running on (each child asked the kernel for SIGTERM on its parent's death), so a
    restarted ``intyg run`` never competes with orphans of the last one."""
    run = intyg("run", "--workers", "0", "--views", VIEW)
    children = wait_for(lambda: (pids := [int(line["pid"]) for line in
                                          run.lines("process_started")])
                        and len(pids) >= 2 and pids, what="the relay and the view started")
    assert all(alive(pid) for pid in children)
    run.process.kill()
    run.process.wait(timeout=10)
    wait_for(lambda: not [pid for pid in children if alive(pid)], seconds=60,
             what="the children to stop after the supervisor's death")
