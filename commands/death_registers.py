"""Loading the per-patient death-certificate registers (DB and DOI uniqueness) for a command."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Repository

from domain.certificates.death_register import DeathRegister, register_id
from domain.content.death.uniqueness import (
    check_db_allowed,
    check_db_signing_allowed,
    check_doi_allowed,
    check_doi_signing_allowed,
)

DEATH_TYPES = frozenset({"db", "doi"})


class DeathRegisters:
    def __init__(self, repository: Repository[UUID], salt: str) -> None:
        self._repository = repository
        self._salt = salt

    def load(self, type_id: str, personnummer: str) -> DeathRegister | None:
        """The patient's register for a death type, opened if new; None for other types."""
        if type_id not in DEATH_TYPES:
            return None
        register = register_id(type_id, personnummer, self._salt)
        try:
            found: DeathRegister = self._repository.get(register)
        except AggregateNotFoundError:
            return DeathRegister.open(register, type_id)
        return found


def check_new_draft(register: DeathRegister, care_giver: str) -> None:
    if register.type_id == "db":
        check_db_allowed(register.existing(), care_giver)
    else:
        check_doi_allowed(register.existing(), care_giver)


def check_signing(register: DeathRegister, certificate_id: UUID, care_giver: str) -> None:
    if register.type_id == "db":
        check_db_signing_allowed(register.existing(), care_giver)
    else:
        check_doi_signing_allowed(register.existing(), register.entry(certificate_id))
