"""FMU's notifications and reminders (ORDERS.md §1.8) sent by the mail sender, with a real SMTP
server on 127.0.0.1, on a store of each test's own (SQLite file, PostgreSQL schema): an
investigation stored through the Investigations application, the clock moved over its
deadlines, the business-day calendar counting Kristi himmelfärdsdag and the vacation weeks.

The story: Monday 4 May 2026 FK's request arrives, the coordinator asks the unit, the unit
accepts (naming its performer's e-mail), is tilldelad, and FK orders the utlåtande by Wednesday
20 May. The coordinator's address and the unit's are in INTYG_FMU_MAIL_ADDRESSES; the
performer's e-mail wins for the tilldelad unit."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.investigations import Investigations
from commands.settings import Settings, eventsourcing_env
from domain.orders.calendar import swedish_date
from domain.orders.fmu.codes import Answer, AssessmentKind, EndReason, PaymentIdKind
from tests.factories import FakeClock, fmu
from tests.factories.mail import (
    SMTP_PORTS,
    Inbox,
    body_of,
    restarted_after_first_mail,
    smtp_server,
)
from tests.integration.kafka_support import own_store
from tests.integration.mail_cli import killed_then_restarted, send_mail_env

PORT = SMTP_PORTS[3]
COORDINATOR_MAIL = "fmu-samordnare@region.example"
UNIT_MAIL = "fmu-enheten@region.example"
PERFORMER_MAIL = "utforare@enheten.example"
PERSONNUMMER = "19121212-1212"
FREE_TEXT = f"Tolken till Tolvan Tolvansson {PERSONNUMMER} kommer sent"
# Not inside a UUID (a mail's other ids): hex digits or a hyphen on either side rule it out.
PERSONNUMMER_SHAPE = re.compile(r"(?<![0-9a-fA-F-])(\d{6}|\d{8})[-+]?\d{4}(?![0-9a-fA-F-])")
N = "PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS"


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A store of this test's own, so that every due mail in it is this test's."""
    mail = {"smtp_host": "127.0.0.1", "smtp_port": PORT, "smtp_from": "intyg@region.example",
            "fmu_mail_addresses": {fmu.LANDSTING: COORDINATOR_MAIL, fmu.UNIT: UNIT_MAIL},
            "fmu_mail_link_base": "https://intyg.region.example/utredningar/"}
    with own_store(request.param, tmp_path, **mail) as settings:
        yield settings


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(fmu.at(date(2026, 5, 4)))


@pytest.fixture
def investigations(certificates: Certificates, store_settings: Settings,
                   clock: FakeClock) -> Investigations:
    return Investigations(certificates, calendar=store_settings.business_calendar, clock=clock)


def _ordered(investigations: Investigations, day: date = date(2026, 5, 4)) -> UUID:
    """Monday 4 May: requested, asked, accepted, tilldelad, ordered by Wednesday 20 May (or
    on ``day``, ordered by 60 days later)."""
    who = fmu.callers()
    made = investigations.receive_request(who["fk"], kind=AssessmentKind.AFU,
                                          landsting=fmu.LANDSTING, fk_answer_by=None)
    investigations.ask_units(made.id, who["samordnare"], [fmu.UNIT])
    investigations.answer_request(made.id, who["vardadmin"], Answer.ACCEPTERA, None,
                                  fmu.performer(day, email=PERFORMER_MAIL))
    investigations.assign(made.id, who["samordnare"], fmu.UNIT)
    last_date = date(2026, 5, 20) if day == date(2026, 5, 4) else day + timedelta(days=60)
    investigations.receive_order(made.id, who["fk"], fmu.UNIT, last_date, True, False)
    return made.id


def _sent(runtime: OrdersRuntime, clock: FakeClock, day: date) -> list[tuple[str, str]]:
    clock.now = fmu.at(day)
    return sorted((d.type, d.recipient) for d in runtime.send_due_mail())


def _arrived(inbox: Inbox) -> list[tuple[str, str]]:
    return [(str(m["Subject"]), str(m["To"])) for m in inbox.mails]


