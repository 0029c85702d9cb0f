"""A view whose shape changed (a view version bump) is built beside the serving one from offset
0 while the old one keeps answering; queries switch to it once it has caught up, without a gap,
and the old tables are dropped (issue "Throughput", deliverable 4)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from api.http.routers.statistik import default_period
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from domain.statistics.facts import NATIONAL
from projections.statistik import StatistikView
from projections.statistik.reports import report
from projections.webcert import WebcertView, unit_signed
from streams.consumer import KafkaFeed
from streams.database import Database
from streams.read_your_writes import has_seen
from streams.relay import Relay
from streams.sealing.view_seal import view_seal
from streams.view_versions import building_schema, retired_schema
from tests.factories import FakeClock, care_unit, staff_at
from tests.flows import sent
from tests.integration.kafka_support import kafka_settings

pytestmark = pytest.mark.kafka
BEFORE, AFTER = 4, 200  # certificates before the upgrade, and after (600 events: 2 polls)


class WebcertNextVersion(WebcertView):
    version = 2


@pytest.fixture
def settings() -> Iterator[Settings]:
    with kafka_settings() as settings:
        try:
            yield settings
        finally:  # schemas of the view's versions a failed test may leave
            with psycopg.connect(host=settings.postgres_host, port=settings.postgres_port,
                                 dbname=settings.postgres_db, user=settings.postgres_user,
                                 password=settings.postgres_password.get_secret_value(),
                                 autocommit=True) as conn:
                db = Database(settings)
                for schema in (building_schema(db, "webcert"), retired_schema(db, "webcert")):
                    conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def schemas(db: Database) -> set[str]:
    with db.transaction() as tx:
        return {str(row[0]) for row in tx.execute(
            "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?",
            (f"{db.settings.postgres_schema}_%",))}


def feed_to_end(feed: KafkaFeed, db: Database, app: Certificates) -> None:
    last = app.recorder.max_notification_id() or 0
    while not has_seen(db, feed.settings, "webcert", last):
        feed.poll_once()


def test_queries_answer_from_the_old_version_while_the_new_one_builds_and_then_switch(settings):
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    db = Database(settings, keep_idle=2)  # as the query API's
    seal = view_seal(settings, db)
    unit = care_unit()
    doctor = staff_at(unit)
    relay = Relay(app, settings, Database(settings))
    try:
        first = {str(sent(app, unit, doctor)) for _ in range(BEFORE)}
        relay.run_until_caught_up()
        old = KafkaFeed(settings, db, WebcertView(seal))
        feed_to_end(old, db, app)
        old.close()  # the deploy stops the old version's consumer
        everything = first | {str(sent(app, unit, doctor)) for _ in range(AFTER)}
        relay.run_until_caught_up(timeout=120)

        def query() -> set[str]:
            with db.transaction() as tx:
                return {doc["id"] for doc in unit_signed(tx, seal, unit.hsa_id)}

        assert query() == first
        answers: list[set[str] | Exception] = []
        done = threading.Event()

        def ask_all_along() -> None:
            while not done.is_set():
                try:
                    answers.append(query())
                except Exception as error:  # a gap would show as an error here
                    answers.append(error)

        asker = threading.Thread(target=ask_all_along)
        asker.start()
        try:
            new = KafkaFeed(settings, db, WebcertNextVersion(seal))
            assert new.building and building_schema(db, "webcert") in schemas(db)
            built_while_old_served = 0
            while new.building:
                new.poll_once()
                if new.building:
                    built_while_old_served += 1
                    assert query() == first  # the old version answers during the build
            assert built_while_old_served >= 1
            assert query() == everything  # the new version answers once switched
            new.close()
        finally:
            done.set()
            asker.join(timeout=30)
        assert [a for a in answers if isinstance(a, Exception)] == []
        switched = next(n for n, a in enumerate(answers) if a == everything)
        assert all(a == first for a in answers[:switched])
        assert all(a == everything for a in answers[switched:])
        assert schemas(db) == set()  # the old version's tables and the building schema: gone
        with db.transaction() as tx:
            assert not WebcertNextVersion(seal).outdated(tx)
        assert has_seen(db, settings, "webcert", app.recorder.max_notification_id() or 0)
    finally:
        app.close()
        db.close()


def test_a_current_view_is_not_built_again(settings):
    """No shape change, no build beside: the feed goes on in the serving tables."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    db = Database(settings)
    seal = view_seal(settings, db)
    try:
        unit = care_unit()
        sent(app, unit, staff_at(unit))
        Relay(app, settings, Database(settings)).run_until_caught_up()
        feeds: list[Any] = []
        for _ in range(2):
            feed = KafkaFeed(settings, db, WebcertView(seal))
            feeds.append(feed.building)
            feed_to_end(feed, db, app)
            feed.close()
        assert feeds == [False, False]
        assert schemas(db) == set()
    finally:
        app.close()


def test_a_switch_cut_short_leaves_no_schema_behind_once_the_view_starts_again(settings):
    """A crash after the switch committed but before the old tables were dropped: the next
    start drops the old version's schema and the emptied building one; a building schema of
    another version than the serving one (a build under way) is left alone."""
    db = Database(settings)
    seal = view_seal(settings, db)
    building, retired = building_schema(db, "webcert"), retired_schema(db, "webcert")
    KafkaFeed(settings, db, WebcertView(seal)).close()
    for shape, kept in ((WebcertView(seal).shape, set()), (WebcertNextVersion(seal).shape,
                                                           {building})):
        with db.transaction() as tx:
            for schema in (building, retired):
                tx.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            tx.execute(f"CREATE TABLE IF NOT EXISTS {retired}.webcert (id TEXT)")
            tx.execute(f"CREATE TABLE IF NOT EXISTS {building}.view_fold_version "
                       "(view TEXT PRIMARY KEY, version INTEGER NOT NULL)")
            tx.execute(f"DELETE FROM {building}.view_fold_version")
            tx.execute(f"INSERT INTO {building}.view_fold_version VALUES ('webcert', ?)",
                       (shape,))
        feed = KafkaFeed(settings, db, WebcertView(seal))
        assert not feed.building
        feed.close()
        assert schemas(db) == kept


class StatistikNextVersion(StatistikView):
    version = 2


def test_the_statistics_view_switches_with_every_table_it_keeps(settings):
    """A view with tables of its own beyond the document's (the statistics' case rows and
    rollups) is built beside with all of them, and its reports answer the same after the
    switch as the old version did (DOMAIN.md §8: the same certificates, the same counts)."""
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    db = Database(settings)
    try:
        unit = care_unit()
        doctor = staff_at(unit)
        for _ in range(3):
            sent(app, unit, doctor)
        Relay(app, settings, Database(settings)).run_until_caught_up()
        last = app.recorder.max_notification_id() or 0

        def national() -> Any:
            with db.transaction() as tx:
                return (report(tx, "intyg-per-typ", NATIONAL,
                               default_period(FakeClock()().date())),
                        tx.execute("SELECT COUNT(*) FROM statistik_cases")[0][0])

        answers = []
        for view in (StatistikView(settings.pseudonym_key),
                     StatistikNextVersion(settings.pseudonym_key)):
            feed = KafkaFeed(settings, db, view)
            while feed.building or not has_seen(db, settings, "statistik", last):
                feed.poll_once()
            feed.close()
            answers.append(national())
        assert answers[0] == answers[1]
        assert "lisjp" in answers[0][0].model_dump_json() and answers[0][1] > 0
        with db.transaction() as tx:
            assert not StatistikNextVersion(settings.pseudonym_key).outdated(tx)
        assert schemas(db) == set()
    finally:
        app.close()
