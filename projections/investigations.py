"""The FMU investigations' read model (ORDERS.md §1, issue 14 deliverable 7): what the
coordinator's and the unit's lists and each investigation's timeline are read from, so a list
never loads the investigations from the event store.

Fed with the investigations' history lines from the store's log (``streams.order_feed``'s
``feed_log``), with the view's position in one transaction. It keeps who may be shown each
investigation (its landsting, the units asked or assigned) and every step with its fields;
the facts are folded from those steps by ``domain.orders.fmu.fold.apply``, the one fold the
aggregate calls too. Status, deadlines and overdue flags are computed from the facts when read,
from today and the calendar, never stored: a list is never stale by a day.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from domain.orders.fmu import fold
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Actor
from domain.orders.fmu.facts import Facts
from projections.base import Sql

Line = dict[str, Any]
_CREATING = ("RequestReceived", "OrderedDirectly")
_TIMES = ("at", "answer_by", "start", "end", "deviation_at")  # datetimes in the events


def _units(event: str, data: dict[str, Any]) -> list[str]:
    """The units an event makes the investigation visible to (asked, assigned)."""
    if event == "UnitsAsked":
        return [str(u) for u in data["units"]]
    if event in ("UnitAssignedDirectly", "UnitAssigned", "OrderedDirectly"):
        return [str(data["unit"])]
    return []


class InvestigationsView:
    name = "fmu_investigations"

    def setup(self, tx: Sql) -> None:
        tx.execute("CREATE TABLE IF NOT EXISTS fmu_investigations (id TEXT PRIMARY KEY, "
                   "landsting TEXT, seq BIGINT)")
        tx.execute("CREATE INDEX IF NOT EXISTS fmu_investigations_landsting "
                   "ON fmu_investigations (landsting)")
        tx.execute("CREATE TABLE IF NOT EXISTS fmu_investigation_units (investigation_id TEXT, "
                   "unit TEXT, PRIMARY KEY (unit, investigation_id))")
        tx.execute("CREATE TABLE IF NOT EXISTS fmu_investigation_steps (investigation_id TEXT, "
                   "version INTEGER, step TEXT, actor TEXT, by_id TEXT, at TEXT, data TEXT, "
                   "PRIMARY KEY (investigation_id, version))")

    def apply(self, tx: Sql, line: Line) -> None:
        data, event = line["data"], line["event"]
        if event in _CREATING:
            # seq: the order they came in, which a list keeps among equals
            tx.execute("INSERT INTO fmu_investigations SELECT ?, ?, COALESCE(MAX(seq), 0) + 1 "
                       "FROM fmu_investigations WHERE true ON CONFLICT DO NOTHING",
                       (line["id"], data["landsting"]))
        for unit in _units(event, data):
            tx.execute("INSERT INTO fmu_investigation_units VALUES (?, ?) "
                       "ON CONFLICT DO NOTHING", (line["id"], unit))
        tx.execute("INSERT INTO fmu_investigation_steps VALUES (?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING",
                   (line["id"], line["version"], event, data.get("actor", ""),
                    data.get("by", ""), data["at"], json.dumps(data, ensure_ascii=False)))


def candidate_ids(tx: Sql, caller: Caller) -> list[str]:
    """The investigations the caller may be shown (``may_see`` decides on the facts), in the
    order they came."""
    if caller.actor is Actor.SAMORDNARE:
        rows = tx.execute("SELECT id FROM fmu_investigations WHERE landsting = ? ORDER BY seq",
                          (caller.acts_for,))
    elif caller.actor is Actor.VARDADMIN:
        rows = tx.execute("SELECT DISTINCT i.id, i.seq FROM fmu_investigation_units u JOIN "
                          "fmu_investigations i ON i.id = u.investigation_id "
                          "WHERE u.unit = ? ORDER BY i.seq", (caller.acts_for,))
    else:
        rows = tx.execute("SELECT id FROM fmu_investigations ORDER BY seq")
    return [str(row[0]) for row in rows]


def _fields(data: str) -> dict[str, Any]:
    fields: dict[str, Any] = json.loads(data)
    for name in _TIMES:
        if isinstance(fields.get(name), str):
            fields[name] = datetime.fromisoformat(fields[name])
    return fields


def facts_of(tx: Sql, ids: list[str]) -> dict[str, Facts]:
    """Each investigation's facts, folded from its steps in version order, in the order of
    ``ids``."""
    found: dict[str, Facts] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = tx.execute("SELECT investigation_id, step, data FROM "  # noqa: S608
                          f"fmu_investigation_steps WHERE investigation_id IN ({marks}) "
                          "ORDER BY investigation_id, version", tuple(chunk))
        for investigation_id, step, data in rows:
            key = str(investigation_id)
            found[key] = fold.apply(found.get(key), str(step), _fields(str(data)))
    return {i: found[i] for i in ids if i in found}


def timeline(tx: Sql, investigation_id: str) -> list[tuple[str, str, str, datetime]]:
    """The investigation's steps in order: step, actor, who, when."""
    return [(str(step), str(actor), str(by), datetime.fromisoformat(str(at)))
            for step, actor, by, at in tx.execute(
                "SELECT step, actor, by_id, at FROM fmu_investigation_steps "
                "WHERE investigation_id = ? ORDER BY version", (investigation_id,))]
