"""DOMAIN.md §10 Intygsbeställning, FMU.

ORDERS.md §1.4 and §1.6: the guard of every transition, each refusal a named error (with
the national error code where Försäkringskassan's messages carry one), concrete dates."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.orders.fmu import errors
from domain.orders.fmu.codes import (
    Actor,
    Answer,
    AssessmentKind,
    CausedBy,
    EndReason,
    PaymentIdKind,
    Profession,
    Status,
    Tolk,
)
from domain.orders.fmu.facts import ORIGINAL
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.status import resolve_status
from domain.shared.errors import InvalidInputError
from tests.factories import fmu

MON = date(2026, 3, 2)
LAST = date(2026, 4, 24)
VISIT_DAY = date(2026, 3, 16)


def visiting():
    return fmu.with_visit(MON, LAST, fmu.at(VISIT_DAY), date(2026, 3, 4))


def test_fk_cannot_request_liag_when_asking_for_an_investigation():
    """#1: RequestPerformerForAssessment accepts only AFU and AFU_UTVIDGAD."""
    with pytest.raises(InvalidInputError):
        fmu.requested(MON, kind=AssessmentKind.LIAG)


def test_asking_units_skips_those_asked_when_some_are_asked_again():
    """#2: one internal request per unit not already asked; none new is refused."""
    inv = fmu.asked(MON)
    inv.ask_units(units=[fmu.UNIT, fmu.OTHER_UNIT], now=fmu.at(MON), by=fmu.SAMORDNARE,
                  calendar=fmu.CALENDAR)
    assert [r.unit for r in inv.facts.requests] == [fmu.UNIT, fmu.OTHER_UNIT]
    with pytest.raises(errors.UnitAlreadyAskedError):
        inv.ask_units(units=[fmu.UNIT], now=fmu.at(MON), by=fmu.SAMORDNARE,
                      calendar=fmu.CALENDAR)


def test_asking_units_is_refused_when_a_unit_is_already_tilldelad():
    """#2/#3: only in FORFRAGAN_INKOMMEN, VANTAR_PA_SVAR or TILLDELA_UTREDNING."""
    inv = fmu.assigned(MON)
    with pytest.raises(errors.InvestigationStatusError, match="TILLDELAD_VANTAR"):
        inv.ask_units(units=[fmu.OTHER_UNIT], now=fmu.at(MON), by=fmu.SAMORDNARE,
                      calendar=fmu.CALENDAR)
    with pytest.raises(errors.InvestigationStatusError):
        inv.assign_directly(unit=fmu.OTHER_UNIT, now=fmu.at(MON), by=fmu.SAMORDNARE)


def test_direct_assignment_is_refused_when_the_unit_was_asked_already():
    """#3: the unit must not already be asked."""
    inv = fmu.asked(MON)
    with pytest.raises(errors.UnitAlreadyAskedError):
        inv.assign_directly(unit=fmu.UNIT, now=fmu.at(MON), by=fmu.SAMORDNARE)


def test_declining_needs_a_comment_when_a_unit_answers_avboj():
    """#4: AVBOJ requires a comment."""
    inv = fmu.asked(MON)
    with pytest.raises(errors.CommentRequiredError):
        inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="  ", performer=None,
                           now=fmu.at(MON), by=fmu.VARDADMIN)


def test_the_sole_own_unit_may_not_decline_when_rejection_is_switched_off():
    """#4: AVBOJ is forbidden for the region's sole own-regi unit unless the flag is on; with
    it on, the decline rejects FK's request at once (automatic #6)."""
    inv = fmu.asked(MON)
    with pytest.raises(errors.DeclineNotAllowedError):
        inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                           now=fmu.at(MON), by=fmu.VARDADMIN, sole_own_unit=True)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN, sole_own_unit=True,
                       decline_allowed=True)
    assert resolve_status(inv.facts, MON) is Status.AVVISAD


