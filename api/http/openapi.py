"""The OpenAPI document says what each route really answers.

FastAPI documents a route's success response and a generic JSON 422. The problem responses are
added here, once the document is built, from one table: a route's kinds (behind a token, acting
for a person, taking input, naming a resource, writing, reading a view) decide the problem
responses (RFC 9457, ``application/problem+json``) it can give. A route with an answer its kinds
do not imply declares it with ``responses=problems(...)``. Success media types other than JSON
come from ``CSV_OR_JSON`` and ``PDF``.

To teach the document a new kind of answer: add a ``Kind``, its statuses in ``PROBLEMS_OF_KIND``,
a text in ``STATUS_TEXT`` for a new status, and how a route shows the kind in ``kinds_of``.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any, get_args

from fastapi import FastAPI, params, routing
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.http.access import ReadLogDep
from api.http.deps import CertificatesDep, CitizenDep, RecipientDep, StaffDep, ViewsDep, bearer
from api.http.errors import PROBLEM_JSON
from api.http.fmu import AuthorityDep, CoordinatorDep, UnitAdminDep
from api.http.pdf import PDF_RESPONSES
from api.http.schemas import IssueOut, ProblemOut


class Kind(StrEnum):
    TOKEN = "token"  # noqa: S105 - a kind of route, not a secret; behind the bearer scheme
    PERSON = "person"  # the token's holder may be refused: role, unit, age or statistics scope
    INPUT = "input"  # takes parameters or a body, which are validated
    BODY = "body"  # takes a body, which has a size limit
    NAMED = "named"  # its path names something that may not exist, or not be the caller's
    COMMAND = "command"  # writes: the rules of the current state and the version apply
    VIEW = "view"  # reads a read model, which may not have caught up yet
    LOGGED = "logged"  # returns patient data only once its PDL access entry is stored
    STORED = "stored"  # loads from the event store, whose rows may not read back


PROBLEMS_OF_KIND: dict[Kind, tuple[int, ...]] = {
    Kind.TOKEN: (401,),
    Kind.PERSON: (403,),
    Kind.INPUT: (422,),
    Kind.BODY: (413, 422),
    Kind.NAMED: (404,),
    Kind.COMMAND: (409, 422),
    Kind.VIEW: (503,),
    Kind.LOGGED: (503,),
    Kind.STORED: (503,),
}

STATUS_TEXT: dict[int, str] = {
    401: "No valid bearer token of the kind this route takes (`WWW-Authenticate: Bearer`).",
    403: "The token's holder may not do this: role, care unit, age or statistics scope.",
    404: "Nothing by that id that the caller may see.",
    409: "Not allowed in the current state, or the version the request names is stale.",
    413: "The request body is larger than allowed.",
    415: "The file is not of a type the route takes (told by its content, not its name).",
    422: "Invalid input: `errors[]` names each field (and its national question id).",
    503: "The read model has not reached `?after=` yet (`Retry-After`), or does not run here; "
         "or no signed ledger digest covers the certificate yet (`Retry-After`); "
         "or the access log cannot record this read of patient data, so nothing is shown; "
         "or a stored event of what the path names cannot be read back (altered), which the "
         "operators must restore: nothing was changed.",
}

HEADERS_OF_STATUS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"required": True, "schema": {"type": "string"},
                               "description": "Always `Bearer`."}},
    503: {"Retry-After": {"required": False, "schema": {"type": "string"},
                          "description": "Seconds to wait, when waiting helps."}},
}

# The route's own dependencies that make it of a kind.
_KINDS_OF_DEPENDENCY: tuple[tuple[Any, tuple[Kind, ...]], ...] = (
    (StaffDep, (Kind.TOKEN, Kind.PERSON)),
    (CitizenDep, (Kind.TOKEN, Kind.PERSON)),
    (RecipientDep, (Kind.TOKEN,)),
    (bearer, (Kind.TOKEN, Kind.PERSON)),  # a token the route checks itself (statistics scopes)
    (ViewsDep, (Kind.VIEW,)),
    (ReadLogDep, (Kind.LOGGED,)),
    (CoordinatorDep, (Kind.TOKEN, Kind.PERSON)),  # FMU: the grant in the token
    (UnitAdminDep, (Kind.TOKEN, Kind.PERSON)),
    (AuthorityDep, (Kind.TOKEN,)),
    (CertificatesDep, (Kind.STORED,)),
)
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}

CSV_OR_JSON: dict[int | str, dict[str, Any]] = {
    200: {"description": "JSON, or CSV with `format=csv`.",
          "content": {"text/csv": {"schema": {"type": "string"}}}}}
PDF = PDF_RESPONSES
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_FILES: dict[int | str, dict[str, Any]] = {
    200: {"description": "JSON; CSV (UTF-8 with BOM) with `format=csv` or `Accept: text/csv`; "
                         f"XLSX with `format=xlsx` or `Accept: {XLSX}`.",
          "content": {"text/csv": {"schema": {"type": "string"}},
                      XLSX: {"schema": {"type": "string", "format": "binary"}}}}}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for answers a route gives beyond those of its kinds."""
    return {status: {"description": STATUS_TEXT[status]} for status in statuses}


