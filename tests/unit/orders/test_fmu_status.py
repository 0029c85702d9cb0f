"""DOMAIN.md §10 Intygsbeställning, FMU.

ORDERS.md §1.3 and §1.5: the investigation's status (resolved in the national order), its
phase and next actor, and the status of each internal request and visit, with concrete dates.
Each test names the rule it covers; every status is derived, never stored."""

from __future__ import annotations

from datetime import date

from domain.orders.fmu.codes import (
    Actor,
    Answer,
    CausedBy,
    EndReason,
    Phase,
    RequestStatus,
    Status,
    SummonsChannel,
    VisitStatus,
)
from domain.orders.fmu.payment import NotPaid
from domain.orders.fmu.status import (
    next_actor,
    phase_of,
    request_status,
    resolve_status,
    visit_status,
)
from domain.orders.fmu.summary import summarize
from tests.factories import fmu

MON = date(2026, 3, 2)
LAST = date(2026, 4, 24)


def status(inv, today=MON):
    return resolve_status(inv.facts, today)


def test_a_new_request_waits_for_the_coordinator_when_no_unit_is_asked():
    """§1.3 rule 2: no internal requests -> FORFRAGAN_INKOMMEN, next actor samordnare."""
    inv = fmu.requested(MON)
    assert status(inv) is Status.FORFRAGAN_INKOMMEN
    assert next_actor(status(inv)) is Actor.SAMORDNARE
    assert phase_of(status(inv)) is Phase.FORFRAGAN


def test_the_request_waits_for_answers_when_units_are_asked_and_one_declines():
    """§1.3 rule 2: no ACCEPTERA answer -> VANTAR_PA_SVAR; an AVBOJ leaves it there."""
    inv = fmu.asked(MON, units=(fmu.UNIT, fmu.OTHER_UNIT))
    assert status(inv) is Status.VANTAR_PA_SVAR
    inv.answer_request(unit=fmu.OTHER_UNIT, answer=Answer.AVBOJ, comment="Full", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    assert status(inv) is Status.VANTAR_PA_SVAR
    assert next_actor(status(inv)) is Actor.VARDADMIN


def test_the_coordinator_must_assign_when_a_unit_accepted_or_was_assigned_directly():
    """§1.3 rule 2: an ACCEPTERA answer, nobody tilldelad -> TILLDELA_UTREDNING (also after a
    direct assignment, §1.4 #3)."""
    inv = fmu.asked(MON)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=fmu.performer(MON), now=fmu.at(MON), by=fmu.VARDADMIN)
    assert status(inv) is Status.TILLDELA_UTREDNING
    direct = fmu.requested(MON)
    direct.assign_directly(unit=fmu.UNIT, now=fmu.at(MON), by=fmu.SAMORDNARE)
    assert status(direct) is Status.TILLDELA_UTREDNING
    assert request_status(direct.facts, direct.facts.requests[0]) is RequestStatus.DIREKTTILLDELAD


def test_an_assigned_request_waits_for_fks_order_when_a_unit_is_tilldelad():
    """§1.3 rule 2: the accepting unit tilldelad -> TILLDELAD_VANTAR_PA_BESTALLNING (next FK)."""
    inv = fmu.assigned(MON)
    assert status(inv) is Status.TILLDELAD_VANTAR_PA_BESTALLNING
    assert next_actor(status(inv)) is Actor.FK


def test_a_rejected_request_is_avvisad_when_no_order_came():
    """§1.3 rule 2: the external request rejected -> AVVISAD, phase AVSLUTAD."""
    inv = fmu.asked(MON)
    inv.reject_request(comment="Ingen kapacitet", now=fmu.at(MON), by=fmu.SAMORDNARE)
    assert status(inv) is Status.AVVISAD
    assert phase_of(status(inv)) is Phase.AVSLUTAD


def test_an_order_waits_for_documents_when_they_come_by_post():
    """§1.3 rule 3: no document received, order never updated -> BESTALLNING_MOTTAGEN_..."""
    inv = fmu.ordered(MON, LAST)
    assert status(inv) is Status.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR
    assert phase_of(status(inv)) is Phase.UTREDNING


