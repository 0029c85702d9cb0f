"""The investigation's status, phase and next actor, and the status of each internal request
and visit: pure functions of the facts and today's date, never stored (ORDERS.md §1.3, §1.5).

The status depends on the clock: once the last day for a complement request has passed, a
received utlåtande is no longer UTLATANDE_MOTTAGET but REDOVISA_BESOK while a visit is still
booked. The resolution order is the national service's; the first rule that matches wins.
"""

from __future__ import annotations

from datetime import date

from domain.orders.fmu.codes import (
    Actor,
    Answer,
    DocumentKind,
    EndReason,
    Phase,
    RequestStatus,
    Status,
    VisitStatus,
)
from domain.orders.fmu.facts import Facts, InternalRequest, Statement, Visit

S = Status
CANCELLING_REASONS = frozenset({EndReason.UTREDNING_AVBRUTEN, EndReason.JAV,
                                EndReason.INGEN_BESTALLNING})


def resolve_status(facts: Facts, today: date) -> Status:
    """§1.3 resolution order: ended, no order, the original only, all received, complement."""
    if facts.ended_reason in CANCELLING_REASONS:
        return S.AVBRUTEN
    if not facts.ordered:
        return _before_order(facts)
    if len(facts.statements) == 1:
        original = facts.statements[0]
        if original.received_on is None or _complement_window_open(original, today):
            return _investigating(facts, original, today)
    if all(s.received_on is not None for s in facts.statements):
        return _all_received(facts)
    return _complementing(facts.statements[-1])


def _before_order(facts: Facts) -> Status:
    if facts.rejected:
        return S.AVVISAD
    if not facts.requests:
        return S.FORFRAGAN_INKOMMEN
    accepted = [r for r in facts.requests if r.answer is Answer.ACCEPTERA]
    if any(r.unit == facts.assigned_unit for r in accepted):
        return S.TILLDELAD_VANTAR_PA_BESTALLNING
    return S.TILLDELA_UTREDNING if accepted else S.VANTAR_PA_SVAR


def _complement_window_open(statement: Statement, today: date) -> bool:
    deadline = statement.complement_deadline
    return deadline is not None and deadline >= today


def _investigating(facts: Facts, original: Statement, today: date) -> Status:
    if original.sent_on is not None and original.received_on is None:
        return S.UTLATANDE_SKICKAT
    if original.received_on is not None:
        return S.UTLATANDE_MOTTAGET
    if any(not v.cancelled and any(d.from_fk for d in v.deviations) for v in facts.visits):
        return S.AVVIKELSE_MOTTAGEN
    update_pending = any(d.kind is DocumentKind.UPPDATERING and d.received_on is None
                         for d in facts.documents)
    if not facts.visits:
        if not any(d.received_on is not None for d in facts.documents):
            return (S.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR if facts.updated_at is None
                    else S.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR)
        return (S.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR if update_pending
                else S.HANDLINGAR_MOTTAGNA_BOKA_BESOK)
    # INTYG-6747: a pending updated delivery wins even when visits are booked.
    return S.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR if update_pending else S.UTREDNING_PAGAR


def _all_received(facts: Facts) -> Status:
    any_booked = any(v.booked for v in facts.visits)
    if facts.ended_reason is EndReason.INGEN_KOMPLETTERING_BEGARD and not any_booked:
        return S.AVSLUTAD
    if any_booked:
        return S.REDOVISA_BESOK
    return S.KOMPLETTERING_MOTTAGEN if facts.complements else S.UTLATANDE_MOTTAGET


def _complementing(latest: Statement) -> Status:
    if latest.sent_on is None:
        return (S.KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING
                if latest.questions_received_on is None
                else S.KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN)
    return S.KOMPLETTERING_SKICKAD if latest.received_on is None else S.KOMPLETTERING_MOTTAGEN


