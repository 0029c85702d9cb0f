"""The shared plan (the employer's plan för återgång i arbete, SFB 30 kap. 6 §): the plan
items the citizen has approved, each a measure with an owner, its dates, a status and a
follow-up date. The plan of an earlier version of the space is the plan as it stood then."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.samverkan.errors import InvalidSpaceInputError
from domain.samverkan.facts import Facts, Item
from domain.samverkan.roles import ItemKind


class MeasureStatus(StrEnum):
    PLANERAD = "PLANERAD"
    PAGAR = "PAGAR"
    GENOMFORD = "GENOMFORD"
    AVBRUTEN = "AVBRUTEN"


@dataclass(frozen=True)
class Measure:
    """``owner``: who is responsible (a role or a name the parties agree on)."""

    owner: str
    status: MeasureStatus
    start: date | None = None
    end: date | None = None
    follow_up: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise InvalidSpaceInputError("A measure ends on or after its start.")
        if not self.owner.strip():
            raise InvalidSpaceInputError("A measure names its owner.")

    def as_data(self) -> dict[str, str | None]:
        return {"owner": self.owner, "status": self.status.value,
                "start": _iso(self.start), "end": _iso(self.end),
                "follow_up": _iso(self.follow_up)}


def measure_from(data: Mapping[str, str | None] | None) -> Measure | None:
    if data is None:
        return None
    return Measure(owner=str(data["owner"]), status=MeasureStatus(str(data["status"])),
                   start=_day(data.get("start")), end=_day(data.get("end")),
                   follow_up=_day(data.get("follow_up")))


def plan_of(facts: Facts) -> list[Item]:
    """The approved plan items, in the order they were proposed."""
    return [item for item in facts.items.values()
            if item.kind is ItemKind.PLANPUNKT and item.released]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
