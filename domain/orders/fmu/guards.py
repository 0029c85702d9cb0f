"""The guard of every transition of ORDERS.md §1.4 and §1.6: pure checks on the facts and the
status that raise a named error (``domain.orders.fmu.errors``) or return nothing."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from domain.orders.fmu import errors
from domain.orders.fmu.codes import (
    Actor,
    EndReason,
    Phase,
    RequestStatus,
    Status,
    Tolk,
    VisitStatus,
)
from domain.orders.fmu.facts import Facts, Statement, Visit
from domain.orders.fmu.status import phase_of, request_status, visit_status

S = Status
ASKING = frozenset({S.FORFRAGAN_INKOMMEN, S.VANTAR_PA_SVAR, S.TILLDELA_UTREDNING})
ASSIGNING = frozenset({S.VANTAR_PA_SVAR, S.TILLDELA_UTREDNING})
VISITING = frozenset({
    S.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR, S.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR,
    S.HANDLINGAR_MOTTAGNA_BOKA_BESOK, S.UTREDNING_PAGAR, S.AVVIKELSE_MOTTAGEN})
COMPLEMENT_REQUESTABLE = frozenset({S.UTLATANDE_MOTTAGET, S.KOMPLETTERING_MOTTAGEN})
COMPLEMENT_OPEN = frozenset({S.KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING,
                             S.KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN})
COMPLEMENT_RECEIVABLE = COMPLEMENT_OPEN | {S.KOMPLETTERING_SKICKAD}
STILL_BOOKED = frozenset({VisitStatus.BOKAT, VisitStatus.OMBOKAT})

ENDINGS: dict[EndReason, tuple[frozenset[Actor], frozenset[Status]]] = {
    EndReason.INGEN_BESTALLNING: (frozenset({Actor.FK}),
                                  frozenset({S.TILLDELAD_VANTAR_PA_BESTALLNING})),
    EndReason.JAV: (frozenset({Actor.FK}), frozenset({
        S.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR, S.HANDLINGAR_MOTTAGNA_BOKA_BESOK,
        S.UTREDNING_PAGAR})),
    EndReason.UTREDNING_AVBRUTEN: (frozenset({Actor.FK}),
                                   frozenset({S.UTREDNING_PAGAR, S.AVVIKELSE_MOTTAGEN})),
    EndReason.INGEN_KOMPLETTERING_BEGARD: (frozenset({Actor.VARDADMIN, Actor.JOB}), frozenset({
        S.UTLATANDE_MOTTAGET, S.KOMPLETTERING_MOTTAGEN, S.REDOVISA_BESOK})),
}
"""§1.6: each reason, who may end with it, and from which statuses."""


def require_status(transition: str, status: Status, allowed: Collection[Status],
                   code: str | None = None) -> None:
    if status not in allowed:
        raise errors.InvestigationStatusError(transition, status.value, code)


def require_comment(comment: str | None, what: str) -> str:
    if comment is None or not comment.strip():
        raise errors.CommentRequiredError(f"{what} needs a comment.")
    return comment


def require_assigned_unit(facts: Facts, unit: str) -> None:
    """The acting unit (or the unit FK names) must be the tilldelad one."""
    if facts.assigned_unit != unit:
        raise errors.NotTheAssignedUnitError("Only the assigned care unit may do this.")


def new_units(facts: Facts, status: Status, units: Collection[str]) -> list[str]:
    """#2: the units not asked before, at least one, in a status that still asks."""
    require_status("Asking care units", status, ASKING)
    fresh = list(dict.fromkeys(u for u in units if facts.request_of(u) is None))
    if not fresh:
        raise errors.UnitAlreadyAskedError("Every unit given has been asked already.")
    return fresh


def check_answerable(facts: Facts, unit: str) -> None:
    """#4: only a request still INKOMMEN is answered, once."""
    request = facts.request_of(unit)
    if request is None:
        raise errors.InternalRequestNotFoundError(f"No internal request to unit {unit}.")
    if request_status(facts, request) is not RequestStatus.INKOMMEN:
        raise errors.RequestAlreadyAnsweredError(f"The request to unit {unit} is answered.")


def check_assignable(facts: Facts, status: Status, unit: str) -> None:
    """#5: the unit accepted (or was assigned directly) and nobody is tilldelad yet."""
    require_status("Assigning", status, ASSIGNING)
    request = facts.request_of(unit)
    ready = {RequestStatus.ACCEPTERAD_VANTAR_PA_TILLDELNINGSBESLUT, RequestStatus.DIREKTTILLDELAD}
    if request is None or request_status(facts, request) not in ready:
        raise errors.InvestigationStatusError("Assigning a unit that has not accepted",
                                              status.value)


