"""The comments of FMU steps travel sealed on intyg.fmu.v1 (issue 12 leftovers; docs/sealing.md):
a comment published before the citizen is named under the investigation's own data key, one
written after under the citizen's; `intyg forget` of the citizen destroys both, so neither
opens again. On the real broker and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from commands.certificates import Certificates
from commands.investigations import Investigations
from commands.settings import Settings
from domain.access.entry import patient_index
from domain.access.forgetting import investigation_subject
from domain.orders.fmu.codes import Answer, AssessmentKind
from streams.database import Database
from streams.relay import Relay
from streams.topics import investigations_topic
from streams.unseal import read_opened
from tests.factories import FakeClock, fmu, personnummer
from tests.integration.kafka_support import cli_env, read_topic, value_of

pytestmark = pytest.mark.kafka
ROOT = Path(__file__).resolve().parents[2]
ANSWERED = "Enheten kan ta emot Greta Gåsmamma på tisdag"
UPDATED = "Greta Gåsmamma behöver tolk på finska"


def _steps(settings: Settings, inv_id: str) -> dict[str, Any]:
    """The investigation's records on intyg.fmu.v1, by event."""
    return {value_of(r)["event"]: r for r in read_topic(settings, investigations_topic(settings))
            if r.key == inv_id.encode()}


def _opened_comment(settings: Settings, record: Any) -> Any:
    return read_opened(settings, investigations_topic(settings), record.partition,
                       record.offset)["value"]["data"]["comment"]


def _commented(app: Certificates, settings: Settings, citizen: str) -> str:
    """Answered with a comment and relayed before the citizen is named; then assigned, ordered
    for ``citizen``, updated with a comment and relayed."""
    investigations = Investigations(app, clock=FakeClock(fmu.at(date(2026, 11, 2))))
    who = fmu.callers()
    made = investigations.receive_request(who["fk"], kind=AssessmentKind.AFU,
                                          landsting=fmu.LANDSTING, fk_answer_by=date(2026, 11, 4))
    investigations.ask_units(made.id, who["samordnare"], [fmu.UNIT])
    investigations.answer_request(made.id, who["vardadmin"], Answer.ACCEPTERA, ANSWERED,
                                  fmu.performer(date(2026, 11, 2)))
    relay = Relay(app, settings, Database(settings))
    relay.run_until_caught_up()
    investigations.assign(made.id, who["samordnare"], fmu.UNIT)
    investigations.receive_order(made.id, who["fk"], fmu.UNIT, date(2026, 12, 11), True, False,
                                 citizen=citizen)
    investigations.update_order(made.id, who["fk"], None, True, UPDATED, None, None)
    relay.run_until_caught_up()
    return str(made.id)


def test_comments_travel_sealed_under_the_investigations_then_the_citizens_key_when_relayed(
        settings: Settings, app: Certificates) -> None:
    """Hardening item 1 (issue 12 leftovers); ARCHITECTURE.md invariant 8."""
    citizen = personnummer()
    inv_id = _commented(app, settings, citizen)
    steps = _steps(settings, inv_id)
    for secret in ("Gåsmamma", citizen):
        assert secret not in b"".join(r.value for r in steps.values()).decode()
    answered, updated = value_of(steps["UnitAnswered"]), value_of(steps["OrderUpdated"])
    assert (answered["schema_version"], updated["schema_version"]) == (2, 2)
    assert answered["data"]["comment"]["key_ref"] == patient_index(
        investigation_subject(inv_id), settings.patient_index_secret)
    assert updated["data"]["comment"]["key_ref"] == patient_index(
        citizen, settings.patient_index_secret)
    assert _opened_comment(settings, steps["UnitAnswered"]) == ANSWERED
    assert _opened_comment(settings, steps["OrderUpdated"]) == UPDATED


def test_forgetting_the_citizen_makes_every_comment_of_their_investigation_unreadable(
        settings: Settings, app: Certificates) -> None:
    """Hardening item 1 (issue 12 leftovers): the key of the comment published before the
    citizen was named goes with the citizen's."""
    citizen = personnummer()
    inv_id = _commented(app, settings, citizen)
    done = subprocess.run([sys.executable, "-m", "api.cli.main", "forget", "-", "--reason",
                           "gallring", "--by", "SE2321000016-A001"], cwd=ROOT,
                          env=cli_env(settings), capture_output=True, text=True,
                          input=citizen + "\n", timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["investigations"] == 1
    steps = _steps(settings, inv_id)
    assert _opened_comment(settings, steps["UnitAnswered"]) is None
    assert _opened_comment(settings, steps["OrderUpdated"]) is None
