"""Reads without a transaction around them (``Database.reading``, the Rehabstöd overview's
reads): each statement sees what was committed before it, the connection goes back to the
pool able to run transactions, and a failed read leaves no connection in a half state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.database import Database
from tests.integration.kafka_support import own_store


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with own_store(request.param, tmp_path) as settings:
        database = Database(settings, keep_idle=1)
        yield database
        database.close()


def test_each_read_sees_what_was_committed_before_it_and_the_connection_stays_usable(db):
    with db.transaction() as tx:
        tx.execute("CREATE TABLE reading_rows (n INTEGER)")
        tx.execute("INSERT INTO reading_rows VALUES (1)")
    with db.reading() as first:
        assert first.execute("SELECT count(*) FROM reading_rows") == [(1,)]
        with db.transaction() as tx:  # another connection commits between two reads
            tx.execute("INSERT INTO reading_rows VALUES (2)")
        assert first.execute("SELECT count(*) FROM reading_rows") == [(2,)]
    with db.transaction() as tx:  # the pooled connection runs a transaction again
        tx.execute("INSERT INTO reading_rows VALUES (3)")
    with pytest.raises(RuntimeError), db.transaction() as tx:
        tx.execute("INSERT INTO reading_rows VALUES (4)")
        raise RuntimeError("rolled back")
    with db.reading() as again:
        assert again.execute("SELECT n FROM reading_rows ORDER BY n") == [(1,), (2,), (3,)]


def test_a_failed_read_does_not_hand_its_connection_on(db):
    with pytest.raises(Exception, match="no_such_table"), db.reading() as broken:
        broken.execute("SELECT * FROM no_such_table")
    with db.reading() as fine:
        assert fine.execute("SELECT 1") == [(1,)]
