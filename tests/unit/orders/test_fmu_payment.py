"""DOMAIN.md §10 Intygsbeställning, FMU.

ORDERS.md §1.9 ersättning: whether an investigation is paid, from its events and the
calendar, each rule (1-3) and each visit rule (a-e) with hand-computed dates. The visit is on
Monday 16 March 2026 09:00 UTC; by letter the latest summons is Wednesday 4 March (8 business
days before), by phone Monday 9 March (5)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.orders.fmu.codes import Actor, CausedBy, EndReason, SummonsChannel
from domain.orders.fmu.payment import NotPaid, VisitNotQualifying, payment_eligibility
from domain.orders.fmu.payment import visit_disqualifications as disqualified
from tests.factories import fmu

CAL = fmu.CALENDAR
MON = date(2026, 3, 2)
LAST = date(2026, 4, 24)
VISIT = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)


def _visiting(summoned_on=date(2026, 3, 4), channel=SummonsChannel.BREV):
    return fmu.with_visit(MON, LAST, VISIT, summoned_on, channel=channel)


def _deviation(inv, caused_by, at, failed=False):
    inv.receive_deviation(visit_id="v1", deviation_id="d1", caused_by=caused_by,
                          deviation_at=at, citizen_failed_to_arrive=failed, now=at,
                          by=fmu.FK_SYSTEM)
    return inv


def _held(inv):
    inv.report_visit_held(visit_id="v1", tolk=None, unit=fmu.UNIT, now=VISIT, by=fmu.VARDADMIN)
    return inv


def _received(inv, on=date(2026, 4, 21)):
    return fmu.statement_received(inv, date(2026, 4, 20), on, date(2026, 5, 5))


def test_the_investigation_is_paid_when_the_utlatande_came_in_time_and_a_visit_was_held():
    """§1.9: none of rules 1-3 holds."""
    result = payment_eligibility(_received(_held(_visiting())).facts, CAL)
    assert result.paid and result.reasons == () and result.qualifying_visits == ("v1",)


def test_the_investigation_is_not_paid_when_ended_for_jav():
    """§1.9 rule 1: ended JAV (or INGEN_BESTALLNING)."""
    inv = _held(_visiting())
    inv.end(reason=EndReason.JAV, actor=Actor.FK, now=VISIT, by=fmu.FK_SYSTEM)
    assert NotPaid.ENDED_JAV_OR_INGEN_BESTALLNING in payment_eligibility(inv.facts, CAL).reasons


def test_the_utlatande_counts_as_in_time_when_received_on_its_last_day_and_not_after():
    """§1.9 rule 2: last date Friday 24 April: received that day -> paid; received Monday 27
    April -> not paid; not received at all -> not paid."""
    assert payment_eligibility(_received(_held(_visiting()), date(2026, 4, 24)).facts, CAL).paid
    late = payment_eligibility(_received(_held(_visiting()), date(2026, 4, 27)).facts, CAL)
    assert late.reasons == (NotPaid.LATEST_STATEMENT_NOT_RECEIVED_IN_TIME,)
    missing = payment_eligibility(_held(_visiting()).facts, CAL)
    assert missing.reasons == (NotPaid.LATEST_STATEMENT_NOT_RECEIVED_IN_TIME,)


def test_the_complement_decides_when_its_last_date_is_the_latest():
    """§1.9 rule 2: the Intyg with the latest sistaDatum counts: the complement due Tuesday 12
    May, received Wednesday 13 May -> not paid although the utlåtande was in time."""
    inv = fmu.complement_requested()
    inv.receive_complement_receipt(complement_id="k1", received_on=date(2026, 5, 13),
                                   complement_deadline=date(2026, 5, 27),
                                   now=fmu.at(date(2026, 5, 13)), by=fmu.FK_SYSTEM)
    result = payment_eligibility(inv.facts, CAL)
    assert result.reasons == (NotPaid.LATEST_STATEMENT_NOT_RECEIVED_IN_TIME,)


def test_the_investigation_is_not_paid_when_no_visit_qualifies():
    """§1.9 rule 3 with (e): no deviation and the visit not GENOMFORT."""
    inv = _received(_visiting())
    result = payment_eligibility(inv.facts, CAL)
    assert result.reasons == (NotPaid.NO_QUALIFYING_VISIT,)
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == (VisitNotQualifying.NOT_HELD,)


def test_a_visit_does_not_qualify_when_the_patient_deviation_came_over_24h_before():
    """§1.9 (a): reported Saturday 14 March 09:00, 48 h before the visit."""
    inv = _deviation(_visiting(), CausedBy.PATIENT, datetime(2026, 3, 14, 9, 0, tzinfo=UTC))
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == (
        VisitNotQualifying.PATIENT_DEVIATION_MORE_THAN_24H_BEFORE,)


def test_a_patient_deviation_exactly_24h_before_still_pays_when_summoned_in_time():
    """§1.9 (a) at its edge: Sunday 15 March 09:00 is not more than 24 h before; summoned on
    the latest day (4 March by letter) -> the visit qualifies though it was not held."""
    inv = _deviation(_visiting(), CausedBy.PATIENT, datetime(2026, 3, 15, 9, 0, tzinfo=UTC))
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == ()
    assert payment_eligibility(_received(inv).facts, CAL).paid


def test_a_visit_does_not_qualify_when_fk_ended_the_case_over_24h_before():
    """§1.9 (b): FK ends UTREDNING_AVBRUTEN Saturday 14 March, 48 h before; ended 23 h before
    (Sunday 15 March 10:00) it is not this rule."""
    early = _visiting()
    early.end(reason=EndReason.UTREDNING_AVBRUTEN, actor=Actor.FK,
              now=datetime(2026, 3, 14, 9, 0, tzinfo=UTC), by=fmu.FK_SYSTEM)
    assert VisitNotQualifying.ENDED_MORE_THAN_24H_BEFORE in disqualified(
        early.facts, early.facts.visit("v1"), CAL)
    late = _visiting()
    late.end(reason=EndReason.UTREDNING_AVBRUTEN, actor=Actor.FK,
             now=datetime(2026, 3, 15, 10, 0, tzinfo=UTC), by=fmu.FK_SYSTEM)
    assert VisitNotQualifying.ENDED_MORE_THAN_24H_BEFORE not in disqualified(
        late.facts, late.facts.visit("v1"), CAL)


def test_a_deviation_caused_by_care_disqualifies_the_visit_even_when_held():
    """§1.9 (c): a care-caused avvikelse."""
    inv = _held(_deviation(_visiting(), CausedBy.VARDEN, VISIT))
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == (
        VisitNotQualifying.CARE_DEVIATION,)


def test_a_visit_does_not_qualify_when_a_deviation_follows_a_late_letter():
    """§1.9 (d): summoned by letter Thursday 5 March, after the latest day 4 March."""
    inv = _deviation(_visiting(summoned_on=date(2026, 3, 5)), CausedBy.PATIENT, VISIT)
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == (
        VisitNotQualifying.DEVIATION_AFTER_LATE_SUMMONS,)


def test_the_same_summons_is_in_time_when_made_by_phone():
    """§1.9 (d): by phone the latest day is Monday 9 March, so 5 March is in time."""
    inv = _deviation(_visiting(summoned_on=date(2026, 3, 5), channel=SummonsChannel.TELEFON),
                     CausedBy.PATIENT, VISIT)
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == ()


def test_a_late_summons_does_not_matter_when_the_visit_was_held_without_deviation():
    """§1.9 (d) applies only with a deviation: held, summoned late -> qualifies."""
    inv = _held(_visiting(summoned_on=date(2026, 3, 12)))
    assert disqualified(inv.facts, inv.facts.visit("v1"), CAL) == ()
