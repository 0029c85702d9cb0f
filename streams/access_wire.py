"""The published contract of the access-log topic (``<prefix>intyg.access-log.v1``, values
built by ``streams.access_log``): JSON Schemas of its three messages, for the AsyncAPI document.
Ids, codes and blind indexes only; never a personnummer."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from streams.access_log import ACCESS_TYPE, FORGOTTEN_TYPE

UUID_TEXT = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
BLIND_INDEX = "^[0-9a-f]{64}$"
ACCESS_TYPE_V1 = "se.intyg.access.PatientDataRead.v1"


class Reader(BaseModel):
    """Who read, as the token said."""

    model_config = ConfigDict(extra="forbid", title="Reader")

    role: str = Field(description="The reader's role (care staff, recipient, audit officer, "
                                  "citizen).")
    hsa_id: str = Field(description="Staff's or an audit officer's HSA id, a recipient "
                                    "system's id, or empty for the citizen.")
    care_unit: str = Field(description="The care unit they acted for, or empty.")
    care_giver: str = Field(description="The care giver they acted for, or empty.")


class _Read(BaseModel):
    id: str = Field(pattern=UUID_TEXT, description="The entry's id: equals the key.")
    at: str = Field(json_schema_extra={"format": "date-time"}, description="When it was read.")
    reader: Reader
    patients: list[str] = Field(description="Whose data: each patient's blind index (HMAC-"
                                "SHA256 of the normalised personnummer, hex), sorted.",
                                json_schema_extra={"items": {"type": "string",
                                                             "pattern": BLIND_INDEX}})
    what: str = Field(description="The route read: method and path template.")
    certificate_ids: list[str] = Field(json_schema_extra={"items": {
        "type": "string", "pattern": UUID_TEXT}})
    reason: str | None = Field(description="Why, where known.")


class PatientDataReadV2(_Read):
    """Someone read patient data (every entry stored from the compact entries on)."""

    model_config = ConfigDict(extra="forbid", title="PatientDataRead.v2")

    type: Literal["se.intyg.access.PatientDataRead.v2"]
    schema_version: Literal[2]
    certificate_count: int = Field(ge=0, description="How many certificates the read showed.")


class PatientDataReadV1(_Read):
    """Someone read patient data, as published before version 2 (every certificate id)."""

    model_config = ConfigDict(extra="forbid", title="PatientDataRead.v1")

    type: Literal["se.intyg.access.PatientDataRead.v1"]
    schema_version: Literal[1]


class PatientForgottenV1(BaseModel):
    """A patient was forgotten: their data key destroyed (crypto-shredding)."""

    model_config = ConfigDict(extra="forbid", title="PatientForgotten.v1")

    type: Literal["se.intyg.access.PatientForgotten.v1"]
    schema_version: Literal[1]
    id: str = Field(pattern=UUID_TEXT, description="The forgetting's id: equals the key.")
    at: str = Field(json_schema_extra={"format": "date-time"}, description="When decided.")
    patient: str = Field(pattern=BLIND_INDEX, description="The patient's blind index (hex).")
    reason: Literal["gallring", "raderingsbeslut"] = Field(
        description="gallring: the retention time ended; raderingsbeslut: an erasure decision.")
    by: str = Field(description="Who decided: an HSA id.")


ACCESS_MESSAGES: dict[str, type[BaseModel]] = {
    ACCESS_TYPE: PatientDataReadV2, ACCESS_TYPE_V1: PatientDataReadV1,
    FORGOTTEN_TYPE: PatientForgottenV1}


def access_schema(ce_type: str) -> dict[str, Any]:
    return ACCESS_MESSAGES[ce_type].model_json_schema()
