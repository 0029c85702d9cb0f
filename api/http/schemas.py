"""Request and response bodies of the HTTP API (camelCase on the wire)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from domain.certificates.lifecycle import RevocationReason


class Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class PatientIn(Body):
    personnummer: str = Field(description="YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN")
    name: str = ""
    test_indicated: bool = False
    protected_identity: bool = False


class CareUnitIn(Body):
    """The issuing unit's contact details as printed on the certificate."""

    name: str = ""
    postal_address: str = ""
    postal_code: str = ""
    postal_town: str = ""
    phone: str = ""
    lan: str = Field(default="00", pattern=r"^(0[0-9]|1[0-9]|2[0-5])$")


class CreateDraftIn(Body):
    type: str = Field(examples=["lisjp"])
    patient: PatientIn
    care_unit: CareUnitIn = CareUnitIn()
    content: dict[str, Any] = Field(default_factory=dict)


class EditDraftIn(Body):
    version: int = Field(description="The version the edit is based on; stale means 409.")
    content: dict[str, Any]
    care_unit: CareUnitIn | None = None


class VersionIn(Body):
    version: int


class SendIn(Body):
    recipient: str = Field(examples=["FKASSA"])


class RevokeIn(Body):
    """Reason and text are required for every type except DB and DOI (TYPES.md §0.1)."""

    reason: RevocationReason | None = None
    text: str | None = None


class Ag7804In(Body):
    include_diagnosis: bool = Field(
        description="The patient's choice: pass the diagnosis on to the employer or not."
    )


class CommandOut(Body):
    id: UUID
    version: int
    position: int | None = Field(description="Log position written; null when nothing changed.")
    changed: bool
    state: str


class IssueOut(Body):
    question_id: str
    field: str
    code: str
    message: str


class ValidationOut(Body):
    complete: bool
    errors: list[IssueOut]


class StatusOut(Body):
    recipient: str
    kind: str
    at: datetime


class ChildOut(Body):
    id: UUID
    kind: str
    state: str


class CertificateOut(Body):
    id: UUID
    type: str
    type_version: int
    version: int
    state: str
    revoked: bool
    patient: dict[str, Any]
    care_unit: dict[str, Any]
    author: dict[str, Any]
    signer: dict[str, Any] | None
    created_at: datetime
    signed_at: datetime | None
    content: dict[str, Any]
    statuses: list[StatusOut]
    relation: dict[str, Any] | None
    children: list[ChildOut]
    allowed_actions: list[str]


class HistoryEventOut(Body):
    id: UUID
    version: int
    event: str
    at: datetime
    data: dict[str, Any]


class ProblemOut(BaseModel):
    """An RFC 9457 problem detail, as ``application/problem+json``; members may be added."""

    type: str = Field(examples=["/problems/not-found"])
    title: str
    status: int
    detail: str
    instance: str = Field(description="The path of the request.")
    errors: list[IssueOut] | None = Field(
        default=None, description="Each invalid field (422 only).")