def test_fmu_notifications_arrive_once_each_and_reminders_follow_the_calendar(
        store_settings, certificates, investigations, clock):
    """§1.8 and §1.7: the day's news on Monday 4 May; the utlåtande's reminder (sistaDatum within
    5 business days) first on Tuesday 12 May, not Monday 11 May, because Thursday 14 May is
    Kristi himmelfärdsdag; the overdue notice on Thursday 21 May to unit and landsting; FK's new
    last date, Friday 24 July, makes the reminder due again, on Monday 6 July already: ISO weeks
    29-31 (13 July - 2 August) are vacation. Every run after the first of a day sends
    nothing."""
    inv_id = _ordered(investigations)
    runtime = OrdersRuntime(store_settings, certificates, clock)
    with smtp_server(port=PORT) as inbox:
        assert _sent(runtime, clock, date(2026, 5, 4)) == sorted([
            ("NY_EXTERNFORFRAGAN", COORDINATOR_MAIL),
            ("SAMTLIGA_INTERNFORFRAGAN_BESVARATS", COORDINATOR_MAIL),
            ("NY_INTERNFORFRAGAN", PERFORMER_MAIL),
            ("UTREDNING_TILLDELAD", PERFORMER_MAIL),
            ("NY_BESTALLNING", PERFORMER_MAIL)])
        assert _sent(runtime, clock, date(2026, 5, 4)) == []
        assert _sent(runtime, clock, date(2026, 5, 11)) == []
        assert _sent(runtime, clock, date(2026, 5, 12)) == [(N, PERFORMER_MAIL)]
        assert _sent(runtime, clock, date(2026, 5, 13)) == []
        assert _sent(runtime, clock, date(2026, 5, 20)) == []
        assert _sent(runtime, clock, date(2026, 5, 21)) == [
            ("SLUTDATUM_UTREDNING_PASSERAT", COORDINATOR_MAIL),
            ("SLUTDATUM_UTREDNING_PASSERAT", PERFORMER_MAIL)]
        investigations.update_order(inv_id, fmu.callers()["fk"], date(2026, 7, 24), False,
                                    FREE_TEXT, None, None)
        assert _sent(runtime, clock, date(2026, 5, 21)) == [
            ("UPPDATERAD_BESTALLNING", PERFORMER_MAIL)]
        assert _sent(runtime, clock, date(2026, 7, 3)) == []
        assert _sent(runtime, clock, date(2026, 7, 6)) == [(N, PERFORMER_MAIL)]
        assert _sent(runtime, clock, date(2026, 7, 7)) == []
    runtime.close()
    assert len(inbox.mails) == 10
    reminders = [body_of(m) for m in inbox.mails if "Påminnelse" in str(m["Subject"])]
    assert ["2026-05-20" in reminders[0], "2026-07-24" in reminders[1]] == [True, True]
    assert all(f"https://intyg.region.example/utredningar/{inv_id}" in body_of(m)
               for m in inbox.mails)


def test_an_ended_fmu_investigation_is_not_read_again_when_each_of_its_mails_was_sent(
        store_settings, certificates, investigations, clock):
    """§1.8 (no reminder after the end; each notification once). Hardening item 4 of the
    review leftovers: once every mail of an ended investigation was sent, a mail run reads
    none of it until it changes; the mails sent are those the rule gives."""
    inv_id = _ordered(investigations)
    who = fmu.callers()
    runtime = OrdersRuntime(store_settings, certificates, clock)
    with smtp_server(port=PORT) as inbox:
        assert len(_sent(runtime, clock, date(2026, 5, 4))) == 5
        investigations.end(inv_id, who["fk"], EndReason.JAV)
        assert _sent(runtime, clock, date(2026, 5, 5)) == sorted([
            ("UTREDNING_AVSLUTAD_PGA_JAV", COORDINATOR_MAIL),
            ("UTREDNING_AVSLUTAD_PGA_JAV", PERFORMER_MAIL)])
        assert len(runtime.fmu_due()) == 7  # read: each of its mails, all sent
        assert runtime.fmu_due() == []  # settled: not read
        assert _sent(runtime, clock, date(2026, 5, 25)) == []
        investigations.record_payment_id(inv_id, who["samordnare"],
                                         PaymentIdKind.BETALD_VE_ID, "VE-1")
        assert len(runtime.fmu_due()) == 7  # changed: read again, nothing new is due
        assert _sent(runtime, clock, date(2026, 5, 26)) == []
    runtime.close()
    assert len(inbox.mails) == 7


