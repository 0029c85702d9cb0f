"""Who issues certificates: care units (vårdenhet), care givers (vårdgivare) and staff."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from domain.shared.errors import NotAuthorisedError
from domain.shared.identities import HsaId
from domain.shared.staff_attributes import StaffAttributes

ISSUING_UNIT_ONLY = "Only staff of the issuing care unit may do this."


class Role(StrEnum):
    """Roles from the login (SITHS/Efos). What each may do is ``domain.shared.privileges``."""

    DOCTOR = "doctor"  # läkare
    NURSE = "nurse"  # sjuksköterska
    CARE_ADMIN = "care_admin"  # vårdadministratör
    REHAB_COORDINATOR = "rehab_coordinator"  # rehabkoordinator (Rehabstöd)
    DENTIST = "dentist"  # tandläkare
    AUDIT_OFFICER = "audit_officer"  # granskare of the care giver's PDL access log
    STATISTICS_LEAD = "statistics_lead"  # a region's statistics lead (Intygsstatistik)


class CareUnit(BaseModel):
    """The issuing care unit (vårdenhet) as written on the certificate.

    ``lan`` is the county code 01-25 the unit belongs to; it feeds the statistics.
    """

    model_config = ConfigDict(frozen=True)

    hsa_id: HsaId
    care_giver_hsa_id: HsaId
    name: str = ""
    postal_address: str = ""
    postal_code: str = ""
    postal_town: str = ""
    phone: str = ""
    lan: str = Field(default="00", pattern=r"^(0[0-9]|1[0-9]|2[0-5])$")


def hsa_issuer(hsa_id: str) -> str:
    """The part of an HSA id before its dash: the country code and the organisation number of
    the organisation that issued the id (``SE2321000016`` in ``SE2321000016-1003``)."""
    return hsa_id.partition("-")[0]


def unit_belongs_to_care_giver(unit_hsa_id: str, care_giver_hsa_id: str) -> bool:
    """§4: a care unit belongs to one care giver. A care giver registers its units in HSA
    under its own organisation's prefix, so a unit's HSA id and its care giver's share the
    issuer; a unit under another prefix is another care giver's. (A care giver whose units
    carry another organisation's prefix would need a directory of units; there is none here.)"""
    return hsa_issuer(unit_hsa_id) == hsa_issuer(care_giver_hsa_id)


class Staff(BaseModel):
    """A member of care staff acting through Webcert. Comes from the bearer token only."""

    model_config = ConfigDict(frozen=True)

    hsa_id: HsaId
    name: str
    role: Role
    care_unit_hsa_id: HsaId
    care_giver_hsa_id: HsaId
    attributes: StaffAttributes | None = Field(default=None, exclude=True)
    """HSA's sex, year of birth and title, when the token carries them. Left out of every
    record of the person but the signer of a signed certificate (``as_signer``)."""

    def as_signer(self) -> dict[str, object]:
        """The person as a signed certificate names its signer: the HSA ids, name and role,
        and the HSA attributes known (``attributes``, only those known; none: no key)."""
        known = self.attributes.model_dump(exclude_none=True) if self.attributes else {}
        return {**self.model_dump(mode="json"), **({"attributes": known} if known else {})}

    def acts_for(self, unit: CareUnit | str) -> bool:
        """Whether the staff member acts for ``unit`` (a care unit or its HSA id): the unit
        in the token is the only one a person acts for in a session, and a care unit's care
        giver must be the token's too."""
        if isinstance(unit, CareUnit):
            return (self.care_unit_hsa_id == unit.hsa_id
                    and self.care_giver_hsa_id == unit.care_giver_hsa_id)
        return self.care_unit_hsa_id == unit

    def check_acts_for(self, unit: CareUnit | str, refusal: str = ISSUING_UNIT_ONLY) -> None:
        """Refuse (``NotAuthorisedError``) unless the staff member acts for ``unit``."""
        if not self.acts_for(unit):
            raise NotAuthorisedError(refusal)
