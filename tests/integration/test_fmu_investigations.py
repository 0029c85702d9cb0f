"""FMU investigations through the Investigations application on the real stores (SQLite file
and PostgreSQL): an investigation from Försäkringskassan's request to payment eligibility,
reloaded from the store; who may see and do what (ORDERS.md §1.2); the relay knows its topics.
The clock starts Monday 2 November 2026 09:00 UTC."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from commands.investigation_jobs import end_closable, notifications_due
from commands.investigations import Investigations
from domain.orders.calendar import BusinessCalendar
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Actor, AssessmentKind, Status, SummonsChannel
from domain.orders.fmu.errors import InvestigationNotFoundError
from domain.orders.fmu.notifications import NotificationType
from domain.orders.fmu.payment import payment_eligibility
from domain.shared.errors import NotAuthorisedError
from streams.published import is_published
from tests.factories import fmu


@pytest.fixture
def investigations(certificates, clock):
    return Investigations(certificates, clock=clock)


def _to_assigned(investigations, who):
    return fmu.assigned_through(investigations, who)


def _to_received(investigations, who, clock):
    """Ordered 3 November (last date Friday 11 December), documents 4 November, a visit on
    Monday 16 November (phoned 5 November) held, the utlåtande sent 7 December and received
    8 December; complements may be requested until 22 December."""
    inv_id = _to_assigned(investigations, who)
    clock.advance(days=1)
    investigations.receive_order(inv_id, who["fk"], fmu.UNIT, date(2026, 12, 11), True, False)
    clock.advance(days=1)
    investigations.receive_documents(inv_id, who["vardadmin"], date(2026, 11, 4))
    clock.advance(days=1)
    visit = fmu.booking("v1", fmu.at(date(2026, 11, 16)), date(2026, 11, 5),
                        channel=SummonsChannel.TELEFON)
    investigations.book_visit(inv_id, who["vardadmin"], visit)
    clock.now = fmu.at(date(2026, 11, 16))
    investigations.report_visit_held(inv_id, who["vardadmin"], "v1", None)
    clock.now = fmu.at(date(2026, 12, 7))
    investigations.send_statement(inv_id, who["vardadmin"], date(2026, 12, 7))
    clock.now = fmu.at(date(2026, 12, 8))
    result = investigations.receive_statement_receipt(inv_id, who["fk"], date(2026, 12, 8),
                                                      date(2026, 12, 22))
    assert result.status is Status.UTLATANDE_MOTTAGET and result.position is not None
    return inv_id


def test_an_investigation_goes_from_fks_request_to_payment_when_every_step_is_kept(
        investigations, certificates, clock):
    """§1.4 #1-#16 and §1.9 through the store: the utlåtande due Friday 11 December arrives
    Tuesday 8 December, the visit of Monday 16 November (phoned on 5 November, the latest
    day being 9 November) was held -> paid."""
    who = fmu.callers()
    inv_id = _to_received(investigations, who, clock)
    reloaded = Investigations(certificates, clock=clock).get_for(inv_id, who["fk"])
    assert payment_eligibility(reloaded.facts, BusinessCalendar()).paid
    summary = investigations.summary(inv_id, who["samordnare"])
    assert (summary.status, summary.payment.paid, summary.last_date) == (
        Status.UTLATANDE_MOTTAGET, True, date(2026, 12, 11))


def test_the_mail_sender_reads_what_is_due_when_asked_about_a_stored_investigation(
        investigations, clock):
    """§1.8 from the store: on Monday 2 November the unit is told of the request and of its
    assignment; the coordinator's landsting of the new request."""
    who = fmu.callers()
    inv_id = _to_assigned(investigations, who)
    due = {(n.type, n.recipient)
           for n in investigations.notifications_due(inv_id, date(2026, 11, 2))}
    assert {(NotificationType.NY_EXTERNFORFRAGAN, fmu.LANDSTING),
            (NotificationType.NY_INTERNFORFRAGAN, fmu.UNIT),
            (NotificationType.UTREDNING_TILLDELAD, fmu.UNIT)} <= due


def test_a_stranger_learns_nothing_when_the_investigation_is_of_another_landsting(
        investigations):
    """§1.2: another landsting's coordinator and an unasked unit get the unknown id's answer."""
    who = fmu.callers()
    inv_id = _to_assigned(investigations, who)
    outsider = Caller(Actor.SAMORDNARE, "SE2321000016-SA99", "SE2321000016-LT99",
                      who["samordnare"].grants)
    other_unit = fmu.callers(fmu.OTHER_UNIT)["vardadmin"]
    unknown_id = uuid4()
    for stranger in (outsider, other_unit):
        with pytest.raises(InvestigationNotFoundError) as refused:
            investigations.get_for(inv_id, stranger)
        with pytest.raises(InvestigationNotFoundError) as unknown:
            investigations.get_for(unknown_id, stranger)
        assert str(refused.value) == f"No investigation {inv_id}."
        assert str(unknown.value) == f"No investigation {unknown_id}."


def test_a_coordinator_without_the_fmu_grant_is_refused_when_asking_units(investigations):
    """§1.2: FMU_SAMORDNARE is granted on top of the care role; without it, 403."""
    who = fmu.callers()
    made = investigations.receive_request(who["fk"], kind=AssessmentKind.AFU,
                                          landsting=fmu.LANDSTING, fk_answer_by=None)
    ungranted = Caller(Actor.SAMORDNARE, fmu.SAMORDNARE, fmu.LANDSTING)
    with pytest.raises(NotAuthorisedError):
        investigations.ask_units(made.id, ungranted, [fmu.UNIT])
    with pytest.raises(NotAuthorisedError):
        investigations.receive_request(who["samordnare"], kind=AssessmentKind.AFU,
                                       landsting=fmu.LANDSTING, fk_answer_by=None)


def test_the_relay_keeps_investigation_events_internal_when_it_reads_the_log(
        investigations, certificates):
    """The investigation's topics are known to the relay (not published on the certificates'
    topic, and no unknown topic that would stop it). Only this investigation's notifications
    are looked at: the PostgreSQL store is shared by the run."""
    who = fmu.callers()
    inv_id = _to_assigned(investigations, who)
    last = certificates.recorder.max_notification_id() or 0
    notifications = [n for n in certificates.recorder.select_notifications(max(1, last - 200), 300)
                     if n.originator_id == inv_id]
    assert notifications and not any(is_published(n) for n in notifications)




def test_the_nightly_job_ends_only_investigations_whose_window_closed_when_run(
        investigations, clock):
    """§1.8 Avsluta: received Tuesday 8 December, complements until 22 December: the job on
    the 22nd ends nothing; on Wednesday 23 December it ends it (INGEN_KOMPLETTERING_BEGARD ->
    AVSLUTAD); the one still waiting for its order is left alone. The day's notifications
    cover both investigations. (The PostgreSQL store is shared by the run: others may be in
    it too.)"""
    who = fmu.callers()
    waiting = _to_assigned(investigations, who)
    done = _to_received(investigations, who, clock)
    assert done not in end_closable(investigations, date(2026, 12, 22))
    clock.now = fmu.at(date(2026, 12, 23))
    ended = end_closable(investigations, date(2026, 12, 23))
    assert done in ended and waiting not in ended
    assert investigations.summary(done, who["fk"]).status is Status.AVSLUTAD
    assert investigations.summary(waiting, who["fk"]).status is (
        Status.TILLDELAD_VANTAR_PA_BESTALLNING)
    due = notifications_due(investigations, date(2026, 12, 23))
    assert {str(waiting), str(done)} <= {n.investigation_id for n in due}
