"""One check that a member of staff acts for a care unit (domain/shared/care.py)."""

from __future__ import annotations

import pytest

from domain.shared.errors import NotAuthorisedError
from tests.factories import care_unit, staff_at


def test_staff_acts_for_unit_when_the_token_names_it() -> None:
    unit = care_unit()
    staff = staff_at(unit)
    assert staff.acts_for(unit)
    assert staff.acts_for(unit.hsa_id)


def test_staff_does_not_act_for_unit_when_the_token_names_another() -> None:
    staff = staff_at(care_unit())
    assert not staff.acts_for(care_unit())


def test_staff_does_not_act_for_unit_when_the_token_names_another_care_giver() -> None:
    """Hardening item 6: a certificate's unit is acted for only under its own care giver."""
    unit = care_unit()
    staff = staff_at(care_unit(hsa_id=unit.hsa_id))  # the unit's id, another care giver
    assert not staff.acts_for(unit)


def test_check_acts_for_refuses_with_the_given_reason_when_unit_is_another() -> None:
    staff = staff_at(care_unit())
    with pytest.raises(NotAuthorisedError, match="see its lists"):
        staff.check_acts_for(care_unit().hsa_id, "Only staff of the care unit see its lists.")
    with pytest.raises(NotAuthorisedError, match="issuing care unit"):
        staff.check_acts_for(care_unit())
