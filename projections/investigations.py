"""The FMU investigations' read model (ORDERS.md §1, issue 14 deliverable 7): what the
coordinator's and the unit's lists and each investigation's timeline are read from, so a list
never loads the investigations from the event store.

Fed with the investigations' history lines from the store's log (``streams.order_feed``'s
``feed_log``), with the view's position in one transaction. It keeps who may be shown each
investigation (its landsting, the units asked or assigned) and every step with its fields;
the facts are folded from those steps by ``domain.orders.fmu.fold.apply``, the one fold the
aggregate calls too. Status, deadlines and overdue flags are computed from the facts when read,
from today and the calendar, never stored: a list is never stale by a day.

Patient data rests sealed (docs/sealing.md, ``projections.sealing``): each step's private
fields (``PRIVATE``: the citizen's personnummer, a comment) are kept as one sealed value beside
the step's other fields (associated data ``fmu_investigation_steps:<id>:<version>``), under the
citizen's data key once the citizen is recorded, and before that under the investigation's own
key (``investigation_subject``); recording the citizen moves the earlier steps' values under
the citizen's key, so forgetting the citizen makes every one of them unreadable. The
investigation names the citizen by blind index only (``patient_index``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from domain.access.forgetting import investigation_subject
from domain.orders.fmu import fold
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Actor
from domain.orders.fmu.facts import Facts
from projections.base import Sql, table_columns
from projections.sealing import PatientSeal, open_values, seal_values

Line = dict[str, Any]
_CREATING = ("RequestReceived", "OrderedDirectly")
_TIMES = ("at", "answer_by", "start", "end", "deviation_at")  # datetimes in the events
PRIVATE = ("personnummer", "comment")
_TABLES = ("fmu_investigations", "fmu_investigation_units", "fmu_investigation_steps")


def _aad(investigation_id: str, version: int) -> str:
    return f"fmu_investigation_steps:{investigation_id}:{version}"


def _units(event: str, data: dict[str, Any]) -> list[str]:
    """The units an event makes the investigation visible to (asked, assigned)."""
    if event == "UnitsAsked":
        return [str(u) for u in data["units"]]
    if event in ("UnitAssignedDirectly", "UnitAssigned", "OrderedDirectly"):
        return [str(data["unit"])]
    return []


class InvestigationsView:
    name = "fmu_investigations"

    def __init__(self, seal: PatientSeal) -> None:
        self.seal = seal

    def outdated(self, tx: Sql) -> bool:
        """Written before the view was sealed (steps without ``sealed``): rebuilt."""
        found = table_columns(tx, "fmu_investigation_steps")
        return bool(found) and "sealed" not in found

    def drop(self, tx: Sql) -> None:
        for table in _TABLES:
            tx.execute(f"DROP TABLE IF EXISTS {table}")

    def setup(self, tx: Sql) -> None:
        tx.execute("CREATE TABLE IF NOT EXISTS fmu_investigations (id TEXT PRIMARY KEY, "
                   "landsting TEXT, seq BIGINT, patient_index TEXT)")
        tx.execute("CREATE INDEX IF NOT EXISTS fmu_investigations_landsting "
                   "ON fmu_investigations (landsting)")
        tx.execute("CREATE TABLE IF NOT EXISTS fmu_investigation_units (investigation_id TEXT, "
                   "unit TEXT, PRIMARY KEY (unit, investigation_id))")
        tx.execute("CREATE TABLE IF NOT EXISTS fmu_investigation_steps (investigation_id TEXT, "
                   "version INTEGER, step TEXT, actor TEXT, by_id TEXT, at TEXT, data TEXT, "
                   "sealed TEXT, PRIMARY KEY (investigation_id, version))")

    def apply(self, tx: Sql, line: Line) -> None:
        data, event = line["data"], line["event"]
        if event in _CREATING:
            # seq: the order they came in, which a list keeps among equals
            tx.execute("INSERT INTO fmu_investigations SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, "
                       "'' FROM fmu_investigations WHERE true ON CONFLICT DO NOTHING",
                       (line["id"], data["landsting"]))
        for unit in _units(event, data):
            tx.execute("INSERT INTO fmu_investigation_units VALUES (?, ?) "
                       "ON CONFLICT DO NOTHING", (line["id"], unit))
        private = {k: data[k] for k in PRIVATE if data.get(k) is not None}
        clear = {k: v for k, v in data.items() if k not in private}
        citizen = data["personnummer"] if event == "CitizenRecorded" else \
            self._citizen(tx, line["id"])
        sealed = seal_values(tx, self.seal, [(citizen, _aad(line["id"], line["version"]),
                                              private)])[0] if private else ""
        tx.execute("INSERT INTO fmu_investigation_steps VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING",
                   (line["id"], line["version"], event, data.get("actor", ""),
                    data.get("by", ""), data["at"], json.dumps(clear, ensure_ascii=False),
                    sealed))
        if event == "CitizenRecorded":
            self._recorded(tx, line["id"], citizen)

    def _citizen(self, tx: Sql, investigation_id: str) -> str:
        """Whose key seals the investigation's values: the citizen's once recorded (empty
        when forgotten: a throwaway key), else the investigation's own."""
        rows = tx.execute("SELECT version, sealed FROM fmu_investigation_steps WHERE "
                          "investigation_id = ? AND step = 'CitizenRecorded' ORDER BY version",
                          (investigation_id,))
        if not rows:
            return investigation_subject(investigation_id)
        version, sealed = rows[-1]
        opened = open_values(tx, self.seal, [(str(sealed), _aad(investigation_id,
                                                                int(version)))])[0]
        return str(opened["personnummer"]) if opened else ""

    def _recorded(self, tx: Sql, investigation_id: str, citizen: str) -> None:
        """The citizen is known: their blind index kept, and the earlier steps' values moved
        under their key."""
        tx.execute("UPDATE fmu_investigations SET patient_index = ? WHERE id = ?",
                   (self.seal.index(citizen), investigation_id))
        rows = [(int(v), str(s)) for v, s in tx.execute(
            "SELECT version, sealed FROM fmu_investigation_steps WHERE investigation_id = ? "
            "AND sealed <> '' AND step <> 'CitizenRecorded'", (investigation_id,))]
        opened = open_values(tx, self.seal, [(s, _aad(investigation_id, v)) for v, s in rows])
        moved = seal_values(tx, self.seal, [(citizen, _aad(investigation_id, v), value or {})
                                            for (v, _), value in zip(rows, opened, strict=True)])
        for (version, _), sealed in zip(rows, moved, strict=True):
            tx.execute("UPDATE fmu_investigation_steps SET sealed = ? WHERE investigation_id = ? "
                       "AND version = ?", (sealed, investigation_id, version))


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


