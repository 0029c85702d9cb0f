"""The care unit's orders from authorities (ORDERS.md §2): the list with its tabs (current, done,
rejected), filters and overdue orders first, each order's timeline, and which mails each order
has had (what the mail sender needs to know what is due).

Fed with the orders' history lines (id, version, event, at, data) from the store's log
(``streams.order_feed``); statuses through ``status_after``, the one fold the aggregate calls
too. A deleted order (reject and delete) keeps its row and timeline as a tombstone, without the
personnummer or anything the authority wrote.

Patient data rests sealed (docs/sealing.md, ``projections.sealing``): the citizen's
personnummer and the case reference as one sealed value per order (column ``sealed``, associated
data ``orders:<id>``) and each timeline text (``orders_timeline.text:<id>:<version>``), under the
citizen's data key; the order names the citizen by blind index only (``patient_index``). A
forgotten citizen's order opens to an empty personnummer, case reference and texts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from domain.orders.bestallning.reminders import NEW_ORDER, OrderFacts, is_overdue
from domain.orders.bestallning.status import TAB_STATUSES, OrderStatus, Tab, status_after
from projections.base import Sql, table_columns
from projections.sealing import PatientSeal, open_values, seal_values

Line = dict[str, Any]
_COLUMNS = ("id", "care_unit", "care_giver", "status", "authority", "form", "certificate_type",
            "received_at", "updated_at", "unit_email", "sealed")
_TABLES = ("orders", "orders_timeline", "orders_mail")
_NOBODY = {"personnummer": "", "case_reference": ""}


class OrdersView:
    name = "orders"

    def __init__(self, seal: PatientSeal) -> None:
        self.seal = seal

    def outdated(self, tx: Sql) -> bool:
        """Written before the view was sealed (a ``personnummer`` column): rebuilt."""
        return "personnummer" in table_columns(tx, "orders")

    def drop(self, tx: Sql) -> None:
        for table in _TABLES:
            tx.execute(f"DROP TABLE IF EXISTS {table}")

    def setup(self, tx: Sql) -> None:
        tx.execute("CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, care_unit TEXT, "
                   "care_giver TEXT, status TEXT, authority TEXT, form TEXT, "
                   "certificate_type TEXT, received_at TEXT, updated_at TEXT, unit_email TEXT, "
                   "patient_index TEXT, sealed TEXT)")
        tx.execute("CREATE INDEX IF NOT EXISTS orders_care_unit ON orders (care_unit, status)")
        tx.execute("CREATE TABLE IF NOT EXISTS orders_timeline (order_id TEXT, version INTEGER, "
                   "event TEXT, at TEXT, actor TEXT, answer TEXT, text TEXT, "
                   "PRIMARY KEY (order_id, version))")
        tx.execute("CREATE TABLE IF NOT EXISTS orders_mail (order_id TEXT, type TEXT, "
                   "recipient TEXT, sent_at TEXT, PRIMARY KEY (order_id, type, recipient))")

    def apply(self, tx: Sql, line: Line) -> None:
        if line["event"] == "NotificationSent":
            data = line["data"]
            tx.execute("INSERT INTO orders_mail VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       (data["order_id"], data["type"], data["recipient"], line["at"]))
            return
        if line["event"] == "OrderReceived":
            self._received(tx, line)
        else:
            self._moved(tx, line)
        data = line["data"]
        actor = data.get("by") or data.get("read_by") or ""
        text = "" if line["event"] == "OrderReceived" else data.get("text", "")
        if text:
            text = seal_values(tx, self.seal, [(self._citizen(tx, line["id"]), _text_aad(
                line["id"], line["version"]), text)])[0]
        answer = _ANSWERS.get(line["event"], "")
        tx.execute("INSERT INTO orders_timeline VALUES (?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING",
                   (line["id"], line["version"], line["event"], line["at"], actor, answer, text))

    def _citizen(self, tx: Sql, order_id: str) -> str:
        """The order's citizen (empty when forgotten or deleted: sealed under a throwaway)."""
        rows = tx.execute("SELECT sealed FROM orders WHERE id = ?", (order_id,))
        if not rows or not rows[0][0]:
            return ""
        opened = open_values(tx, self.seal, [(str(rows[0][0]), f"orders:{order_id}")])[0]
        return str((opened or _NOBODY)["personnummer"])

    def _received(self, tx: Sql, line: Line) -> None:
        data = line["data"]
        status = status_after(None, "OrderReceived")
        pnr = data["citizen"]["personnummer"]
        sealed = seal_values(tx, self.seal, [(pnr, f"orders:{line['id']}", {
            "case_reference": data["case_reference"], "personnummer": pnr})])[0]
        tx.execute("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING",
                   (line["id"], data["care_unit"]["hsa_id"],
                    data["care_unit"]["care_giver_hsa_id"], str(status), data["authority"],
                    data["form"], data["certificate_type"], data["received_at"], line["at"],
                    data["care_unit"]["email"], self.seal.index(pnr), sealed))

    def _moved(self, tx: Sql, line: Line) -> None:
        rows = tx.execute("SELECT status FROM orders WHERE id = ?", (line["id"],))
        if not rows:
            return
        status = status_after(OrderStatus(rows[0][0]), line["event"])
        tx.execute("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?",
                   (str(status), line["at"], line["id"]))
        if status is OrderStatus.RADERAD:
            tx.execute("UPDATE orders SET patient_index = '', sealed = '' WHERE id = ?",
                       (line["id"],))
            tx.execute("UPDATE orders_timeline SET text = '' WHERE order_id = ?", (line["id"],))


