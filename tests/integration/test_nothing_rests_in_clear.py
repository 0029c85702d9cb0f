"""Nothing of a patient rests in clear (issue 12, deliverable 1; ARCHITECTURE.md invariant 8).

A demo run (its orders from authorities and its FMU investigation included) plus the contract
tour (every event type, every certificate type, a conversation with free text) is written in
production mode, relayed to the real Kafka and projected into every view (the orders' and the
investigations' too); the same in embedded mode into SQLite. Then everything that rests is
scanned for each personnummer, name and free-text phrase the run wrote: the Kafka log segment
files of the run's topics on disk, a ``pg_dump`` of the run's schema, the SQLite files, the
log lines the run printed, and every row of the event store decrypted with the store key alone
(certificates, conversations, orders, FMU investigations and spaces sealed per patient under
it). Zero hits: a hit names its place (topic, table, file or log)
and the kind of value (never the value).
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment

from api.demo.orders import seed_orders
from api.demo.seed import seed_demo
from api.logging import configure_logging
from api.runtime.investigations import InvestigationLists
from api.runtime.orders import OrdersRuntime
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from streams.database import Database
from streams.relay import Relay
from streams.space_documents import space_documents
from streams.topics import certificates_topic, investigations_topic, orders_topic, spaces_topic
from streams.unseal import opened_records, opener_for
from tests.conftest import TEST_CIPHER_KEY
from tests.factories import FakeClock
from tests.factories.contract_tour import tour
from tests.factories.samverkan import UPLOAD_TEXT, UPLOADED_PDF, space_at_rest
from tests.integration.kafka_support import kafka_settings, read_topic, run_views_until_caught_up
from tests.type_examples import TODAY

pytestmark = pytest.mark.kafka

PATIENTS = 12
PG_DUMP = Path("/usr/lib/postgresql/15/bin/pg_dump")
_STORE_ROWS: list[tuple[str, bytes]] = []  # each run's stored events under the store key alone

def _run(app: Certificates, clock: FakeClock, settings: Settings) -> None:
    seed_demo(app, patients=PATIENTS)  # as `intyg demo` seeds it
    seed_orders(app, seed=7804)
    tour(app, clock)
    # a Samverkansytan space (issue 15), with an uploaded document
    space_at_rest(app, settings.patient_index_secret, space_documents(settings))


def _order_views_caught_up(settings: Settings, app: Certificates, clock: FakeClock) -> None:
    """The orders' and the FMU investigations' views, brought up to date from the store, and
    the mail runs' schedule (``commands.mail_schedule``) filled by a run's reading."""
    for runtime in (OrdersRuntime(settings, app, clock),
                    InvestigationLists(settings, app, clock)):
        try:
            runtime.catch_up()
            if isinstance(runtime, OrdersRuntime):
                runtime.space_due()
                runtime.fmu_due()
        finally:
            runtime.close()


def _store_rows(app: Certificates, settings: Settings, run: str) -> list[tuple[str, bytes]]:
    """Every row of the event store decrypted with the store key alone (what one key for every
    patient opens), by its stored topic."""
    assert settings.cipher_key is not None
    cipher = AESCipher(Environment(env={"CIPHER_KEY": settings.cipher_key.get_secret_value()}))
    rows = app.recorder.select_notifications(1, 100_000)
    return [(f"store-{run}:{row.topic}", cipher.decrypt(row.state)) for row in rows]


@pytest.fixture(scope="module")
def production() -> Iterator[tuple[Settings, list[dict[str, Any]], str]]:
    """The production run: its settings, every message opened, and the log it printed."""
    with kafka_settings() as settings, _captured_log() as printed:
        clock = FakeClock(TODAY)
        app = Certificates(eventsourcing_env(settings), clock=clock)
        try:
            _run(app, clock, settings)
            Relay(app, settings, Database(settings)).run_until_caught_up(timeout=240)
            run_views_until_caught_up(settings, app, timeout=180)
            _order_views_caught_up(settings, app, clock)
            _STORE_ROWS.extend(_store_rows(app, settings, "production"))
        finally:
            app.close()
        records = [record for topic in (certificates_topic(settings), orders_topic(settings),
                                        investigations_topic(settings),
                                        spaces_topic(settings))
                   for record in read_topic(settings, topic)]
        opened = [value for _, value in opened_records(records, opener_for(settings))]
        yield settings, opened, printed()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The embedded run (event store encrypted with its key): its data dir and its log."""
    directory = tmp_path_factory.mktemp("embedded")
    settings = Settings(mode="embedded", data_dir=directory, cipher_key=TEST_CIPHER_KEY,
                        projections_in_serve=False)
    with _captured_log() as printed:
        clock = FakeClock(TODAY)
        app = Certificates(eventsourcing_env(settings), clock=clock)
        try:
            _run(app, clock, settings)
            run_views_until_caught_up(settings, app, timeout=180)
            _order_views_caught_up(settings, app, clock)
            _STORE_ROWS.extend(_store_rows(app, settings, "embedded"))
        finally:
            app.close()
        yield directory, printed()


