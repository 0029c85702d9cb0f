"""The rows the statistics reports count (DOMAIN.md §8), kept current by the projection.

- ``statistik`` (one row per signed certificate, written by ``StatistikView``): its type, unit,
  care giver, län, signing day, sex, pseudonymised patient, whether it is counted and complemented,
  and the fact the cases are built from.
- ``statistik_cases``: one row per sick-leave case, at two levels. ``national`` cases are built
  from all of a patient's certificates (national and region reports); ``care_giver`` cases from
  the patient's certificates at one care giver (care giver and unit reports). Each row holds
  every dimension a report groups or filters by, as the key the report shows.
- ``statistik_case_months``: the same row once per month ("YYYY-MM") the case overlaps.
- ``statistik_messages``: one row per message: subject, day sent, unit, care giver, län, sex.
- ``statistik_complements``: one row per question of the certificate a request to complement
  (KOMPLT) asks about: its question id, the certificate's type and the message's columns.

No row holds a personnummer, a name or free text. When a certificate of a patient arrives,
changes or is revoked, ``recompute`` replaces that patient's case rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from domain.statistics import buckets
from domain.statistics.cases import StatCase, build_cases
from domain.statistics.facts import CertificateFact, MessageFact
from projections.base import Sql, table_columns
from projections.statistik import rollups
from projections.statistik.rollups import months_of
from projections.statistik.sql import insert_many

NATIONAL, CARE_GIVER = "national", "care_giver"
CASE_COLUMNS = (
    ("case_id", "TEXT PRIMARY KEY"), ("level", "TEXT NOT NULL"), ("patient", "TEXT NOT NULL"),
    ("sex", "TEXT NOT NULL"), ("start_day", "TEXT NOT NULL"), ("end_day", "TEXT NOT NULL"),
    ("days", "INTEGER NOT NULL"), ("certificates", "INTEGER NOT NULL"),
    ("age", "INTEGER NOT NULL"), ("age_group", "TEXT NOT NULL"),
    ("length_group", "TEXT NOT NULL"), ("count_group", "TEXT NOT NULL"),
    ("degree", "INTEGER NOT NULL"), ("diagnosis", "TEXT"), ("chapter", "TEXT NOT NULL"),
    ("block", "TEXT NOT NULL"), ("category", "TEXT NOT NULL"), ("lan", "TEXT NOT NULL"),
    ("care_unit", "TEXT NOT NULL"), ("care_giver", "TEXT NOT NULL"), ("doctor", "TEXT"),
    ("doctor_age_group", "TEXT NOT NULL"), ("doctor_sex", "TEXT NOT NULL"),
    ("doctor_title", "TEXT NOT NULL"),
)
MESSAGE_COLUMNS = (
    ("id", "TEXT PRIMARY KEY"), ("certificate_id", "TEXT NOT NULL"), ("subject", "TEXT NOT NULL"),
    ("sent", "TEXT NOT NULL"), ("care_unit", "TEXT NOT NULL"), ("care_giver", "TEXT NOT NULL"),
    ("lan", "TEXT NOT NULL"), ("sex", "TEXT NOT NULL"),
)
COMPLEMENT_COLUMNS = (
    ("message_id", "TEXT NOT NULL"), ("question_id", "TEXT NOT NULL"),
    ("certificate_id", "TEXT NOT NULL"), ("type", "TEXT NOT NULL"), *MESSAGE_COLUMNS[3:],
)
"""One row per question a request to complement (KOMPLT) asks about."""
_NAMES = tuple(name for name, _ in CASE_COLUMNS)
_AT = {name: at for at, name in enumerate(_NAMES)}
_SCOPES = ("care_giver", "care_unit", "lan")
_GROUPED = ("degree", "chapter", "block", "category", "age_group", "length_group", "count_group",
            "doctor_age_group", "doctor_sex", "doctor_title", "care_unit", "lan")
CASE_TABLES = ("statistik_cases", "statistik_case_months")
TABLES = (*CASE_TABLES, "statistik_messages", "statistik_pending", "statistik_complements")
_CHUNK = 500


def setup(tx: Sql) -> None:
    """The case, month and message tables with the indexes the report queries use."""
    cases = ", ".join(f"{name} {kind}" for name, kind in CASE_COLUMNS)
    months = cases.replace("case_id TEXT PRIMARY KEY", "case_id TEXT NOT NULL")
    tx.execute(f"CREATE TABLE IF NOT EXISTS statistik_cases ({cases})")
    tx.execute(f"CREATE TABLE IF NOT EXISTS statistik_case_months ({months}, month TEXT NOT NULL,"
               " PRIMARY KEY (case_id, month))")
    messages = ", ".join(f"{name} {kind}" for name, kind in MESSAGE_COLUMNS)
    tx.execute(f"CREATE TABLE IF NOT EXISTS statistik_messages ({messages})")
    complements = ", ".join(f"{name} {kind}" for name, kind in COMPLEMENT_COLUMNS)
    tx.execute(f"CREATE TABLE IF NOT EXISTS statistik_complements ({complements}, "
               "PRIMARY KEY (message_id, question_id))")
    tx.execute("CREATE TABLE IF NOT EXISTS statistik_pending (patient TEXT PRIMARY KEY)")
    rollups.setup(tx)
    _index(tx, "statistik_cases", ("patient",))
    _index(tx, "statistik_cases", ("level", "start_day"))
    _index(tx, "statistik_cases", ("level", "lan", "start_day"))
    _index(tx, "statistik_messages", ("certificate_id",))
    for scope in ("level", "care_unit", "lan"):
        within = ("level",) if scope == "level" else ("level", scope)
        _index(tx, "statistik_cases", (*within, "end_day", "start_day"))
    # A care giver's report reads this index alone (an index-only scan on PostgreSQL): its
    # period, then every column a report groups or filters by.
    tx.execute("CREATE INDEX IF NOT EXISTS statistik_cases_care_giver_report ON statistik_cases "
               f"(care_giver, end_day, start_day, sex, {', '.join(_GROUPED)}) "
               "WHERE level = 'care_giver'")
    for scope in _SCOPES:
        _index(tx, "statistik_case_months", ("level", scope, "month"))
    for scope in ("sent", *_SCOPES):
        for table in ("statistik_messages", "statistik_complements"):
            _index(tx, table, (scope, "sent") if scope != "sent" else ("sent",))
    _index(tx, "statistik_complements", ("certificate_id",))


def _index(tx: Sql, table: str, names: Sequence[str]) -> None:
    tx.execute(f"CREATE INDEX IF NOT EXISTS {table}_{'_'.join(names)} "
               f"ON {table} ({', '.join(names)})")


def drop(tx: Sql) -> None:
    for table in TABLES:
        tx.execute(f"DROP TABLE IF EXISTS {table}")
    rollups.drop(tx)


def recompute(tx: Sql, patients: Iterable[str],
              known: Mapping[str, CertificateFact] | None = None) -> None:
    """Bring the case rows of these patients in line with the cases their certificates make
    now: rows of cases that are gone or changed are deleted, new and changed ones written, an
    unchanged case is left alone. ``known``: facts the caller holds already (by certificate
    id, as just written), taken instead of parsing the stored ones again. The whole batch's
    rows go in with one statement per table and its rollup deltas are summed first."""
    wanted = sorted(set(patients))
    gone: set[tuple[Any, ...]] = set()
    new: list[tuple[Any, ...]] = []
    for chunk, marks in _chunks(wanted):
        stored = {tuple(row) for row in tx.execute(
            f"SELECT {', '.join(_NAMES)} FROM statistik_cases "  # noqa: S608
            f"WHERE patient IN ({marks})", chunk)}
        now = set(_cases_of(_facts(tx, chunk, marks, known or {})))
        gone |= stored - now
        new += now - stored
    _delete(tx, sorted({row[0] for row in gone}))
    rollups.change_cases(tx, _national(gone), _national(new))
    _write_cases(tx, new)


def write_new(tx: Sql, patients: Sequence[str]) -> None:
    """Write the cases of these patients, who have no case row yet (the end of a replay from
    the start, ``replay``): nothing stored to compare with, no rollup deltas (the replay
    counts the rollups from the rows once it is done)."""
    new: list[tuple[Any, ...]] = []
    for chunk, marks in _chunks(patients):
        new += _cases_of(_facts(tx, chunk, marks, {}))
    _write_cases(tx, new)


def _chunks(values: Sequence[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """The values in chunks of at most ``_CHUNK``, each with its ``?`` marks."""
    for start in range(0, len(values), _CHUNK):
        chunk = tuple(values[start:start + _CHUNK])
        yield chunk, ", ".join("?" for _ in chunk)


def _facts(tx: Sql, patients: tuple[str, ...], marks: str,
           known: Mapping[str, CertificateFact]) -> list[CertificateFact]:
    """The sick-leave facts of these patients, those in ``known`` taken from there."""
    return [known.get(str(cert_id)) or CertificateFact.model_validate_json(fact_json)
            for cert_id, fact_json in tx.execute(
                f"SELECT id, fact FROM statistik WHERE patient IN ({marks}) "  # noqa: S608
                "AND sick_leave = 1", patients)]


def _write_cases(tx: Sql, new: list[tuple[Any, ...]]) -> None:
    """New case rows and their month rows."""
    _insert(tx, "statistik_cases", CASE_COLUMNS, new)
    months = [(*row, month) for row in new for month in months_of(row[4], row[5])]
    _insert(tx, "statistik_case_months", [*CASE_COLUMNS, ("month", "TEXT")], months)


def defer(tx: Sql, patients: Iterable[str]) -> None:
    """Note these patients for a recomputation later (``replay.step``), in this transaction:
    a replay from the start writes each patient's cases once at its end instead of once per
    batch that holds one of their certificates."""
    insert_many(tx, "statistik_pending", [("patient", "TEXT")],
                [(patient,) for patient in sorted(set(patients))],
                " ON CONFLICT (patient) DO NOTHING")


def forget_pending(tx: Sql, patients: Sequence[str]) -> None:
    """Forget the notes of these patients (their cases are written)."""
    for chunk, marks in _chunks(patients):
        tx.execute(f"DELETE FROM statistik_pending WHERE patient IN ({marks})", chunk)  # noqa: S608


def _cases_of(facts: list[CertificateFact]) -> list[tuple[Any, ...]]:
    """The case rows of one or more patients' facts: national, then per care giver."""
    cases = [case_row(NATIONAL, case) for case in build_cases(facts)]
    by_giver: dict[str, list[CertificateFact]] = defaultdict(list)
    for found in facts:
        by_giver[found.care_giver].append(found)
    return cases + [case_row(CARE_GIVER, case) for group in by_giver.values()
                    for case in build_cases(group)]


