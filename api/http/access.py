"""The PDL access entry of a read of patient data, one per request (``commands.access_log``).

A route that returns patient data takes ``ReadLogDep`` and calls ``record`` with the patients
and certificates it is about to return, after it has found them and before it answers: if the
entry cannot be stored the request ends in a 503 problem and nothing read is returned. What was
read is the route itself (method and path template); the reader comes from the token that the
route's policy checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.routing import APIRoute

from commands.access_log import AccessLog
from domain.access.entry import Reader, ReadSubjects
from domain.shared.care import Staff


class ReadLog:
    """The access log of one request: ``record`` once, with what the request returns."""

    def __init__(self, access_log: AccessLog, reader: Reader, what: str) -> None:
        self._log, self.reader, self.what = access_log, reader, what

    def record(self, personnummers: Iterable[str], certificate_ids: Iterable[object]) -> None:
        self._log.record(self.reader, self.what, personnummers, certificate_ids)

    def subjects(self, personnummers: Iterable[str],
                 certificate_ids: Iterable[object]) -> ReadSubjects:
        """What the entry would keep of these (``record_subjects``), worked out now."""
        return self._log.subjects(personnummers, certificate_ids)

    def record_subjects(self, subjects: ReadSubjects) -> None:
        """``record`` with subjects worked out before (a list read again unchanged)."""
        self._log.record_subjects(self.reader, self.what, subjects)


def reader_of(request: Request) -> Reader:
    """Who reads, from what the route's policy found in the token."""
    staff: Staff | None = getattr(request.state, "staff", None)
    if staff is not None:
        return Reader(role=staff.role.value, hsa_id=staff.hsa_id,
                      care_unit=staff.care_unit_hsa_id, care_giver=staff.care_giver_hsa_id)
    actor = str(getattr(request.state, "actor", ""))
    if actor == "citizen":
        return Reader(role="citizen")
    return Reader(role="recipient", hsa_id=actor)


def _read_log(request: Request) -> ReadLog:
    route = request.scope.get("route")
    path = route.path if isinstance(route, APIRoute) else request.url.path
    access_log: AccessLog = request.app.state.access_log
    return ReadLog(access_log, reader_of(request), f"{request.method} {path}")


ReadLogDep = Annotated[ReadLog, Depends(_read_log)]


def _access_log(request: Request) -> AccessLog:
    access_log: AccessLog = request.app.state.access_log
    return access_log


AccessLogDep = Annotated[AccessLog, Depends(_access_log)]