def test_an_fmu_mail_names_no_patient_and_carries_no_free_text_when_sent(
        store_settings, certificates, investigations, clock):
    """§1.8: the texts hold the investigation's id, dates and a link only: FK's comment with a
    name and a personnummer in its updated order reaches no mail's headers or body."""
    inv_id = _ordered(investigations)
    investigations.update_order(inv_id, fmu.callers()["fk"], date(2026, 5, 27), False,
                                FREE_TEXT, None, None)
    runtime = OrdersRuntime(store_settings, certificates, clock)
    with smtp_server(port=PORT) as inbox:
        assert len(runtime.send_due_mail()) == 6
    runtime.close()
    for mail in inbox.mails:
        text = mail.as_string() + body_of(mail)
        assert "Tolvan" not in text and PERSONNUMMER not in text and "Tolken" not in text
        assert not PERSONNUMMER_SHAPE.search(text.replace(str(inv_id), ""))
        assert str(mail["From"]) == "intyg@region.example"


def test_fmu_mail_restarted_mid_run_sends_none_twice_and_loses_none(
        store_settings, certificates, investigations, clock):
    """Issue 14 acceptance: the sender stopped after its first of Monday 4 May's five mails;
    a new sender on the same store sends the other four, once; a third run nothing."""
    _ordered(investigations)
    inbox, counts = restarted_after_first_mail(
        lambda: OrdersRuntime(store_settings, certificates, clock), PORT)
    assert counts == [1, 4, 0]
    ids = [str(m["Message-ID"]) for m in inbox.mails]
    assert len(ids) == len(set(ids)) == 5
    assert {str(m["To"]) for m in inbox.mails} == {COORDINATOR_MAIL, PERFORMER_MAIL}


def test_fmu_mail_killed_mid_run_sends_none_twice_and_loses_none_when_started_again(
        store_settings, certificates):
    """Issue 14 acceptance: ``intyg send-mail`` killed (SIGKILL) while the server holds the
    second of the day's five FMU mails; the restarted process sends the four not accepted, the
    first not again. (The process reads the real clock: the investigation is made today.)"""
    now = FakeClock(datetime.now(UTC))
    today = swedish_date(now())
    investigations = Investigations(certificates, clock=now)
    _ordered(investigations, day=today)
    env = send_mail_env(store_settings, SMTP_PORTS[4], INTYG_FMU_MAIL_ADDRESSES=json.dumps(
        store_settings.fmu_mail_addresses))
    inbox, sent_again = killed_then_restarted(env, SMTP_PORTS[4])
    assert sent_again == 4
    ids = [str(m["Message-ID"]) for m in inbox.mails]
    assert len(ids) == len(set(ids)) == 5


def test_settled_fmu_investigations_are_not_read_after_a_restart_until_one_changes(
        store_settings, certificates, investigations, clock):
    """§1.8 (no reminder after the end; each notification once). Hardening item 2 (mail runs
    that read only what can be due): the mark of an ended investigation whose every mail was
    sent is kept in the store, so a fresh application and runtime over the same store (the
    restart) reads none of them; a later change clears the mark of that one only."""
    done, changed = _ordered(investigations), _ordered(investigations)
    fk, may_5 = fmu.callers()["fk"], date(2026, 5, 5)
    for inv_id in (done, changed):
        investigations.end(inv_id, fk, EndReason.JAV)
    runtime = OrdersRuntime(store_settings, certificates, clock)
    with smtp_server(port=PORT) as inbox:
        assert len(_sent(runtime, clock, may_5)) == 14  # each one's seven, the end's too
        assert len(runtime.fmu_due()) == 14  # read: each of their mails, all sent
    runtime.close()
    restarted_app = Certificates(eventsourcing_env(store_settings), clock=clock)
    restarted = OrdersRuntime(store_settings, restarted_app, clock)
    try:
        assert restarted.fmu_schedule.due(may_5) == []
        assert restarted.fmu_due() == []  # neither read
        Investigations(restarted_app, calendar=store_settings.business_calendar,
                       clock=clock).record_payment_id(changed, fmu.callers()["samordnare"],
                                                      PaymentIdKind.BETALD_VE_ID, "VE-1")
        assert restarted.fmu_schedule.due(may_5) == [changed]
        assert {d.order_id for d in restarted.fmu_due()} == {str(changed)}
        assert restarted.fmu_due() == []  # read once more, settled again
    finally:
        restarted.close()
        restarted_app.close()
    assert len(inbox.mails) == 14