def test_an_updated_order_waits_for_documents_when_none_has_been_received():
    """§1.3 rule 3: no document received and the order updated -> UPPDATERAD_..."""
    inv = fmu.ordered(MON, LAST, documents_by_post=False)
    inv.update_order(last_date=date(2026, 4, 30), documents_by_post=False, comment=None,
                     interpreter_needed=None, interpreter_language=None,
                     now=fmu.at(date(2026, 3, 3)), by=fmu.FK_SYSTEM)
    assert status(inv, date(2026, 3, 3)) is Status.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR


def test_visits_are_to_be_booked_when_the_documents_have_arrived():
    """§1.3 rule 3: documents received, no visits -> HANDLINGAR_MOTTAGNA_BOKA_BESOK."""
    inv = fmu.ordered(MON, LAST)
    inv.receive_documents(received_on=date(2026, 3, 4), unit=fmu.UNIT,
                          now=fmu.at(date(2026, 3, 4)), by=fmu.VARDADMIN)
    assert status(inv, date(2026, 3, 4)) is Status.HANDLINGAR_MOTTAGNA_BOKA_BESOK


def test_a_pending_updated_delivery_wins_when_visits_are_already_booked():
    """§1.3 rule 3 (INTYG-6747): a pending UPPDATERING document -> UPPDATERAD_..., with or
    without visits."""
    inv = fmu.ordered(MON, LAST)
    inv.receive_documents(received_on=date(2026, 3, 4), unit=fmu.UNIT,
                          now=fmu.at(date(2026, 3, 4)), by=fmu.VARDADMIN)
    inv.update_order(last_date=None, documents_by_post=True, comment=None,
                     interpreter_needed=None, interpreter_language=None,
                     now=fmu.at(date(2026, 3, 5)), by=fmu.FK_SYSTEM)
    assert status(inv, date(2026, 3, 5)) is Status.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR
    inv.book_visit(booking=fmu.booking("v1", fmu.at(date(2026, 3, 16)), date(2026, 3, 5)),
                   unit=fmu.UNIT, now=fmu.at(date(2026, 3, 5)), by=fmu.VARDADMIN)
    assert status(inv, date(2026, 3, 5)) is Status.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR
    inv.receive_documents(received_on=date(2026, 3, 6), unit=fmu.UNIT,
                          now=fmu.at(date(2026, 3, 6)), by=fmu.VARDADMIN)
    assert status(inv, date(2026, 3, 6)) is Status.UTREDNING_PAGAR


def test_the_investigation_is_under_way_when_a_visit_is_booked():
    """§1.3 rule 3: visits exist and nothing sent -> UTREDNING_PAGAR, next actor utredare."""
    inv = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    assert status(inv) is Status.UTREDNING_PAGAR
    assert next_actor(status(inv)) is Actor.UTREDARE


def test_the_status_is_avvikelse_mottagen_when_fk_reported_one_until_the_visit_is_cancelled():
    """§1.3 rule 3: an FK deviation on a visit not AVBOKAT -> AVVIKELSE_MOTTAGEN; cancelled,
    the visit no longer counts (back to UTREDNING_PAGAR)."""
    inv = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    inv.receive_deviation(visit_id="v1", deviation_id="d1", caused_by=CausedBy.PATIENT,
                          deviation_at=fmu.at(date(2026, 3, 16)), citizen_failed_to_arrive=True,
                          now=fmu.at(date(2026, 3, 16)), by=fmu.FK_SYSTEM)
    assert status(inv, date(2026, 3, 16)) is Status.AVVIKELSE_MOTTAGEN
    inv.cancel_visit(visit_id="v1", unit=fmu.UNIT, now=fmu.at(date(2026, 3, 17)), by=fmu.VARDADMIN)
    assert status(inv, date(2026, 3, 17)) is Status.UTREDNING_PAGAR


