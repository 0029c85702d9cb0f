"""The content sealed answer by answer (schema version 3; issue 12): free text sealed, the codes,
dates and degrees the statistics count (DOMAIN.md section 8) clear, as the content models say."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from streams.contract import content_schemas
from streams.schemas import parse_wire, to_wire
from streams.sealing.content import content_plan
from streams.sealing.envelope import UnreadableSealError, is_sealed, new_data_key
from streams.sealing.fields import open_message, seal_message, still_sealed
from streams.wire_types import PROTECTION

GOLDEN_DIR = Path(__file__).parents[2] / "golden"
INDEX = os.urandom(32).hex()
LISJP = content_plan("lisjp", 1)


def clear(event: str) -> dict[str, Any]:
    old = json.loads((GOLDEN_DIR / f"{event}.v1.json").read_text())
    return to_wire({key: old[key] for key in ("id", "version", "event", "at", "data")})


def created_with_content() -> dict[str, Any]:
    message = clear("DraftCreated")
    message["data"]["content"] = clear("DraftEdited")["data"]["content"]
    return message


def test_statistics_answers_stay_clear_and_free_text_is_sealed_when_a_lisjp_is_sealed():
    """DOMAIN.md section 8: diagnosis code, degree and period travel clear; texts do not."""
    message = clear("DraftEdited")
    sealed = seal_message(message, INDEX, new_data_key(), LISJP)
    content = sealed["data"]["content"]
    assert content["diagnoser"][0]["kod"] == message["data"]["content"]["diagnoser"][0]["kod"]
    assert content["sjukskrivningar"] == message["data"]["content"]["sjukskrivningar"]
    assert content["sysselsattning"] == message["data"]["content"]["sysselsattning"]
    assert is_sealed(content["funktionsnedsattning"])
    assert is_sealed(content["diagnoser"][0]["beskrivning"])
    written = json.dumps(sealed, ensure_ascii=False)
    for text in (message["data"]["content"]["funktionsnedsattning"],
                 message["data"]["content"]["diagnoser"][0]["beskrivning"]):
        assert text not in written
    assert still_sealed(sealed) == ["content"]


def test_the_clear_answers_of_a_lisjp_are_the_codes_dates_and_flags_when_the_plan_is_read():
    """The classification comes from the model's markers: a change here is a wire change."""

    def clear_paths(plan: dict[str, Any], above: str = "") -> set[str]:
        found: set[str] = set()
        for name, rule in plan.items():
            if isinstance(rule, dict):
                found |= clear_paths(rule, f"{above}{name}.")
            elif rule is False:
                found.add(f"{above}{name}")
        return found

    assert LISJP is not None
    assert clear_paths(LISJP) == {
        "avstangningSmittskydd", "grundForMU.typ", "grundForMU.datum", "sysselsattning",
        "diagnoser.kod", "diagnoser.kodsystem", "sjukskrivningar.sjukskrivningsgrad",
        "sjukskrivningar.period.from", "sjukskrivningar.period.tom", "arbetstidsforlaggning",
        "arbetsresor", "prognos.typ", "prognos.dagarTillArbete", "arbetslivsinriktadeAtgarder",
        "kontaktMedFk"}


def test_a_forgotten_patients_codes_and_facts_stay_when_the_key_is_destroyed():
    message = created_with_content()
    opened = open_message(seal_message(message, INDEX, new_data_key(), LISJP, 113),
                          {INDEX: None})
    data = opened["data"]
    assert "funktionsnedsattning" not in data["content"]
    assert "beskrivning" not in data["content"]["diagnoser"][0]
    assert data["content"]["diagnoser"][0]["kod"] == "M544"
    assert data["patient"]["personnummer"] == ""
    assert (data["patient"]["sex"], data["patient"]["age"], data["patient"]["index"]) \
        == ("M", 113, INDEX)
    assert parse_wire(opened).event == "DraftCreated"


def test_a_key_holder_reads_the_history_line_when_the_patient_facts_were_added():
    """The clear facts repeat the personnummer: dropped once it opens."""
    message = created_with_content()
    key = new_data_key()
    sealed = seal_message(message, INDEX, key, LISJP)
    assert sealed["data"]["patient"]["sex"] == "M"
    assert open_message(sealed, {INDEX: key}) == message


def test_an_answer_the_model_does_not_know_is_sealed_when_sealed():
    message = clear("DraftEdited")
    message["data"]["content"]["okandFraga"] = {"text": "Något om patienten"}
    sealed = seal_message(message, INDEX, new_data_key(), LISJP)
    assert is_sealed(sealed["data"]["content"]["okandFraga"])


def test_a_sealed_answer_does_not_open_when_moved_to_another_answer():
    key = new_data_key()
    sealed = seal_message(clear("DraftEdited"), INDEX, key, LISJP)
    moved = copy.deepcopy(sealed)
    content = moved["data"]["content"]
    content["aktivitetsbegransning"] = content["funktionsnedsattning"]
    with pytest.raises(UnreadableSealError):
        open_message(moved, {INDEX: key})


def test_the_content_schema_names_each_answers_protection_when_the_contract_is_built():
    schema = content_schemas()[("lisjp", 1)]
    assert schema["properties"]["funktionsnedsattning"][PROTECTION] == "sealed"
    assert schema["properties"]["diagnoser"][PROTECTION] == "sealed-per-answer"
    assert schema["$defs"]["Diagnos"]["properties"]["kod"][PROTECTION] == "clear"
    assert schema["$defs"]["Diagnos"]["properties"]["beskrivning"][PROTECTION] == "sealed"
