"""The wire contract of the FMU messages to the authority (ORDERS.md §1.10 outgoing), on the
topic ``intyg.fmu.to-authority.v1``: one pydantic model per message type, each with its
explicit type and schema version, never a serialised domain event.

Ids, codes and dates only, and what the national contract names: the coordinator's comment
when the region answers, the performer unit's contact details on an accept. No personnummer,
no name of a patient, no free text about one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

FMU_TYPE_PREFIX = "se.intyg.fmu."
FMU_SCHEMA_VERSION = 1


def fmu_ce_type(message: str) -> str:
    return f"{FMU_TYPE_PREFIX}{message}.v{FMU_SCHEMA_VERSION}"


class FmuEnvelope(BaseModel):
    """Fields every message to the authority has."""

    model_config = ConfigDict(extra="ignore")

    type: str
    schema_version: int
    message_id: UUID = Field(description="Deduplicate on it; equals the ce_id header.")
    assessment_id: UUID = Field(description="The investigation: FK's assessmentId.")
    at: datetime = Field(description="When the step was stored.")


class PerformerOut(BaseModel):
    """The unit that will do the investigation, as it named itself when accepting."""

    care_unit_id: str
    type: str
    name: str
    address: str
    postnummer: str
    postort: str
    email: str | None = None


class RespondToPerformerRequest(FmuEnvelope):
    type: Literal["se.intyg.fmu.RespondToPerformerRequest.v1"]
    response: Literal["ACCEPTERAT", "AVVISAT"]
    comment: str | None = None
    performer: PerformerOut | None = None


class ReportCareContact(FmuEnvelope):
    """On booking, rescheduling, cancelling and reporting a visit."""

    type: Literal["se.intyg.fmu.ReportCareContact.v1"]
    care_contact_id: str
    profession: str
    interpreter_status: str | None
    invitation_date: date
    invitation_channel: str
    start: datetime
    end: datetime
    visit_status: Literal["TIDBOKAD", "INSTALLD", "AVSLUTAD"]
    visit_status_code: str = Field(description="TIDBOKAD 53631000052103, INSTALLD "
                                               "53641000052109, AVSLUTAD 53671000052101")


class ReportDeviation(FmuEnvelope):
    """A deviation at a visit reported by care."""

    type: Literal["se.intyg.fmu.ReportDeviation.v1"]
    care_contact_id: str
    deviation_id: str
    caused_by: Literal["VARDEN", "PATIENT"]
    deviation_time: datetime
    citizen_failed_to_arrive: bool


class UpdateAssessment(FmuEnvelope):
    """An AFU became AFU_UTVIDGAD; ``last_date`` is the one FK answered with."""

    type: Literal["se.intyg.fmu.UpdateAssessment.v1"]
    certificate_type: str
    last_date: date


class CertificateSent(FmuEnvelope):
    """The utlåtande was sent."""

    type: Literal["se.intyg.fmu.CertificateSent.v1"]
    sent_on: date


class SupplementSent(FmuEnvelope):
    """A komplettering was sent."""

    type: Literal["se.intyg.fmu.SupplementSent.v1"]
    supplement_request_id: str
    sent_on: date


FMU_MESSAGES: dict[str, type[FmuEnvelope]] = {
    model.__name__: model for model in (RespondToPerformerRequest, ReportCareContact,
                                        ReportDeviation, UpdateAssessment, CertificateSent,
                                        SupplementSent)}


def fmu_wire(message: str, **fields: Any) -> dict[str, Any]:
    """A message's JSON value, checked against its model."""
    model = FMU_MESSAGES[message]
    value = {"type": fmu_ce_type(message), "schema_version": FMU_SCHEMA_VERSION, **fields}
    return model.model_validate(value).model_dump(mode="json")
