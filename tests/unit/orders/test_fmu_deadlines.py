"""DOMAIN.md §10 Intygsbeställning, FMU.

ORDERS.md §1.7-§1.9: the deadlines of an investigation counted in business days, with
Easter, the summer vacation weeks (ISO 29-31) and summer time, hand-computed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.orders.fmu.codes import Answer, SummonsChannel
from domain.orders.fmu.deadlines import (
    Overdue,
    answer_by,
    closable_by_job,
    latest_summons_date,
    overdue,
    planning_date,
)
from tests.factories import fmu

CAL = fmu.CALENDAR


def test_a_unit_answers_within_two_business_days_when_asked_before_easter():
    """§1.4 #2: asked Thursday 2 April 2026 -> answer by Wednesday 8 April, same clock time
    (långfredag 3 April and annandag påsk 6 April are no business days)."""
    asked = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    assert answer_by(asked, CAL) == datetime(2026, 4, 8, 9, 0, tzinfo=UTC)


def test_the_answer_time_skips_the_summer_weeks_when_asked_just_before_them():
    """Asked Friday 10 July 2026; ISO weeks 29-31 (13 July - 2 August) are vacation ->
    answer by Tuesday 4 August."""
    asked = datetime(2026, 7, 10, 9, 0, tzinfo=UTC)
    assert answer_by(asked, CAL) == datetime(2026, 8, 4, 9, 0, tzinfo=UTC)


def test_the_answer_time_keeps_the_swedish_clock_time_when_summer_time_begins_between():
    """Asked Friday 27 March 2026 10:00 in Sweden (09:00 UTC); summer time begins 29 March ->
    answer by Tuesday 31 March 10:00 in Sweden, which is 08:00 UTC."""
    asked = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
    assert answer_by(asked, CAL) == datetime(2026, 3, 31, 8, 0, tzinfo=UTC)


def test_the_planning_date_counts_post_afu_and_post_when_a_request_is_open():
    """§1.7 planeringsdatum from Monday 2 March 2026: +3 business days -> Thursday 5 March;
    +25 (Easter skipped) -> Monday 13 April; +3 -> Thursday 16 April."""
    inv = fmu.asked(date(2026, 3, 2))
    request = inv.facts.requests[0]
    assert planning_date(inv.facts, request, date(2026, 3, 2), CAL) == date(2026, 4, 16)


def test_the_planning_date_skips_vacation_only_in_the_25_days_when_summer_comes_between():
    """From Monday 29 June 2026: +3 -> Thursday 2 July; +25 with ISO weeks 29-31 off ->
    Thursday 27 August; +3 -> Tuesday 1 September."""
    inv = fmu.asked(date(2026, 6, 29))
    request = inv.facts.requests[0]
    assert planning_date(inv.facts, request, date(2026, 6, 29), CAL) == date(2026, 9, 1)


def test_the_planning_date_is_blank_when_the_request_has_ended():
    """§1.7: blank once the request has ended (declined)."""
    inv = fmu.asked(date(2026, 3, 2))
    inv.answer_request(unit=fmu.UNIT, answer=Answer.AVBOJ, comment="Nej", performer=None,
                       now=fmu.at(date(2026, 3, 2)), by=fmu.VARDADMIN)
    assert planning_date(inv.facts, inv.facts.requests[0], date(2026, 3, 2), CAL) is None


def _visit_on(day: date, channel: SummonsChannel):
    inv = fmu.with_visit(date(2026, 3, 2), date(2026, 9, 30), fmu.at(day), date(2026, 3, 2),
                         channel=channel)
    return inv.facts.visit("v1")


def test_the_latest_summons_is_eight_business_days_before_when_summoned_by_letter():
    """§1.9: a visit Thursday 9 April 2026 by letter -> Thursday 26 March (Easter's holidays
    do not count)."""
    assert latest_summons_date(_visit_on(date(2026, 4, 9), SummonsChannel.BREV),
                               CAL) == date(2026, 3, 26)


def test_the_latest_summons_is_five_business_days_before_when_summoned_by_phone():
    """§1.9: the same visit by phone -> Tuesday 31 March."""
    assert latest_summons_date(_visit_on(date(2026, 4, 9), SummonsChannel.TELEFON),
                               CAL) == date(2026, 3, 31)


def test_the_latest_summons_ignores_vacation_when_the_visit_follows_the_summer_weeks():
    """§1.7: the kallelse rule ignores vacations: a visit Monday 3 August 2026 by phone ->
    Monday 27 July (inside ISO week 31)."""
    assert latest_summons_date(_visit_on(date(2026, 8, 3), SummonsChannel.TELEFON),
                               CAL) == date(2026, 7, 27)


def test_fks_answer_date_is_flagged_soon_then_overdue_when_nobody_is_assigned():
    """§1.8: in phase FORFRAGAN, FK's date (Wednesday 4 March) within 2 business days of
    Monday 2 March is soon; on Thursday 5 March it is overdue."""
    inv = fmu.asked(date(2026, 3, 2), fk_answer_by=date(2026, 3, 4))
    assert overdue(inv.facts, date(2026, 3, 2), CAL) == Overdue(fk_answer_soon=True)
    assert overdue(inv.facts, date(2026, 3, 5), CAL) == Overdue(fk_answer_overdue=True)


def test_the_utlatande_is_flagged_soon_then_overdue_when_its_last_date_nears_and_passes():
    """§1.8: last date Friday 24 April 2026: soon from Friday 17 April (not Thursday 16),
    overdue on Monday 27 April while not received."""
    inv = fmu.ordered(date(2026, 3, 2), date(2026, 4, 24))
    assert overdue(inv.facts, date(2026, 4, 16), CAL) == Overdue()
    assert overdue(inv.facts, date(2026, 4, 17), CAL) == Overdue(statement_soon=True)
    assert overdue(inv.facts, date(2026, 4, 27), CAL) == Overdue(statement_overdue=True)


def test_the_complement_is_flagged_until_sent_when_its_last_date_nears():
    """§1.8: complement due Tuesday 12 May 2026: soon on Tuesday 5 May, overdue on Wednesday
    13 May; no flag once sent."""
    inv = fmu.complement_requested()
    assert overdue(inv.facts, date(2026, 5, 5), CAL) == Overdue(complement_soon=True)
    assert overdue(inv.facts, date(2026, 5, 13), CAL) == Overdue(complement_overdue=True)
    inv.send_complement(sent_on=date(2026, 5, 13), unit=fmu.UNIT,
                        now=fmu.at(date(2026, 5, 13)), by=fmu.VARDADMIN)
    assert overdue(inv.facts, date(2026, 5, 13), CAL) == Overdue()


def test_the_job_ends_a_received_case_when_the_complement_window_closed_and_no_visit_is_booked():
    """§1.8 Avsluta: UTLATANDE_MOTTAGET, last complement-request day 5 May passed, no visit
    BOKAT -> closable on 6 May, not on 5 May; with a visit booked never."""
    assert not closable_by_job(fmu.received_case().facts, date(2026, 5, 5))
    assert closable_by_job(fmu.received_case().facts, date(2026, 5, 6))
    assert not closable_by_job(fmu.received_case(second_visit_booked=True).facts,
                               date(2026, 5, 6))
