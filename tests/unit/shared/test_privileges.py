"""The privilege table (domain/shared/privileges.py) says what Webcert's and Rehabstöd's role
configurations say (Hardening item 12)."""

from __future__ import annotations

import pytest

from domain.shared.care import Role
from domain.shared.errors import NotAuthorisedError
from domain.shared.privileges import ROLE_PRIVILEGES, Privilege, check_privilege, may
from tests.factories import care_unit, staff_at

P = Privilege


def test_only_doctors_and_dentists_sign_revoke_and_replace_when_webcert_is_followed() -> None:
    """Hardening item 12: SIGNERA_INTYG, MAKULERA_INTYG, ERSATTA_INTYG belong to LAKARE and
    TANDLAKARE, never to VARDADMINISTRATOR (nor to a nurse, who falls back to it)."""
    for privilege in (P.SIGNERA_INTYG, P.MAKULERA_INTYG, P.ERSATTA_INTYG):
        holders = {role for role in Role if may(role, privilege)}
        assert holders == {Role.DOCTOR, Role.DENTIST}, privilege


def test_care_admin_and_nurse_write_and_renew_drafts_but_do_not_sign_when_webcert_is_followed(
) -> None:
    """Hardening item 12: VARDADMINISTRATOR has SKRIVA_INTYG, FORNYA_INTYG (not for the
    TS types), SVARA_MED_NYTT_INTYG and BESVARA_KOMPLETTERINGSFRAGA."""
    for role in (Role.CARE_ADMIN, Role.NURSE):
        assert ROLE_PRIVILEGES[role] == {P.VISA_INTYG, P.SKRIVA_INTYG, P.FORNYA_INTYG,
                                         P.SVARA_MED_NYTT_INTYG,
                                         P.BESVARA_KOMPLETTERINGSFRAGA,
                                         P.VISA_BESTALLNING, P.RADERA_BESTALLNING}
        assert may(role, P.FORNYA_INTYG, "lisjp")
        assert not may(role, P.FORNYA_INTYG, "ts-bas")


def test_rehab_coordinator_only_sees_sick_leave_cases_when_rehabstod_is_followed() -> None:
    """Hardening item 12: REHABKOORDINATOR is a Rehabstöd role, not a Webcert one."""
    assert ROLE_PRIVILEGES[Role.REHAB_COORDINATOR] == {P.VISA_SJUKFALL}
    assert {role for role in Role if may(role, P.VISA_SJUKFALL)} == \
        {Role.DOCTOR, Role.REHAB_COORDINATOR}


def test_dentist_acts_only_on_its_types_when_tandlakare_is_limited() -> None:
    """Hardening item 12: TANDLAKARE's privileges are limited to fk7263, lisjp, ag114, ag7804
    and af00251."""
    assert may(Role.DENTIST, P.SIGNERA_INTYG, "lisjp")
    assert not may(Role.DENTIST, P.SIGNERA_INTYG, "luse")
    assert not may(Role.DENTIST, P.VISA_INTYG, "db")
    assert may(Role.DOCTOR, P.SIGNERA_INTYG, "db")


def test_refusal_names_role_privilege_and_type_when_the_role_lacks_it() -> None:
    unit = care_unit()
    with pytest.raises(NotAuthorisedError, match=r"nurse does not have the privilege "
                                                 r"SIGNERA_INTYG\.$"):
        check_privilege(staff_at(unit, Role.NURSE), P.SIGNERA_INTYG)
    with pytest.raises(NotAuthorisedError, match=r"SIGNERA_INTYG for luse\.$"):
        check_privilege(staff_at(unit, Role.DENTIST), P.SIGNERA_INTYG, "luse")


def test_every_role_has_an_entry_when_the_table_is_read() -> None:
    assert set(ROLE_PRIVILEGES) == set(Role)


def test_only_the_statistics_lead_handles_the_unit_list_when_intygsstatistik_is_followed(
) -> None:
    """DOMAIN.md §8 region level: the region's statistics lead uploads the unit list, and does
    nothing else; no care role uploads it."""
    assert ROLE_PRIVILEGES[Role.STATISTICS_LEAD] == frozenset({P.HANTERA_LISTNINGAR})
    assert [role for role in Role if may(role, P.HANTERA_LISTNINGAR)] == [Role.STATISTICS_LEAD]


def test_unit_staff_handle_orders_and_others_do_not_when_intygsbestallning_is_followed() -> None:
    """ORDERS.md §2: the one role VARDADMIN holds VISA_ and RADERA_BESTALLNING; here the unit's
    Webcert users (doctor, nurse, care admin) hold them, nobody else."""
    holders = {role for role in Role if may(role, P.VISA_BESTALLNING)}
    assert holders == {Role.DOCTOR, Role.NURSE, Role.CARE_ADMIN}
    assert {role for role in Role if may(role, P.RADERA_BESTALLNING)} == holders
