"""Builders for FMU investigations (ORDERS.md §1): an investigation brought to a given step
with concrete dates, the performer, a visit booking, and the history the notification
function reads. Every time is 09:00 UTC (10:00 or 11:00 in Sweden, the same date)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

from domain.orders.calendar import BusinessCalendar
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import (
    Actor,
    Answer,
    AssessmentKind,
    Profession,
    SummonsChannel,
    Tolk,
)
from domain.orders.fmu.facts import VisitBooking
from domain.orders.fmu.investigation import Investigation
from domain.orders.fmu.performer import Performer, PerformerType
from domain.shared.privileges import Privilege

CALENDAR = BusinessCalendar()
LANDSTING = "SE2321000016-LT01"
UNIT = "SE2321000016-VE01"
OTHER_UNIT = "SE2321000016-VE02"
FK_SYSTEM = "FKASSA"
SAMORDNARE = "SE2321000016-SA01"
VARDADMIN = "SE2321000016-VA01"


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def performer(starts_on: date, **changes: Any) -> Performer:
    fields: dict[str, Any] = {"type": PerformerType.ENHET, "name": "Utredningsenheten",
                              "address": "Storgatan 1", "postnummer": "11122",
                              "postort": "Stockholm", "starts_on": starts_on,
                              "email": "fmu@example.org"}
    return Performer(**{**fields, **changes})


def requested(day: date, *, kind: AssessmentKind = AssessmentKind.AFU,
              fk_answer_by: date | None = None) -> Investigation:
    return Investigation.receive_request(id=uuid4(), kind=kind, landsting=LANDSTING,
                                         fk_answer_by=fk_answer_by, now=at(day), by=FK_SYSTEM)


def asked(day: date, units: tuple[str, ...] = (UNIT,), **kw: Any) -> Investigation:
    inv = requested(day, **kw)
    inv.ask_units(units=units, now=at(day), by=SAMORDNARE, calendar=CALENDAR)
    return inv


def assigned(day: date, **kw: Any) -> Investigation:
    inv = asked(day, **kw)
    inv.answer_request(unit=UNIT, answer=Answer.ACCEPTERA, comment=None,
                       performer=performer(day), now=at(day), by=VARDADMIN)
    inv.assign(unit=UNIT, now=at(day), by=SAMORDNARE)
    return inv


def ordered(day: date, last_date: date, *, documents_by_post: bool = True,
            **kw: Any) -> Investigation:
    inv = assigned(day, **kw)
    inv.receive_order(unit=UNIT, last_date=last_date, documents_by_post=documents_by_post,
                      interpreter_needed=False, now=at(day), by=FK_SYSTEM)
    return inv


def booking(visit_id: str, start: datetime, summoned_on: date, *,
            channel: SummonsChannel = SummonsChannel.BREV, profession: Profession = Profession.LK,
            tolk: Tolk | None = None) -> VisitBooking:
    return VisitBooking(visit_id=visit_id, start=start, end=start.replace(hour=start.hour + 1),
                        profession=profession, summons_channel=channel,
                        summoned_on=summoned_on, tolk=tolk)


def with_visit(day: date, last_date: date, visit_start: datetime, summoned_on: date,
               **kw: Any) -> Investigation:
    """Ordered without post on ``day``, one LK visit ``v1`` booked the same day."""
    inv = ordered(day, last_date, documents_by_post=False)
    inv.book_visit(booking=booking("v1", visit_start, summoned_on, **kw), unit=UNIT,
                   now=at(day), by=VARDADMIN)
    return inv


def statement_received(inv: Investigation, sent: date, received: date,
                       complement_deadline: date) -> Investigation:
    inv.send_statement(sent_on=sent, unit=UNIT, now=at(sent), by=VARDADMIN)
    inv.receive_statement_receipt(received_on=received, complement_deadline=complement_deadline,
                                  now=at(received), by=FK_SYSTEM)
    return inv


def history(inv: Investigation) -> list[tuple[str, Mapping[str, Any]]]:
    """The investigation's events so far (pending, not yet saved), as the notifier reads them."""
    return [(type(e).__name__, e.__dict__) for e in inv._pending_events]


