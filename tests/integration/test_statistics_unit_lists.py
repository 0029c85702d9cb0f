"""DOMAIN.md §8 region level: the unit list's versions in the event store, on SQLite and on
PostgreSQL; two uploads racing for one region end with one stored and a 409 for the other."""

from __future__ import annotations

from datetime import datetime

import pytest

from commands.certificates import Certificates
from commands.unit_lists import UnitListNotFoundError, UnitLists, UnitListUploadRacedError
from domain.shared.care import Role
from domain.statistics.unit_list_file import ListedUnit
from tests.factories import care_unit, staff_at


def _file(*rows: tuple[str, int]) -> bytes:
    return "\n".join(["hsaId,listedPatients", *(f"{u},{n}" for u, n in rows)]).encode()


def test_versions_follow_each_other_when_the_lead_uploads_again(certificates: Certificates,
                                                                 clock):
    unit = care_unit()
    lead = staff_at(unit, Role.STATISTICS_LEAD)
    lists = UnitLists(certificates, clock)
    first = lists.upload(lead, _file((unit.hsa_id, 10)))
    second = lists.upload(lead, _file((unit.hsa_id, 20)))
    assert (first.number, second.number) == (1, 2)
    assert second.position is not None and first.position is not None
    assert second.position > first.position
    assert lists.current(lead).units == [ListedUnit(unit.hsa_id, 20)]


def test_racing_upload_is_a_conflict_when_another_is_stored_meanwhile(
        certificates: Certificates, clock):
    """The other upload is stored while this one reads the clock, between load and save."""
    unit = care_unit()
    lead = staff_at(unit, Role.STATISTICS_LEAD)

    def racing_clock() -> datetime:
        UnitLists(certificates, clock).upload(lead, _file((unit.hsa_id, 1)))
        return clock()

    with pytest.raises(UnitListUploadRacedError):
        UnitLists(certificates, racing_clock).upload(lead, _file((unit.hsa_id, 2)))
    current = UnitLists(certificates, clock).current(lead)
    assert current.number == 1 and current.units == [ListedUnit(unit.hsa_id, 1)]


def test_no_list_is_not_found_when_none_was_uploaded(certificates: Certificates, clock):
    with pytest.raises(UnitListNotFoundError):
        UnitLists(certificates, clock).current(staff_at(care_unit(), Role.STATISTICS_LEAD))
