"""The transitions on visits of an investigation (ORDERS.md §1.4 #10-#14), mixed into
``Investigation``."""

from __future__ import annotations

from datetime import date, datetime

from domain.orders.fmu import guards
from domain.orders.fmu.codes import AssessmentKind, CausedBy, Profession, SummonsChannel, Tolk
from domain.orders.fmu.errors import (
    ExtendedLastDateRequiredError,
    VisitAlreadyBookedError,
    VisitAlreadyReportedError,
)
from domain.orders.fmu.facts import VisitBooking
from domain.orders.fmu.steps import FK, VA, Steps


def _iso(day: date) -> str:
    return day.isoformat()


class VisitSteps(Steps):
    """#10-#14: book, reschedule, deviations from FK and from care, cancel, report held."""

    def book_visit(self, *, booking: VisitBooking, unit: str, now: datetime, by: str,
                   extended_last_date: date | None = None) -> None:
        """#10: book a visit; for an AFU a non-LK profession makes it AFU_UTVIDGAD with the
        last date FK answered UpdateAssessment with."""
        self._check_visiting(unit, now)
        if self.facts.visit(booking.visit_id) is not None:
            raise VisitAlreadyBookedError(f"Visit {booking.visit_id} is booked already.")
        extends = (self.facts.kind is AssessmentKind.AFU
                   and booking.profession is not Profession.LK)
        if extends and extended_last_date is None:
            raise ExtendedLastDateRequiredError("FK's new last date is required.")
        self._record("VisitBooked", **booking.as_data(), at=now, actor=VA, by=by)
        if extends and extended_last_date is not None:
            self._record("AssessmentExtended", kind=AssessmentKind.AFU_UTVIDGAD.value,
                         last_date=_iso(extended_last_date), at=now, actor=FK, by=by)

    def reschedule_visit(self, *, visit_id: str, start: datetime, end: datetime,
                         summons_channel: SummonsChannel, summoned_on: date, unit: str,
                         now: datetime, by: str) -> None:
        """#10, a time change: OMBOKAT."""
        self._check_visiting(unit, now)
        if not guards.existing_visit(self.facts, visit_id).booked:
            raise VisitAlreadyReportedError(f"Visit {visit_id} is closed.")
        self._record("VisitRescheduled", visit_id=visit_id, start=start, end=end,
                     summons_channel=summons_channel.value,
                     summoned_on=_iso(summoned_on), at=now, actor=VA, by=by)

    def receive_deviation(self, *, visit_id: str, deviation_id: str, caused_by: CausedBy,
                          deviation_at: datetime, citizen_failed_to_arrive: bool,
                          now: datetime, by: str) -> None:
        """#11 ReportDeviation from FK: TA_FEL05 for an unknown visit."""
        guards.existing_visit(self.facts, visit_id)
        guards.require_status("A deviation", self.status_at(now), guards.VISITING)
        self._record("DeviationReceived", visit_id=visit_id, deviation_id=deviation_id,
                     caused_by=caused_by.value, deviation_at=deviation_at,
                     citizen_failed_to_arrive=citizen_failed_to_arrive, at=now,
                     actor=FK, by=by)

    def report_deviation(self, *, visit_id: str, deviation_id: str, caused_by: CausedBy,
                         deviation_at: datetime, citizen_failed_to_arrive: bool, unit: str,
                         now: datetime, by: str) -> None:
        """#12: care reports a deviation (ReportDeviation out)."""
        self._check_visiting(unit, now)
        guards.existing_visit(self.facts, visit_id)
        self._record("DeviationReported", visit_id=visit_id, deviation_id=deviation_id,
                     caused_by=caused_by.value, deviation_at=deviation_at,
                     citizen_failed_to_arrive=citizen_failed_to_arrive, at=now,
                     actor=VA, by=by)

    def cancel_visit(self, *, visit_id: str, unit: str, now: datetime, by: str) -> None:
        """#13: INSTALLD after FK's deviation, or (quirk 3) once FK has ended the case."""
        guards.require_assigned_unit(self.facts, unit)
        visit = guards.existing_visit(self.facts, visit_id)
        guards.check_cancellable(self.status_at(now), visit)
        self._record("VisitCancelled", visit_id=visit_id, at=now, actor=VA, by=by)

    def report_visit_held(self, *, visit_id: str, tolk: Tolk | None, unit: str,
                          now: datetime, by: str) -> None:
        """#14: AVSLUTAD_VARDKONTAKT, the interpreter reported where one was booked."""
        guards.require_assigned_unit(self.facts, unit)
        visit = guards.existing_visit(self.facts, visit_id)
        guards.check_visit_reportable(self.facts, self.status_at(now), visit,
                                      tolk in (Tolk.DELTAGIT, Tolk.EJ_DELTAGIT))
        self._record("VisitHeld", visit_id=visit_id,
                     tolk=None if tolk is None else tolk.value, at=now, actor=VA, by=by)

    def _check_visiting(self, unit: str, now: datetime) -> None:
        guards.require_status("Visits", self.status_at(now), guards.VISITING)
        guards.require_assigned_unit(self.facts, unit)

