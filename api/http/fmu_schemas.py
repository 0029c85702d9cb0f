"""Request and response bodies of the FMU routes (ORDERS.md §1.10 names for the authority's
messages). Every string and list is bounded; times carry their offset."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, Field, model_validator

from api.http.bounds import EARLIEST, LATEST, BoundedDate
from api.http.schemas import ADDRESS_MOST, CODE_MOST, ID_MOST, NAME_MOST, Body
from domain.orders.fmu.codes import (
    Answer,
    AssessmentKind,
    CausedBy,
    EndReason,
    Profession,
    SummonsChannel,
    Tolk,
)
from domain.orders.fmu.performer import PerformerType

UNITS_MOST = 50
COMMENT_MOST = 4000
HsaId = Annotated[str, Field(min_length=1, max_length=ID_MOST, pattern=r"^[A-Za-z0-9\-.]+$")]
VISIT_ID = {"min_length": 1, "max_length": ID_MOST, "pattern": r"^[A-Za-z0-9\-_.]+$"}
LocalId = Annotated[str, Field(**VISIT_ID)]


def _in_calendar(moment: datetime) -> datetime:
    if not EARLIEST <= moment.date() <= LATEST:
        raise ValueError(f"Times must be from {EARLIEST.year} to {LATEST.year}.")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_in_calendar)]


# --- from the authority (§1.10 incoming) ---------------------------------------------------
class AssessmentRequestIn(Body):
    """RequestPerformerForAssessment: the fields the investigation keeps."""

    certificate_type: AssessmentKind
    coordinating_county_council_id: str = Field(max_length=ID_MOST)
    last_response_date: BoundedDate | None = None


class CitizenIn(Body):
    personnummer: str = Field(max_length=CODE_MOST, description="Normalised to 12 digits "
                              "(else GTA_FEL05); shown to the assigned unit only, each read "
                              "access-logged.")


class OrderIn(Body):
    """OrderAssessment: with ``assessmentId`` the order of a request; without it (AF) a new
    investigation ordered directly, for ``coordinatingCountyCouncilId``."""

    assessment_id: UUID | None = None
    certificate_type: AssessmentKind
    care_unit_id: str = Field(max_length=ID_MOST)
    last_date_for_certificate_receival: BoundedDate | None = None
    citizen: CitizenIn
    documents_by_post: bool = False
    interpreter_needed: bool = False
    coordinating_county_council_id: str | None = Field(default=None, max_length=ID_MOST)


class OrderUpdateIn(Body):
    """UpdateOrder: a partial update; something must change (TA_FEL10)."""

    comment: str | None = Field(default=None, max_length=COMMENT_MOST)
    documents_by_post: bool = False
    last_date_for_certificate_receival: BoundedDate | None = None
    interpreter_needed: bool | None = None
    interpreter_language: str | None = Field(default=None, max_length=CODE_MOST)


class DeviationIn(Body):
    """ReportDeviation, from the authority or from care."""

    care_contact_id: LocalId
    caused_by: CausedBy
    deviation_time: Moment
    citizen_failed_to_arrive: bool = False


class CertificateReceiptIn(Body):
    received_date: BoundedDate
    last_date_for_supplement_request: BoundedDate


class SupplementRequestIn(Body):
    last_date_for_supplement_receival: BoundedDate | None = None


class SupplementReceiptIn(Body):
    supplement_request_id: str = Field(max_length=ID_MOST)
    received_date: BoundedDate
    last_date_for_supplement_request: BoundedDate


class EndAssessmentIn(Body):
    ending_condition: EndReason = EndReason.UTREDNING_AVBRUTEN


# --- from care ---------------------------------------------------------------------------
class UnitsIn(Body):
    units: list[HsaId] = Field(min_length=1, max_length=UNITS_MOST)


class UnitIn(Body):
    unit: HsaId


class CommentIn(Body):
    comment: str | None = Field(default=None, max_length=COMMENT_MOST)


class PerformerIn(Body):
    type: PerformerType
    name: str = Field(max_length=NAME_MOST)
    address: str = Field(max_length=ADDRESS_MOST)
    postnummer: str = Field(max_length=CODE_MOST)
    postort: str = Field(max_length=NAME_MOST)
    starts_on: BoundedDate
    email: str | None = Field(default=None, max_length=NAME_MOST)


class AnswerIn(Body):
    answer: Answer
    comment: str | None = Field(default=None, max_length=COMMENT_MOST)
    performer: PerformerIn | None = None


class DayIn(Body):
    day: BoundedDate


class _VisitTimes(Body):
    start: Moment
    end: Moment

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> _VisitTimes:
        if self.end <= self.start:
            raise ValueError("A visit ends after it starts.")
        return self


class VisitIn(_VisitTimes):
    visit_id: LocalId
    profession: Profession
    summons_channel: SummonsChannel
    summoned_on: BoundedDate
    tolk: Tolk | None = None
    extended_last_date: BoundedDate | None = Field(
        default=None, description="FK's new last date (UpdateAssessment's reply), required "
                                  "when a non-LK visit extends an AFU")


class RescheduleIn(_VisitTimes):
    summons_channel: SummonsChannel
    summoned_on: BoundedDate


class VisitHeldIn(Body):
    tolk: Tolk | None = None


class PaymentIdIn(Body):
    value: str = Field(min_length=1, max_length=ID_MOST)
