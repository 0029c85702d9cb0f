"""The PDL access log (patientdatalagen 4 kap. 3 §): one entry written for every read of
patient data, and the listings of those entries for the patient and for the care giver's
audit officer.

Fail closed: ``record`` raises ``AccessLogUnavailableError`` when the entry cannot be stored,
and the caller then answers nothing of what was read. Entries live in the event store beside the
certificates (``domain.access.entry``), one small aggregate each; the relay publishes them on
their own topic (``streams.access_log``). The listings read the index of
``commands.access_index``, never the whole store.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

import structlog
from eventsourcing.application import Application

from commands.access_index import TOPICS, AccessIndex, entry_of
from commands.clock import Clock, IdFactory, new_id
from commands.store_tables import log_pages
from domain.access.entry import AccessEntry, Reader, ReadSubjects, subjects_of

log = structlog.get_logger("pdl.access")
_KNOWN_PATIENTS = 65_536  # blind indexes kept in process (~10 MB): a unit's overview is a few
# thousand patients, read again and again, and an HMAC each time cost most of its entry


class AccessLogUnavailableError(Exception):
    """The access entry could not be stored: the read must be refused (503)."""


@dataclass(frozen=True)
class EntryFilter:
    """What an audit officer asks for: entries of their care giver, optionally of one person
    (HSA id), one patient (personnummer, matched by its blind index) and a period."""

    care_giver: str
    person: str | None = None
    patient: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AccessLog:
    """Writes and lists access entries in ``app``'s event store; ``key`` keys the patients'
    blind index."""

    def __init__(self, app: Application[UUID], key: str, clock: Clock,
                 ids: IdFactory = new_id) -> None:
        self.app, self._key, self._clock, self._ids = app, key, clock, ids
        self._secret = key.encode()
        self._digest = lru_cache(maxsize=_KNOWN_PATIENTS)(self._hmac)
        self.index = AccessIndex(app)

    def _hmac(self, personnummer: str) -> bytes:
        return hmac.digest(self._secret, personnummer.encode(), "sha256")

    def index_of(self, personnummer: str) -> str:
        """The patient's blind index (``patient_index``), in hex."""
        return self._digest(personnummer).hex()

    def subjects(self, personnummers: Iterable[str],
                 certificate_ids: Iterable[object]) -> ReadSubjects:
        """What an entry keeps of a read of these patients and certificates (``record``)."""
        return subjects_of(map(self._digest, personnummers), certificate_ids)

    def record(self, reader: Reader, what: str, personnummers: Iterable[str],
               certificate_ids: Iterable[object], reason: str | None = None) -> UUID:
        """Store one entry for a read; raises ``AccessLogUnavailableError`` if it cannot."""
        return self.record_subjects(reader, what, self.subjects(personnummers, certificate_ids),
                                    reason)

    def record_subjects(self, reader: Reader, what: str, subjects: ReadSubjects,
                        reason: str | None = None) -> UUID:
        """``record`` of a read whose subjects were worked out before (``subjects``): a list
        read again unchanged packs its patients once."""
        entry = AccessEntry.record_subjects(reader, subjects, what, self._clock(), reason,
                                            self._ids())
        try:
            self.app.save(entry)
        except Exception as error:  # any failure to store it: the read is refused
            log.error("access_entry_not_stored", what=what, error=type(error).__name__)
            raise AccessLogUnavailableError(
                "The access log cannot record this read now; nothing was shown. "
                "Retry shortly.") from None
        # counts for a list: ids are allowed here, but thousands in one line help no one (the
        # entry keeps certificate ids only for a read about one patient)
        log.info("patient_data_read", entry_id=str(entry.id), what=what, role=reader.role,
                 actor=reader.hsa_id or reader.role, care_unit=reader.care_unit,
                 patients=entry.patient_count, certificates=entry.certificate_count,
                 certificate_ids=entry.certificate_ids)
        return UUID(str(entry.id))

    def of_patient(self, personnummer: str) -> list[dict[str, Any]]:
        """Every entry about the patient, oldest first (from the index, ``AccessIndex``)."""
        return self.index.of_patient(self._digest(personnummer))

    def of_care_giver(self, wanted: EntryFilter) -> list[dict[str, Any]]:
        """The care giver's entries that match ``wanted``, oldest first."""
        patient = self._digest(wanted.patient) if wanted.patient else None
        return self.index.of_care_giver(wanted.care_giver, wanted.person, patient,
                                        wanted.since, wanted.until)

    def count(self) -> int:
        return self.index.count()

    def entries(self) -> Iterator[AccessEntry]:
        """Every entry, oldest first, from the store itself (audits and tests; the listings
        read the index)."""
        for page in log_pages(self.app, 0, TOPICS):
            yield from (entry_of(self.app, notification) for notification in page)
