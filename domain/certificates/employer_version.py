"""The employer version of a LISJP (Mina intyg, DOMAIN.md §9), built from an explicit allow-list.

The employer always gets grund för MU, the periods and degrees, arbetsresor,
arbetstidsförläggning yes/no, the prognosis, the work-oriented measures and the signature. The
citizen chooses whether to include each of the optional groups. Nothing outside these two lists
ever reaches the employer, so a field added to the LISJP later stays private until listed here.
Besides the answers, the employer's copy names the patient it is about (name and personnummer)
and carries the signature and the issuing unit, as the national employer printout does.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

ALWAYS: tuple[str, ...] = (
    "grundForMU",
    "motiveringTillInteBaseratPaUndersokning",
    "sjukskrivningar",
    "arbetsresor",
    "arbetstidsforlaggning",
    "prognos",
    "arbetslivsinriktadeAtgarder",
    "arbetslivsinriktadeAtgarderBeskrivning",
)
WORK = "NUVARANDE_ARBETE"


class OptionalPart(StrEnum):
    """The parts the citizen may leave out of the employer's copy."""

    SMITTSKYDD = "smittskydd"
    SYSSELSATTNING = "sysselsattning"  # occupations other than the current work
    DIAGNOSER = "diagnoser"
    FUNKTIONSNEDSATTNING = "funktionsnedsattning"
    AKTIVITETSBEGRANSNING = "aktivitetsbegransning"
    BEHANDLING = "behandling"
    FMB = "fmb"
    ARBETSTIDSFORLAGGNING_MOTIVERING = "arbetstidsforlaggningMotivering"
    OVRIGT = "ovrigt"
    KONTAKT_MED_FK = "kontaktMedFk"


PART_NAMES: dict[OptionalPart, str] = {
    OptionalPart.SMITTSKYDD: "avstängning enligt smittskyddslagen",
    OptionalPart.SYSSELSATTNING: "annan sysselsättning än nuvarande arbete",
    OptionalPart.DIAGNOSER: "diagnoser",
    OptionalPart.FUNKTIONSNEDSATTNING: "funktionsnedsättning",
    OptionalPart.AKTIVITETSBEGRANSNING: "aktivitetsbegränsning",
    OptionalPart.BEHANDLING: "medicinska behandlingar",
    OptionalPart.FMB: "motivering utöver det försäkringsmedicinska beslutsstödet",
    OptionalPart.ARBETSTIDSFORLAGGNING_MOTIVERING: "motivering till arbetstidsförläggning",
    OptionalPart.OVRIGT: "övriga upplysningar",
    OptionalPart.KONTAKT_MED_FK: "kontakt med Försäkringskassan",
}
"""The parts as the note on the employer's copy names them."""

OPTIONAL_FIELDS: dict[OptionalPart, tuple[str, ...]] = {
    OptionalPart.SMITTSKYDD: ("avstangningSmittskydd",),
    OptionalPart.SYSSELSATTNING: (),  # handled by _occupation: it filters a list
    OptionalPart.DIAGNOSER: ("diagnoser",),
    OptionalPart.FUNKTIONSNEDSATTNING: ("funktionsnedsattning",),
    OptionalPart.AKTIVITETSBEGRANSNING: ("aktivitetsbegransning",),
    OptionalPart.BEHANDLING: ("pagaendeBehandling", "planeradBehandling"),
    OptionalPart.FMB: ("forsakringsmedicinsktBeslutsstod",),
    OptionalPart.ARBETSTIDSFORLAGGNING_MOTIVERING: ("arbetstidsforlaggningMotivering",),
    OptionalPart.OVRIGT: ("ovrigt",),
    OptionalPart.KONTAKT_MED_FK: ("kontaktMedFk", "anledningTillKontakt"),
}


def employer_version(content: dict[str, Any], omit: set[OptionalPart]) -> dict[str, Any]:
    """The employer's copy of a LISJP's content, leaving out the parts in ``omit``."""
    allowed = list(ALWAYS)
    for part, fields in OPTIONAL_FIELDS.items():
        if part not in omit:
            allowed.extend(fields)
    version = {name: content[name] for name in allowed if name in content}
    version.update(_occupation(content, include_other=OptionalPart.SYSSELSATTNING not in omit))
    return version


def _occupation(content: dict[str, Any], include_other: bool) -> dict[str, Any]:
    """The current work is always told; other occupations only if the citizen includes them."""
    kinds = [k for k in content.get("sysselsattning", []) if include_other or k == WORK]
    found: dict[str, Any] = {"sysselsattning": kinds} if kinds else {}
    if WORK in kinds and "nuvarandeArbete" in content:
        found["nuvarandeArbete"] = content["nuvarandeArbete"]
    return found
