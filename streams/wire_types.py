"""The typed parts of the published messages: patient, care unit, staff, relation, and the code
lists, each with a description and a classification a consumer can act on.

Readers stay tolerant (``extra="ignore"``, so an object may gain fields), and only what every
stored event has is required: an old event must still be published as it is. A code list is
published as a JSON Schema ``enum`` for documentation and validation downstream; at run time
the value stays a string, so the relay never stops on a code the contract has not listed yet
(the contract test over a demo run checks the lists against real messages).

Classification (the ``x-intyg-classification`` keyword) says what a field carries:
``patient-identity`` (personnummer, name), ``health-data`` (the certificate's content, question
and answer texts: free text about the patient), ``staff-identity`` (HSA ids and names of care
staff), or nothing for ids, codes and times. ``x-intyg-protection`` says how the field travels:
``clear``, or ``sealed``: encrypted under the patient's data key (a ``SealedValue``; the list is
``streams/sealing/fields.py``), so a reader without key access sees only ids, codes and times.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue

from domain.certificates.lifecycle import RelationKind, RevocationReason
from domain.questions.messages import Subject
from domain.shared.care import Role
from domain.shared.catalogue import CERTIFICATE_TYPES, RECIPIENTS
from domain.shared.staff_attributes import TITLES, TitleCode

PATIENT_IDENTITY = "patient-identity"
HEALTH_DATA = "health-data"
STAFF_IDENTITY = "staff-identity"
CLASSIFICATION = "x-intyg-classification"
PROTECTION = "x-intyg-protection"


def classified(kind: str) -> dict[str, Any]:
    return {CLASSIFICATION: kind, PROTECTION: "clear"}


def sealed(kind: str) -> dict[str, Any]:
    return {CLASSIFICATION: kind, PROTECTION: "sealed"}


def _code(values: list[str], description: str) -> Any:
    listed: list[JsonValue] = list(values)
    return Field(description=description, json_schema_extra={"enum": listed})


def _personal(kind: str, description: str) -> Any:
    return Field(description=description, json_schema_extra=classified(kind))


TYPE_IDS = sorted(CERTIFICATE_TYPES)
RECIPIENT_IDS = sorted(RECIPIENTS)
TypeId = Annotated[str, _code(TYPE_IDS, "Certificate type id (intygstyp) from the catalogue.")]
RecipientId = Annotated[str, _code(RECIPIENT_IDS, "Recipient id (mottagare), the catalogue's.")]
SubjectCode = Annotated[str, _code([s.value for s in Subject], "Subject (ämne) of a question.")]
RelationCode = Annotated[str, _code(
    [k.value for k in RelationKind],
    "How a child relates to its parent: ERSATT replaces, KOMPLT complements, FRLANG renews, "
    "KOPIA copies a locked draft, CREATED_FROM is made from it (LISJP to AG7804, DB to DOI).")]
ReasonCode = Annotated[str, _code(
    ["", *(r.value for r in RevocationReason)],
    "Revocation reason; empty for the types revoked without one (DB, DOI).")]
RoleCode = Annotated[str, _code([r.value for r in Role], "Role from the login.")]
HsaRef = Annotated[str, _personal(STAFF_IDENTITY, "HSA id of the care staff member.")]
SenderRef = Annotated[str, _personal(
    STAFF_IDENTITY, "HSA id of the staff member who sent it, or INVANA when the citizen did.")]
MessageText = Annotated[str, _personal(HEALTH_DATA, "Free text written about the patient.")]
PatientIdentity = Annotated[str, _personal(PATIENT_IDENTITY, "Identifies the patient.")]


class WireObject(BaseModel):
    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)  # no patient data


class Patient(WireObject):
    """The patient the certificate is about."""

    model_config = ConfigDict(json_schema_extra=classified(PATIENT_IDENTITY))

    personnummer: PatientIdentity = Field(
        description="Personnummer or samordningsnummer, 12 digits.")
    name: PatientIdentity = Field("", description="The patient's name on the certificate.")
    test_indicated: bool = Field(False, description="A test person (testindikerad): never "
                                 "sent, counted or messaged.")
    protected_identity: bool = Field(False, description="Sekretessmarkering.")


class CareUnit(WireObject):
    """The issuing care unit (vårdenhet) as written on the certificate."""

    hsa_id: str = Field(description="HSA id of the care unit.")
    care_giver_hsa_id: str = Field(description="HSA id of its care giver (vårdgivare).")
    name: str = ""
    postal_address: str = ""
    postal_code: str = ""
    postal_town: str = ""
    phone: str = ""
    lan: str = Field("00", description="County code 01-25 (00: unknown).",
                     json_schema_extra={"pattern": "^(0[0-9]|1[0-9]|2[0-5])$"})


class StaffAttributes(WireObject):
    """What HSA says of a signer beyond the login, each field only when known: staff data,
    clear (never patient data). On the signer of ``CertificateSigned``, added without a new
    schema version (docs/consumers.md, "Evolution rules")."""

    sex: Literal["F", "M"] | None = Field(None, description="The person's sex: F or M.")
    birth_year: int | None = Field(None, ge=1900, le=2100,
                                   description="The year of birth (never the date).")
    title: TitleCode | None = Field(
        None, description="Title (befattning): " + "; ".join(
            f"{code} = {name}" for code, name in TITLES.items()) + ".")


class Staff(WireObject):
    """A member of care staff. A certificate registered from another system names only the
    signer's HSA id and name."""

    model_config = ConfigDict(json_schema_extra=classified(STAFF_IDENTITY))

    hsa_id: str = Field(description="HSA id of the person.")
    name: str = ""
    role: RoleCode | None = None
    care_unit_hsa_id: str | None = None
    care_giver_hsa_id: str | None = None
    attributes: StaffAttributes | None = Field(
        None, description="The signer's HSA attributes known at signing (optional).")


