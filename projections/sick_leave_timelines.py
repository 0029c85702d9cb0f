"""Rehabstöd's patients (DOMAIN.md §7): one row per unit and patient holding the patient's
sick-leave timeline (``domain.sickleave.timeline``), rewritten by the rehabstod view whenever one
of the patient's certificates at the unit arrives, changes or is revoked: it sees them all.

A request reads one row per patient that may have a current case and turns it back into the
engine's values with a JSON parse and one constructor per certificate: which certificates count,
their order, their signing order and their gaps were settled when the row was written.

A timeline's row (``COLUMNS``): ``care_unit`` and ``personnummer`` (the key), ``patient_names``
(a JSON array, the name each certificate gives: patient data kept apart from the rest),
``start_date`` and ``end_date`` (the first and last day of all the patient's counting
certificates, ISO dates: the overview's filter), ``entries`` (a JSON array of arrays in
``ENTRY_LAYOUT`` order). It rests (``TABLE_COLUMNS``) keyed by the patient's blind index
(``patient_index``), the personnummer and the names sealed together under the patient's data key
(``patient``, ``projections.sealing``); a reader opens them with ``opened_rows``. Each write of
a row gives it a new random ``revision``: the same revision is the same stored row, so a reader
that kept what it computed from a row by its revision reads the revisions of a unit's rows
(``overview_revisions``) and only the rows of revisions it has not seen (``rows_of``).

``rehabstod_unit_revision`` holds per unit a token that changes whenever one of its rows does,
so a reader may keep what it computed from a unit's rows until the token changes. A random
token, never a counter: a counter restarts when the view is rebuilt, and a reader that
remembered an old count would take other rows for the ones it computed from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import orjson

from domain.sickleave.model import SickLeaveCertificate
from domain.sickleave.timeline import PatientTimeline, TimelineEntry, timeline_of
from projections import unit_changes
from projections.base import Sql, chunks, table_columns
from projections.sealing import PatientSeal, open_values, seal_values

TABLE = "rehabstod_patients"
REVISIONS = "rehabstod_unit_revision"
COLUMNS = ("care_unit", "personnummer", "patient_names", "start_date", "end_date", "entries")
TABLE_COLUMNS = ("care_unit", "patient_index", "patient", "start_date", "end_date", "entries",
                 "revision")
ENTRY_LAYOUT = ("certificate_id", "signing_rank", "gap", "start_day", "end_day", "periods",
                "degrees", "sex", "protected_identity", "care_unit_id", "care_giver_id",
                "doctor_id", "doctor_name", "diagnosis_code", "secondary_codes", "occupations",
                "open_komplt", "open_other")
"""The order of an entry's values in ``entries``. Pinned by a test: another layout needs another
column name, so that views written in the old one are rebuilt (``RehabstodView.outdated``)."""
_SELECT = f"SELECT patient, entries FROM {TABLE} "  # noqa: S608
_WINDOW = "WHERE care_unit = ? AND start_date <= ? AND end_date >= ?"


def setup(tx: Sql) -> None:
    tx.execute(f"CREATE TABLE IF NOT EXISTS {REVISIONS} (care_unit TEXT PRIMARY KEY, "
               "revision TEXT NOT NULL)")
    tx.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (care_unit TEXT NOT NULL, "
               "patient_index TEXT NOT NULL, patient TEXT NOT NULL, "
               "start_date TEXT NOT NULL, end_date TEXT NOT NULL, entries TEXT NOT NULL, "
               "revision TEXT NOT NULL, PRIMARY KEY (care_unit, patient_index))")
    # the overview's window, and the revisions in it read from the index alone (PostgreSQL:
    # an index-only scan of the pages vacuum has marked all-visible)
    tx.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_window "
               f"ON {TABLE} (care_unit, end_date, start_date, revision)")
    tx.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_revision ON {TABLE} (revision)")
    unit_changes.setup(tx)


def outdated(tx: Sql) -> bool:
    """Whether a table is missing or has other columns than this code writes."""
    return (table_columns(tx, TABLE) != set(TABLE_COLUMNS)
            or table_columns(tx, REVISIONS) != {"care_unit", "revision"})


def drop(tx: Sql) -> None:
    tx.execute(f"DROP TABLE IF EXISTS {TABLE}")
    tx.execute(f"DROP TABLE IF EXISTS {REVISIONS}")
    unit_changes.drop(tx)


def refresh(tx: Sql, seal: PatientSeal, keys: Iterable[tuple[str, str]],
            certificates: dict[tuple[str, str], list[SickLeaveCertificate]]) -> None:
    """Rewrite the rows of the (unit, personnummer) ``keys`` from all their certificates
    (``certificates`` by key); a patient left without a counting certificate loses the row.
    Each unit touched gets a new token, and the change is recorded (``unit_changes``)."""
    wanted = set(keys)
    units = sorted({unit for unit, _ in wanted})
    before = unit_changes.tokens_before(tx, REVISIONS, units)  # locks: one writer a unit
    ended = _revisions_of(tx, [(unit, seal.index(number)) for unit, number in sorted(wanted)])
    found = {(t.entries[0].care_unit_id, t.personnummer): t
             for t in timeline_of(c for key in wanted for c in certificates.get(key, ()))}
    tx.executemany(f"DELETE FROM {TABLE} WHERE care_unit = ? AND "  # noqa: S608
                   "patient_index = ?", [(unit, seal.index(number))
                                         for unit, number in sorted(wanted - found.keys())])
    rows = [stored_row(unit, timeline) for (unit, _), timeline in sorted(found.items())]
    patients = seal_values(tx, seal, [(row[1], _associated(row[0]),
                                       {"personnummer": row[1], "patient_names": row[2]})
                                      for row in rows])
    written = [(row[0], seal.index(row[1]), patient, *row[3:], uuid4().hex)
               for row, patient in zip(rows, patients, strict=True)]
    tx.executemany(f"INSERT INTO {TABLE} ({', '.join(TABLE_COLUMNS)}) "  # noqa: S608
                   "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (care_unit, patient_index) DO UPDATE "
                   f"SET {', '.join(f'{n} = excluded.{n}' for n in TABLE_COLUMNS[2:])}", written)
    after = {unit: uuid4().hex for unit in units}
    tx.executemany(f"INSERT INTO {REVISIONS} VALUES (?, ?) ON CONFLICT (care_unit) "  # noqa: S608
                   "DO UPDATE SET revision = excluded.revision", sorted(after.items()))
    unit_changes.record(tx, [(unit, before.get(unit, ""), after[unit], ended.get(unit, []),
                              [row[-1] for row in written if row[0] == unit])
                             for unit in units])


def _revisions_of(tx: Sql, keys: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """The revisions the rows of these (unit, patient index) keys have now, by unit."""
    found: dict[str, list[str]] = {}
    for chunk in chunks(keys):
        for unit, revision in tx.execute(
                f"SELECT care_unit, revision FROM {TABLE} WHERE "  # noqa: S608
                f"(care_unit, patient_index) IN ({', '.join('(?, ?)' for _ in chunk)})",
                tuple(value for key in chunk for value in key)):
            found.setdefault(str(unit), []).append(str(revision))
    return found


def unit_revision(tx: Sql, unit: str) -> str | None:
    """The unit's current revision token; None while it has never had a row."""
    rows = tx.execute(f"SELECT revision FROM {REVISIONS} WHERE care_unit = ?",  # noqa: S608
                      (unit,))
    return str(rows[0][0]) if rows else None


