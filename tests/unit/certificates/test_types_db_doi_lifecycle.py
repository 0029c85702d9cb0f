"""The uniqueness rules of DB and DOI as pure decisions: TYPES.md §0.1, §10, §11."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.certificates.uniqueness import (
    ExistingDeathCertificate,
    check_db_allowed,
    check_db_signing_allowed,
    check_doi_allowed,
    check_doi_signing_allowed,
    valid_doi,
)
from domain.shared.errors import (
    LaterCertificateExistsError,
    OtherCareGiverCertificateExistsError,
    RuleViolationError,
    SameCareGiverDraftExistsError,
)

OURS, THEIRS = "SE2321000016-1000", "SE2321000032-2000"
MORNING, NOON, EVENING = (datetime(2026, 11, 28, hour) for hour in (8, 12, 18))


def existing(care_giver: str = OURS, created: datetime = NOON, *, signed: bool = True,
             revoked: bool = False, locked: bool = False,
             certificate_id: str = "c1") -> ExistingDeathCertificate:
    return ExistingDeathCertificate(certificate_id=certificate_id, care_giver=care_giver,
                                    created=created, signed=signed, revoked=revoked,
                                    locked=locked)


# --- DB -------------------------------------------------------------------------------------
def test_db_refused_when_signed_db_at_other_care_giver() -> None:
    """TYPES.md §10 UNIKT_INTYG: a signed, non-revoked DB at another care giver blocks."""
    with pytest.raises(OtherCareGiverCertificateExistsError):
        check_db_allowed([existing(THEIRS)], OURS)


def test_db_allowed_when_db_at_other_care_giver_revoked() -> None:
    """TYPES.md §10 UNIKT_INTYG: a revoked DB does not count."""
    check_db_allowed([existing(THEIRS, revoked=True)], OURS)


def test_db_allowed_when_signed_db_at_same_care_giver() -> None:
    """TYPES.md §10: a signed DB at the same care giver is not blocked (the path is Ersätt)."""
    check_db_allowed([existing(OURS)], OURS)


def test_db_refused_when_open_draft_at_same_care_giver() -> None:
    """TYPES.md §10 UNIKT_UTKAST_INOM_VG: one open draft per care giver."""
    with pytest.raises(SameCareGiverDraftExistsError):
        check_db_allowed([existing(OURS, signed=False)], OURS)


def test_db_allowed_when_draft_only_at_other_care_giver_or_locked() -> None:
    """TYPES.md §10: a draft elsewhere or a locked draft here does not block a new draft."""
    check_db_allowed([existing(THEIRS, signed=False), existing(OURS, signed=False, locked=True)],
                     OURS)


def test_db_signing_refused_when_signed_db_at_other_care_giver() -> None:
    """TYPES.md §10 UNIKT_INTYG: signing is refused too."""
    with pytest.raises(OtherCareGiverCertificateExistsError):
        check_db_signing_allowed([existing(OURS, signed=False), existing(THEIRS)], OURS)


def test_db_signing_allowed_when_only_drafts_exist() -> None:
    """TYPES.md §10: open drafts (the one being signed included) do not block signing."""
    check_db_signing_allowed([existing(OURS, signed=False), existing(THEIRS, signed=False)], OURS)


def test_uniqueness_errors_are_rule_violations() -> None:
    """STYLE.md: rule conflicts map to 409 through the RuleViolationError family."""
    for error in (OtherCareGiverCertificateExistsError, SameCareGiverDraftExistsError,
                  LaterCertificateExistsError):
        assert issubclass(error, RuleViolationError)


# --- DOI ------------------------------------------------------------------------------------
def test_doi_refused_when_open_draft_at_same_care_giver() -> None:
    """TYPES.md §11 UNIKT_UTKAST_INOM_VG: one open DOI draft per care giver."""
    with pytest.raises(SameCareGiverDraftExistsError):
        check_doi_allowed([existing(OURS, signed=False)], OURS)


def test_doi_allowed_when_signed_doi_at_same_care_giver() -> None:
    """TYPES.md §11 latest wins: a signed DOI does not block a new draft."""
    check_doi_allowed([existing(OURS), existing(THEIRS, signed=False)], OURS)


def test_doi_signing_refused_when_later_doi_signed() -> None:
    """TYPES.md §11 INTYG_CREATED_AFTER_EXISTS: a signed DOI created after the draft blocks."""
    draft = existing(OURS, MORNING, signed=False, certificate_id="draft")
    with pytest.raises(LaterCertificateExistsError):
        check_doi_signing_allowed([draft, existing(OURS, NOON)], draft)


def test_doi_signing_refused_when_signed_doi_created_at_same_time() -> None:
    """TYPES.md §11: "at or after" the current draft."""
    draft = existing(OURS, NOON, signed=False, certificate_id="draft")
    with pytest.raises(LaterCertificateExistsError):
        check_doi_signing_allowed([existing(OURS, NOON)], draft)


def test_doi_signing_allowed_when_signed_doi_older_revoked_or_elsewhere() -> None:
    """TYPES.md §11 latest wins: an older, revoked or other care giver's DOI does not block."""
    draft = existing(OURS, NOON, signed=False, certificate_id="draft")
    check_doi_signing_allowed([existing(OURS, MORNING), existing(OURS, EVENING, revoked=True),
                               existing(THEIRS, EVENING), draft], draft)


def test_valid_doi_is_latest_signed_when_several() -> None:
    """TYPES.md §11: the latest created signed, non-revoked DOI is the valid one."""
    latest = existing(OURS, NOON, certificate_id="latest")
    found = valid_doi([existing(OURS, MORNING, certificate_id="old"), latest,
                       existing(OURS, EVENING, revoked=True), existing(THEIRS, EVENING)], OURS)
    assert found == latest


def test_valid_doi_none_when_nothing_signed() -> None:
    """TYPES.md §11: no signed DOI, no valid one."""
    assert valid_doi([existing(OURS, signed=False)], OURS) is None