class Relation(WireObject):
    """What a draft was made from: its parent certificate and how; a renewal may carry facts
    of the parent (for example ``parent_last_period_end``)."""

    model_config = ConfigDict(extra="allow")

    kind: RelationCode
    parent_id: str = Field(description="The parent certificate's id (UUID).",
                           json_schema_extra={"format": "uuid"})


class ComplementItem(WireObject):
    """One item a request to complement (KOMPLT) points at."""

    questionId: str = Field(description="The content question the item is about.")  # noqa: N815
    instance: int | None = None
    text: MessageText


CertificateRef = Annotated[UUID, Field(
    description="The certificate the conversation is about; also the message key.")]
MessageId = Annotated[str, Field(description="The message's own id (the recipient's, or "
                                 "made by care).")]
QuestionRef = Annotated[str, Field(description="The message id of the question it is about.")]
QuestionRefs = Annotated[list[str], Field(description="The message ids of the questions.")]
ChildRef = Annotated[UUID, Field(description="The child certificate's id.")]
ComplementRef = Annotated[UUID, Field(description="The complementing certificate's id.")]


def _checked_as(model: type[WireObject]) -> Any:
    """Checks a value against ``model`` but keeps it as the plain dict it was: the contract
    publishes the model's schema, while readers (the views) get the message's own JSON,
    fields added later included."""

    def check(value: Any) -> Any:
        model.model_validate(value)
        return value

    return BeforeValidator(check, json_schema_input_type=model)


JsonObject = dict[str, Any]
PatientObject = Annotated[JsonObject, _checked_as(Patient)]
CareUnitObject = Annotated[JsonObject, _checked_as(CareUnit)]
StaffObject = Annotated[JsonObject, _checked_as(Staff)]
RelationObject = Annotated[JsonObject, _checked_as(Relation)]
ComplementItemObject = Annotated[JsonObject, _checked_as(ComplementItem)]


