"""Fuzz one operation of the OpenAPI document with schemathesis: generated requests (valid and
invalid), real ids mixed into paths, queries and bodies, each answer checked against the
document. Failures are collected, not raised, so one run reports every operation's faults."""

from __future__ import annotations

import time
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, assume, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz.tally import EXAMPLES, SEED, TALLY
from tests.fuzz.world import FuzzWorld

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, negative_data_rejection]




def _known(names: list[str], known: dict[str, list[str]]) -> st.SearchStrategy[dict[str, str]]:
    """Three times in four the named parameters get real values, else they are generated."""
    fixed = {name: st.sampled_from(known[name]) for name in names if name in known}
    if not fixed:
        return st.just({})
    return st.sampled_from([True, True, True, False]).flatmap(
        lambda real: st.fixed_dictionaries(fixed) if real else st.just({}))


def cases(operation: APIOperation, world: FuzzWorld) -> st.SearchStrategy[Any]:
    """Valid and invalid requests for the operation; sometimes with real ids."""
    path = [p.name for p in operation.path_parameters]
    query = [p.name for p in operation.query]
    modes = [GenerationMode.POSITIVE]
    if path or query or operation.body:
        modes.append(GenerationMode.NEGATIVE)
    return st.tuples(st.sampled_from(modes), _known(path, world.known_path),
                     _known(query, world.known_query)).flatmap(
        lambda chosen: operation.as_strategy(chosen[0], path_parameters=chosen[1] or None,
                                             query=chosen[2] or None))


def _real_body_values(case: Any, world: FuzzWorld, draw: Any) -> None:
    """In a valid body, a known field (a certificate id, say) gets a real value half the time."""
    if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return
    if isinstance(case.body, dict):
        for name, values in world.known_body.items():
            if name in case.body and draw(st.booleans()):
                case.body[name] = draw(st.sampled_from(values))


def send(client: Any, kwargs: dict[str, Any]) -> httpx.Response | None:
    """The request as the transport would send it; None when it cannot be put on the wire."""
    payload = {key: kwargs[key] for key in ("json", "files") if key in kwargs}
    if "data" in kwargs:
        payload["content" if isinstance(kwargs["data"], bytes | str) else "data"] = kwargs["data"]
    try:
        response: httpx.Response = client.request(
            kwargs["method"], kwargs["url"], params=kwargs.get("params"),
            headers=kwargs.get("headers"), **payload)
    except (UnicodeEncodeError, httpx.InvalidURL, httpx.LocalProtocolError):
        return None
    return response


def _checks_for(operation: APIOperation, response: httpx.Response) -> list[Any]:
    """A documented 503 (a read model behind ``?after=``) is an answer, not a server fault."""
    if response.status_code == 503 and "503" in operation.definition.raw.get("responses", {}):
        return [check for check in CHECKS if check is not not_a_server_error]
    return CHECKS


def fuzz(operation: APIOperation, world: FuzzWorld, role: str) -> dict[str, str]:
    """Every distinct failure of the operation as the role: (check, status) -> report."""
    found: dict[str, str] = {}
    started = time.monotonic()

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=SEED is None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=cases(operation, world), data=st.data())
    def run(case: Any, data: st.DataObject) -> None:
        _real_body_values(case, world, data.draw)
        # A case that leaves out or spoils the token asks for a 401: the role "none" tries it;
        # the others spend their examples on what their token reaches.
        headers = world.tokens[role]
        assume(not (headers and operation.schema.is_security_param_negated(case)))
        kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
        response = send(world.client, kwargs)
        if response is None:
            return
        TALLY.cases += 1
        TALLY.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=_checks_for(operation, response),
                                   headers=headers)
        except FailureGroup as failures:
            for failure in failures.exceptions:
                key = f"{operation.label} as {role}: {failure.title} ({response.status_code})"
                found.setdefault(key, str(failures))

    (seed(int(SEED))(run) if SEED else run)()
    TALLY.seconds += time.monotonic() - started
    TALLY.operations.add(operation.label)
    TALLY.roles.add(role)
    return found
