"""Request and response bodies of the HTTP API (camelCase on the wire)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from domain.certificates.lifecycle import RevocationReason
from domain.content.common.limits import TEXT_MOST

NAME_MOST, ADDRESS_MOST, CODE_MOST, ID_MOST = 255, 255, 50, 100
"""Bounds of the request fields without a national one: a name, an address line, a code (a
type, a recipient, a postal code, a phone number), an id. Content has its own (domain/content)."""
VERSION_MOST = 2**31 - 1  # an aggregate's version; far more events than one certificate gets
CONTENT_KEYS_MOST = 100  # more answers than any form has; the type's model refuses unknown keys


class Body(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


SHOWN_STATE = ("DRAFT_INCOMPLETE, DRAFT_COMPLETE, DRAFT_LOCKED, SIGNED, DISCARDED, or REVOKED "
               "once the certificate is revoked (makulerat; `revoked` is then true as well).")


class PatientIn(Body):
    personnummer: str = Field(max_length=CODE_MOST,
                              description="YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN")
    name: str = Field(default="", max_length=NAME_MOST)
    test_indicated: bool = False
    protected_identity: bool = False


class CareUnitIn(Body):
    """The issuing unit's contact details as printed on the certificate."""

    name: str = Field(default="", max_length=NAME_MOST)
    postal_address: str = Field(default="", max_length=ADDRESS_MOST)
    postal_code: str = Field(default="", max_length=CODE_MOST)
    postal_town: str = Field(default="", max_length=ADDRESS_MOST)
    phone: str = Field(default="", max_length=CODE_MOST)
    lan: str = Field(default="00", max_length=2, pattern=r"^(0[0-9]|1[0-9]|2[0-5])$")


class CreateDraftIn(Body):
    type: str = Field(max_length=CODE_MOST, examples=["lisjp"])
    patient: PatientIn
    care_unit: CareUnitIn = CareUnitIn()
    content: dict[str, Any] = Field(default_factory=dict, max_length=CONTENT_KEYS_MOST)


class EditDraftIn(Body):
    version: int = Field(ge=0, le=VERSION_MOST,
                         description="The version the edit is based on; stale means 409.")
    content: dict[str, Any] = Field(max_length=CONTENT_KEYS_MOST)
    care_unit: CareUnitIn | None = None


class VersionIn(Body):
    version: int = Field(ge=0, le=VERSION_MOST)


class SendIn(Body):
    recipient: str = Field(max_length=CODE_MOST, examples=["FKASSA"])


class RevokeIn(Body):
    """Reason and text are required for every type except DB and DOI (TYPES.md §0.1)."""

    reason: RevocationReason | None = None
    text: str | None = Field(default=None, max_length=TEXT_MOST)


class Ag7804In(Body):
    include_diagnosis: bool = Field(
        description="The patient's choice: pass the diagnosis on to the employer or not."
    )


class CommandOut(Body):
    id: UUID
    version: int
    position: int | None = Field(description="Log position written; null when nothing changed.")
    changed: bool
    state: str = Field(description=SHOWN_STATE)


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
    state: str = Field(description=SHOWN_STATE)
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
    code: str | None = Field(
        default=None, description="The national error code where the refused message has one "
                                  "(FMU: TA_FEL01-14, GTA_FEL05, ALREADY_EXISTS).")


class PublishedKeyOut(BaseModel):
    """One public key of the ledger, current or retired."""

    algorithm: str = Field(examples=["Ed25519"])
    public_key: str = Field(description="Base64 of the key's 32 raw bytes.")
    key_id: str = Field(description="First 16 hex digits of SHA-256 of the raw key; every "
                                    "digest names the key that signed it.")
    current: bool = Field(description="The key that signs new digests; a retired key only "
                                      "checks the digests it signed before a rotation.")


class DigestKeyOut(BaseModel):
    """The public key of the ledger's signed digests (the current one), and every key a digest
    may name (``keys``: the current one first, then the retired ones)."""

    algorithm: str = Field(examples=["Ed25519"])
    public_key: str = Field(description="Base64 of the key's 32 raw bytes.")
    key_id: str = Field(description="First 16 hex digits of SHA-256 of the raw key; every "
                                    "digest names the key that signed it.")
    keys: list[PublishedKeyOut] = Field(description="Every key a digest may name: check a "
                                        "digest with the key of its `key_id`.")


class SignedDigestOut(BaseModel):
    """A signed digest: Ed25519 over ``intyg-ledger-digest-v1\\n`` and the other fields as
    compact JSON with sorted keys."""

    digest: int = Field(description="Its number; digests are numbered from 1 without gaps.")
    tree_size: int = Field(description="How many stored events (leaves) it covers.")
    last_position: int = Field(description="The log position of its last leaf.")
    root: str = Field(description="The Merkle root, hex (RFC 6962 hashing).")
    signed_at: str
    key_id: str
    signature: str = Field(description="Base64 Ed25519 signature.")


class ProvenEventOut(BaseModel):
    """One stored event row as it is now, and its audit path to the digest's root."""

    leaf_index: int
    missing: bool = Field(description="True when the row is gone from the store.")
    position: int
    aggregate_id: str
    version: int
    topic: str
    state_sha256: str = Field(description="SHA-256 (hex) of the stored bytes, as they rest.")
    audit_path: list[str] = Field(description="Sibling hashes, hex, from the leaf upwards.")


class ProofOut(BaseModel):
    """An inclusion proof, kept in the snake_case form that ``intyg verify-proof`` checks: save
    the body as it comes."""

    format: str = Field(examples=["intyg-ledger-proof-v1"])
    aggregate_id: str
    digest: SignedDigestOut | None = Field(description="The latest signed digest; null before "
                                                       "the first one.")
    events: list[ProvenEventOut]
    pending: int = Field(description="Events of the certificate no digest covers yet.")
