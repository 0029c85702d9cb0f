"""What the transition mixins of ``Investigation`` use of the aggregate: its facts, its status
as of a moment, and recording one of its nested events by name."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from domain.orders.calendar import swedish_date
from domain.orders.fmu.codes import Actor, Status
from domain.orders.fmu.facts import Facts
from domain.orders.fmu.status import resolve_status

FK, SA, VA = Actor.FK.value, Actor.SAMORDNARE.value, Actor.VARDADMIN.value
SYSTEM = Actor.SYSTEM.value


class Steps:
    """Base of the mixins that hold groups of transitions."""

    facts: Facts

    if TYPE_CHECKING:
        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

    def _record(self, event: str, **fields: Any) -> None:
        """Trigger the aggregate's nested event class named ``event``."""
        self.trigger_event(getattr(type(self), event), **fields)

    def status_at(self, now: datetime) -> Status:
        """The status on the Swedish date of ``now``."""
        return resolve_status(self.facts, swedish_date(now))
