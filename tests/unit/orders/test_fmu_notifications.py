"""DOMAIN.md §10 Intygsbeställning, FMU.

ORDERS.md §1.8: which notifications are due for an investigation on a given day: those its
events cause at once, and the reminders and overdue notices of the day, each once per key
(type, recipient, investigation, subject), with hand-computed dates."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.orders.fmu.codes import Actor, Answer, AssessmentKind, CausedBy, EndReason
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.notifications import NotificationType as T
from domain.orders.fmu.notifications import RecipientRole as R
from domain.orders.fmu.notifications import due_notifications
from tests.factories import fmu

CAL = fmu.CALENDAR
MON = date(2026, 3, 2)
LAST = date(2026, 4, 24)


def due(inv, today, sent=()):
    return due_notifications(str(inv.id), fmu.history(inv), today, CAL, sent)


def kinds(inv, today, sent=()):
    return {(n.type, n.role, n.recipient) for n in due(inv, today, sent)}


def test_each_step_of_the_request_tells_its_recipient_when_it_happens():
    """§1.4 #1-#5: a new request -> the landsting; internal requests -> each unit; all
    answered -> the landsting; assigned -> the unit; ordered -> the unit."""
    inv = fmu.asked(MON, units=(fmu.UNIT, fmu.OTHER_UNIT))
    inv.answer_request(unit=fmu.OTHER_UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=fmu.performer(MON), now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.assign(unit=fmu.UNIT, now=fmu.at(MON), by=fmu.SAMORDNARE)
    inv.receive_order(unit=fmu.UNIT, last_date=LAST, documents_by_post=True,
                      interpreter_needed=False, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert kinds(inv, MON) == {
        (T.NY_EXTERNFORFRAGAN, R.LANDSTING, fmu.LANDSTING),
        (T.NY_INTERNFORFRAGAN, R.VARDENHET, fmu.UNIT),
        (T.NY_INTERNFORFRAGAN, R.VARDENHET, fmu.OTHER_UNIT),
        (T.SAMTLIGA_INTERNFORFRAGAN_BESVARATS, R.LANDSTING, fmu.LANDSTING),
        (T.UTREDNING_TILLDELAD, R.VARDENHET, fmu.UNIT),
        (T.NY_BESTALLNING, R.VARDENHET, fmu.UNIT),
    }


def test_deviations_updates_and_fks_end_tell_their_recipients_when_they_happen():
    """§1.4 #8, #11, #12, #17, §1.6: updated order -> unit; FK's deviation -> both; care's
    deviation -> landsting; a complement request -> unit; FK's end (UTREDNING_AVBRUTEN) -> both."""
    inv = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), MON)
    inv.update_order(last_date=date(2026, 5, 8), documents_by_post=False, comment=None,
                     interpreter_needed=None, interpreter_language=None, now=fmu.at(MON),
                     by=fmu.FK_SYSTEM)
    inv.receive_deviation(visit_id="v1", deviation_id="d1", caused_by=CausedBy.PATIENT,
                          deviation_at=fmu.at(MON), citizen_failed_to_arrive=False,
                          now=fmu.at(MON), by=fmu.FK_SYSTEM)
    inv.report_deviation(visit_id="v1", deviation_id="d2", caused_by=CausedBy.VARDEN,
                         deviation_at=fmu.at(MON), citizen_failed_to_arrive=False, unit=fmu.UNIT,
                         now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.end(reason=EndReason.UTREDNING_AVBRUTEN, actor=Actor.FK, now=fmu.at(MON),
            by=fmu.FK_SYSTEM)
    found = kinds(inv, MON)
    assert {(T.UPPDATERAD_BESTALLNING, R.VARDENHET, fmu.UNIT),
            (T.AVVIKELSE_MOTTAGEN_AV_FK, R.VARDENHET, fmu.UNIT),
            (T.AVVIKELSE_MOTTAGEN_AV_FK, R.LANDSTING, fmu.LANDSTING),
            (T.AVVIKELSE_RAPPORTERAD_AV_VARDEN, R.LANDSTING, fmu.LANDSTING),
            (T.UTREDNING_AVSLUTAD_PGA_AVBRUTEN, R.VARDENHET, fmu.UNIT),
            (T.UTREDNING_AVSLUTAD_PGA_AVBRUTEN, R.LANDSTING, fmu.LANDSTING)} <= found
    complement = fmu.complement_requested()
    assert (T.KOMPLETTERING_BEGARD, R.VARDENHET, fmu.UNIT) in kinds(complement,
                                                                    date(2026, 4, 28))


def test_nothing_is_due_twice_when_its_key_is_recorded_as_sent():
    """§1.8: once per (type, recipient, investigation, subject)."""
    inv = fmu.asked(MON)
    first = due(inv, MON)
    assert first and due(inv, MON, sent=[n.key for n in first]) == []


def _reminders(inv, today, kind):
    return [n for n in due(inv, today) if n.type is kind]


def test_the_internal_request_reminder_is_due_the_business_day_before_when_unanswered():
    """§1.12 quirk 1, decided: asked Thursday 2 April 2026, answer by Wednesday 8 April ->
    no reminder at once, none on Monday 6 April (annandag påsk), due Tuesday 7 April."""
    inv = fmu.asked(date(2026, 4, 2))
    kind = T.PAMINNELSE_SLUTDATUM_INTERNFORFRAGAN_PASSERAS
    assert _reminders(inv, date(2026, 4, 2), kind) == []
    assert _reminders(inv, date(2026, 4, 6), kind) == []
    assert [n.recipient for n in _reminders(inv, date(2026, 4, 7), kind)] == [fmu.UNIT]


def test_the_landsting_is_reminded_of_fks_answer_date_when_it_is_one_business_day_off():
    """§1.8: FK's date Wednesday 4 March in [today, today + 1 business day] -> due Tuesday 3
    March, not Monday 2 March; not once a unit is tilldelad."""
    kind = T.PAMINNELSE_SLUTDATUM_EXTERNFORFRAGAN_PASSERAS
    inv = fmu.asked(MON, fk_answer_by=date(2026, 3, 4))
    assert _reminders(inv, MON, kind) == []
    assert [n.recipient for n in _reminders(inv, date(2026, 3, 3), kind)] == [fmu.LANDSTING]
    assigned = fmu.assigned(MON, fk_answer_by=date(2026, 3, 4))
    assert _reminders(assigned, date(2026, 3, 3), kind) == []


def test_the_utlatande_reminder_fires_again_when_fk_moves_the_last_date():
    """§1.8: last date Friday 24 April: due from Friday 17 April (5 business days), not on
    the 16th. FK moves it to Friday 8 May ("ersatts"): with the first sent, the new one is due
    Thursday 30 April (1 May is a holiday), not on the 29th."""
    kind = T.PAMINNELSE_SLUTDATUM_UTREDNING_PASSERAS
    inv = fmu.ordered(MON, LAST)
    assert _reminders(inv, date(2026, 4, 16), kind) == []
    first = _reminders(inv, date(2026, 4, 17), kind)
    assert [n.subject for n in first] == ["original:2026-04-24"]
    inv.update_order(last_date=date(2026, 5, 8), documents_by_post=False, comment=None,
                     interpreter_needed=None, interpreter_language=None,
                     now=fmu.at(date(2026, 4, 20)), by=fmu.FK_SYSTEM)
    sent = [first[0].key]
    assert [n for n in due(inv, date(2026, 4, 29), sent) if n.type is kind] == []
    again = [n for n in due(inv, date(2026, 4, 30), sent) if n.type is kind]
    assert [n.subject for n in again] == ["original:2026-05-08"]


def test_an_overdue_utlatande_is_told_to_unit_and_landsting_when_not_received():
    """§1.8: not received and last date Friday 24 April < Monday 27 April."""
    inv = fmu.ordered(MON, LAST)
    notes = _reminders(inv, date(2026, 4, 27), T.SLUTDATUM_UTREDNING_PASSERAT)
    assert {(n.role, n.recipient) for n in notes} == {(R.VARDENHET, fmu.UNIT),
                                                      (R.LANDSTING, fmu.LANDSTING)}
    assert _reminders(inv, date(2026, 4, 24), T.SLUTDATUM_UTREDNING_PASSERAT) == []


def test_the_complement_reminder_and_overdue_notice_fall_due_when_unsent_near_its_last_date():
    """§1.8: complement due Tuesday 12 May, not sent: sistaDatum < today + 5 business days
    holds from Wednesday 6 May (not Tuesday 5 May); overdue Wednesday 13 May, to both."""
    inv = fmu.complement_requested()
    soon = T.PAMINNELSEDATUM_KOMPLETTERING_PASSERAS
    assert _reminders(inv, date(2026, 5, 5), soon) == []
    assert [n.recipient for n in _reminders(inv, date(2026, 5, 6), soon)] == [fmu.UNIT]
    late = _reminders(inv, date(2026, 5, 13), T.SLUTDATUM_KOMPLETTERING_PASSERAT)
    assert {n.role for n in late} == {R.VARDENHET, R.LANDSTING}


def test_the_unit_is_reminded_to_report_visits_when_the_status_is_redovisa_besok():
    """§1.8 Avsluta: a visit still booked after the window (6 May) -> PAMINNELSE_REDOVISA_BESOK."""
    inv = fmu.received_case(second_visit_booked=True)
    assert _reminders(inv, date(2026, 5, 5), T.PAMINNELSE_REDOVISA_BESOK) == []
    assert len(_reminders(inv, date(2026, 5, 6), T.PAMINNELSE_REDOVISA_BESOK)) == 1


def test_no_reminder_is_due_when_the_investigation_has_ended():
    """§1.8: an ended investigation is reminded of nothing (its last date passed unseen)."""
    inv = fmu.ordered(MON, LAST)
    inv.end(reason=EndReason.JAV, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert _reminders(inv, date(2026, 4, 27), T.SLUTDATUM_UTREDNING_PASSERAT) == []


def test_the_sole_own_unit_is_told_instead_of_the_landsting_when_asked_at_once():
    """§1.4 #1 and #4: the region's only own unit asked at once -> NY_INTERNFORFRAGAN to it,
    no NY_EXTERNFORFRAGAN; its acceptance assigned at once -> UTREDNING_TILLDELAD, no
    SAMTLIGA_INTERNFORFRAGAN_BESVARATS."""
    inv = Investigation.receive_request(
        id=uuid4(), kind=AssessmentKind.AFU, landsting=fmu.LANDSTING, fk_answer_by=None,
        now=fmu.at(MON), by=fmu.FK_SYSTEM, sole_own_unit=fmu.UNIT, calendar=CAL)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=fmu.performer(MON), now=fmu.at(MON), by=fmu.VARDADMIN,
                       sole_own_unit=True)
    assert kinds(inv, MON) == {(T.NY_INTERNFORFRAGAN, R.VARDENHET, fmu.UNIT),
                               (T.UTREDNING_TILLDELAD, R.VARDENHET, fmu.UNIT)}
