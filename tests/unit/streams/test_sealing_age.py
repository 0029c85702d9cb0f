"""The patient's age a version 3 content message carries clear (issue 12 follow-up): the
relay's sealer publishes the age on the last day of the content's latest sick-leave period
(DOMAIN.md section 8), never the birth date or anything else the personnummer gives but the
sex and the blind index."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from commands.settings import Settings
from domain.access.entry import patient_index
from streams.database import Database
from streams.schemas import HISTORY_KEYS, as_history_line, parse_wire, to_wire
from streams.sealing.fields import open_message
from streams.sealing.keys import DataKeys
from streams.sealing.sealer import Sealer
from tests.factories import lisjp_content

GOLDEN_DIR = Path(__file__).parents[2] / "golden"
BORN = date(1983, 4, 10)
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
INDEX_KEY = "an-index-key-for-the-tests"


def _personnummer(born: date, serial: str = "239") -> str:
    """A valid 12-digit personnummer (Luhn check digit) born on ``born``."""
    digits = f"{born:%y%m%d}{serial}"
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(digits))
    return f"{born:%Y%m%d}{serial}{(10 - total % 10) % 10}"


PNR = _personnummer(BORN)


def _message(event: str, content: dict[str, Any], at: datetime) -> dict[str, Any]:
    old = json.loads((GOLDEN_DIR / f"{event}.v1.json").read_text())
    line = {key: old[key] for key in HISTORY_KEYS} | {"at": at.isoformat()}
    line["data"] = line["data"] | {"content": content}
    if "patient" in line["data"]:
        line["data"]["patient"] = line["data"]["patient"] | {"personnummer": PNR}
    return to_wire(line)


def _lisjp(*ends: date) -> dict[str, Any]:
    rows = [{"sjukskrivningsgrad": "HALFTEN",
             "period": {"from": (end - timedelta(days=6)).isoformat(), "tom": end.isoformat()}}
            for end in ends]
    return lisjp_content(ends[0] - timedelta(days=6), sjukskrivningar=rows)


@pytest.fixture
def sealer(tmp_path: Path) -> Sealer:
    keys = DataKeys(Database(Settings(mode="embedded", data_dir=tmp_path)), os.urandom(32))
    return Sealer(keys, INDEX_KEY, lambda certificate: PNR, lambda certificate: ("lisjp", 1))


def _sealed(sealer: Sealer, event: str, content: dict[str, Any],
            at: datetime = NOW) -> dict[str, Any]:
    [sealed] = sealer.seal_all([_message(event, content, at)], NOW)
    return sealed


def _age(sealed: dict[str, Any]) -> Any:
    data = sealed["data"]
    return data["patient_age"] if sealed["event"] == "DraftEdited" else data["patient"]["age"]


@pytest.mark.parametrize("event", ["DraftCreated", "CertificateRegistered", "DraftEdited"])
def test_a_version_3_message_names_no_birth_date_in_clear_when_the_relay_seals_it(
        sealer: Sealer, event: str):
    """The clear facts are the blind index, the sex and the age: neither the birth date (in
    any written form) nor the personnummer or a part of it travels readable."""
    sealed = _sealed(sealer, event, _lisjp(date(2026, 11, 20)))
    written = json.dumps(sealed, ensure_ascii=False)
    for form in (PNR, PNR[2:], BORN.isoformat(), f"{BORN:%Y%m%d}", f"{BORN:%y%m%d}",
                 f"{BORN:%Y-%m}", "birth"):
        assert form not in written
    assert not re.search(r"\b1983\b", written)
    assert sealed["schema_version"] == 3 and _age(sealed) == 43
    if "patient" in sealed["data"]:
        patient = sealed["data"]["patient"]
        assert set(patient) - {"personnummer", "name", "test_indicated",
                               "protected_identity"} == {"index", "sex", "age"}
        assert (patient["index"], patient["sex"]) == (patient_index(PNR, INDEX_KEY), "M")
    parse_wire(open_message(sealed, {patient_index(PNR, INDEX_KEY): None}))


@pytest.mark.parametrize(("last_day", "age"), [
    (date(2024, 4, 10), 41),  # the 41st birthday is the sick leave's last day
    (date(2024, 4, 9), 40),  # the birthday is the day after the last day
])
@pytest.mark.parametrize("event", ["DraftCreated", "CertificateRegistered", "DraftEdited"])
def test_the_published_age_is_the_age_on_the_last_day_of_the_sick_leave_when_sealed(
        sealer: Sealer, event: str, last_day: date, age: int):
    """DOMAIN.md section 8: the age in whole years on the end of the latest period (an earlier
    period listed after it does not count), not on the day the event was recorded."""
    content = _lisjp(last_day, last_day - timedelta(days=20))
    assert _age(_sealed(sealer, event, content, at=datetime(2024, 4, 1, tzinfo=UTC))) == age


def test_a_content_without_periods_is_aged_on_the_day_the_event_was_recorded(sealer: Sealer):
    """A draft not yet filled in (or a type without sick leave): the event's own date."""
    on_birthday = datetime(2025, 4, 10, 8, 0, tzinfo=UTC)
    assert _age(_sealed(sealer, "DraftCreated", {}, at=on_birthday)) == 42
    assert _age(_sealed(sealer, "DraftCreated", {}, at=on_birthday - timedelta(days=1))) == 41


def test_a_key_holder_keeps_the_published_age_when_the_personnummer_opens(tmp_path: Path):
    """The index and sex repeat the personnummer and are dropped; the age is a fact of the
    content, so Intygsstatistik reads the same number opened or forgotten."""
    keys = DataKeys(Database(Settings(mode="embedded", data_dir=tmp_path)), os.urandom(32))
    sealer = Sealer(keys, INDEX_KEY, lambda certificate: PNR)
    [sealed] = sealer.seal_all([_message("DraftCreated", _lisjp(date(2024, 4, 10)), NOW)], NOW)
    opened = open_message(sealed, keys.load([patient_index(PNR, INDEX_KEY)]))
    assert opened["data"]["patient"] == {"personnummer": PNR, "name": "Tolvan Tolvansson",
                                         "test_indicated": False, "protected_identity": False,
                                         "age": 41}


@pytest.mark.parametrize("event", ["DraftCreated", "DraftEdited"])
def test_the_history_line_of_an_opened_message_leaves_the_published_age_out(
        sealer: Sealer, event: str):
    """``intyg replay`` equals ``intyg history``: the age is the relay's, not the store's."""
    message = _message(event, _lisjp(date(2024, 4, 10)), NOW)
    [sealed] = sealer.seal_all([message], NOW)
    opened = open_message(sealed, sealer.keys.load([patient_index(PNR, INDEX_KEY)]))
    assert _age(opened) == 41
    assert as_history_line(opened) == {key: message[key] for key in HISTORY_KEYS}
