"""The uniqueness rules of DB (dödsbevis) and DOI (dödsorsaksintyg) over their lifecycle
(TYPES.md §0.1, §10, §11): which new draft or signature an existing one refuses, and which DOI
counts. Decided on one patient's ``domain.certificates.death_register.DeathRegister``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.shared.errors import (
    LaterCertificateExistsError,
    OtherCareGiverCertificateExistsError,
    SameCareGiverDraftExistsError,
)


@dataclass(frozen=True)
class ExistingDeathCertificate:
    """A DB or DOI already on file for the same patient (of the type being decided on).
    A discarded draft is not passed in; a locked draft is no longer open."""

    certificate_id: str
    care_giver: str
    created: datetime
    signed: bool = False
    revoked: bool = False
    locked: bool = False

    @property
    def valid(self) -> bool:
        return self.signed and not self.revoked

    @property
    def open_draft(self) -> bool:
        return not self.signed and not self.locked


def check_db_allowed(existing: Sequence[ExistingDeathCertificate], care_giver: str) -> None:
    """A new DB draft: refused when a signed, not revoked DB exists at another care giver
    (UNIKT_INTYG) or an open DB draft exists at this one (UNIKT_UTKAST_INOM_VG). A signed DB at
    the same care giver does not block: it is to be replaced (ersätt)."""
    check_db_signing_allowed(existing, care_giver)
    _refuse_open_draft(existing, care_giver)


def check_db_signing_allowed(
    existing: Sequence[ExistingDeathCertificate], care_giver: str
) -> None:
    """Signing a DB: refused when a signed, not revoked DB exists at another care giver."""
    if any(e.valid and e.care_giver != care_giver for e in existing):
        raise OtherCareGiverCertificateExistsError(
            "A dödsbevis for the patient is already signed at another care giver.")


def check_doi_allowed(existing: Sequence[ExistingDeathCertificate], care_giver: str) -> None:
    """A new DOI draft: refused only when an open DOI draft exists at this care giver; a signed
    DOI does not block, since the latest created DOI is the valid one."""
    _refuse_open_draft(existing, care_giver)


def check_doi_signing_allowed(
    existing: Sequence[ExistingDeathCertificate], draft: ExistingDeathCertificate
) -> None:
    """Signing a DOI ("latest wins"): refused when a signed, not revoked DOI at the same care
    giver was created at or after the draft."""
    if any(e.certificate_id != draft.certificate_id and e.valid
           and e.care_giver == draft.care_giver and e.created >= draft.created
           for e in existing):
        raise LaterCertificateExistsError(
            "A dödsorsaksintyg created later than this draft is already signed.")


def valid_doi(
    existing: Sequence[ExistingDeathCertificate], care_giver: str
) -> ExistingDeathCertificate | None:
    """The DOI that counts at a care giver: the latest created signed, not revoked one."""
    signed = [e for e in existing if e.valid and e.care_giver == care_giver]
    return max(signed, key=lambda e: e.created, default=None)


def _refuse_open_draft(existing: Sequence[ExistingDeathCertificate], care_giver: str) -> None:
    if any(e.open_draft and e.care_giver == care_giver for e in existing):
        raise SameCareGiverDraftExistsError(
            "There is already an open draft of this type for the patient at this care giver.")