def facts_of(tx: Sql, seal: PatientSeal, ids: list[str]) -> dict[str, Facts]:
    """Each investigation's facts, folded from its steps in version order (the sealed values
    opened, one key lookup per 500; a forgotten citizen's personnummer empty), in the order of
    ``ids``."""
    found: dict[str, Facts] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = tx.execute("SELECT investigation_id, version, step, data, sealed FROM "  # noqa: S608
                          f"fmu_investigation_steps WHERE investigation_id IN ({marks}) "
                          "ORDER BY investigation_id, version", tuple(chunk))
        sealed = [(str(s), _aad(str(i), int(v))) for i, v, _, _, s in rows if s]
        opened = iter(open_values(tx, seal, sealed))
        for investigation_id, _, step, data, private in rows:
            key, fields = str(investigation_id), _fields(str(data))
            if private:
                fields |= next(opened) or {k: "" for k in PRIVATE}
            found[key] = fold.apply(found.get(key), str(step), fields)
    return {i: found[i] for i in ids if i in found}


def timeline(tx: Sql, investigation_id: str) -> list[tuple[str, str, str, datetime]]:
    """The investigation's steps in order: step, actor, who, when."""
    return [(str(step), str(actor), str(by), datetime.fromisoformat(str(at)))
            for step, actor, by, at in tx.execute(
                "SELECT step, actor, by_id, at FROM fmu_investigation_steps "
                "WHERE investigation_id = ? ORDER BY version", (investigation_id,))]


def investigations_of(tx: Sql, patient_index: str) -> list[str]:
    """The investigations whose recorded citizen has this blind index."""
    return [str(row[0]) for row in tx.execute(
        "SELECT id FROM fmu_investigations WHERE patient_index = ? ORDER BY seq",
        (patient_index,))]
