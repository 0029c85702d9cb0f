"""The death-certificate register of one patient: every DB (dödsbevis) or every DOI
(dödsorsaksintyg) on file, so the uniqueness rules of TYPES.md §0.1/§10/§11 are decided on one
aggregate, saved in the same transaction as the certificate it concerns.

Event style as in every aggregate (see ``domain.certificates.certificate``): ``@event("Name")``
on the method that applies it, the creation event on ``__init__``."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.certificates.uniqueness import ExistingDeathCertificate

_NAMESPACE = uuid.UUID("8f3c2a57-1d0e-4b8a-9e61-3c5d7f2a9b14")


def register_id(type_id: str, personnummer: str, salt: str) -> uuid.UUID:
    """Keyed by a salted hash, so the (clear) aggregate id does not reveal the personnummer."""
    digest = hmac.new(salt.encode(), f"{type_id}:{personnummer}".encode(), hashlib.sha256)
    return uuid.uuid5(_NAMESPACE, digest.hexdigest())


class DeathRegister(Aggregate):
    """One patient's DBs, or one patient's DOIs."""

    @event("DeathRegisterOpened")
    def __init__(self, type_id: str) -> None:
        self.type_id = type_id
        self.entries: dict[str, dict[str, Any]] = {}

    @classmethod
    def open(cls, register: uuid.UUID, type_id: str) -> DeathRegister:
        opened = cls.DeathRegisterOpened  # type: ignore[attr-defined]
        return cls._create(opened, id=register, type_id=type_id)

    def existing(self) -> list[ExistingDeathCertificate]:
        return [ExistingDeathCertificate(certificate_id=cid, care_giver=e["care_giver"],
                                         created=e["created"], signed=e["signed"],
                                         revoked=e["revoked"], locked=e["closed"])
                for cid, e in self.entries.items() if not e["discarded"]]

    def entry(self, certificate_id: uuid.UUID) -> ExistingDeathCertificate:
        return next(e for e in self.existing() if e.certificate_id == str(certificate_id))

    @event("DeathCertificateNoted")
    def note(self, certificate_id: uuid.UUID, care_giver: str, created: datetime) -> None:
        self.entries[str(certificate_id)] = {"care_giver": care_giver, "created": created,
                                             "signed": False, "revoked": False,
                                             "closed": False, "discarded": False}

    @event("DeathCertificateSigned")
    def mark_signed(self, certificate_id: uuid.UUID) -> None:
        self.entries[str(certificate_id)]["signed"] = True

    @event("DeathCertificateRevoked")
    def mark_revoked(self, certificate_id: uuid.UUID) -> None:
        self.entries[str(certificate_id)]["revoked"] = True

    @event("DeathDraftDiscarded")
    def mark_discarded(self, certificate_id: uuid.UUID) -> None:
        self.entries[str(certificate_id)]["discarded"] = True

    @event("DeathDraftLocked")
    def mark_locked(self, certificate_id: uuid.UUID) -> None:
        self.entries[str(certificate_id)]["closed"] = True
