"""The shared plan (the employer's plan för återgång i arbete, SFB 30 kap. 6 §): the plan
items the citizen has approved, each with its measure (``domain.samverkan.measure``). The plan
of an earlier version of the space is the plan as it stood then."""

from __future__ import annotations

from domain.samverkan.facts import Facts, Item
from domain.samverkan.roles import ItemKind


def plan_of(facts: Facts) -> list[Item]:
    """The approved plan items, in the order they were proposed."""
    return [item for item in facts.items.values()
            if item.kind is ItemKind.PLANPUNKT and item.released]