def received_case(*, second_visit_booked: bool = False) -> Investigation:
    """Ordered Mon 2 March 2026 (last date 24 April), visit v1 on 16 March held, the utlåtande
    sent 20 April, received 21 April; complements may be requested until 5 May."""
    inv = with_visit(date(2026, 3, 2), date(2026, 4, 24), at(date(2026, 3, 16)),
                     date(2026, 3, 4))
    if second_visit_booked:
        inv.book_visit(booking=booking("v2", at(date(2026, 4, 1)), date(2026, 3, 20)),
                       unit=UNIT, now=at(date(2026, 3, 5)), by=VARDADMIN)
    inv.report_visit_held(visit_id="v1", tolk=None, unit=UNIT, now=at(date(2026, 3, 16)),
                          by=VARDADMIN)
    return statement_received(inv, date(2026, 4, 20), date(2026, 4, 21), date(2026, 5, 5))


def complement_requested(complement_id: str = "k1") -> Investigation:
    """``received_case`` and a complement requested on 28 April, due 12 May."""
    inv = received_case()
    inv.request_complement(complement_id=complement_id, last_date=date(2026, 5, 12),
                           now=at(date(2026, 4, 28)), by=FK_SYSTEM)
    return inv


def callers(unit: str = UNIT) -> dict[str, Caller]:
    """FK's system, the landsting's coordinator and the unit's vårdadmin, with their grants."""
    return {
        "fk": Caller(Actor.FK, FK_SYSTEM),
        "samordnare": Caller(Actor.SAMORDNARE, SAMORDNARE, LANDSTING,
                             frozenset({Privilege.FMU_SAMORDNARE})),
        "vardadmin": Caller(Actor.VARDADMIN, VARDADMIN, unit,
                            frozenset({Privilege.FMU_VARDADMIN})),
    }


def staff_token(settings: Any, hsa_id: str, unit: str, care_giver: str,
                grants: tuple[Privilege, ...] = (), **extra: Any) -> dict[str, str]:
    """The Authorization header of a care user's token carrying ``fmu_grants``."""
    import jwt

    from tests.factories import token_times

    claims = {"sub": hsa_id, "name": "Sam Ordnare", "role": "care_admin", "care_unit": unit,
              "care_giver": care_giver, "iss": settings.jwt_issuer,
              "fmu_grants": [g.value for g in grants], **token_times(), **extra}
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


REGION = "SE2321000016-G0001"  # the region: a coordinator's care giver is its landsting
REGION_UNIT = "SE2321000016-E0001"
OTHER_REGION = "SE2321000016-G0002"


def coordinator_auth(settings: Any, region: str = REGION) -> dict[str, str]:
    unit = f"{region.rsplit('-', 1)[0]}-E0000"  # any unit of the region
    return staff_token(settings, SAMORDNARE, unit, region, (Privilege.FMU_SAMORDNARE,))


def unit_auth(settings: Any, unit: str = REGION_UNIT, region: str = REGION) -> dict[str, str]:
    return staff_token(settings, VARDADMIN, unit, region, (Privilege.FMU_VARDADMIN,))


def assigned_through(investigations: Any, who: Mapping[str, Caller],
                     comment: str | None = None) -> Any:
    """An investigation taken through the ``Investigations`` application up to UnitAssigned:
    FK's AFU request (answer by 4 November 2026), UNIT asked, accepting (with ``comment``),
    assigned. Its id."""
    made = investigations.receive_request(who["fk"], kind=AssessmentKind.AFU,
                                          landsting=LANDSTING, fk_answer_by=date(2026, 11, 4))
    investigations.ask_units(made.id, who["samordnare"], [UNIT])
    investigations.answer_request(made.id, who["vardadmin"], Answer.ACCEPTERA, comment,
                                  performer(date(2026, 11, 2)))
    investigations.assign(made.id, who["samordnare"], UNIT)
    return made.id
