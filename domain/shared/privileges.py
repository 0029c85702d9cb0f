"""Who may do what: the one table of roles and privileges every route and command consults.

It follows the national configuration, in our own words:

- Webcert's role and privilege configuration (the ``authorities-default.yaml`` of Inera's
  Webcert, sklintyg/webcert): the roles LAKARE (läkare), TANDLAKARE (tandläkare) and
  VARDADMINISTRATOR (vårdadministratör) with the privileges VISA_INTYG, SKRIVA_INTYG,
  SIGNERA_INTYG, MAKULERA_INTYG, FORNYA_INTYG, ERSATTA_INTYG, BESVARA_KOMPLETTERINGSFRAGA and
  SVARA_MED_NYTT_INTYG, some of them limited to certificate types (the dentist's).
  A licensed nurse (sjuksköterska) who is neither läkare nor tandläkare falls back to the
  vårdadministratör role in Webcert's role resolution, so a nurse has its privileges.
- Rehabstöd's configuration (its ``authorities.yaml``): the roles LAKARE and REHABKOORDINATOR,
  both let into Rehabstöd. A rehab coordinator is no Webcert user: Rehabstöd only.
- Intygsbeställning's configuration: one role, VARDADMIN, with VISA_BESTALLNING and
  RADERA_BESTALLNING; here the unit's Webcert users (doctor, nurse, care admin) hold both.
- The PDL access log (patientdatalagen 4 kap. 3 §): an audit officer (granskare) of a care giver
  follows up who read patient data there; the role reads the access log and nothing else.
- Intygsstatistik's region level: a region's statistics lead (statistikansvarig, the national
  service's processledare) uploads the region's unit list of listed patients for "per 1000
  listed patients"; the role does that and nothing else (no patient data).

Sending a signed certificate and handling questions other than KOMPLT are Webcert *features*
open to every Webcert user of the unit, so they need VISA_INTYG only. See docs/privileges.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Protocol

from domain.shared.care import Role
from domain.shared.errors import NotAuthorisedError


class Privilege(StrEnum):
    """Webcert's privilege names, plus Rehabstöd's access (VISA_SJUKFALL)."""

    VISA_INTYG = "VISA_INTYG"  # read a certificate, its questions; send; handle questions
    SKRIVA_INTYG = "SKRIVA_INTYG"  # create, edit, discard and copy drafts
    SIGNERA_INTYG = "SIGNERA_INTYG"
    MAKULERA_INTYG = "MAKULERA_INTYG"  # revoke
    FORNYA_INTYG = "FORNYA_INTYG"  # renew (förlängning)
    ERSATTA_INTYG = "ERSATTA_INTYG"  # replace
    SVARA_MED_NYTT_INTYG = "SVARA_MED_NYTT_INTYG"  # complement: answer KOMPLT with a new draft
    BESVARA_KOMPLETTERINGSFRAGA = "BESVARA_KOMPLETTERINGSFRAGA"  # answer KOMPLT in text
    VISA_SJUKFALL = "VISA_SJUKFALL"  # Rehabstöd's sick-leave cases
    GRANSKA_ATKOMSTLOGG = "GRANSKA_ATKOMSTLOGG"  # read the care giver's PDL access log
    HANTERA_LISTNINGAR = "HANTERA_LISTNINGAR"  # upload and read the region's unit list
    FMU_SAMORDNARE = "FMU_SAMORDNARE"  # FMU: the region's coordinator (ORDERS grant)
    FMU_VARDADMIN = "FMU_VARDADMIN"  # FMU: a unit's requests, orders, visits, complements
    BP_VARDADMIN = "BP_VARDADMIN"  # FMU: a unit's preferences only
    VISA_BESTALLNING = "VISA_BESTALLNING"  # the unit's orders: list, view, accept, reject, done
    RADERA_BESTALLNING = "RADERA_BESTALLNING"  # reject and delete an order


_WRITER = frozenset({
    Privilege.VISA_INTYG, Privilege.SKRIVA_INTYG, Privilege.FORNYA_INTYG,
    Privilege.SVARA_MED_NYTT_INTYG, Privilege.BESVARA_KOMPLETTERINGSFRAGA,
})
_SIGNER = _WRITER | {Privilege.SIGNERA_INTYG, Privilege.MAKULERA_INTYG, Privilege.ERSATTA_INTYG}

ROLE_PRIVILEGES: Mapping[Role, frozenset[Privilege]] = {
    Role.DOCTOR: _SIGNER | {Privilege.VISA_SJUKFALL},  # LAKARE (Webcert and Rehabstöd)
    Role.DENTIST: _SIGNER,  # TANDLAKARE, for its types only (TYPE_LIMITS)
    Role.CARE_ADMIN: _WRITER,  # VARDADMINISTRATOR
    Role.NURSE: _WRITER,  # Webcert's fallback role for a nurse: VARDADMINISTRATOR
    Role.REHAB_COORDINATOR: frozenset({Privilege.VISA_SJUKFALL}),  # REHABKOORDINATOR
    Role.AUDIT_OFFICER: frozenset({Privilege.GRANSKA_ATKOMSTLOGG}),  # the care giver's auditor
    Role.STATISTICS_LEAD: frozenset({Privilege.HANTERA_LISTNINGAR}),  # a region's statistics lead
}
# Intygsbeställning's one role VARDADMIN (VISA_/RADERA_BESTALLNING): the unit's Webcert users.
_ORDERS = frozenset({Privilege.VISA_BESTALLNING, Privilege.RADERA_BESTALLNING})
ROLE_PRIVILEGES = {role: held | _ORDERS if role in (Role.DOCTOR, Role.CARE_ADMIN, Role.NURSE)
                   else held for role, held in ROLE_PRIVILEGES.items()}

_DENTIST_TYPES = frozenset({"fk7263", "lisjp", "ag114", "ag7804", "af00251"})
_ADMIN_RENEWS = frozenset({"lisjp", "luse", "luae_na", "luae_fs", "ag7804"})
TYPE_LIMITS: Mapping[tuple[Role, Privilege], frozenset[str]] = {
    (Role.DENTIST, Privilege.VISA_INTYG): _DENTIST_TYPES,
    (Role.DENTIST, Privilege.SKRIVA_INTYG): _DENTIST_TYPES,
    (Role.DENTIST, Privilege.SIGNERA_INTYG): _DENTIST_TYPES - {"fk7263"},
    (Role.DENTIST, Privilege.MAKULERA_INTYG): _DENTIST_TYPES,
    (Role.DENTIST, Privilege.FORNYA_INTYG): frozenset({"lisjp", "ag7804", "af00251"}),
    (Role.DENTIST, Privilege.ERSATTA_INTYG): _DENTIST_TYPES - {"fk7263"},
    (Role.DENTIST, Privilege.SVARA_MED_NYTT_INTYG): frozenset({"lisjp"}),
    (Role.DENTIST, Privilege.BESVARA_KOMPLETTERINGSFRAGA): frozenset({"lisjp"}),
    (Role.CARE_ADMIN, Privilege.FORNYA_INTYG): _ADMIN_RENEWS,
    (Role.NURSE, Privilege.FORNYA_INTYG): _ADMIN_RENEWS,
}


# The privilege each of a certificate's next actions (``allowed_actions``) asks for.
ACTION_PRIVILEGES: Mapping[str, Privilege] = {
    "edit": Privilege.SKRIVA_INTYG, "sign": Privilege.SIGNERA_INTYG,
    "discard": Privilege.SKRIVA_INTYG, "send": Privilege.VISA_INTYG,
    "revoke": Privilege.MAKULERA_INTYG, "replace": Privilege.ERSATTA_INTYG,
    "renew": Privilege.FORNYA_INTYG, "complement": Privilege.SVARA_MED_NYTT_INTYG,
    "copy": Privilege.SKRIVA_INTYG, "create_ag7804": Privilege.SKRIVA_INTYG,
    "create_doi": Privilege.SKRIVA_INTYG,
}


class Actor(Protocol):
    @property
    def role(self) -> Role: ...


def may(role: Role, privilege: Privilege, type_id: str | None = None) -> bool:
    """Whether ``role`` holds ``privilege`` (for certificates of ``type_id`` when given)."""
    if privilege not in ROLE_PRIVILEGES.get(role, frozenset()):
        return False
    limit = TYPE_LIMITS.get((role, privilege))
    return type_id is None or limit is None or type_id in limit


def check_privilege(actor: Actor, privilege: Privilege, type_id: str | None = None) -> None:
    """Refuse (``NotAuthorisedError``, 403) unless the actor's role holds the privilege."""
    if not may(actor.role, privilege, type_id):
        for_type = f" for {type_id}" if type_id and may(actor.role, privilege) else ""
        raise NotAuthorisedError(
            f"The role {actor.role.value} does not have the privilege {privilege.value}"
            f"{for_type}.")


ORDER_GRANTS = frozenset({Privilege.FMU_SAMORDNARE, Privilege.FMU_VARDADMIN,
                          Privilege.BP_VARDADMIN})
"""The FMU privileges (the national FMU service's roles): granted to a person on top of the
care role, never held by a role alone, so no entry of ``ROLE_PRIVILEGES`` has them."""


def check_grant(grants: frozenset[Privilege], privilege: Privilege) -> None:
    """Refuse (``NotAuthorisedError``, 403) unless ``privilege`` is among a person's grants."""
    if privilege not in grants:
        raise NotAuthorisedError(f"The privilege {privilege.value} is not granted.")
