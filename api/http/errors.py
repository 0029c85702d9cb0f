"""RFC 9457 problem details: one table maps domain errors to HTTP."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from commands.access_log import AccessLogUnavailableError
from commands.stored_history import StoredHistoryUnreadableError
from domain.shared.errors import (
    DomainError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    RuleViolationError,
    VersionConflictError,
)
from domain.shared.validation import ValidationIssue

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger("api.http.errors")

# (error family, status, type slug, title); the first family that matches wins.
PROBLEM_TABLE: list[tuple[type[DomainError], int, str, str]] = [
    (NotFoundError, 404, "not-found", "Not found"),
    (ForbiddenError, 403, "forbidden", "Not allowed"),
    (VersionConflictError, 409, "stale-version", "Version conflict"),
    (RuleViolationError, 409, "rule-violation", "Not allowed in the current state"),
    (InvalidInputError, 422, "invalid-input", "Invalid input"),
]


def problem(request: Request, status: int, slug: str, title: str, detail: str,
            errors: list[dict[str, Any]] | None = None, code: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors is not None:
        body["errors"] = errors
    if code is not None:
        body["code"] = code
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _domain_error(request: Request, error: Exception) -> JSONResponse:
    for family, status, slug, title in PROBLEM_TABLE:
        if isinstance(error, family):
            issues = error.issues if isinstance(error, InvalidInputError) else None
            errors = [_issue(i) for i in issues] if issues is not None else None
            log.info("command_refused", error=type(error).__name__, status=status)
            code = getattr(error, "code", None)
            return problem(request, status, slug, title, str(error), errors,
                           code if isinstance(code, str) else None)
    return _unexpected(request, error)


def _issue(issue: ValidationIssue) -> dict[str, str]:
    return {"questionId": issue.question_id, "field": issue.field, "code": issue.code.value,
            "message": issue.message}


def _request_invalid(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)  # noqa: S101 - registered for it only
    errors = [
        {
            "questionId": _question_of(detail["loc"]),
            "field": ".".join(str(p) for p in detail["loc"][1:]) or str(detail["loc"][0]),
            "code": "INVALID_FORMAT",
            "message": detail["msg"],
        }
        for detail in error.errors()
    ]
    return problem(request, 422, "invalid-input", "Invalid input",
                   "The request does not have the expected shape.", errors)


def _question_of(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc[1:]]
    return parts[0] if parts else "request"


def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)  # noqa: S101 - registered for it only
    if error.status_code == 400:  # only FastAPI's body parser says 400: a body it cannot read
        return _unreadable_body(request)
    slug = {401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
            413: "content-too-large", 415: "unsupported-media-type", 503: "not-yet-visible"}
    titles = {404: "Not found", 413: "Content too large", 415: "Unsupported media type"}
    response = problem(request, error.status_code, slug.get(error.status_code, "http-error"),
                       titles.get(error.status_code, str(error.detail)), str(error.detail))
    response.headers.update(error.headers or {})
    return response


def _unreadable_body(request: Request) -> JSONResponse:
    """Bad input like any other: 422, the body named, never FastAPI's bare 400."""
    message = "The body must be JSON encoded as UTF-8."
    return problem(request, 422, "invalid-input", "Invalid input", message,
                   [{"questionId": "request", "field": "body", "code": "INVALID_FORMAT",
                     "message": message}])


def _access_log_unavailable(request: Request, error: Exception) -> JSONResponse:
    """Fail closed (PDL): a read that cannot be logged is not served."""
    response = problem(request, 503, "access-log-unavailable", "Access log unavailable",
                       str(error))
    response.headers["Retry-After"] = "5"
    return response


def _history_unreadable(request: Request, error: Exception) -> JSONResponse:
    """An altered stored row: the caller can change nothing and waiting alone does not help,
    so 503 without ``Retry-After``; the log names the row by its ids."""
    assert isinstance(error, StoredHistoryUnreadableError)  # noqa: S101 - registered for it only
    log.error("stored_history_unreadable", aggregate_id=error.aggregate_id,
              version=error.version)
    return problem(request, 503, "stored-history-unreadable", "Stored history cannot be read",
                   "A stored event of this record cannot be read back. Nothing was changed; "
                   "the operators must restore the stored history.")


def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error("unexpected_error", error=type(error).__name__, exc_info=error)
    return problem(request, 500, "internal", "Internal error",
                   "Something went wrong on our side; it has been logged.")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _request_invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(AccessLogUnavailableError, _access_log_unavailable)
    app.add_exception_handler(StoredHistoryUnreadableError, _history_unreadable)
    app.add_exception_handler(Exception, _unexpected)