def _call(alias: Any) -> Any:
    return next(m.dependency for m in get_args(alias)[1:] if isinstance(m, params.Depends))


def api_routes(app: FastAPI) -> Iterator[Any]:
    """Every API route as it is served (with the prefixes and dependencies of its inclusion)."""
    in_context = getattr(routing, "iter_route_contexts", None)  # FastAPI >= 0.16x
    for route in in_context(app.routes) if in_context else app.routes:
        if isinstance(getattr(route, "original_route", route), APIRoute):
            yield route


def kinds_of(route: Any) -> set[Kind]:
    calls = {dependency.call for dependency in route.dependant.dependencies}
    kinds = {kind for alias, found in _KINDS_OF_DEPENDENCY if _call(alias) in calls
             for kind in found}
    dependant = route.dependant
    if route.body_field is not None:
        kinds |= {Kind.BODY, Kind.INPUT}
    if dependant.path_params:
        kinds.add(Kind.NAMED)
    if dependant.path_params or dependant.query_params or dependant.header_params:
        kinds.add(Kind.INPUT)
    if route.methods & _WRITES:
        kinds.add(Kind.COMMAND)
    return kinds


def problem_statuses(route: Any) -> set[int]:
    """Every problem status the route can answer: from its kinds and its own declarations."""
    declared = {int(status) for status in route.responses if int(status) >= 400}
    return declared | {status for kind in kinds_of(route) for status in PROBLEMS_OF_KIND[kind]}


def _problem_response(status: int) -> dict[str, Any]:
    response = {"description": STATUS_TEXT[status],
                "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    if status in HEADERS_OF_STATUS:
        response["headers"] = HEADERS_OF_STATUS[status]
    return response


def _document(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)
    for route in api_routes(app):
        if not route.include_in_schema:
            continue
        for method in route.methods:
            responses = document["paths"][route.path_format][method.lower()]["responses"]
            for status in sorted(problem_statuses(route)):
                responses[str(status)] = _problem_response(status)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    ref = "#/components/schemas/{model}"
    schemas["Problem"] = ProblemOut.model_json_schema(by_alias=True, ref_template=ref,
                                                      mode="serialization")
    schemas["Problem"].pop("$defs", None)
    schemas[IssueOut.__name__] = IssueOut.model_json_schema(by_alias=True, ref_template=ref,
                                                            mode="serialization")
    app.openapi_schema = document
    return document


def install_openapi(app: FastAPI) -> None:
    """Serve the document with the problem responses of every route."""
    app.openapi = lambda: _document(app)  # type: ignore[method-assign]