def test_the_sole_own_unit_is_assigned_at_once_when_it_accepts():
    """#4: the only request, ACCEPTERA and egen regi -> automatic #5."""
    inv = fmu.asked(MON)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=fmu.performer(MON), now=fmu.at(MON), by=fmu.VARDADMIN,
                       sole_own_unit=True)
    assert resolve_status(inv.facts, MON) is Status.TILLDELAD_VANTAR_PA_BESTALLNING
    event, data = fmu.history(inv)[-1]
    assert (event, data["actor"]) == ("UnitAssigned", Actor.SYSTEM.value)


def test_accepting_lists_every_performer_fault_when_the_performer_is_incomplete():
    """#4: name, address, postort required; 5-digit postnummer; a valid e-mail if any;
    börjaDatum >= today (1 March is before Monday 2 March)."""
    inv = fmu.asked(MON)
    bad = fmu.performer(date(2026, 3, 1), name="", postnummer="1112", email="nej")
    with pytest.raises(errors.InvalidPerformerError) as refused:
        inv.answer_request(unit=fmu.UNIT, answer=Answer.ACCEPTERA, comment=None, performer=bad,
                           now=fmu.at(MON), by=fmu.VARDADMIN)
    assert {i.field for i in refused.value.issues} == {"name", "postnummer", "email",
                                                       "starts_on"}
    assert inv.facts.requests[0].answer is None


def test_a_request_is_answered_once_when_a_unit_answers_twice():
    """#4: only a request still INKOMMEN may be answered; an unknown unit has none."""
    inv = fmu.asked(MON)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    with pytest.raises(errors.RequestAlreadyAnsweredError):
        inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                           now=fmu.at(MON), by=fmu.VARDADMIN)
    with pytest.raises(errors.InternalRequestNotFoundError):
        inv.answer_request(unit=fmu.OTHER_UNIT, answer=Answer.AVBOJ, comment="Nej",
                           performer=None, now=fmu.at(MON), by=fmu.VARDADMIN)


def test_assigning_is_refused_when_the_unit_declined():
    """#5: the unit's request must be ACCEPTERAD_VANTAR_... or DIREKTTILLDELAD."""
    inv = fmu.asked(MON)
    inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    with pytest.raises(errors.InvestigationStatusError):
        inv.assign(unit=fmu.UNIT, now=fmu.at(MON), by=fmu.SAMORDNARE)


def test_rejecting_is_refused_when_without_comment_or_after_assignment():
    """#6: comment required; only before anyone is tilldelad."""
    with pytest.raises(errors.CommentRequiredError):
        fmu.asked(MON).reject_request(comment=None, now=fmu.at(MON), by=fmu.SAMORDNARE)
    with pytest.raises(errors.InvestigationStatusError):
        fmu.assigned(MON).reject_request(comment="Nej", now=fmu.at(MON), by=fmu.SAMORDNARE)


