"""The spaces follow the ledger (issue 15 item 3): each lisjp signed (or registered) after a
space was opened, of the space's citizen, that continues the space's sick-leave case
(``domain.samverkan.following``) is linked to it (``CertificateLinked``, ``by`` the follower),
so the timeline counts it without the citizen linking it by hand.

A catch-up over the event store's notification log, in log order: the spaces opened (their
citizens by blind index, kept in memory) and the certificates signed since the last run. It
starts from the log's beginning once per process; a certificate already linked is skipped, so
running it again changes nothing. A conflict with a concurrent command stops the run before
that certificate; the next run takes it again."""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from commands.clock import Clock
from commands.samverkan_certificates import sick_leave_periods
from commands.store_tables import log_pages
from domain.access.entry import patient_index
from domain.certificates.certificate import Certificate
from domain.samverkan.errors import NoCurrentSickLeaveError
from domain.samverkan.following import FOLLOWER, continues_case
from domain.samverkan.space import Space
from domain.shared.errors import CertificateNotFoundError
from domain.topics import topics_of

_OPENED = frozenset(topics_of(Space.SpaceOpened))
_TOPICS = sorted(_OPENED | set(topics_of(Certificate.CertificateRegistered))
                 | {t for t in topics_of(Certificate) if t.endswith(".CertificateSigned")})


class SpaceFollower:
    def __init__(self, app: Application[UUID], index_key: str, clock: Clock) -> None:
        self.app, self._index_key, self.clock = app, index_key, clock
        self._after = 0
        self._spaces: dict[str, list[UUID]] = {}
        self._lock = threading.Lock()

    def catch_up(self) -> int:
        """Follow the log to its end; the number of certificates linked."""
        linked = 0
        with self._lock:
            for page in log_pages(self.app, self._after, _TOPICS):
                for notification in page:
                    linked += self._follow(notification)
                    self._after = notification.id
        return linked

    def _follow(self, notification: Any) -> int:
        originator = UUID(str(notification.originator_id))
        if notification.topic in _OPENED:
            space: Space = self.app.repository.get(originator)
            self._spaces.setdefault(self._index(space.facts.citizen), []).append(space.id)
            return 0
        if not self._spaces:
            return 0  # no space yet: no certificate to load
        certificate: Any = self.app.repository.get(originator)
        if not isinstance(certificate, Certificate):
            return 0
        personnummer = certificate.patient.personnummer
        spaces = self._spaces.get(self._index(personnummer), [])
        if not spaces:
            return 0
        try:
            periods = sick_leave_periods(self.app, originator, personnummer, None)
        except (CertificateNotFoundError, NoCurrentSickLeaveError):
            return 0  # not a signed, valid lisjp of theirs
        return sum(self._link(space_id, str(originator), periods) for space_id in spaces)

    def _link(self, space_id: UUID, certificate_id: str, periods: Any) -> int:
        space: Space = self.app.repository.get(space_id)
        facts = space.facts
        if any(p.certificate_id == certificate_id for p in facts.periods) or \
                not continues_case([(p.start, p.end) for p in facts.periods], periods):
            return 0
        space.link_certificate(certificate_id=certificate_id, periods=periods,
                               now=self.clock(), by=FOLLOWER)
        self.app.save(space)
        return 1

    def _index(self, personnummer: str) -> str:
        return patient_index(personnummer, self._index_key)