def test_the_utlatande_is_sent_when_care_marked_it_and_fk_has_not_confirmed():
    """§1.3 rule 3: sent, not received -> UTLATANDE_SKICKAT (next FK)."""
    inv = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    inv.send_statement(sent_on=date(2026, 4, 20), unit=fmu.UNIT, now=fmu.at(date(2026, 4, 20)),
                       by=fmu.VARDADMIN)
    assert status(inv, date(2026, 4, 20)) is Status.UTLATANDE_SKICKAT


def test_a_received_utlatande_stays_mottaget_when_no_visit_is_booked_past_the_window():
    """§1.3 rule 3: received and sistaDatumKompletteringsbegaran (5 May) >= today ->
    UTLATANDE_MOTTAGET; on 6 May with no visit booked it stays so (rule 4)."""
    inv = fmu.received_case()
    assert status(inv, date(2026, 5, 5)) is Status.UTLATANDE_MOTTAGET
    assert status(inv, date(2026, 5, 6)) is Status.UTLATANDE_MOTTAGET


def test_a_received_utlatande_awaits_the_visit_report_when_the_window_closed_on_a_booked_visit():
    """§1.3: once 5 May has passed, a visit still TIDBOKAD turns UTLATANDE_MOTTAGET into
    REDOVISA_BESOK (the status depends on the clock)."""
    inv = fmu.received_case(second_visit_booked=True)
    assert status(inv, date(2026, 5, 5)) is Status.UTLATANDE_MOTTAGET
    assert status(inv, date(2026, 5, 6)) is Status.REDOVISA_BESOK
    assert phase_of(Status.REDOVISA_BESOK) is Phase.REDOVISA_BESOK


def test_the_investigation_is_avslutad_when_ended_without_a_complement_and_no_visit_booked():
    """§1.3 rule 4: every Intyg received, ended by the job, no visit TIDBOKAD -> AVSLUTAD."""
    inv = fmu.received_case()
    inv.end(reason=EndReason.INGEN_KOMPLETTERING_BEGARD, actor=Actor.JOB,
            now=fmu.at(date(2026, 5, 6)), by="job")
    assert status(inv, date(2026, 5, 6)) is Status.AVSLUTAD


def test_complement_statuses_follow_each_step_when_questions_arrive_and_it_is_sent():
    """§1.3 rule 5: neither questions nor sent -> KOMPLETTERINGSBEGARAN_...; questions ->
    KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN; sent -> KOMPLETTERING_SKICKAD; received ->
    KOMPLETTERING_MOTTAGEN (rule 4: every Intyg received)."""
    inv = fmu.complement_requested()
    day = date(2026, 4, 28)
    assert status(inv, day) is Status.KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING
    inv.receive_complement_questions(received_on=day, unit=fmu.UNIT, now=fmu.at(day),
                                     by=fmu.VARDADMIN)
    assert status(inv, day) is Status.KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN
    inv.send_complement(sent_on=date(2026, 5, 8), unit=fmu.UNIT, now=fmu.at(date(2026, 5, 8)),
                        by=fmu.VARDADMIN)
    assert status(inv, date(2026, 5, 8)) is Status.KOMPLETTERING_SKICKAD
    inv.receive_complement_receipt(complement_id="k1", received_on=date(2026, 5, 11),
                                   complement_deadline=date(2026, 5, 25),
                                   now=fmu.at(date(2026, 5, 11)), by=fmu.FK_SYSTEM)
    assert status(inv, date(2026, 5, 11)) is Status.KOMPLETTERING_MOTTAGEN
    assert phase_of(Status.KOMPLETTERING_MOTTAGEN) is Phase.KOMPLETTERING


def test_a_complement_is_mottagen_when_fk_confirms_it_before_care_marked_it_sent():
    """§1.4 #20: ReportSupplementReceival may arrive before #19 -> KOMPLETTERING_MOTTAGEN."""
    inv = fmu.complement_requested()
    inv.receive_complement_receipt(complement_id="k1", received_on=date(2026, 5, 11),
                                   complement_deadline=date(2026, 5, 25),
                                   now=fmu.at(date(2026, 5, 11)), by=fmu.FK_SYSTEM)
    assert status(inv, date(2026, 5, 11)) is Status.KOMPLETTERING_MOTTAGEN