PHASES: dict[Phase, frozenset[Status]] = {
    Phase.FORFRAGAN: frozenset({S.FORFRAGAN_INKOMMEN, S.VANTAR_PA_SVAR, S.TILLDELA_UTREDNING,
                                S.TILLDELAD_VANTAR_PA_BESTALLNING}),
    Phase.UTREDNING: frozenset({
        S.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR, S.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR,
        S.HANDLINGAR_MOTTAGNA_BOKA_BESOK, S.UTREDNING_PAGAR, S.AVVIKELSE_MOTTAGEN,
        S.UTLATANDE_SKICKAT, S.UTLATANDE_MOTTAGET}),
    Phase.KOMPLETTERING: frozenset({
        S.KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING,
        S.KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN, S.KOMPLETTERING_SKICKAD,
        S.KOMPLETTERING_MOTTAGEN}),
    Phase.REDOVISA_BESOK: frozenset({S.REDOVISA_BESOK}),
    Phase.AVSLUTAD: frozenset({S.AVVISAD, S.AVBRUTEN, S.AVSLUTAD}),
}
_FK, _VA, _SA, _UT = Actor.FK, Actor.VARDADMIN, Actor.SAMORDNARE, Actor.UTREDARE
NEXT_ACTOR: dict[Status, Actor] = {
    S.FORFRAGAN_INKOMMEN: _SA, S.VANTAR_PA_SVAR: _VA, S.TILLDELA_UTREDNING: _SA,
    S.TILLDELAD_VANTAR_PA_BESTALLNING: _FK, S.BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR: _FK,
    S.UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR: _FK, S.HANDLINGAR_MOTTAGNA_BOKA_BESOK: _VA,
    S.UTREDNING_PAGAR: _UT, S.AVVIKELSE_MOTTAGEN: _VA, S.UTLATANDE_SKICKAT: _FK,
    S.UTLATANDE_MOTTAGET: _FK, S.KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING: _FK,
    S.KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN: _UT, S.KOMPLETTERING_SKICKAD: _FK,
    S.KOMPLETTERING_MOTTAGEN: _FK, S.REDOVISA_BESOK: _VA,
    S.AVVISAD: Actor.NONE, S.AVBRUTEN: Actor.NONE, S.AVSLUTAD: Actor.NONE,
}


def phase_of(status: Status) -> Phase:
    return next(phase for phase, statuses in PHASES.items() if status in statuses)


def next_actor(status: Status) -> Actor:
    return NEXT_ACTOR[status]


def request_status(facts: Facts, request: InternalRequest) -> RequestStatus:
    """§1.5 InternFörfrågan, in the national resolver's order."""
    if facts.rejected:
        return (RequestStatus.AVVISAD if request.answer is Answer.AVBOJ
                else RequestStatus.EJ_TILLDELAD)
    if request.answer is None:
        return RequestStatus.INKOMMEN
    if request.answer is Answer.AVBOJ:
        return RequestStatus.AVVISAD
    if facts.assigned_unit is None:
        return (RequestStatus.DIREKTTILLDELAD if request.direct
                else RequestStatus.ACCEPTERAD_VANTAR_PA_TILLDELNINGSBESLUT)
    if facts.assigned_unit != request.unit:
        return RequestStatus.EJ_TILLDELAD
    if facts.ended_reason is EndReason.INGEN_BESTALLNING:
        return RequestStatus.INGEN_BESTALLNING
    return (RequestStatus.BESTALLD if facts.ordered
            else RequestStatus.TILLDELAD_VANTAR_PA_BESTALLNING)


def visit_status(visit: Visit) -> VisitStatus:
    """§1.5 Besök: held, then a no-show, then the visit's latest change, else BOKAT."""
    if visit.held:
        return VisitStatus.GENOMFORT
    if any(d.citizen_failed_to_arrive for d in visit.deviations):
        return VisitStatus.INVANARE_UTEBLEV
    return VisitStatus(visit.changes[-1]) if visit.changes else VisitStatus.BOKAT
