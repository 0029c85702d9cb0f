"""A plan item's measure: who is responsible, its status, its dates and its follow-up
(the content of a plan för återgång i arbete, ``domain.samverkan.plan``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.samverkan.errors import InvalidSpaceInputError


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


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
