"""Loading and saving one aggregate for the orders, the FMU investigations and the
Samverkansytan spaces (``commands.stored``): what is not there, or is another kind of thing,
answers the not-found a stranger gets; a change saved over another's is refused whole."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from eventsourcing.application import Application

from commands.stored import save_changed, stored_or
from domain.orders.bestallning.order import Bestallning, OrderNotFoundError
from domain.orders.fmu.codes import Actor, PaymentIdKind
from domain.orders.fmu.investigation import Investigation
from domain.samverkan.errors import SpaceNotFoundError
from domain.samverkan.space import Space
from domain.shared.errors import StaleVersionError
from tests.factories import fmu

DAY = date(2026, 5, 4)


def test_loading_answers_the_strangers_not_found_when_another_kind_is_stored_under_the_id():
    """DOMAIN.md: to a caller who may not know it, a thing does not exist (the same 404 as an
    unknown id). Hardening item 2 of the review leftovers."""
    app: Application = Application()
    inv = fmu.requested(DAY)
    app.save(inv)
    with pytest.raises(OrderNotFoundError) as other_kind:
        stored_or(app, inv.id, Bestallning, OrderNotFoundError.of)
    unknown = uuid4()
    with pytest.raises(SpaceNotFoundError) as missing:
        stored_or(app, unknown, Space, SpaceNotFoundError.of)
    assert str(other_kind.value) == f"No order {inv.id}."
    assert str(missing.value) == f"No space {unknown}."
    assert stored_or(app, inv.id, Investigation, OrderNotFoundError.of).id == inv.id


def test_saving_is_refused_as_stale_when_another_change_was_saved_meanwhile():
    """Hardening item 2 of the review leftovers: the second of two concurrent changes is a
    StaleVersionError (409) with the caller's words, and writes nothing."""
    app: Application = Application()
    inv = fmu.requested(DAY)
    first_position = save_changed(app, inv, "unused")
    mine: Investigation = app.repository.get(inv.id)
    theirs: Investigation = app.repository.get(inv.id)
    for copy, value in ((theirs, "B-1"), (mine, "B-2")):
        copy.record_payment_id(kind=PaymentIdKind.BETALD_VE_ID, value=value,
                               actor=Actor.SAMORDNARE, acting_for=fmu.LANDSTING,
                               now=fmu.at(DAY), by=fmu.SAMORDNARE)
    assert save_changed(app, theirs, "unused") == (first_position or 0) + 1
    with pytest.raises(StaleVersionError, match="changed the investigation"):
        save_changed(app, mine, "Another command changed the investigation; retry.")
    assert app.repository.get(inv.id).version == theirs.version