class SealedValue(WireObject):
    """A field sealed under the patient's data key (AES-256-GCM). The plaintext is the field's
    JSON value; the associated data is ``<id>:<version>:<path>`` (the message's aggregate id
    and version, the field's dotted path under ``data``). Opened with the key only: see
    docs/sealing.md. Once the patient is forgotten (crypto-shredding) it opens never again."""

    alg: str = Field(description="The algorithm: AES-256-GCM.", json_schema_extra={
        "const": "A256GCM"})
    key_ref: str = Field(description="The data key's name: the patient's keyed blind index "
                         "(HMAC-SHA256 of the normalised personnummer), never the personnummer.",
                         json_schema_extra={"pattern": "^[0-9a-f]{64}$"})
    nonce: str = Field(description="The 12-byte nonce, base64.",
                       json_schema_extra={"contentEncoding": "base64"})
    ciphertext: str = Field(description="Ciphertext and 16-byte tag, base64.",
                            json_schema_extra={"contentEncoding": "base64"})


def _sealed_as(kind: str, description: str) -> Any:
    return Field(description=description, json_schema_extra=sealed(kind))


SealedText = Annotated[SealedValue, _sealed_as(
    HEALTH_DATA, "Free text written about the patient, sealed.")]
SealedContent = Annotated[SealedValue, _sealed_as(
    HEALTH_DATA, "The certificate's answers (a JSON object; its schema is "
    "content.<type_id>.v<content_version>), sealed.")]
SealedItems = Annotated[SealedValue, _sealed_as(
    HEALTH_DATA, "The complement items (a JSON list of ComplementItem), sealed.")]
SealedIdentity = Annotated[SealedValue, _sealed_as(PATIENT_IDENTITY, "Identifies the "
                                                   "patient, sealed.")]


class SealedPatient(WireObject):
    """The patient the certificate is about, the identity sealed; the flags stay clear."""

    model_config = ConfigDict(json_schema_extra=sealed(PATIENT_IDENTITY))

    personnummer: SealedIdentity
    name: SealedIdentity | None = None
    test_indicated: bool = Field(False, description="A test person (testindikerad): never "
                                 "sent, counted or messaged.")
    protected_identity: bool = Field(False, description="Sekretessmarkering.")


SealedPatientObject = Annotated[JsonObject, _checked_as(SealedPatient)]


MAX_AGE = 150
PatientAge = Annotated[int, Field(ge=0, le=MAX_AGE, description="The patient's age in whole "
                                  "years on the last day of the content's latest sick-leave "
                                  "period, or without one on the day the event was recorded "
                                  "(DOMAIN.md section 8); computed by the relay from the "
                                  "personnummer. No birth date travels clear.",
                                  json_schema_extra={PROTECTION: "clear"})]


class PatientWithFacts(SealedPatient):
    """The patient (schema version 3 on): the identity sealed; the flags and what the
    statistics need of the personnummer clear, so they survive ``intyg forget``. A reader with
    key access gets the personnummer and not the index and sex (they repeat it), but keeps the
    age (a fact of the content); once the patient is forgotten all three stay."""

    index: str | None = Field(None, description="The patient's keyed blind index (the "
                              "sealed values' key_ref).", json_schema_extra={
                                  "pattern": "^[0-9a-f]{64}$", PROTECTION: "clear"})
    sex: Literal["F", "M"] | None = Field(None, description="The legal sex the personnummer "
                                          "gives (DOMAIN.md section 8 splits every report "
                                          "by it).", json_schema_extra={PROTECTION: "clear"})
    age: PatientAge | None = None


PatientWithFactsObject = Annotated[JsonObject, _checked_as(PatientWithFacts)]
AnswersSealedContent = Annotated[JsonObject, Field(
    description="The certificate's answers as content.<type_id>.v<content_version> shapes "
    "them, each answer that may hold free text sealed in its place (a SealedValue whose path "
    "is content.<answer>[.<index or name>...]); codes, dates, degrees and flags clear. The "
    "content schema marks each answer's x-intyg-protection.",
    json_schema_extra={CLASSIFICATION: HEALTH_DATA, PROTECTION: "sealed-per-answer"})]