def _associated(unit: str) -> str:
    return f"{TABLE}.patient:{unit}"


def stored_row(unit: str, timeline: PatientTimeline) -> tuple[str, ...]:
    """The row of a timeline, in ``COLUMNS`` order (before it is sealed)."""
    entries = timeline.entries
    return (unit, timeline.personnummer, orjson.dumps(timeline.patient_names).decode(),
            date.fromordinal(min(e.start_day for e in entries)).isoformat(),
            date.fromordinal(max(e.end_day for e in entries)).isoformat(),
            orjson.dumps([list(entry) for entry in entries]).decode())


def overview_query(unit: str, today: date,
                   max_days_since_ended: int) -> tuple[str, tuple[str, ...]]:
    """The SQL (and its parameters) that fetches the overview's input: the timelines of the
    unit's patients whose certificates span a day from ``max_days_since_ended`` days before
    ``today`` to ``today`` (the engine decides which of them has a current case), as
    (revision, patient, entries). Its rows rest sealed: ``opened_rows`` reads them."""
    return f"SELECT revision, patient, entries FROM {TABLE} " + _WINDOW, _window(  # noqa: S608
        unit, today, max_days_since_ended)


def overview_revisions(tx: Sql, unit: str, today: date, max_days_since_ended: int) -> list[str]:
    """The revisions of ``overview_query``'s rows, read as one text (one value to fetch in
    place of thousands of rows)."""
    joined = "string_agg(revision, ' ')" if tx.is_postgres else "group_concat(revision, ' ')"
    rows = tx.execute(f"SELECT {joined} FROM {TABLE} " + _WINDOW,  # noqa: S608
                      _window(unit, today, max_days_since_ended))
    return str(rows[0][0]).split() if rows and rows[0][0] else []


def _window(unit: str, today: date, max_days_since_ended: int) -> tuple[str, ...]:
    return unit, today.isoformat(), (today - timedelta(days=max_days_since_ended)).isoformat()


def rows_of(tx: Sql, unit: str, revisions: Sequence[str]) -> list[tuple[str, str, str]]:
    """The unit's stored rows (revision, patient, entries) of these ``revisions``; a row
    rewritten since its revision was read is not among them (it has another now)."""
    return [row[:3] for row in _rows_with_dates(tx, unit, revisions)]


def _rows_with_dates(tx: Sql, unit: str, revisions: Sequence[str],
                     ) -> list[tuple[str, str, str, str, str]]:
    """``rows_of`` with each row's start and end date. Found by the revision's own index:
    with the unit in the condition the planner may walk the unit's whole window index instead
    (every row of the unit, for a few)."""
    found: list[tuple[str, str, str, str, str]] = []
    for chunk in chunks(revisions):
        marks = ", ".join("?" for _ in chunk)
        found += [(row[1], row[2], row[3], row[4], row[5]) for row in tx.execute(
            f"SELECT care_unit, revision, patient, entries, start_date, end_date "  # noqa: S608
            f"FROM {TABLE} WHERE revision IN ({marks})", tuple(chunk)) if row[0] == unit]
    return found