@contextmanager
def _captured_log() -> Iterator[Callable[[], str]]:
    """The structlog pipeline of ``intyg serve`` (JSON lines) writing to a file of its own;
    yields what reads back everything written so far."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as file:
        real, sys.stderr = sys.stderr, file
        configure_logging("json")

        def printed() -> str:
            file.flush()
            file.seek(0)
            return file.read()

        try:
            yield printed
        finally:
            sys.stderr = real


def test_nothing_of_a_patient_rests_in_clear_after_a_demo_run(production, embedded):
    """ARCHITECTURE.md invariant 8: patient data rests sealed wherever it rests. Hardening
    item 2 (issue 12 leftovers): the orders and the FMU investigation of the demo too."""
    settings, opened, production_log = production
    directory, embedded_log = embedded
    needles = _needles(opened)
    assert len(needles) > PATIENTS  # personnummer, names and texts were written
    written = json.dumps(opened).encode()  # the search finds each where it is in clear
    assert all(any(form in written for form in forms) for forms in needles.values())
    # an uploaded document rests beside the messages, never in one (issue 15 item 8)
    needles["upload#0"] = (*_forms(UPLOAD_TEXT), base64.b64encode(UPLOADED_PDF))
    assert "projection_started" in production_log and "projection_started" in embedded_log

    assert {"reference", "text"} <= {label.split("#")[0] for label in needles}
    places = [*_kafka_segments(settings), *_pg_dump(settings), *_sqlite(directory),
              ("log:production", production_log.encode()),
              ("log:embedded", embedded_log.encode()), *_STORE_ROWS]
    scanned = {place for place, _ in places}  # the orders' and investigations' copies too
    assert {"postgres:orders", "postgres:orders_timeline", "postgres:fmu_investigation_steps",
            "sqlite:orders", "sqlite:fmu_investigation_steps",
            "postgres:samverkan_documents", "sqlite:samverkan_documents"} <= scanned
    # the event store's rows under the store key alone: the orders', investigations' and
    # spaces' too (issue 12: a forget leaves no readable copy in the store)
    assert {f"store-{run}:{topic}" for run in ("production", "embedded") for topic in (
        "domain.orders.bestallning.order:Bestallning.OrderReceived",
        "domain.orders.fmu.investigation:Investigation.CitizenRecorded",
        "domain.samverkan.space:Space.ItemProposed")} <= scanned
    assert any(place.endswith(("intyg.orders.v1", "intyg.fmu.v1")) for place in scanned)

    found: dict[str, set[str]] = {}
    for place, raw in places:
        hits = {label for label, forms in needles.items() if any(f in raw for f in forms)}
        if hits:
            found.setdefault(place, set()).update(hits)

    assert found == {}, {place: sorted(hits)[:5] for place, hits in sorted(found.items())}


def _needles(opened: Iterable[dict[str, Any]]) -> dict[str, tuple[bytes, ...]]:
    """Each personnummer, name and free-text phrase the run wrote (label: a kind and an
    ordinal, never the value), with every form it may rest in."""
    values: dict[str, str] = {}
    for message in opened:
        data = message.get("data") or {}
        who = data.get("patient") or {}
        citizen = data.get("citizen") or {}  # an order's
        for number in (who.get("personnummer"), citizen.get("personnummer"),
                       data.get("personnummer")):  # the last: an investigation's citizen
            if number:
                values.setdefault(number, "personnummer")
        if who.get("name"):
            values.setdefault(who["name"], "name")
        if data.get("case_reference"):
            values.setdefault(data["case_reference"], "reference")
        for text in _texts([data.get("content"), data.get("text"), data.get("heading"),
                            citizen.get("background"), data.get("purpose"),
                            data.get("planned_actions"), data.get("comment")]):
            values.setdefault(text, "text")
    needles = {}
    for number, (value, kind) in enumerate(sorted(values.items())):
        forms = _forms(value)
        if kind == "personnummer":
            forms |= _forms(f"{value[:8]}-{value[8:]}") | _forms(f"{value[2:8]}-{value[8:]}")
        needles[f"{kind}#{number}"] = tuple(forms)
    return needles


def _texts(values: Iterable[Any]) -> Iterator[str]:
    """Free text inside answers: strings of two words or more (codes and dates are one)."""
    for value in values:
        if isinstance(value, str) and len(value) >= 10 and " " in value.strip():
            yield value
        elif isinstance(value, dict):
            yield from _texts(value.values())
        elif isinstance(value, list):
            yield from _texts(value)


def _forms(value: str) -> set[bytes]:
    """As written (UTF-8), JSON-escaped, and JSON-escaped inside a COPY dump."""
    escaped = json.dumps(value)[1:-1]
    return {value.encode(), escaped.encode(), escaped.replace("\\", "\\\\").encode()}


def _kafka_segments(settings: Settings) -> Iterator[tuple[str, bytes]]:
    """The .log segment files of every partition of the run's topics (scripts/kafka.sh)."""
    cache = Path(os.environ.get("INTYG_KAFKA_CACHE", Path.home() / ".cache/intyg-kafka"))
    data = Path(os.environ.get("INTYG_KAFKA_DATA", cache / "data")) / "kraft-combined-logs"
    dirs = [d for d in data.iterdir() if d.name.startswith(settings.kafka_topic_prefix)]
    assert dirs, f"no partitions of {settings.kafka_topic_prefix}* under {data}"
    for directory in dirs:
        topic = directory.name.rsplit("-", 1)[0]
        for segment in directory.glob("*.log"):
            yield f"kafka:{topic}", segment.read_bytes()


