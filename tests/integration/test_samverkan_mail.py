"""Samverkansytan reminders by e-mail through the orders' mail sender (issue 15 item 6), with
a real SMTP server: the plan's deadline reminded once before and once after day 30, to the
citizen and the employer at their contact e-mails, nothing again on later runs, no patient
data in a mail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.samverkan import Spaces
from commands.settings import Settings, eventsourcing_env
from domain.samverkan.measure import Measure, MeasureStatus
from domain.samverkan.roles import ItemKind, Role, Section
from tests.conftest import production_settings
from tests.factories import FakeClock, care_unit, lisjp_content, patient, staff_at
from tests.factories.mail import SMTP_PORTS, body_of, smtp_server
from tests.factories.samverkan import PARTIES, caller_of
from tests.integration.kafka_support import own_store

PORT = SMTP_PORTS[4]
CITIZEN_MAIL, EMPLOYER_MAIL = "medborgare@example.se", "chef@lagret.example"
MEASURE_TITLE = "Halvtid med anpassade uppgifter i lagret"


@pytest.fixture(params=["sqlite", "postgres"])
def mail_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": PORT, "smtp_from": "intyg@region.example",
            "space_mail_link_base": "https://intyg.region.example/samverkan/"}
    if request.param == "sqlite":
        return Settings(mode="embedded", data_dir=tmp_path, projections_in_serve=False, **mail)
    schema: str = request.getfixturevalue("postgres_schema")
    return production_settings(schema).model_copy(update=mail)


@pytest.fixture
def app(mail_settings: Settings, clock: FakeClock) -> Iterator[Certificates]:
    store = Certificates(eventsourcing_env(mail_settings), clock=clock)
    yield store
    store.close()


def _space(app: Certificates, settings: Settings) -> tuple[str, str]:
    """A space for a sick leave of 70 days from today, the employer invited with PLAN, an
    occupational health service with DIALOG only; each gave an e-mail; the employer's
    plan item not yet approved (so the plan is still due)."""
    unit, who = care_unit(), patient()
    doctor, today = staff_at(unit), app.clock().date()
    content = lisjp_content(today, sjukskrivningar=[{"sjukskrivningsgrad": "HALFTEN", "period": {
        "from": today.isoformat(), "tom": (today + timedelta(days=69)).isoformat()}}])
    cert = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                            content=content).id
    app.sign_certificate(cert, based_on_version=1, by=doctor)
    spaces = Spaces(app, settings.patient_index_secret, clock=app.clock)
    citizen = caller_of(Role.MEDBORGARE, who.personnummer)
    space = spaces.open(citizen, cert).id
    for role, scope, email in ((Role.ARBETSGIVARE, [Section.PLAN], EMPLOYER_MAIL),
                               (Role.FORETAGSHALSOVARD, [Section.DIALOG], "fhv@example.se")):
        spaces.invite(space, citizen, role, PARTIES[role], scope)
        spaces.give_contact(space, caller_of(role), "Kim Kontakt", "", email)
    spaces.give_contact(space, citizen, "Mika", "", CITIZEN_MAIL)
    spaces.contribute(space, caller_of(Role.ARBETSGIVARE), ItemKind.PLANPUNKT, MEASURE_TITLE,
                      "")
    return str(space), who.personnummer


def _sent(runtime: OrdersRuntime, clock: FakeClock, start, day: int,
          space) -> list[tuple[str, str]]:
    """This space's mails of one run (the PostgreSQL store is shared by the whole run, so the
    sender may also send what other tests' orders and investigations have due)."""
    clock.now = start + timedelta(days=day - 1)
    return sorted((d.type, d.recipient) for d in runtime.send_due_mail()
                  if d.order_id == str(space))


def test_the_plan_deadline_is_mailed_once_before_and_once_after_day_30(mail_settings, app,
                                                                        clock):
    """SFB 30 kap. 6 §: the plan is due on day 30 when 60 days or more are expected."""
    space, pnr = _space(app, mail_settings)
    start = clock.now
    runtime = OrdersRuntime(mail_settings, app, clock)
    soon = sorted(("SAMVERKAN_PLAN_DUE_SOON", m) for m in (CITIZEN_MAIL, EMPLOYER_MAIL))
    late = sorted(("SAMVERKAN_PLAN_OVERDUE", m) for m in (CITIZEN_MAIL, EMPLOYER_MAIL))
    try:
        with smtp_server(port=PORT) as inbox:
            assert _sent(runtime, clock, start, 24, space) == []
            assert _sent(runtime, clock, start, 25, space) == soon
            assert _sent(runtime, clock, start, 25, space) == []
            assert _sent(runtime, clock, start, 29, space) == []
            assert _sent(runtime, clock, start, 31, space) == late
            assert _sent(runtime, clock, start, 40, space) == []
    finally:
        runtime.close()
    mine = [mail for mail in inbox.mails if str(space) in body_of(mail)]
    assert len(mine) == 4
    due = (start + timedelta(days=29)).date().isoformat()
    for mail in mine:
        text = mail.as_string() + body_of(mail)
        assert due in body_of(mail)
        assert f"https://intyg.region.example/samverkan/{space}" in body_of(mail)
        assert pnr not in text and MEASURE_TITLE not in text and "Kim" not in text


