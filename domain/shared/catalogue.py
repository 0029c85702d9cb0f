"""The registries: certificate types (DOMAIN.md §2) and recipients (mottagare)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from domain.shared.errors import (
    CertificateTypeNotSupportedError,
    ProtectedIdentityNotAllowedError,
    RecipientDoesNotTakeTypeError,
    UnknownCertificateTypeError,
    UnknownRecipientError,
)
from domain.shared.validation import IssueCode, ValidationIssue


class RecipientKind(StrEnum):
    AUTHORITY = "authority"
    CARE = "care"
    CITIZEN = "citizen"


class Recipient(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    kind: RecipientKind
    takes: frozenset[str]
    active: bool = True
    trusted: bool = True


class CertificateType(BaseModel):
    """One certificate type: form id, name, default recipient and lifecycle flags."""

    model_config = ConfigDict(frozen=True)

    id: str
    form: str
    name: str
    default_recipient: str | None
    renewable: bool
    has_questions: bool
    draftable: bool = True
    content_supported: bool = False
    sign_sends: bool = False  # "sign = send" (SIGNERA_SKICKA_DIREKT): signing sends at once
    protected_identity_allowed: bool = True  # may be issued for a patient with sekretessmarkering
    revocation_needs_reason: bool = True  # MAKULERA_INTYG_KRAVER_ANLEDNING: all but DB and DOI


_TYPES = (
    CertificateType(id="lisjp", form="FK 7804", name="Läkarintyg för sjukpenning",
                    default_recipient="FKASSA", renewable=True, has_questions=True,
                    content_supported=True),
    CertificateType(id="fk7263", form="FK 7263", name="Läkarintyg (äldre sjukpenningintyg)",
                    default_recipient="FKASSA", renewable=False, has_questions=False,
                    draftable=False),
    CertificateType(id="luse", form="FK 7800", name="Läkarutlåtande för sjukersättning",
                    default_recipient="FKASSA", renewable=True, has_questions=True,
                    content_supported=True),
    CertificateType(id="luae_na", form="FK 7801",
                    name="Läkarutlåtande för aktivitetsersättning vid nedsatt arbetsförmåga",
                    default_recipient="FKASSA", renewable=True, has_questions=True,
                    content_supported=True),
    CertificateType(id="luae_fs", form="FK 7802",
                    name="Läkarutlåtande för aktivitetsersättning vid förlängd skolgång",
                    default_recipient="FKASSA", renewable=True, has_questions=True,
                    content_supported=True),
    CertificateType(id="ag114", form="AG1-14", name="Arbetsförmåga, sjuklöneperioden",
                    default_recipient=None, renewable=False, has_questions=False,
                    content_supported=True),
    CertificateType(id="ag7804", form="AG7804", name="Läkarintyg om arbetsförmåga – arbetsgivaren",
                    default_recipient=None, renewable=True, has_questions=False,
                    content_supported=True),
    CertificateType(id="ts-bas", form="TSTRK1007",
                    name="Läkarintyg för högre körkortsbehörighet, taxi m.m.",
                    default_recipient="TRANSP", renewable=False, has_questions=False,
                    content_supported=True),
    CertificateType(id="ts-diabetes", form="TSTRK1031", name="Läkarintyg diabetes",
                    default_recipient="TRANSP", renewable=False, has_questions=False,
                    content_supported=True),
    CertificateType(id="tstrk1009", form="TSTRK1009",
                    name="Läkares anmälan till Transportstyrelsen om medicinsk olämplighet",
                    default_recipient="TRANSP", renewable=False, has_questions=False,
                    content_supported=True, sign_sends=True, protected_identity_allowed=False),
    CertificateType(id="tstrk1062", form="TSTRK1062", name="Läkarintyg ADHD, autism m.m.",
                    default_recipient="TRANSP", renewable=False, has_questions=False,
                    content_supported=True, protected_identity_allowed=False),
    CertificateType(id="db", form="DB", name="Dödsbevis", default_recipient="SKV",
                    renewable=False, has_questions=False,
                    content_supported=True, sign_sends=True, protected_identity_allowed=False,
                    revocation_needs_reason=False),
    CertificateType(id="doi", form="DOI", name="Dödsorsaksintyg", default_recipient="SOS",
                    renewable=False, has_questions=False,
                    content_supported=True, sign_sends=True, protected_identity_allowed=False,
                    revocation_needs_reason=False),
    CertificateType(id="af00213", form="AF00213",
                    name="Arbetsförmedlingens medicinska utlåtande", default_recipient="AF",
                    renewable=False, has_questions=False,
                    content_supported=True, sign_sends=True),
    CertificateType(id="af00251", form="AF00251",
                    name="Läkarintyg för deltagare i arbetsmarknadspolitiska program",
                    default_recipient="AF", renewable=True, has_questions=False,
                    content_supported=True),
)
CERTIFICATE_TYPES: dict[str, CertificateType] = {t.id: t for t in _TYPES}

_FK_TYPES = frozenset({"lisjp", "fk7263", "luse", "luae_na", "luae_fs"})
_TS_TYPES = frozenset({"ts-bas", "ts-diabetes", "tstrk1009", "tstrk1062"})
_RECIPIENTS = (
    Recipient(id="FKASSA", name="Försäkringskassan", kind=RecipientKind.AUTHORITY, takes=_FK_TYPES),
    Recipient(id="TRANSP", name="Transportstyrelsen", kind=RecipientKind.AUTHORITY,
              takes=_TS_TYPES),
    Recipient(id="SKV", name="Skatteverket", kind=RecipientKind.AUTHORITY, takes=frozenset({"db"})),
    Recipient(id="SOS", name="Socialstyrelsen", kind=RecipientKind.AUTHORITY,
              takes=frozenset({"doi"})),
    Recipient(id="AF", name="Arbetsförmedlingen", kind=RecipientKind.AUTHORITY,
              takes=frozenset({"af00213", "af00251"})),
    Recipient(id="HSVARD", name="Hälso- och sjukvården", kind=RecipientKind.CARE,
              takes=frozenset(CERTIFICATE_TYPES)),
    Recipient(id="INVANA", name="Invånaren", kind=RecipientKind.CITIZEN,
              takes=frozenset(CERTIFICATE_TYPES)),
)
RECIPIENTS: dict[str, Recipient] = {r.id: r for r in _RECIPIENTS}


def certificate_type(type_id: str) -> CertificateType:
    try:
        return CERTIFICATE_TYPES[type_id]
    except KeyError:
        message = f"Unknown certificate type {type_id!r}; known: {', '.join(CERTIFICATE_TYPES)}."
        issue = ValidationIssue(question_id="type", field="type",
                                code=IssueCode.UNKNOWN_CODE, message=message)
        raise UnknownCertificateTypeError(message, [issue]) from None


def draftable_type(type_id: str) -> CertificateType:
    """The type, if a doctor may write a draft of it here and now."""
    found = certificate_type(type_id)
    if not found.draftable:
        raise CertificateTypeNotSupportedError(
            f"Type {type_id!r} is import-only: it can be registered, never drafted."
        )
    if not found.content_supported:
        raise CertificateTypeNotSupportedError(f"Type {type_id!r} is not yet supported.")
    return found


def check_patient_allowed(cert_type: CertificateType, protected_identity: bool) -> None:
    """TYPES.md §0.1: some types must not be issued for a patient with protected identity."""
    if protected_identity and not cert_type.protected_identity_allowed:
        raise ProtectedIdentityNotAllowedError(
            f"A {cert_type.form} cannot be issued for a patient with protected identity "
            "(sekretessmarkering) here."
        )


def recipient_for(recipient_id: str, type_id: str) -> Recipient:
    """The recipient, if it exists, is active and takes the type; otherwise a clear refusal."""
    found = RECIPIENTS.get(recipient_id)
    if found is None or not found.active:
        message = f"Unknown recipient {recipient_id!r}; known: {', '.join(RECIPIENTS)}."
        issue = ValidationIssue(question_id="recipient", field="recipient",
                                code=IssueCode.UNKNOWN_CODE, message=message)
        raise UnknownRecipientError(message, [issue])
    if type_id not in found.takes or found.kind is not RecipientKind.AUTHORITY:
        raise RecipientDoesNotTakeTypeError(
            f"Recipient {recipient_id} does not take certificates of type {type_id!r}."
        )
    return found
