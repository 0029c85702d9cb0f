"""The FMU code lists: statuses and phases, actors, answers, reasons, visit and summons codes."""

from __future__ import annotations

from enum import StrEnum


class AssessmentKind(StrEnum):
    """The investigation's type; Försäkringskassan requests only AFU and AFU_UTVIDGAD."""

    AFU = "AFU"
    AFU_UTVIDGAD = "AFU_UTVIDGAD"
    LIAG = "LIAG"


class Actor(StrEnum):
    """Who acts in a transition, and whose turn a status is (next actor)."""

    FK = "FK"
    SAMORDNARE = "SAMORDNARE"
    VARDADMIN = "VARDADMIN"
    UTREDARE = "UTREDARE"
    AF = "AF"
    JOB = "JOB"
    SYSTEM = "SYSTEM"  # the system itself, settling a step at once (§1.4 #1, #4)
    NONE = "NONE"


class Phase(StrEnum):
    FORFRAGAN = "FORFRAGAN"
    UTREDNING = "UTREDNING"
    KOMPLETTERING = "KOMPLETTERING"
    REDOVISA_BESOK = "REDOVISA_BESOK"
    AVSLUTAD = "AVSLUTAD"


class Status(StrEnum):
    """The investigation's status, never stored: ``status.resolve_status`` derives it."""

    FORFRAGAN_INKOMMEN = "FORFRAGAN_INKOMMEN"
    VANTAR_PA_SVAR = "VANTAR_PA_SVAR"
    TILLDELA_UTREDNING = "TILLDELA_UTREDNING"
    TILLDELAD_VANTAR_PA_BESTALLNING = "TILLDELAD_VANTAR_PA_BESTALLNING"
    BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR = "BESTALLNING_MOTTAGEN_VANTAR_PA_HANDLINGAR"
    UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR = "UPPDATERAD_BESTALLNING_VANTAR_PA_HANDLINGAR"
    HANDLINGAR_MOTTAGNA_BOKA_BESOK = "HANDLINGAR_MOTTAGNA_BOKA_BESOK"
    UTREDNING_PAGAR = "UTREDNING_PAGAR"
    AVVIKELSE_MOTTAGEN = "AVVIKELSE_MOTTAGEN"
    UTLATANDE_SKICKAT = "UTLATANDE_SKICKAT"
    UTLATANDE_MOTTAGET = "UTLATANDE_MOTTAGET"
    KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING = (
        "KOMPLETTERINGSBEGARAN_MOTTAGEN_VANTAR_PA_FRAGESTALLNING")
    KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN = "KOMPLETTERANDE_FRAGESTALLNING_MOTTAGEN"
    KOMPLETTERING_SKICKAD = "KOMPLETTERING_SKICKAD"
    KOMPLETTERING_MOTTAGEN = "KOMPLETTERING_MOTTAGEN"
    REDOVISA_BESOK = "REDOVISA_BESOK"
    AVVISAD = "AVVISAD"
    AVBRUTEN = "AVBRUTEN"
    AVSLUTAD = "AVSLUTAD"


class Answer(StrEnum):
    """A care unit's answer to an internal request."""

    ACCEPTERA = "ACCEPTERA"
    AVBOJ = "AVBOJ"


class RequestStatus(StrEnum):
    """An internal request's status (InternFörfrågan), derived like the investigation's."""

    INKOMMEN = "INKOMMEN"
    AVVISAD = "AVVISAD"
    DIREKTTILLDELAD = "DIREKTTILLDELAD"
    ACCEPTERAD_VANTAR_PA_TILLDELNINGSBESLUT = "ACCEPTERAD_VANTAR_PA_TILLDELNINGSBESLUT"
    EJ_TILLDELAD = "EJ_TILLDELAD"
    TILLDELAD_VANTAR_PA_BESTALLNING = "TILLDELAD_VANTAR_PA_BESTALLNING"
    BESTALLD = "BESTALLD"
    INGEN_BESTALLNING = "INGEN_BESTALLNING"


class EndReason(StrEnum):
    """AvslutOrsak; UTREDNING_AVBRUTEN is the default when Försäkringskassan gives none."""

    INGEN_BESTALLNING = "INGEN_BESTALLNING"
    JAV = "JAV"
    UTREDNING_AVBRUTEN = "UTREDNING_AVBRUTEN"
    INGEN_KOMPLETTERING_BEGARD = "INGEN_KOMPLETTERING_BEGARD"


class CausedBy(StrEnum):
    VARDEN = "VARDEN"
    PATIENT = "PATIENT"


class SummonsChannel(StrEnum):
    """How the patient was summoned (kallelse): letter needs 3 more business days for post."""

    BREV = "BREV"
    TELEFON = "TELEFON"


class Profession(StrEnum):
    AT = "AT"
    FT = "FT"
    LK = "LK"
    PS = "PS"
    SG = "SG"


class Tolk(StrEnum):
    BOKAT = "BOKAT"
    EJ_BOKAT = "EJ_BOKAT"
    DELTAGIT = "DELTAGIT"
    EJ_DELTAGIT = "EJ_DELTAGIT"


class VisitStatus(StrEnum):
    """A visit's status (Besök), derived: by its report, a no-show, then its latest change."""

    GENOMFORT = "GENOMFORT"
    INVANARE_UTEBLEV = "INVANARE_UTEBLEV"
    AVBOKAT = "AVBOKAT"
    AVVIKELSE_RAPPORTERAD = "AVVIKELSE_RAPPORTERAD"
    AVVIKELSE_MOTTAGEN = "AVVIKELSE_MOTTAGEN"
    OMBOKAT = "OMBOKAT"
    BOKAT = "BOKAT"


class DocumentKind(StrEnum):
    """A pending postal delivery of documents: with the order, or with an updated order."""

    BESTALLNING = "BESTALLNING"
    UPPDATERING = "UPPDATERING"


class PaymentIdKind(StrEnum):
    """The Betalning ids: invoices (faktura) and payments (betald) by care (VE) and FK."""

    FAKTURA_VE_ID = "FAKTURA_VE_ID"
    FAKTURA_FK_ID = "FAKTURA_FK_ID"
    BETALD_FK_ID = "BETALD_FK_ID"
    BETALD_VE_ID = "BETALD_VE_ID"