def test_an_investigation_is_avbruten_when_fk_ended_it_whatever_else_holds():
    """§1.3 rule 1: ended JAV, INGEN_BESTALLNING or UTREDNING_AVBRUTEN -> AVBRUTEN."""
    jav = fmu.ordered(MON, LAST)
    jav.end(reason=EndReason.JAV, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    none = fmu.assigned(MON)
    none.end(reason=EndReason.INGEN_BESTALLNING, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    cancelled = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    cancelled.end(reason=EndReason.UTREDNING_AVBRUTEN, actor=Actor.FK, now=fmu.at(MON),
                  by=fmu.FK_SYSTEM)
    assert {status(jav), status(none), status(cancelled)} == {Status.AVBRUTEN}
    assert next_actor(Status.AVBRUTEN) is Actor.NONE


def test_each_internal_request_has_its_status_when_another_unit_is_assigned_and_ordered():
    """§1.5: INKOMMEN, AVVISAD (declined), EJ_TILLDELAD (accepted, another unit tilldelad),
    TILLDELAD_VANTAR_PA_BESTALLNING, then BESTALLD once FK ordered."""
    third = "SE2321000016-VE03"
    inv = fmu.asked(MON, units=(fmu.UNIT, fmu.OTHER_UNIT, third))
    requests = {r.unit: r for r in inv.facts.requests}
    assert request_status(inv.facts, requests[fmu.UNIT]) is RequestStatus.INKOMMEN
    inv.answer_request(unit=fmu.UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=fmu.performer(MON), now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.answer_request(unit=fmu.OTHER_UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=fmu.performer(MON), now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.answer_request(unit=third, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    assert request_status(inv.facts, inv.facts.request_of(fmu.UNIT)) is (
        RequestStatus.ACCEPTERAD_VANTAR_PA_TILLDELNINGSBESLUT)
    inv.assign(unit=fmu.UNIT, now=fmu.at(MON), by=fmu.SAMORDNARE)
    of = {r.unit: request_status(inv.facts, r) for r in inv.facts.requests}
    assert of == {fmu.UNIT: RequestStatus.TILLDELAD_VANTAR_PA_BESTALLNING,
                  fmu.OTHER_UNIT: RequestStatus.EJ_TILLDELAD, third: RequestStatus.AVVISAD}
    inv.receive_order(unit=fmu.UNIT, last_date=LAST, documents_by_post=False,
                      interpreter_needed=False, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert request_status(inv.facts, inv.facts.request_of(fmu.UNIT)) is RequestStatus.BESTALLD


def test_open_requests_are_ej_tilldelad_when_the_external_request_is_rejected():
    """§1.5: after AVVISAT every request not declined -> EJ_TILLDELAD; declined stays AVVISAD."""
    inv = fmu.asked(MON, units=(fmu.UNIT, fmu.OTHER_UNIT))
    inv.answer_request(unit=fmu.OTHER_UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.reject_request(comment="Ingen kan", now=fmu.at(MON), by=fmu.SAMORDNARE)
    of = {r.unit: request_status(inv.facts, r) for r in inv.facts.requests}
    assert of == {fmu.UNIT: RequestStatus.EJ_TILLDELAD, fmu.OTHER_UNIT: RequestStatus.AVVISAD}


def test_the_assigned_request_is_ingen_bestallning_when_fk_ends_without_ordering():
    """§1.5 / §1.6: ended INGEN_BESTALLNING -> the tilldelad request is INGEN_BESTALLNING."""
    inv = fmu.assigned(MON)
    inv.end(reason=EndReason.INGEN_BESTALLNING, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert request_status(inv.facts, inv.facts.requests[0]) is RequestStatus.INGEN_BESTALLNING


def test_a_visit_status_follows_its_latest_change_when_not_held():
    """§1.5 Besök: BOKAT, then OMBOKAT, AVVIKELSE_RAPPORTERAD by the latest change;
    GENOMFORT once reported held."""
    inv = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    assert visit_status(inv.facts.visit("v1")) is VisitStatus.BOKAT
    inv.reschedule_visit(visit_id="v1", start=fmu.at(date(2026, 3, 18)),
                         end=fmu.at(date(2026, 3, 18), 10), summons_channel=SummonsChannel.TELEFON,
                         summoned_on=date(2026, 3, 9), unit=fmu.UNIT, now=fmu.at(date(2026, 3, 9)),
                         by=fmu.VARDADMIN)
    assert visit_status(inv.facts.visit("v1")) is VisitStatus.OMBOKAT
    inv.report_deviation(visit_id="v1", deviation_id="d1", caused_by=CausedBy.VARDEN,
                         deviation_at=fmu.at(date(2026, 3, 18)), citizen_failed_to_arrive=False,
                         unit=fmu.UNIT, now=fmu.at(date(2026, 3, 18)), by=fmu.VARDADMIN)
    assert visit_status(inv.facts.visit("v1")) is VisitStatus.AVVIKELSE_RAPPORTERAD
    inv.report_visit_held(visit_id="v1", tolk=None, unit=fmu.UNIT, now=fmu.at(date(2026, 3, 18)),
                          by=fmu.VARDADMIN)
    assert visit_status(inv.facts.visit("v1")) is VisitStatus.GENOMFORT


def test_a_visit_is_invanare_uteblev_when_the_patient_failed_to_arrive():
    """§1.5 Besök: a no-show wins over the deviation that reported it; cancelled -> AVBOKAT."""
    inv = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    inv.receive_deviation(visit_id="v1", deviation_id="d1", caused_by=CausedBy.PATIENT,
                          deviation_at=fmu.at(date(2026, 3, 16)), citizen_failed_to_arrive=True,
                          now=fmu.at(date(2026, 3, 16)), by=fmu.FK_SYSTEM)
    assert visit_status(inv.facts.visit("v1")) is VisitStatus.INVANARE_UTEBLEV
    other = fmu.with_visit(MON, LAST, fmu.at(date(2026, 3, 16)), date(2026, 3, 4))
    other.receive_deviation(visit_id="v1", deviation_id="d2", caused_by=CausedBy.VARDEN,
                            deviation_at=fmu.at(date(2026, 3, 13)), citizen_failed_to_arrive=False,
                            now=fmu.at(date(2026, 3, 13)), by=fmu.FK_SYSTEM)
    assert visit_status(other.facts.visit("v1")) is VisitStatus.AVVIKELSE_MOTTAGEN
    other.cancel_visit(visit_id="v1", unit=fmu.UNIT, now=fmu.at(date(2026, 3, 13)),
                       by=fmu.VARDADMIN)
    assert visit_status(other.facts.visit("v1")) is VisitStatus.AVBOKAT


def test_the_summary_gathers_every_derived_value_when_a_request_is_open():
    """§1.3-§1.9 in one view: on Monday 2 March 2026, one unit asked (answer by Wednesday 4
    March, planeringsdatum Thursday 16 April), nothing ordered, not paid."""
    summary = summarize(fmu.asked(MON).facts, MON, fmu.CALENDAR)
    assert (summary.status, summary.phase, summary.next_actor) == (
        Status.VANTAR_PA_SVAR, Phase.FORFRAGAN, Actor.VARDADMIN)
    line = summary.requests[0]
    assert (line.unit, line.status, line.answer_by, line.planning_date) == (
        fmu.UNIT, RequestStatus.INKOMMEN, fmu.at(date(2026, 3, 4)), date(2026, 4, 16))
    assert summary.last_date is None and not summary.payment.paid
    assert NotPaid.NO_QUALIFYING_VISIT in summary.payment.reasons
