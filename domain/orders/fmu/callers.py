"""Who acts on an investigation and what they may see of it (ORDERS.md §1.2).

A coordinator (samordnare) sees the investigations of their own landsting; a unit's vårdadmin
sees those their unit was asked about or assigned; the authority's system (FK, AF) and the
nightly job see every one. To anyone else an investigation does not exist: the same answer as
an unknown id, so a stranger learns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.orders.fmu.codes import Actor
from domain.orders.fmu.facts import Facts
from domain.shared.privileges import Privilege


@dataclass(frozen=True)
class Caller:
    """``id``: an HSA id or a system id; ``acts_for``: the landsting (coordinator) or the unit
    (vårdadmin); ``grants``: the person's FMU privileges."""

    actor: Actor
    id: str
    acts_for: str = ""
    grants: frozenset[Privilege] = field(default_factory=frozenset)


def may_see(facts: Facts, caller: Caller) -> bool:
    if caller.actor is Actor.SAMORDNARE:
        return facts.landsting == caller.acts_for
    if caller.actor is Actor.VARDADMIN:
        return (facts.assigned_unit == caller.acts_for
                or facts.request_of(caller.acts_for) is not None)
    return caller.actor in (Actor.FK, Actor.AF, Actor.JOB)
