"""The mail runs' schedule (``commands.mail_schedule``) on SQLite and PostgreSQL: an aggregate
is read at once when it is new or changed, not before the day stored for it, and a day judged
on an older version never hides a newer change."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from commands.certificates import Certificates
from commands.mail_schedule import MailSchedule
from commands.settings import Settings
from domain.samverkan.facts import OWNER
from domain.samverkan.space import Space
from domain.topics import topics_of
from tests.factories import personnummer
from tests.factories.samverkan import NOW, space_with_everyone
from tests.integration.kafka_support import own_store

TODAY = date(2026, 11, 2)


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A store of this test's own: its space names a certificate that is not stored, which a
    relay of the run's shared store (other tests') could not seal."""
    with own_store(request.param, tmp_path) as settings:
        yield settings


def test_a_change_is_read_at_once_when_a_day_judged_on_an_older_version_comes_after_it(
        certificates: Certificates) -> None:
    """Hardening item 1 (mail runs that read only what can be due): a run that read a space
    before it changed stores its judgment after the change, before or after the schedule saw
    the change; either way the next run reads the space."""
    schedule = MailSchedule(certificates, f"test-{uuid.uuid4().hex}", topics_of(Space))
    space = space_with_everyone(personnummer())
    certificates.save(space)
    judged, later = space.version, TODAY + timedelta(days=20)
    assert space.id in schedule.due(TODAY)  # never read yet
    schedule.settle(space.id, judged, later)
    assert space.id not in schedule.due(TODAY)
    assert space.id in schedule.due(later)
    space.give_contact(participant=OWNER, name="Kim", phone="", email="kim@example.se", now=NOW,
                       by="citizen")
    certificates.save(space)
    schedule.settle(space.id, judged, None)  # the change not yet seen by the schedule
    assert space.id in schedule.due(TODAY)
    schedule.settle(space.id, judged, None)  # the change seen
    assert space.id in schedule.due(TODAY)
    schedule.settle(space.id, space.version, None)
    assert space.id not in schedule.due(date.max)
