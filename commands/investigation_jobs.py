"""The FMU jobs (ORDERS.md §1.8), run once a day or more often: every investigation in the
store, the nightly end of those whose complement window closed with no visit booked
(INGEN_KOMPLETTERING_BEGARD, by the job), and what the mail sender should send today."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from uuid import UUID

from commands.investigation_store import InvestigationStore
from commands.store_tables import log_pages
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Actor, EndReason
from domain.orders.fmu.deadlines import closable_by_job
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.notifications import Notification
from domain.topics import topics_of

JOB = Caller(Actor.JOB, "fmu-job")


def investigation_ids(store: InvestigationStore) -> Iterator[UUID]:
    """Every investigation, in the order they were created."""
    topics = topics_of(Investigation.RequestReceived, Investigation.OrderedDirectly)
    for page in log_pages(store.app, 0, topics):
        yield from (UUID(str(n.originator_id)) for n in page)


def end_closable(store: InvestigationStore, today: date) -> list[UUID]:
    """§1.8 Avsluta: ends, by the job, each investigation closable on ``today``."""
    ended = []
    for investigation_id in investigation_ids(store):
        if closable_by_job(store.get_for(investigation_id, JOB).facts, today):
            store.change(investigation_id, JOB, lambda inv, now: inv.end(
                reason=EndReason.INGEN_KOMPLETTERING_BEGARD, actor=Actor.JOB, now=now,
                by=JOB.id), actors={Actor.JOB})
            ended.append(investigation_id)
    return ended


def notifications_due(store: InvestigationStore, today: date,
                      sent: Collection[tuple[str, str, str, str]] = ()) -> list[Notification]:
    """§1.8: every notification due on ``today`` across the store, less those in ``sent``."""
    return [n for investigation_id in investigation_ids(store)
            for n in store.notifications_due(investigation_id, today, sent)]
