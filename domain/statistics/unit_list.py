"""A region's unit list (listningar) for "per 1000 listed patients" (DOMAIN.md §8): every
version its statistics lead uploaded, the latest in force.

One aggregate per care giver (the region, as the care giver its units belong to), its id derived
from the care giver's HSA id (``unit_list_id``). Each upload is a new version; earlier versions
stay in the store. Holds HSA ids and counts only, no patient data.
Event style as in every aggregate (see ``domain.certificates.certificate``): ``@event("Name")``
on the method that applies it, the creation event on ``__init__``; the clock comes from the
caller.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from eventsourcing.domain import Aggregate, event

from domain.statistics.unit_list_file import ListedUnit

_NAMESPACE = uuid.UUID("c7e2a915-4d38-4f0b-b6a1-92e58d3f7c40")


def unit_list_id(care_giver: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"unit-list:{care_giver}")


class UnitList(Aggregate):
    """The unit lists of one care giver; ``number`` counts the uploads (0: none yet)."""

    @event("UnitListOpened")
    def __init__(self, care_giver: str) -> None:
        self.care_giver = care_giver
        self.number = 0
        self.units: dict[str, int] = {}
        self.uploaded_by = ""
        self.uploaded_at: datetime | None = None

    @classmethod
    def open(cls, care_giver: str) -> UnitList:
        opened = cls.UnitListOpened  # type: ignore[attr-defined]
        return cls._create(opened, id=unit_list_id(care_giver), care_giver=care_giver)

    def upload(self, units: list[ListedUnit], uploaded_by: str, uploaded_at: datetime) -> None:
        """A new version: the units and their listed patients, replacing the one in force."""
        self._uploaded({unit.hsa_id: unit.listed_patients for unit in units}, uploaded_by,
                       uploaded_at)

    @event("UnitListUploaded")
    def _uploaded(self, units: dict[str, int], uploaded_by: str, uploaded_at: datetime) -> None:
        self.number += 1
        self.units = dict(units)
        self.uploaded_by = uploaded_by
        self.uploaded_at = uploaded_at

    def listed(self) -> list[ListedUnit]:
        """The version in force, in the order of its file."""
        return [ListedUnit(hsa_id, count) for hsa_id, count in self.units.items()]