def _pg_dump(settings: Settings) -> Iterator[tuple[str, bytes]]:
    """The run's schema as ``pg_dump`` writes it, table by table (its COPY sections)."""
    env = {**os.environ, "PGPASSWORD": settings.postgres_password.get_secret_value()}
    dump = subprocess.run(
        [str(PG_DUMP), "-h", settings.postgres_host, "-p", str(settings.postgres_port),
         "-U", settings.postgres_user, "-n", settings.postgres_schema, settings.postgres_db],
        env=env, capture_output=True, check=True, timeout=120).stdout
    copy = re.compile(rb"^COPY [^.]+\.(\S+) .*?^\\\.$", re.M | re.S)
    for section in copy.finditer(dump):
        yield f"postgres:{section.group(1).decode().strip(chr(34))}", section.group(0)
    yield "postgres:(schema)", copy.sub(b"", dump)


def _sqlite(directory: Path) -> Iterator[tuple[str, bytes]]:
    """Every table of every SQLite file of the embedded run, then each file's raw bytes (free
    pages and journals included) under the file's name."""
    import sqlite3

    files = [f for f in directory.rglob("*") if f.is_file()]
    assert files
    for path in files:
        if path.suffix == ".sqlite":
            with sqlite3.connect(path) as conn:
                tables = [r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")]
                for table in tables:
                    rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
                    yield f"sqlite:{table}", repr(rows).encode() + json.dumps(
                        [[str(v) for v in row] for row in rows]).encode()
    for path in files:
        yield f"sqlite-file:{path.name}", path.read_bytes()