def _national(rows: Iterable[tuple[Any, ...]]) -> list[list[Any]]:
    return [[row[_AT[name]] for name in rollups.CASE_SOURCE] for row in rows
            if row[_AT["level"]] == NATIONAL]


def _delete(tx: Sql, case_ids: list[str]) -> None:
    for chunk, marks in _chunks(case_ids):
        for table in ("statistik_cases", "statistik_case_months"):
            tx.execute(f"DELETE FROM {table} WHERE case_id IN ({marks})", chunk)  # noqa: S608


def _insert(tx: Sql, table: str, columns: Sequence[tuple[str, str]],
            rows: list[tuple[Any, ...]]) -> None:
    insert_many(tx, table, columns, rows)


def case_row(level: str, case: StatCase) -> tuple[Any, ...]:
    """One case as a row in ``CASE_COLUMNS`` order."""
    return (
        f"{level}:{case.patient}:{case.care_giver if level == CARE_GIVER else ''}:{case.start}",
        level, case.patient, case.sex, case.start.isoformat(), case.end.isoformat(), case.days,
        case.certificate_count, case.age, buckets.age_group(case.age),
        buckets.length_group(case.days),
        buckets.certificate_count_group(case.certificate_count), case.degree, case.diagnosis,
        buckets.diagnosis_chapter(case.diagnosis), buckets.diagnosis_block(case.diagnosis),
        buckets.diagnosis_category(case.diagnosis), buckets.lan_group(case.lan), case.care_unit,
        case.care_giver, case.doctor, buckets.doctor_age_group(case.doctor_age),
        case.doctor_sex or buckets.UNKNOWN, case.doctor_title or buckets.UNKNOWN,
    )


