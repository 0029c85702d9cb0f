"""The event store seals an order's, an investigation's and a space's events where their
topics seal them (issue 12; docs/sealing.md, "Sealed in the event store"): no field sealed on
``intyg.orders.v1``, ``intyg.fmu.v1`` or ``intyg.samverkan.v1`` rests clear in the store."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

from domain.orders.bestallning.order import Bestallning
from domain.orders.fmu.investigation import Investigation
from domain.samverkan.space import Space
from streams.sealing.envelope import is_sealed
from streams.sealing.fields import (
    INVESTIGATION_SEALED_FIELDS,
    ORDER_SEALED_FIELDS,
    SPACE_SEALED_FIELDS,
)
from streams.sealing.store_fields import (
    STORE_SEALED_FIELDS,
    field_key_refs,
    named_index,
    open_fields,
    seal_fields,
)

_TOPIC_FIELDS = ((Bestallning, ORDER_SEALED_FIELDS), (Investigation, INVESTIGATION_SEALED_FIELDS),
                 (Space, SPACE_SEALED_FIELDS))


def test_a_field_is_sealed_in_the_store_whole_or_part_by_part_when_its_topic_seals_it():
    """Hardening item 1 (issue 12): ARCHITECTURE.md invariant 8."""
    for aggregate, on_topic in _TOPIC_FIELDS:
        for name, fields in on_topic.items():
            stored = STORE_SEALED_FIELDS[getattr(aggregate, name)]
            paths = [f.path for f in stored.fields]
            for field in fields:
                assert any(p == field.path or p.startswith(field.path + ".") for p in paths), (
                    aggregate.__name__, name, field.path)


def _order_received() -> dict[str, object]:
    return {"originator_id": uuid.uuid4(), "originator_version": 1,
            "timestamp": datetime(2026, 12, 7, tzinfo=UTC), "authority": "AF",
            "citizen": {"personnummer": "191212121212", "id_root": "1.2.752.129.2.1.3.1",
                        "background": "Arbetssökande sedan i våras"},
            "purpose": "Underlag", "planned_actions": "", "case_reference": "AF-1"}


def test_a_forgotten_citizen_opens_to_an_object_the_order_still_folds_when_the_key_is_gone():
    """The citizen is sealed part by part: a destroyed key leaves ``{"personnummer": ""}``
    beside the clear id root, never an empty object."""
    declared = STORE_SEALED_FIELDS[Bestallning.OrderReceived]  # type: ignore[attr-defined]
    state = _order_received()
    sealed = seal_fields(state, declared, "index-1", os.urandom(32))
    citizen = sealed["citizen"]
    assert is_sealed(citizen["personnummer"]) and is_sealed(citizen["background"])
    assert citizen["id_root"] == "1.2.752.129.2.1.3.1" and sealed["authority"] == "AF"
    assert state["citizen"]["personnummer"] == "191212121212"  # the event itself untouched
    assert field_key_refs(sealed, declared) == {"index-1"}
    assert named_index(sealed, declared) == "index-1"
    opened = open_fields(sealed, declared, {"index-1": None})
    assert opened["citizen"] == {"personnummer": "", "id_root": "1.2.752.129.2.1.3.1",
                                 "background": ""}
    assert (opened["purpose"], opened["planned_actions"]) == ("", "")


def test_a_sealed_order_opens_to_what_was_stored_when_the_key_lives():
    declared = STORE_SEALED_FIELDS[Bestallning.OrderReceived]  # type: ignore[attr-defined]
    key, state = os.urandom(32), _order_received()
    assert open_fields(seal_fields(state, declared, "index-1", key), declared,
                       {"index-1": key}) == state
