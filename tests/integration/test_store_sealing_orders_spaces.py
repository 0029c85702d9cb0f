"""Orders, FMU investigations and Samverkansytan spaces sealed per patient in the event store
(issue 12, item 1: "`intyg forget` destroys that patient's data key, after which every copy of
their data ... is unreadable"; ARCHITECTURE.md invariant 8). Decrypted with the store key
alone, no stored row holds the citizen's personnummer or free text, before and after a forget;
the forgotten citizen's order, investigation and space still load, another citizen's still
open. On the embedded SQLite store and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from commands.certificates import Certificates
from commands.investigations import Investigations
from commands.orders import Orders
from commands.samverkan import Spaces
from commands.settings import Settings, eventsourcing_env
from domain.orders.bestallning.status import OrderStatus
from domain.samverkan.roles import ItemKind, Role, Section
from domain.shared.care import CareUnit
from tests.e2e.conftest import token_for
from tests.factories import FakeClock, care_unit, fmu, lisjp_content, patient, staff_at
from tests.factories.orders import order_request
from tests.factories.samverkan import PARTIES, caller_of
from tests.factories.samverkan_http import SPACES, citizen_auth, outside_auth
from tests.integration.store_sealing_support import (
    PRE_STORE_SEALING,
    forget,
    in_clear_with_the_store_key,
    sealing_store,
)

BACKGROUND = "Arbetssökande efter ryggskadan på lagret i Mora"
PURPOSE = "Underlag inför arbetsprövning hos Lagerbolaget"
ACCEPTED = "Vi tar emot Greta efter hennes knäoperation"
ANSWERED = "Enheten kan ta emot Greta Gåsmamma på tisdag"
UPDATED = "Greta Gåsmamma behöver tolk på finska"
ITEM = "Halvtid med anpassade uppgifter efter knäoperationen"
REPLY = "Jag klarar inte trapporna i lagret ännu"
CONTACT = "Gunnel Gåsmamma"
SECRETS = (BACKGROUND, PURPOSE, ACCEPTED, ANSWERED, UPDATED, ITEM, REPLY, CONTACT,
           "AF-2026-0042")


@pytest.fixture(params=["sqlite", "postgres"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with sealing_store(request.param, tmp_path) as settings:
        yield settings


def _order(app: Certificates, unit: CareUnit, citizen: str, text: str) -> UUID:
    orders = Orders(app, app.clock)
    request = order_request(unit, purpose=PURPOSE)
    request = request.model_copy(update={"citizen": request.citizen.model_copy(
        update={"personnummer": citizen, "background": BACKGROUND})})
    made = orders.create_order(request, "AF").id
    staff = staff_at(unit)
    orders.view_order(made, staff)
    orders.accept(made, staff, text)
    return made


def _investigation(app: Certificates, citizen: str) -> UUID:
    """A unit's comment before the citizen is named, then the order for ``citizen`` and
    Försäkringskassan's comment after it."""
    investigations = Investigations(app, clock=FakeClock(fmu.at(date(2026, 11, 2))))
    who = fmu.callers()
    made = fmu.assigned_through(investigations, who, comment=ANSWERED)
    investigations.receive_order(made, who["fk"], fmu.UNIT, date(2026, 12, 11), True, False,
                                 citizen=citizen)
    investigations.update_order(made, who["fk"], None, True, UPDATED, None, None)
    assert isinstance(made, UUID)
    return made


def _space(app: Certificates, settings: Settings, unit: CareUnit, citizen: str) -> UUID:
    """The citizen's space for a signed lisjp: the employer's plan item, the citizen's
    reply to it and contact details."""
    doctor = staff_at(unit)
    cert = app.create_draft(type_id="lisjp", patient=patient(personnummer=citizen),
                            care_unit=unit, author=doctor,
                            content=lisjp_content(app.clock().date())).id
    app.sign_certificate(cert, based_on_version=1, by=doctor)
    spaces = Spaces(app, settings.patient_index_secret, clock=app.clock)
    owner = caller_of(Role.MEDBORGARE, citizen)
    space = spaces.open(owner, cert).id
    spaces.invite(space, owner, Role.ARBETSGIVARE, PARTIES[Role.ARBETSGIVARE], list(Section))
    item = spaces.contribute(space, caller_of(Role.ARBETSGIVARE), ItemKind.MEDDELANDE,
                             "Plan för återgång", ITEM).made
    spaces.reply(space, owner, str(item), REPLY)
    spaces.give_contact(space, owner, CONTACT, "070-000 00 00", "")
    return space


def _loaded(settings: Settings, citizen: str, made: tuple[UUID, UUID, UUID]) -> dict[str, Any]:
    """The order, the investigation and the space as a fresh process loads them."""
    fresh = Certificates(eventsourcing_env(settings), clock=FakeClock())
    try:
        order, investigation, space = (fresh.repository.get(i) for i in made)
        comments = [vars(e)["comment"] for e in fresh.repository.event_store.get(made[1])
                    if "comment" in vars(e)]
        return {"order": order, "investigation": investigation.facts, "space": space.facts,
                "comments": comments}
    finally:
        fresh.close()


