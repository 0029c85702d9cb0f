"""Builders for Samverkansytan spaces: a space with one participant of every role, and the
caller each role acts as."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from domain.samverkan.facts import participant_key
from domain.samverkan.roles import Role, Section
from domain.samverkan.rules import Caller
from domain.samverkan.space import Space

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PARTIES = {Role.ARBETSGIVARE: "5560360793", Role.LAKARE: "SE2321000016-1003",
           Role.REHABKOORDINATOR: "SE2321000016-1004", Role.FORETAGSHALSOVARD: "2021005489",
           Role.FORSAKRINGSKASSAN: "FKASSA"}


def caller_of(role: Role, personnummer: str = "") -> Caller:
    if role is Role.MEDBORGARE:
        return Caller(role=role, party="", by="citizen", personnummer=personnummer)
    return Caller(role=role, party=PARTIES[role], by=f"person-{role.value.lower()}")


def key_of(role: Role) -> str:
    return participant_key(role, PARTIES[role])


def space_with_everyone(personnummer: str, *, consent: bool = True,
                        scope: tuple[Section, ...] = tuple(Section)) -> Space:
    """Opened for a sick leave from 2026-10-20 to 2026-12-31, every role invited with
    ``scope``; care with the patient's consent when ``consent``."""
    space = Space.open(id=uuid.uuid4(), personnummer=personnummer, certificate_id="cert-1",
                       periods=[(date(2026, 10, 20), date(2026, 12, 31))], now=NOW,
                       by="citizen")
    for role, party in PARTIES.items():
        key = space.invite(role=role, party=party, scope=scope, now=NOW, by="citizen")
        if consent and role in (Role.LAKARE, Role.REHABKOORDINATOR):
            space.record_consent(participant=key, given=True, now=NOW, by="citizen")
    return space
