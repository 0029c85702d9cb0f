"""Group commit on the real PostgreSQL store in production mode (``commands.group_commit``):
commands saved at the same time share one transaction, a conflict fails only its own command,
and a process killed with SIGKILL while committing groups has lost no acknowledged command
(ARCHITECTURE.md invariants 2 and 3). Rows written by one transaction carry the same ``xmin``,
which is how these tests see that commands shared one."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import psycopg
from eventsourcing.persistence import StoredEvent

from commands.certificates import Certificates
from commands.group_commit import GroupCommitter
from commands.results import CommandResult
from commands.settings import Settings
from domain.shared.care import CareUnit, Staff
from domain.shared.errors import StaleVersionError
from tests.factories import lisjp_content, patient
from tests.integration.kafka_support import cli_env

ROOT = Path(__file__).parents[2]
WRITERS = 6


def connect(settings: Settings) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=settings.postgres_host, port=settings.postgres_port, dbname=settings.postgres_db,
        user=settings.postgres_user, password=settings.postgres_password.get_secret_value(),
        autocommit=True)


@contextmanager
def table_locked(settings: Settings) -> Iterator[None]:
    """The event table locked as the store locks it to insert, so every command that tries to
    save meanwhile waits (the first inside its transaction, the rest queued for the next)."""
    with connect(settings) as conn, conn.transaction():
        conn.execute(f"LOCK TABLE {settings.postgres_schema}.certificates_events "
                     "IN EXCLUSIVE MODE")
        yield


def transactions_of(settings: Settings, ids: list[UUID], version: int) -> set[str]:
    """The transactions (xmin) that wrote version ``version`` of the certificates ``ids``."""
    with connect(settings) as conn:
        rows = conn.execute(
            f"SELECT xmin::text FROM {settings.postgres_schema}.certificates_events "
            "WHERE originator_id = ANY(%s) AND originator_version = %s",
            (ids, version)).fetchall()
    assert len(rows) == len(ids)
    return {row[0] for row in rows}


def positions_of(settings: Settings, ids: list[UUID], version: int) -> dict[UUID, int]:
    """The notification id of version ``version`` of each of the certificates ``ids``."""
    with connect(settings) as conn:
        rows = conn.execute(
            f"SELECT originator_id, notification_id FROM {settings.postgres_schema}"
            ".certificates_events WHERE originator_id = ANY(%s) AND originator_version = %s",
            (ids, version)).fetchall()
    return {row[0]: row[1] for row in rows}


def drafts(app: Certificates, unit: CareUnit, doctor: Staff, count: int) -> list[UUID]:
    return [app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit, author=doctor,
                             content={}).id for _ in range(count)]


def run_together(app: Certificates, settings: Settings,
                 commands: list[Callable[[], CommandResult]]) -> list[CommandResult | Exception]:
    """Each command in a thread of its own, all held at the store's table lock until every one
    has reached its save; their outcomes in order."""
    outcomes: list[CommandResult | Exception | None] = [None] * len(commands)

    def run(i: int) -> None:
        try:
            outcomes[i] = commands[i]()
        except Exception as error:
            outcomes[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(commands))]
    arrived = app.committer.arrived
    with table_locked(settings):
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while app.committer.arrived - arrived < len(commands) and time.monotonic() < deadline:
            time.sleep(0.01)  # every command loaded, edited and waiting to save
    for thread in threads:
        thread.join(timeout=30)
    assert all(o is not None for o in outcomes)
    return [o for o in outcomes if o is not None]


def test_concurrent_commands_on_different_certificates_all_succeed_in_shared_transactions(
        app: Certificates, settings: Settings, unit: CareUnit, doctor: Staff) -> None:
    """Six edits of six drafts arrive together: each is stored with its own version and log
    position, and they were committed in fewer transactions than commands."""
    ids = drafts(app, unit, doctor, WRITERS)
    content = lisjp_content(app.clock().date())
    outcomes = run_together(app, settings, [
        lambda c=c: app.edit_draft(c, based_on_version=1, content=content, by=doctor)
        for c in ids])
    assert all(isinstance(o, CommandResult) for o in outcomes), outcomes
    results = [o for o in outcomes if isinstance(o, CommandResult)]
    assert [r.id for r in results] == ids
    assert all(r.version == 2 and r.changed for r in results)
    positions = [r.position for r in results]
    assert None not in positions and len(set(positions)) == WRITERS
    assert all(app.get(c).version == 2 for c in ids)
    assert len(transactions_of(settings, ids, 2)) <= 2  # the first alone, the rest grouped


def test_a_conflict_in_a_group_fails_only_its_own_command(
        app: Certificates, settings: Settings, unit: CareUnit, doctor: Staff) -> None:
    """Two edits of one draft based on the same version (DOMAIN rule: a command on a stale
    version is a conflict, 409) arrive with edits of other drafts: exactly one of the two
    fails as stale, every other edit is stored."""
    ids = drafts(app, unit, doctor, WRITERS)
    content = lisjp_content(app.clock().date())
    targets = [*ids, ids[0]]
    outcomes = run_together(app, settings, [
        lambda c=c: app.edit_draft(c, based_on_version=1, content=content, by=doctor)
        for c in targets])
    failed = [t for t, o in zip(targets, outcomes, strict=True) if isinstance(o, Exception)]
    assert failed == [ids[0]], outcomes
    assert all(isinstance(o, StaleVersionError | CommandResult) for o in outcomes)
    assert all(app.get(c).version == 2 for c in ids)


def test_a_process_killed_during_grouped_commits_loses_no_acknowledged_command(
        app: Certificates, settings: Settings) -> None:
    """A writer process commits drafts from eight threads (in groups) and reports each one the
    moment its command returned; SIGKILL while it writes: every reported draft is stored."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.group_commit_writer"], cwd=ROOT,
        env=cli_env(settings), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert writer.stdout is not None
    acked: list[UUID] = []
    try:
        for line in writer.stdout:
            acked.append(UUID(line.split()[1]))
            if len(acked) >= 300:
                break
    finally:
        writer.send_signal(signal.SIGKILL)
    acked.extend(UUID(line.split()[1]) for line in writer.stdout if line.startswith("ack "))
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert len(acked) >= 300
    missing = [c for c in acked if c not in app.repository]
    assert missing == []
    assert len(transactions_of(settings, acked, 1)) < len(acked)  # the writer did group


