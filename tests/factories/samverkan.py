"""Builders for Samverkansytan spaces: a space with one participant of every role, and the
caller each role acts as."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from domain.samverkan.facts import participant_key
from domain.samverkan.roles import ItemKind, Role, Section
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


ITEM_TEXT = "Arbetsgivaren erbjuder halvtid med anpassade uppgifter i lagret"
UPLOAD_TEXT = "Arbetsplatsbesok hos Lagerbolaget i Mora den sjunde"
UPLOADED_PDF = f"%PDF-1.4\n% {UPLOAD_TEXT}\n%%EOF\n".encode()


def space_at_rest(app: Any, index_key: str, documents: Any = None) -> None:
    """A space as the at-rest scan writes it: a signed lisjp current today, a space for it,
    the employer invited and their plan item (free text) approved; with ``documents`` (a
    ``streams.space_documents.SpaceDocuments``) the employer's uploaded PDF too."""
    from commands.samverkan import Spaces
    from tests.factories import care_unit, lisjp_content, patient, staff_at

    unit = care_unit()
    doctor, who = staff_at(unit), patient()
    cert = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                            content=lisjp_content(app.clock().date())).id
    app.sign_certificate(cert, based_on_version=1, by=doctor)
    spaces = Spaces(app, index_key, clock=app.clock)
    citizen = caller_of(Role.MEDBORGARE, who.personnummer)
    space = spaces.open(citizen, cert).id
    employer = spaces.invite(space, citizen, Role.ARBETSGIVARE, PARTIES[Role.ARBETSGIVARE],
                             list(Section)).made
    assert employer is not None
    item = spaces.contribute(space, caller_of(Role.ARBETSGIVARE), ItemKind.PLANPUNKT,
                             "Plan för återgång i arbete", ITEM_TEXT).made
    spaces.approve(space, citizen, str(item))
    if documents is not None:
        def keep(item_id: str, personnummer: str) -> None:
            documents.keep(str(space), item_id, personnummer, "application/pdf", UPLOADED_PDF,
                           app.clock())
        spaces.upload(space, caller_of(Role.ARBETSGIVARE), "PDF-dokument", keep)