def write_messages(tx: Sql, certificate_ids: Sequence[str],
                   messages: Iterable[MessageFact]) -> None:
    """Replace the message rows of these certificates, and the rows of the questions their
    requests to complement ask about."""
    for chunk, marks in _chunks(certificate_ids):
        for table in ("statistik_messages", "statistik_complements"):
            tx.execute(f"DELETE FROM {table} WHERE certificate_id IN ({marks})", chunk)  # noqa: S608
    facts = list(messages)
    written = [(m.message_id, m.certificate_id, m.subject.value, m.sent.isoformat(), m.care_unit,
                m.care_giver, buckets.lan_group(m.lan), m.sex) for m in facts]
    _insert(tx, "statistik_messages", MESSAGE_COLUMNS, written)
    _insert(tx, "statistik_complements", COMPLEMENT_COLUMNS,
            [(m.message_id, question, m.certificate_id, m.type_id or "", *row[3:])
             for m, row in zip(facts, written, strict=True)
             for question in dict.fromkeys(m.complement_questions)])


def current(tx: Sql) -> bool:
    """Whether the case, month and message tables have the columns this code writes (the
    view's ``statistik`` table alone does not tell a view written before one of them grew)."""
    return (table_columns(tx, "statistik_complements") == {n for n, _ in COMPLEMENT_COLUMNS}
            and table_columns(tx, "statistik_cases") == set(_NAMES))


COUNTED = ("signed", "type", "lan", "sex", "complemented")
"""The certificate columns the certificate rollup counts by."""


def counted(tx: Sql, cert_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The rollup keys (``COUNTED``) of these certificates that are counted."""
    found: list[tuple[Any, ...]] = []
    for chunk, marks in _chunks(cert_ids):
        found += tx.execute(f"SELECT {', '.join(COUNTED)} FROM statistik "  # noqa: S608
                            f"WHERE id IN ({marks}) AND counted = 1", chunk)
    return found