_ANSWERS = {"OrderAccepted": "ACCEPTERAT", "OrderRejected": "AVVISAT",
            "OrderDeleted": "RADERAT", "OrderAnswered": "MEDDELANDE"}


def _text_aad(order_id: str, version: int) -> str:
    return f"orders_timeline.text:{order_id}:{version}"


def _row(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(_COLUMNS, row, strict=True))


def _opened(tx: Sql, seal: PatientSeal, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with the citizen's personnummer and the case reference opened (one key
    lookup), empty for a deleted order or a forgotten citizen."""
    sealed = [r for r in rows if r["sealed"]]
    opened = open_values(tx, seal, [(r["sealed"], f"orders:{r['id']}") for r in sealed])
    private = {r["id"]: o or _NOBODY for r, o in zip(sealed, opened, strict=True)}
    return [{**{k: v for k, v in r.items() if k != "sealed"},
             **private.get(r["id"], _NOBODY)} for r in rows]


def _facts(row: dict[str, Any]) -> OrderFacts:
    return OrderFacts(order_id=row["id"], status=OrderStatus(row["status"]), form=row["form"],
                      received_on=datetime.fromisoformat(row["received_at"]).date(),
                      unit_email=row["unit_email"])


def unit_orders(tx: Sql, seal: PatientSeal, unit: str, care_giver: str, tab: Tab, today: date,
                status: OrderStatus | None = None,
                overdue_only: bool = False) -> list[dict[str, Any]]:
    """The unit's orders in one tab (one status of it, when given): overdue ones first (unread
    longer than the first reminder delay), then oldest first. Each row says ``overdue``."""
    statuses = [str(s) for s in TAB_STATUSES[tab] if status is None or s is status]
    if not statuses:
        return []
    marks = ", ".join("?" for _ in statuses)
    rows = [_row(r) for r in tx.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM orders WHERE care_unit = ? "  # noqa: S608
        f"AND care_giver = ? AND status IN ({marks})", (unit, care_giver, *statuses))]
    for row in rows:
        row["overdue"] = is_overdue(_facts(row), today)
    listed = [r for r in rows if r["overdue"] or not overdue_only]
    return _opened(tx, seal, sorted(listed, key=lambda r: (not r["overdue"], r["received_at"],
                                                              r["id"])))


def order_timeline(tx: Sql, seal: PatientSeal, order_id: str) -> list[dict[str, Any]]:
    """What happened to the order, in order, with the mails sent about it (each text opened;
    none of a forgotten citizen's)."""
    rows = tx.execute("SELECT version, event, at, actor, answer, text FROM orders_timeline "
                      "WHERE order_id = ? ORDER BY version", (order_id,))
    texted = [(str(row[5]), _text_aad(order_id, int(row[0]))) for row in rows if row[5]]
    texts = iter(open_values(tx, seal, texted))
    events = [{"at": at, "event": event, "actor": actor, "answer": answer or None,
               "text": (next(texts) or None) if text else None}
              for _, event, at, actor, answer, text in rows]
    mails = [{"at": at, "event": "NotificationSent", "actor": "", "answer": kind,
              "text": None}
             for kind, at in tx.execute("SELECT type, sent_at FROM orders_mail "
                                        "WHERE order_id = ? ORDER BY sent_at", (order_id,))]
    return sorted(events + mails, key=lambda e: str(e["at"]))


def order_unit(tx: Sql, order_id: str) -> tuple[str, str, str] | None:
    """The order's unit, care giver and status, as the view knows it."""
    rows = tx.execute("SELECT care_unit, care_giver, status FROM orders WHERE id = ?",
                      (order_id,))
    return (str(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None


def mail_facts(tx: Sql) -> list[tuple[OrderFacts, set[str]]]:
    """The orders that may be due a mail, with the types sent: the unread (reminders may fall
    due) and any other not deleted whose NY_BESTALLNING is not sent; the rest can be due
    nothing (``domain.orders.bestallning.reminders``), so they are not read."""
    unread, deleted = str(OrderStatus.OLAST), str(OrderStatus.RADERAD)
    sent: dict[str, set[str]] = {}
    for order_id, kind in tx.execute("SELECT m.order_id, m.type FROM orders_mail m JOIN orders o "
                                     "ON o.id = m.order_id WHERE o.status = ?", (unread,)):
        sent.setdefault(str(order_id), set()).add(str(kind))
    rows = [_row(r) for r in tx.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM orders o WHERE o.status = ? OR "  # noqa: S608
        "(o.status <> ? AND NOT EXISTS (SELECT 1 FROM orders_mail m WHERE m.order_id = o.id "
        "AND m.type = ?))",
        (unread, deleted, NEW_ORDER))]
    return [(_facts(row), sent.get(row["id"], set())) for row in rows]