def test_each_command_gets_its_own_position_when_more_arrive_than_one_group_takes(
        app: Certificates, settings: Settings, unit: CareUnit, doctor: Staff) -> None:
    """Groups of at most two, six edits at once: every edit is stored, in groups, and each
    result's position is the notification id of that command's own event."""
    app.committer = GroupCommitter(app.recorder, max_batch=2)
    ids = drafts(app, unit, doctor, WRITERS)
    content = lisjp_content(app.clock().date())
    outcomes = run_together(app, settings, [
        lambda c=c: app.edit_draft(c, based_on_version=1, content=content, by=doctor)
        for c in ids])
    results = [o for o in outcomes if isinstance(o, CommandResult)]
    assert len(results) == WRITERS, outcomes
    assert {r.id: r.position for r in results} == positions_of(settings, ids, 2)
    assert len(transactions_of(settings, ids, 2)) < WRITERS


def test_stored_events_sent_in_binary_keep_every_byte_of_their_state(
        app: Certificates, settings: Settings) -> None:
    """The store sends its events to PostgreSQL as a binary parameter (a unit overview's large
    access entry costs no hex spelling): a state of every byte value, and one of 200 KB, are
    stored and read back byte for byte, in the log and in the table."""
    every_byte, large = bytes(range(256)) * 3, bytes(range(251)) * 800
    events = [StoredEvent(originator_id=uuid4(), originator_version=1, topic="bench:Raw",
                          state=state) for state in (every_byte, large)]
    positions = app.committer.insert(events)
    assert len(positions) == 2
    read = app.recorder.select_notifications(positions[0], 2, topics=["bench:Raw"])
    assert [n.state for n in read] == [every_byte, large]
    with connect(settings) as conn:
        stored = conn.execute(
            f"SELECT state FROM {settings.postgres_schema}.certificates_events "
            "WHERE originator_id = ANY(%s) ORDER BY notification_id",
            ([e.originator_id for e in events],)).fetchall()
    assert [bytes(row[0]) for row in stored] == [every_byte, large]