def test_a_forgotten_citizens_order_investigation_and_space_rest_sealed_and_still_load(
        store_settings: Settings) -> None:
    """Hardening item 1 (issue 12): DOMAIN.md's patient data (personnummer, free text) rests
    sealed in the store's rows of orders, FMU investigations and spaces; after ``intyg
    forget`` they load with the forgotten values, ids and statuses intact, while another
    citizen's order still opens."""
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    unit = care_unit()
    forgotten, kept = patient().personnummer, patient().personnummer
    try:
        made = (_order(app, unit, forgotten, ACCEPTED), _investigation(app, forgotten),
                _space(app, store_settings, unit, forgotten))
        other = _order(app, unit, kept, "Välkommen på tisdag")
        secrets = (*SECRETS, forgotten, kept)
        assert in_clear_with_the_store_key(app, store_settings, secrets) == []
        before = _loaded(store_settings, forgotten, made)
        assert before["order"].citizen["background"] == BACKGROUND
        assert before["investigation"].citizen == forgotten
        assert before["comments"] == [ANSWERED, UPDATED]
        assert before["space"].citizen == forgotten
    finally:
        app.close()

    forget(store_settings, forgotten)

    reader = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    try:
        assert in_clear_with_the_store_key(reader, store_settings, secrets) == []
    finally:
        reader.close()
    after = _loaded(store_settings, forgotten, made)
    order, investigation, space = after["order"], after["investigation"], after["space"]
    assert (order.status, order.version) == (OrderStatus.ACCEPTERAD, before["order"].version)
    assert order.citizen["personnummer"] == order.citizen["background"] == order.purpose == ""
    assert order.citizen["id_root"] == before["order"].citizen["id_root"]
    assert investigation == replace(before["investigation"], citizen="")
    assert after["comments"] == [None, None]  # the one before the citizen was named too
    assert space.citizen == "" and space.periods == ()
    assert {(i.kind, i.text) for i in space.items.values()} == {
        (ItemKind.MEDDELANDE, "")}
    assert [c.name for c in space.contacts.values()] == [""]
    assert set(space.participants) == set(before["space"].participants)
    still = _loaded(store_settings, kept, (other, made[1], made[2]))["order"]
    assert (still.citizen["personnummer"], still.purpose) == (kept, PURPOSE)


def test_an_order_stored_before_the_store_sealed_it_still_loads_and_its_next_text_is_sealed(
        store_settings: Settings) -> None:
    """Rows of an order stored before this change hold the citizen clear under the store
    key; the order still loads, and the unit's text stored afterwards is sealed."""
    earlier = Certificates({**eventsourcing_env(store_settings), **PRE_STORE_SEALING},
                           clock=FakeClock())
    unit = care_unit()
    try:
        request = order_request(unit, purpose=PURPOSE)
        made = Orders(earlier, earlier.clock).create_order(request, "AF").id
        assert in_clear_with_the_store_key(earlier, store_settings, (PURPOSE,))
    finally:
        earlier.close()
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    try:
        orders, staff = Orders(app, app.clock), staff_at(unit)
        orders.view_order(made, staff)
        orders.accept(made, staff, ACCEPTED)
        assert in_clear_with_the_store_key(app, store_settings, (ACCEPTED,)) == []
        assert orders.get_for(made, staff).purpose == PURPOSE
    finally:
        app.close()


def test_a_forgotten_citizens_order_and_space_answer_their_readers_with_the_forgotten_values(
        store_settings: Settings) -> None:
    """Hardening item 1 (issue 12): after ``intyg forget`` the order's unit reads it (200,
    the citizen's personnummer, background and the texts empty, the status kept) and the
    employer reads the space (200, its item's text empty), as a forgotten certificate
    answers; the space has no owner any more, so the citizen's own token finds none (404)."""
    app = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    unit, citizen = care_unit(), patient().personnummer
    try:
        order = _order(app, unit, citizen, ACCEPTED)
        space = _space(app, store_settings, unit, citizen)
    finally:
        app.close()
    forget(store_settings, citizen)
    reader = Certificates(eventsourcing_env(store_settings), clock=FakeClock())
    staff = {"Authorization": f"Bearer {token_for(store_settings, staff_at(unit), FakeClock())}"}
    with TestClient(create_app(store_settings, certificates_app=reader)) as client:
        read = client.get(f"/v1/orders/{order}", headers=staff)
        shared = client.get(f"{SPACES}/{space}", headers=outside_auth(
            store_settings, Role.ARBETSGIVARE, str(space)))
        owned = client.get(f"{SPACES}/{space}", headers=citizen_auth(store_settings, citizen))
    reader.close()
    assert (read.status_code, shared.status_code, owned.status_code) == (200, 200, 404)
    assert read.json()["status"] == "ACCEPTERAD"
    assert read.json()["citizen"]["personnummer"] == read.json()["purpose"] == ""
    for secret in (*SECRETS, citizen):
        assert secret not in read.text + shared.text + owned.text
