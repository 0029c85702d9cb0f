"""A region's unit list for Intygsstatistik (DOMAIN.md §8): the statistics lead uploads a CSV of
units and listed patients; every upload is a new version of the care giver's ``UnitList``.

The region is the care giver in the lead's token; a unit of another care giver (another HSA
prefix) in the file is refused with its row. The list lives in the certificates' event store
(topics pinned in ``domain.topics``, internal: never published on Kafka).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import structlog
from eventsourcing.application import Application
from eventsourcing.persistence import RecordConflictError

from commands.clock import Clock
from commands.stored import stored
from domain.shared.care import Staff
from domain.shared.errors import NotFoundError, VersionConflictError
from domain.shared.privileges import Privilege, check_privilege
from domain.statistics.unit_list import UnitList, unit_list_id
from domain.statistics.unit_list_file import ListedUnit, read_unit_list

log = structlog.get_logger("statistics.unit_list")


class UnitListNotFoundError(NotFoundError):
    """The care giver has no unit list yet."""


class UnitListUploadRacedError(VersionConflictError):
    """Another upload for the same care giver was stored while this one was being stored."""


@dataclass(frozen=True)
class UnitListVersion:
    """The version in force: its number, who uploaded it and when, its units, and the log
    position of the upload (None when read)."""

    care_giver: str
    number: int
    uploaded_by: str
    uploaded_at: datetime
    units: list[ListedUnit]
    position: int | None = None


class UnitLists:
    """Uploads and reads the unit lists in ``app``'s event store."""

    def __init__(self, app: Application[UUID], clock: Clock) -> None:
        self.app, self._clock = app, clock

    def upload(self, lead: Staff, raw: bytes) -> UnitListVersion:
        """Store the file as the care giver's new version; ``UnitListInvalidError`` (every
        fault with row and column) and nothing stored when it is faulty."""
        check_privilege(lead, Privilege.HANTERA_LISTNINGAR)
        units = read_unit_list(raw, lead.care_giver_hsa_id)
        found = self._stored(lead.care_giver_hsa_id) or UnitList.open(lead.care_giver_hsa_id)
        now = self._clock()
        found.upload(units, lead.hsa_id, now)
        try:
            recordings = self.app.save(found)
        except RecordConflictError:
            raise UnitListUploadRacedError(
                "Another upload of the unit list was stored at the same moment; look at the "
                "version in force and upload again if it is not yours.") from None
        log.info("unit_list_uploaded", care_giver=lead.care_giver_hsa_id, version=found.number,
                 units=len(units), actor=lead.hsa_id)
        return _version(found, now, recordings[-1].notification.id)

    def current(self, reader: Staff) -> UnitListVersion:
        """The version in force of the reader's care giver."""
        check_privilege(reader, Privilege.HANTERA_LISTNINGAR)
        found = self._stored(reader.care_giver_hsa_id)
        if found is None or found.uploaded_at is None:
            raise UnitListNotFoundError("The care giver has no unit list yet.")
        return _version(found, found.uploaded_at, None)

    def listed(self, care_giver: str) -> dict[str, int]:
        """Listed patients per unit in the care giver's version in force (empty when none):
        counts of a unit, no patient data, for the region's report per 1000 listed."""
        found = self._stored(care_giver)
        return {} if found is None else {u.hsa_id: u.listed_patients for u in found.listed()}

    def _stored(self, care_giver: str) -> UnitList | None:
        return stored(self.app, unit_list_id(care_giver), UnitList)


def _version(found: UnitList, uploaded_at: datetime, position: int | None) -> UnitListVersion:
    return UnitListVersion(found.care_giver, found.number, found.uploaded_by, uploaded_at,
                           found.listed(), position)
