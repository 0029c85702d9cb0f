"""No exception text and no refused input reaches a log line (api/log_safety.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import date

import pytest
import structlog
from pydantic import BaseModel, ValidationError

from api.http.body_guard import storable, unstorable_at
from api.log_safety import describe, scrub_event
from api.logging import configure_logging
from domain.shared.citizen import admit_citizen
from domain.shared.errors import InvalidPersonnummerError
from domain.shared.identities import Personnummer

PNR = "191212121212"


class _Holder(BaseModel):
    personnummer: Personnummer


def _validation_error() -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        _Holder(personnummer="19121212-1212")
    return raised.value


@pytest.fixture
def json_logs() -> Iterator[None]:
    configure_logging("json")
    yield
    structlog.reset_defaults()


def _raise_with_cause() -> None:
    try:
        raise KeyError(PNR)
    except KeyError as error:
        raise RuntimeError(f"lookup of {PNR} failed") from error


def test_exception_becomes_types_and_frames_when_logged_with_exc_info(json_logs, capsys):
    with pytest.raises(RuntimeError) as raised:
        _raise_with_cause()
    structlog.get_logger().error("unexpected_error", exc_info=raised.value, error=raised.value)
    line = json.loads(capsys.readouterr().err)
    assert PNR not in json.dumps(line)
    assert "KeyError" in line["exception"] and "RuntimeError" in line["exception"]
    assert "_raise_with_cause" in line["exception"]
    assert line["error"] == "RuntimeError"


def test_input_value_is_stripped_when_a_validation_error_is_logged(json_logs, capsys):
    error = _validation_error()
    structlog.get_logger().warning("refused", detail=str(error), errors=error.errors())
    logged = capsys.readouterr().err
    assert "19121212-1212" not in logged and "input_value=<redacted>" in logged


@pytest.mark.parametrize("name", ["uvicorn.error", "kafka.conn", "some.library"])
def test_stdlib_lines_are_scrubbed_json_when_a_library_logs_an_exception(json_logs, capsys,
                                                                         name):
    error = _validation_error()
    logging.getLogger(name).error("failed: %s", error, exc_info=error)
    logging.getLogger(name).warning(str(error))
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["logger"] for line in lines] == [name, name]
    assert "ValidationError" in lines[0]["exception"]
    assert "19121212-1212" not in json.dumps(lines)


def test_describe_withholds_the_message_when_given_an_exception():
    with pytest.raises(RuntimeError) as raised:
        _raise_with_cause()
    assert PNR not in describe(raised.value)


def test_scrub_drops_input_keys_when_an_event_carries_them():
    event = scrub_event(None, "info", {"event": "x", "input_value": PNR, "nested": {"input": PNR}})
    assert PNR not in json.dumps(event)


@pytest.mark.parametrize("sub", ["19121212-1212", "1212121212", "not-a-pnr"])
def test_citizen_is_refused_without_repeating_the_number_when_not_12_digits(sub):
    with pytest.raises(InvalidPersonnummerError) as raised:
        admit_citizen(sub, date(2026, 1, 1))
    assert sub not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_unstorable_text_is_found_with_its_path_when_nested_anywhere():
    assert unstorable_at({"a": [{"b": "ok"}, {"c": "x\ud800"}]}) == ("a", 1, "c")
    assert unstorable_at({"a": "nul\x00"}) == ("a",)
    assert unstorable_at({"k\udfff": 1}) == ("<key>",)
    assert unstorable_at({"a": ["ok", 1, None, {"b": "åäö 😀"}]}) is None
    assert storable("Gräslök") and not storable("\ud800")