class UnitRows:
    """The overview's rows of one unit, day and ``max_days_since_ended``: their revisions
    alone, all of them, those of some revisions, or those written between two tokens of the
    unit (``tokens``: the one a reader computed at, the one now); and opened."""

    def __init__(self, tx: Sql, seal: PatientSeal, unit: str, today: date,
                 max_days_since_ended: int,
                 tokens: tuple[str | None, str | None] | None = None) -> None:
        self._tx, self._seal, self._unit = tx, seal, unit
        self._window = today, max_days_since_ended
        self._tokens = tokens

    def changed(self) -> tuple[set[str], list[tuple[str, str, str]]] | None:
        """The revisions ended between the two ``tokens`` and the rows written meanwhile that
        lie in the window (revision, patient, entries; still sealed); None without tokens,
        when the unit's changes kept do not lead from one to the other, or when a row written
        meanwhile was rewritten again after the token now was read."""
        found = None if self._tokens is None else unit_changes.followed(
            self._tx, self._unit, *self._tokens)
        if found is None:
            return None
        ended, written = found
        rows = _rows_with_dates(self._tx, self._unit, sorted(written))
        if len(rows) != len(written):
            return None
        today, max_days = self._window
        first, last = today.isoformat(), (today - timedelta(days=max_days)).isoformat()
        return ended, [row[:3] for row in rows if row[3] <= first and row[4] >= last]

    def revisions(self) -> list[str]:
        return overview_revisions(self._tx, self._unit, *self._window)

    def all(self) -> list[tuple[str, str, str]]:
        """The rows as (revision, patient, entries), still sealed."""
        return [(row[0], row[1], row[2])
                for row in self._tx.execute(*overview_query(self._unit, *self._window))]

    def of(self, revisions: Sequence[str]) -> list[tuple[str, str, str]]:
        return rows_of(self._tx, self._unit, revisions)

    def opened(self, rows: Sequence[tuple[str, str, str]],
               ) -> list[tuple[str, str, str] | None]:
        """Each row (revision, patient, entries) opened as ``read`` takes it, in order; None
        for a forgotten patient's."""
        return open_rows(self._tx, self._seal, self._unit, [row[1:] for row in rows])


def opened_rows(tx: Sql, seal: PatientSeal, unit: str,
                rows: Sequence[Sequence[Any]]) -> list[tuple[str, str, str]]:
    """The unit's stored rows (patient, entries) as ``read`` takes them: (personnummer,
    patient_names, entries); a forgotten patient's rows are left out."""
    return [row for row in open_rows(tx, seal, unit, rows) if row is not None]


def open_rows(tx: Sql, seal: PatientSeal, unit: str,
              rows: Sequence[Sequence[Any]]) -> list[tuple[str, str, str] | None]:
    """Each of the unit's stored rows (patient, entries) opened as ``opened_rows`` does, in
    the same order; None for a forgotten patient's."""
    opened = open_values(tx, seal, [(row[0], _associated(unit)) for row in rows])
    return [None if patient is None else (patient["personnummer"], patient["patient_names"],
                                          row[1])
            for row, patient in zip(rows, opened, strict=True)]


def unit_timelines(tx: Sql, seal: PatientSeal, unit: str, today: date,
                   max_days_since_ended: int) -> Iterator[PatientTimeline]:
    """The timelines of the unit's patients that may have a current case on ``today``, read
    one by one as they are iterated (the rows are fetched now): a caller that keeps only the
    cases holds one patient's values at a time."""
    rows = tx.execute(*overview_query(unit, today, max_days_since_ended))
    return map(read, opened_rows(tx, seal, unit, [row[1:] for row in rows]))


def all_unit_timelines(tx: Sql, seal: PatientSeal, unit: str) -> list[PatientTimeline]:
    """Every timeline of the unit (its counting certificates, whatever the day)."""
    rows = tx.execute(_SELECT + "WHERE care_unit = ?", (unit,))
    return [read(row) for row in opened_rows(tx, seal, unit, rows)]


def patient_timeline(tx: Sql, seal: PatientSeal, unit: str,
                     personnummer: str) -> PatientTimeline | None:
    """The patient's timeline at the unit (found by the blind index); None without a counting
    certificate there."""
    rows = opened_rows(tx, seal, unit, tx.execute(
        _SELECT + "WHERE care_unit = ? AND patient_index = ?", (unit, seal.index(personnummer))))
    return read(rows[0]) if rows else None


def read(row: Sequence[Any]) -> PatientTimeline:
    """A timeline from the row's personnummer, patient_names and entries: the values were
    checked when the row was written, so they are put together as stored."""
    personnummer, names, entries = row
    return PatientTimeline(personnummer, orjson.loads(names),
                           [TimelineEntry._make(values) for values in orjson.loads(entries)])
