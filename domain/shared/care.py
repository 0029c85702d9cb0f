"""Who issues certificates: care units (vårdenhet), care givers (vårdgivare) and staff."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from domain.shared.identities import HsaId


class Role(StrEnum):
    """Roles from the login (SITHS/Efos); only a doctor (läkare) may sign."""

    DOCTOR = "doctor"
    NURSE = "nurse"
    CARE_ADMIN = "care_admin"
    REHAB_COORDINATOR = "rehab_coordinator"


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


class Staff(BaseModel):
    """A member of care staff acting through Webcert. Comes from the bearer token only."""

    model_config = ConfigDict(frozen=True)

    hsa_id: HsaId
    name: str
    role: Role
    care_unit_hsa_id: HsaId
    care_giver_hsa_id: HsaId

    @property
    def may_sign(self) -> bool:
        return self.role is Role.DOCTOR