def check_orderable(facts: Facts, status: Status, unit: str, last_date: date | None) -> date:
    """#7: TA_FEL13 unless assigned and not ordered, TA_FEL04 for another unit, TA_FEL07."""
    if facts.ordered:
        raise errors.InvestigationStatusError("A second order", status.value, "TA_FEL13")
    require_status("An order", status, {S.TILLDELAD_VANTAR_PA_BESTALLNING}, "TA_FEL13")
    require_assigned_unit(facts, unit)
    return require_last_date(last_date)


def require_last_date(last_date: date | None) -> date:
    if last_date is None:
        raise errors.LastDateRequiredError("A last date is required.")
    return last_date


def check_updatable(facts: Facts, status: Status, changes: int,
                    interpreter_needed: bool | None, interpreter_language: str | None) -> None:
    """#8: an ordered, open investigation; something changes; a language needs a tolk."""
    if phase_of(status) is Phase.AVSLUTAD or not facts.ordered:
        raise errors.InvestigationStatusError("Updating the order", status.value)
    if changes == 0:
        raise errors.NothingToUpdateError("No info to update.")
    needed = facts.interpreter_needed if interpreter_needed is None else interpreter_needed
    if interpreter_language and not needed:
        raise errors.InvestigationStatusError("An interpreter language without need",
                                              status.value, "TA_FEL10")


def check_documents_receivable(facts: Facts, status: Status) -> None:
    """#9: not in phase FORFRAGAN or AVSLUTAD, and a delivery is pending."""
    if phase_of(status) in (Phase.FORFRAGAN, Phase.AVSLUTAD):
        raise errors.InvestigationStatusError("Receiving documents", status.value)
    if all(d.received_on is not None for d in facts.documents):
        raise errors.NoPendingDocumentsError("No documents are expected.")


def existing_visit(facts: Facts, visit_id: str) -> Visit:
    visit = facts.visit(visit_id)
    if visit is None:
        raise errors.VisitNotFoundError(f"No visit {visit_id}.")
    return visit


def check_visit_reportable(facts: Facts, status: Status, visit: Visit,
                           tolk_reported: bool) -> None:
    """#14: the investigation is not ended, the visit not yet reported, a booked interpreter
    reported DELTAGIT or EJ_DELTAGIT."""
    if phase_of(status) is Phase.AVSLUTAD:
        raise errors.InvestigationStatusError("Reporting a visit", status.value)
    if not visit.booked:
        raise errors.VisitAlreadyReportedError(f"Visit {visit.visit_id} is reported already.")
    if visit.tolk is Tolk.BOKAT and not tolk_reported:
        raise errors.InterpreterReportRequiredError(
            "A booked interpreter must be reported DELTAGIT or EJ_DELTAGIT.")


def check_cancellable(status: Status, visit: Visit) -> None:
    """#13: a visit still booked after a deviation from FK (its status AVVIKELSE_MOTTAGEN, or
    INVANARE_UTEBLEV when FK reported a no-show: else the investigation would stay in
    AVVIKELSE_MOTTAGEN for good); and (quirk 3) any booked visit once FK has ended the case."""
    after_fk_deviation = visit.booked and any(d.from_fk for d in visit.deviations)
    after_fk_end = status is S.AVBRUTEN and visit.booked
    if not (after_fk_deviation or after_fk_end):
        raise errors.InvestigationStatusError("Cancelling a visit", status.value)


def check_complement_requestable(facts: Facts, status: Status, today: date) -> None:
    """#17: a received utlåtande or complement, and some complement window still open."""
    require_status("Requesting a complement", status, COMPLEMENT_REQUESTABLE)
    if not any(s.complement_deadline is None or s.complement_deadline >= today
               for s in facts.statements):
        raise errors.ComplementWindowClosedError("The last day to request a complement passed.")


def latest_complement(facts: Facts, complement_id: str | None = None) -> Statement:
    """The open complement (the latest); ``complement_id`` must name it when given."""
    complements = facts.complements
    if not complements or complement_id not in (None, complements[-1].statement_id):
        raise errors.ComplementNotFoundError("No such open complement request.")
    return complements[-1]


def check_endable(facts: Facts, status: Status, reason: EndReason, actor: Actor) -> None:
    """§1.6: once; by the reason's actor; from its statuses; INGEN_KOMPLETTERING_BEGARD only
    with no visit still BOKAT or OMBOKAT."""
    if facts.ended_reason is not None:
        raise errors.InvestigationAlreadyEndedError("The investigation has ended already.")
    actors, statuses = ENDINGS[reason]
    if actor not in actors:
        raise errors.InvestigationStatusError(f"Ending {reason.value} by {actor.value}",
                                              status.value)
    require_status(f"Ending {reason.value}", status, statuses)
    if reason is EndReason.INGEN_KOMPLETTERING_BEGARD and any(
            visit_status(v) in STILL_BOOKED for v in facts.visits):
        raise errors.VisitsStillBookedError("A visit is still booked.")