@pytest.fixture(params=["sqlite", "postgres"])
def own_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """A store of this test's own, so that every space in it is this test's."""
    mail = {"smtp_host": "127.0.0.1", "smtp_port": PORT, "smtp_from": "intyg@region.example"}
    with own_store(request.param, tmp_path, **mail) as settings:
        yield settings


@pytest.fixture
def own_app(own_settings: Settings, clock: FakeClock) -> Iterator[Certificates]:
    store = Certificates(eventsourcing_env(own_settings), clock=clock)
    yield store
    store.close()


def _read_on(runtime: OrdersRuntime, clock: FakeClock, start: datetime, day: int) -> list[str]:
    """The spaces the mail run of ``day`` reads (the schedule's answer; a run loads those)."""
    clock.now = start + timedelta(days=day - 1)
    return [str(space) for space in runtime.space_schedule.due(clock().date())]


def test_a_mail_run_reads_only_the_spaces_due_when_the_others_have_no_reminder_today(
        own_settings, own_app, clock):
    """SFB 30 kap. 6 § (the plan due on day 30, reminded from day 25). Hardening item 1 (mail
    runs that read only what can be due): spaces written before the schedule are all read
    once; then a run reads only the spaces whose reminder day came (or with a mail still
    to send), a restarted runtime none, and the mails are those the rule gives."""
    start = clock.now
    early, _ = _space(own_app, own_settings)
    clock.now = start + timedelta(days=10)
    later, _ = _space(own_app, own_settings)  # its plan due on day 40 of the first
    runtime = OrdersRuntime(own_settings, own_app, clock)
    soon = sorted(("SAMVERKAN_PLAN_DUE_SOON", m) for m in (CITIZEN_MAIL, EMPLOYER_MAIL))
    try:
        with smtp_server(port=PORT) as inbox:
            assert _read_on(runtime, clock, start, 11) == sorted([early, later])
            assert _sent(runtime, clock, start, 11, early) == []
            assert _read_on(runtime, clock, start, 24) == []
            assert _read_on(runtime, clock, start, 25) == [early]
            assert _sent(runtime, clock, start, 25, early) == soon
            assert _read_on(runtime, clock, start, 25) == [early]  # its mails were to send
            assert _sent(runtime, clock, start, 25, early) == []
            assert _read_on(runtime, clock, start, 30) == []
    finally:
        runtime.close()
    restarted = OrdersRuntime(own_settings, own_app, clock)
    try:
        assert _read_on(restarted, clock, start, 30) == []
        assert _read_on(restarted, clock, start, 35) == sorted([early, later])
    finally:
        restarted.close()
    assert len(inbox.mails) == 2


def test_a_space_whose_reminder_moves_is_read_and_mailed_on_its_new_day(own_settings,
                                                                        own_app, clock):
    """Hardening item 1: the citizen approves a measure with a follow-up on day 40, so the
    plan's reminder (from day 25) ends and the follow-up's comes from day 35 (five days
    before): the run of day 25 reads and mails nothing of the space, that of day 35 finds it."""
    start = clock.now
    space, pnr = _space(own_app, own_settings)
    runtime = OrdersRuntime(own_settings, own_app, clock)
    follow_up = (start + timedelta(days=39)).date()
    try:
        with smtp_server(port=PORT) as inbox:
            assert _sent(runtime, clock, start, 1, space) == []
            assert _read_on(runtime, clock, start, 2) == []
            _approve_measure(own_app, own_settings, space, pnr, follow_up)
            assert _read_on(runtime, clock, start, 2) == [space]  # changed: read at once
            assert _sent(runtime, clock, start, 2, space) == []
            assert _read_on(runtime, clock, start, 25) == []
            assert _sent(runtime, clock, start, 25, space) == []
            assert _read_on(runtime, clock, start, 35) == [space]
            assert _sent(runtime, clock, start, 35, space) == sorted(
                ("SAMVERKAN_FOLLOW_UP_DUE", m) for m in (CITIZEN_MAIL, EMPLOYER_MAIL))
    finally:
        runtime.close()
    assert [follow_up.isoformat() in body_of(mail) for mail in inbox.mails] == [True, True]


def _approve_measure(app: Certificates, settings: Settings, space: str, pnr: str,
                     follow_up: date) -> None:
    spaces = Spaces(app, settings.patient_index_secret, clock=app.clock)
    item = spaces.contribute(UUID(space), caller_of(Role.ARBETSGIVARE), ItemKind.PLANPUNKT,
                             MEASURE_TITLE, "", measure=Measure(
                                 owner="Chefen", status=MeasureStatus.PLANERAD,
                                 follow_up=follow_up)).made
    spaces.approve(UUID(space), caller_of(Role.MEDBORGARE, pnr), str(item))