@pytest.mark.parametrize(("build", "unit", "last", "error", "code"), [
    (fmu.asked, fmu.UNIT, LAST, errors.InvestigationStatusError, "TA_FEL13"),
    (fmu.assigned, fmu.OTHER_UNIT, LAST, errors.NotTheAssignedUnitError, "TA_FEL04"),
    (fmu.assigned, fmu.UNIT, None, errors.LastDateRequiredError, "TA_FEL07"),
])
def test_an_order_is_refused_with_its_code_when_its_guard_fails(build, unit, last, error, code):
    """#7: TILLDELAD_VANTAR_PA_BESTALLNING else TA_FEL13; the tilldelad unit else TA_FEL04;
    a last date else TA_FEL07."""
    with pytest.raises(error) as refused:
        build(MON).receive_order(unit=unit, last_date=last, documents_by_post=True,
                                 interpreter_needed=False, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert refused.value.code == code


def test_a_second_order_is_refused_with_ta_fel13_when_already_ordered():
    """#7: an existing order -> TA_FEL13."""
    with pytest.raises(errors.InvestigationStatusError) as refused:
        fmu.ordered(MON, LAST).receive_order(
            unit=fmu.UNIT, last_date=LAST, documents_by_post=False, interpreter_needed=False,
            now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert refused.value.code == "TA_FEL13"


def test_an_order_without_request_is_ordered_and_assigned_when_created():
    """#7b: OrderAssessment without assessmentId creates the investigation with its order."""
    inv = Investigation.order_directly(
        id=uuid4(), kind=AssessmentKind.AFU, landsting=fmu.LANDSTING, unit=fmu.UNIT,
        last_date=LAST, documents_by_post=True, interpreter_needed=False, now=fmu.at(MON),
        actor=Actor.AF, by="AF")
    assert resolve_status(inv.facts, MON) is Status.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR
    assert inv.facts.assigned_unit == fmu.UNIT and inv.facts.original.last_date == LAST


def test_an_update_replaces_the_last_date_when_fk_sends_a_new_one():
    """#8: a partial update; the new last date is the utlåtande's; no longer needing an
    interpreter is a change too."""
    inv = fmu.ordered(MON, LAST)
    inv.update_order(last_date=None, documents_by_post=False, comment=None,
                     interpreter_needed=False, interpreter_language=None, now=fmu.at(MON),
                     by=fmu.FK_SYSTEM)
    assert inv.facts.updated_at == fmu.at(MON)
    inv.update_order(last_date=date(2026, 5, 8), documents_by_post=False, comment=None,
                     interpreter_needed=None, interpreter_language=None, now=fmu.at(MON),
                     by=fmu.FK_SYSTEM)
    assert inv.facts.statement(ORIGINAL).last_date == date(2026, 5, 8)


def test_an_update_is_refused_when_nothing_changes_or_a_language_comes_without_need():
    """#8: "No info to update"; a tolk language requires a tolk need."""
    inv = fmu.ordered(MON, LAST)
    with pytest.raises(errors.NothingToUpdateError):
        inv.update_order(last_date=None, documents_by_post=False, comment=None,
                         interpreter_needed=None, interpreter_language=None, now=fmu.at(MON),
                         by=fmu.FK_SYSTEM)
    with pytest.raises(errors.InvestigationStatusError):
        inv.update_order(last_date=None, documents_by_post=False, comment=None,
                         interpreter_needed=None, interpreter_language="arabiska",
                         now=fmu.at(MON), by=fmu.FK_SYSTEM)


def test_an_update_is_refused_when_there_is_no_order_or_the_case_ended():
    """#8: has a Bestallning; not AVSLUTAD."""
    with pytest.raises(errors.InvestigationStatusError):
        fmu.assigned(MON).update_order(last_date=LAST, documents_by_post=False, comment=None,
                                       interpreter_needed=None, interpreter_language=None,
                                       now=fmu.at(MON), by=fmu.FK_SYSTEM)
    ended = fmu.ordered(MON, LAST)
    ended.end(reason=EndReason.JAV, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    with pytest.raises(errors.InvestigationStatusError):
        ended.update_order(last_date=LAST, documents_by_post=False, comment=None,
                           interpreter_needed=None, interpreter_language=None,
                           now=fmu.at(MON), by=fmu.FK_SYSTEM)


def test_documents_are_refused_when_none_is_pending():
    """#9: a pending document must exist (the order did not come by post)."""
    inv = fmu.ordered(MON, LAST, documents_by_post=False)
    with pytest.raises(errors.NoPendingDocumentsError):
        inv.receive_documents(received_on=MON, unit=fmu.UNIT, now=fmu.at(MON), by=fmu.VARDADMIN)


def test_booking_is_refused_when_another_unit_books_or_the_utlatande_is_sent():
    """#10: only the tilldelad unit; only in the visit statuses (not UTLATANDE_SKICKAT)."""
    inv = visiting()
    later = fmu.booking("v2", fmu.at(date(2026, 3, 20)), date(2026, 3, 5))
    with pytest.raises(errors.NotTheAssignedUnitError):
        inv.book_visit(booking=later, unit=fmu.OTHER_UNIT, now=fmu.at(MON), by=fmu.VARDADMIN)
    with pytest.raises(errors.VisitAlreadyBookedError):
        inv.book_visit(booking=fmu.booking("v1", fmu.at(date(2026, 3, 20)), MON), unit=fmu.UNIT,
                       now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.send_statement(sent_on=date(2026, 4, 20), unit=fmu.UNIT, now=fmu.at(date(2026, 4, 20)),
                       by=fmu.VARDADMIN)
    with pytest.raises(errors.InvestigationStatusError, match="UTLATANDE_SKICKAT"):
        inv.book_visit(booking=later, unit=fmu.UNIT, now=fmu.at(date(2026, 4, 20)),
                       by=fmu.VARDADMIN)


def test_an_afu_becomes_utvidgad_with_fks_new_last_date_when_a_psychologist_is_booked():
    """#10: AFU and a profession other than LK -> AFU_UTVIDGAD; FK's reply to
    UpdateAssessment is the new last date, and without it the booking is refused."""
    inv = fmu.ordered(MON, LAST, documents_by_post=False)
    psychologist = fmu.booking("v1", fmu.at(VISIT_DAY), MON, profession=Profession.PS)
    with pytest.raises(errors.ExtendedLastDateRequiredError):
        inv.book_visit(booking=psychologist, unit=fmu.UNIT, now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.book_visit(booking=psychologist, unit=fmu.UNIT, now=fmu.at(MON), by=fmu.VARDADMIN,
                   extended_last_date=date(2026, 3, 9))
    assert inv.facts.kind is AssessmentKind.AFU_UTVIDGAD
    assert inv.facts.original.last_date == date(2026, 3, 9)


def test_a_deviation_from_fk_is_refused_with_ta_fel05_when_the_visit_is_unknown():
    """#11: the visit must exist, else TA_FEL05."""
    with pytest.raises(errors.VisitNotFoundError) as refused:
        visiting().receive_deviation(visit_id="nope", deviation_id="d1",
                                     caused_by=CausedBy.PATIENT, deviation_at=fmu.at(VISIT_DAY),
                                     citizen_failed_to_arrive=False, now=fmu.at(VISIT_DAY),
                                     by=fmu.FK_SYSTEM)
    assert refused.value.code == "TA_FEL05"


def test_cancelling_is_refused_when_fk_reported_no_deviation():
    """#13: only a visit with FK's deviation (AVVIKELSE_MOTTAGEN) is cancelled."""
    with pytest.raises(errors.InvestigationStatusError):
        visiting().cancel_visit(visit_id="v1", unit=fmu.UNIT, now=fmu.at(MON), by=fmu.VARDADMIN)


def test_a_booked_visit_may_be_cancelled_when_fk_ended_the_investigation():
    """§1.12 quirk 3, decided: FK's end is accepted with visits booked; each may be cancelled."""
    inv = visiting()
    inv.end(reason=EndReason.UTREDNING_AVBRUTEN, actor=Actor.FK, now=fmu.at(MON),
            by=fmu.FK_SYSTEM)
    inv.cancel_visit(visit_id="v1", unit=fmu.UNIT, now=fmu.at(MON), by=fmu.VARDADMIN)
    assert inv.facts.visit("v1").cancelled


def test_reporting_a_visit_is_refused_when_reported_already_or_the_tolk_is_not_reported():
    """#14: once per visit; a booked interpreter must be reported DELTAGIT or EJ_DELTAGIT."""
    inv = fmu.with_visit(MON, LAST, fmu.at(VISIT_DAY), date(2026, 3, 4), tolk=Tolk.BOKAT)
    with pytest.raises(errors.InterpreterReportRequiredError):
        inv.report_visit_held(visit_id="v1", tolk=Tolk.BOKAT, unit=fmu.UNIT,
                              now=fmu.at(VISIT_DAY), by=fmu.VARDADMIN)
    inv.report_visit_held(visit_id="v1", tolk=Tolk.DELTAGIT, unit=fmu.UNIT,
                          now=fmu.at(VISIT_DAY), by=fmu.VARDADMIN)
    with pytest.raises(errors.VisitAlreadyReportedError):
        inv.report_visit_held(visit_id="v1", tolk=Tolk.DELTAGIT, unit=fmu.UNIT,
                              now=fmu.at(VISIT_DAY), by=fmu.VARDADMIN)


def test_reporting_a_visit_is_refused_when_the_investigation_has_ended():
    """#14: not in phase AVSLUTAD."""
    inv = visiting()
    inv.end(reason=EndReason.JAV, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    with pytest.raises(errors.InvestigationStatusError):
        inv.report_visit_held(visit_id="v1", tolk=None, unit=fmu.UNIT, now=fmu.at(MON),
                              by=fmu.VARDADMIN)


def test_sending_and_receipt_are_refused_when_out_of_order_or_repeated():
    """#15: not already SKICKAT/MOTTAGET; #16: only from UTLATANDE_SKICKAT."""
    inv = visiting()
    with pytest.raises(errors.InvestigationStatusError):
        inv.receive_statement_receipt(received_on=MON, complement_deadline=LAST,
                                      now=fmu.at(MON), by=fmu.FK_SYSTEM)
    day = date(2026, 4, 20)
    inv.send_statement(sent_on=day, unit=fmu.UNIT, now=fmu.at(day), by=fmu.VARDADMIN)
    with pytest.raises(errors.InvestigationStatusError):
        inv.send_statement(sent_on=day, unit=fmu.UNIT, now=fmu.at(day), by=fmu.VARDADMIN)


def test_a_complement_request_is_refused_when_without_last_date_or_after_the_window():
    """#17: a last date (TA_FEL07); some complement deadline (5 May) not yet passed: allowed on
    5 May, refused on Wednesday 6 May."""
    with pytest.raises(errors.LastDateRequiredError):
        fmu.received_case().request_complement(complement_id="k1", last_date=None,
                                               now=fmu.at(date(2026, 5, 5)), by=fmu.FK_SYSTEM)
    with pytest.raises(errors.ComplementWindowClosedError):
        fmu.received_case().request_complement(complement_id="k1", last_date=date(2026, 5, 20),
                                               now=fmu.at(date(2026, 5, 6)), by=fmu.FK_SYSTEM)
    inv = fmu.received_case()
    inv.request_complement(complement_id="k1", last_date=date(2026, 5, 20),
                           now=fmu.at(date(2026, 5, 5)), by=fmu.FK_SYSTEM)
    assert inv.facts.complements[0].last_date == date(2026, 5, 20)


def test_complement_steps_are_refused_when_taken_out_of_order():
    """#18 only from KOMPLETTERINGSBEGARAN_...; #19 not once sent; #20 names the open one."""
    inv = fmu.complement_requested()
    day = date(2026, 5, 4)
    inv.send_complement(sent_on=day, unit=fmu.UNIT, now=fmu.at(day), by=fmu.VARDADMIN)
    with pytest.raises(errors.InvestigationStatusError):
        inv.receive_complement_questions(received_on=day, unit=fmu.UNIT, now=fmu.at(day),
                                         by=fmu.VARDADMIN)
    with pytest.raises(errors.InvestigationStatusError):
        inv.send_complement(sent_on=day, unit=fmu.UNIT, now=fmu.at(day), by=fmu.VARDADMIN)
    with pytest.raises(errors.ComplementNotFoundError):
        inv.receive_complement_receipt(complement_id="k9", received_on=day,
                                       complement_deadline=date(2026, 5, 20), now=fmu.at(day),
                                       by=fmu.FK_SYSTEM)


@pytest.mark.parametrize(("build", "reason", "actor"), [
    (fmu.ordered, EndReason.INGEN_BESTALLNING, Actor.FK),
    (fmu.ordered, EndReason.UTREDNING_AVBRUTEN, Actor.FK),
    (fmu.assigned, EndReason.JAV, Actor.FK),
    (fmu.ordered, EndReason.INGEN_KOMPLETTERING_BEGARD, Actor.VARDADMIN),
])
def test_ending_is_refused_when_the_reason_does_not_fit_the_status(build, reason, actor):
    """§1.6: INGEN_BESTALLNING only from TILLDELAD_VANTAR_PA_BESTALLNING; UTREDNING_AVBRUTEN
    from UTREDNING_PAGAR or AVVIKELSE_MOTTAGEN; JAV once ordered; INGEN_KOMPLETTERING_BEGARD
    after receipt (here the order waits for documents)."""
    inv = build(MON, LAST) if build is fmu.ordered else build(MON)
    with pytest.raises(errors.InvestigationStatusError):
        inv.end(reason=reason, actor=actor, now=fmu.at(MON), by="x")


def test_ending_without_complement_is_refused_when_fk_asks_or_a_visit_is_still_booked():
    """§1.6: INGEN_KOMPLETTERING_BEGARD by vårdadmin or the job only, and no visit BOKAT."""
    booked = fmu.received_case(second_visit_booked=True)
    day = fmu.at(date(2026, 5, 6))
    with pytest.raises(errors.VisitsStillBookedError):
        booked.end(reason=EndReason.INGEN_KOMPLETTERING_BEGARD, actor=Actor.VARDADMIN, now=day,
                   by=fmu.VARDADMIN)
    with pytest.raises(errors.InvestigationStatusError):
        fmu.received_case().end(reason=EndReason.INGEN_KOMPLETTERING_BEGARD, actor=Actor.FK,
                                now=day, by=fmu.FK_SYSTEM)


def test_a_second_end_is_refused_when_already_ended():
    """§1.6: a second end attempt is refused (ALREADY_EXISTS)."""
    inv = visiting()
    inv.end(reason=EndReason.UTREDNING_AVBRUTEN, actor=Actor.FK, now=fmu.at(MON),
            by=fmu.FK_SYSTEM)
    with pytest.raises(errors.InvestigationAlreadyEndedError) as refused:
        inv.end(reason=EndReason.JAV, actor=Actor.FK, now=fmu.at(MON), by=fmu.FK_SYSTEM)
    assert refused.value.code == "ALREADY_EXISTS"


def test_payment_ids_are_refused_when_recorded_by_anyone_but_their_owner():
    """§1.9 Betalning: fakturaVeId by the unit's vårdadmin; the other ids by a coordinator of
    the investigation's own landsting."""
    inv = fmu.received_case()
    inv.record_payment_id(kind=PaymentIdKind.FAKTURA_VE_ID, value="F-1", actor=Actor.VARDADMIN,
                          acting_for=fmu.UNIT, now=fmu.at(MON), by=fmu.VARDADMIN)
    inv.record_payment_id(kind=PaymentIdKind.BETALD_FK_ID, value="B-1", actor=Actor.SAMORDNARE,
                          acting_for=fmu.LANDSTING, now=fmu.at(MON), by=fmu.SAMORDNARE)
    assert inv.facts.payment_ids == {"FAKTURA_VE_ID": "F-1", "BETALD_FK_ID": "B-1"}
    with pytest.raises(errors.NotTheAssignedUnitError):
        inv.record_payment_id(kind=PaymentIdKind.FAKTURA_VE_ID, value="F-2",
                              actor=Actor.VARDADMIN, acting_for=fmu.OTHER_UNIT, now=fmu.at(MON),
                              by=fmu.VARDADMIN)
    with pytest.raises(errors.NotOwnLandstingError):
        inv.record_payment_id(kind=PaymentIdKind.FAKTURA_FK_ID, value="X",
                              actor=Actor.SAMORDNARE, acting_for="SE2321000016-LT99",
                              now=fmu.at(MON), by=fmu.SAMORDNARE)


def test_the_sole_own_unit_is_asked_at_once_when_fk_requests_from_its_region():
    """#1: exactly one registered unit, of the region's own -> an internal request to it at
    once, to be answered by FK's date (Friday 6 March, at the request's clock time), made by
    the system -> VANTAR_PA_SVAR."""
    inv = Investigation.receive_request(
        id=uuid4(), kind=AssessmentKind.AFU, landsting=fmu.LANDSTING,
        fk_answer_by=date(2026, 3, 6), now=fmu.at(MON), by=fmu.FK_SYSTEM,
        sole_own_unit=fmu.UNIT)
    assert resolve_status(inv.facts, MON) is Status.VANTAR_PA_SVAR
    assert inv.facts.requests[0].answer_by == fmu.at(date(2026, 3, 6))
    assert fmu.history(inv)[-1][1]["actor"] == Actor.SYSTEM.value
