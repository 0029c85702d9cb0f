"""The PDL access log (patientdatalagen 4 kap.): who has read a patient's data.

The citizen lists who read theirs (Mina intyg); a care giver's audit officer lists the care
giver's entries, filtered by person (HSA id), patient and period, as JSON or CSV. An audit
officer's own listing is a read like any other and leaves its entry too.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import Field

from api.http.access import AccessLogDep, ReadLogDep
from api.http.bounds import BoundedDate
from api.http.deps import CertificatesDep, CitizenDep, StaffDep
from api.http.openapi import CSV_OR_JSON
from api.http.schemas import Body
from commands.access_log import EntryFilter
from domain.shared.identities import normalise_personnummer

router = APIRouter(prefix="/v1", tags=["PDL access log"])
Format = Annotated[str, Query(pattern="^(json|csv)$")]
_COLUMNS = ("at", "role", "hsaId", "careUnit", "careGiver", "what", "certificateIds", "reason")


class AccessEntryOut(Body):
    at: datetime
    role: str = Field(description="doctor, nurse, care_admin, rehab_coordinator, dentist, "
                                  "audit_officer, recipient, or operator (the command line)")
    hsa_id: str = Field(description="The reader's HSA id (a recipient system's id)")
    care_unit: str
    care_giver: str
    what: str = Field(description="The route that was read: method and path template")
    certificate_ids: list[str]
    reason: str | None


def _out(line: dict[str, Any]) -> AccessEntryOut:
    return AccessEntryOut(at=line["at"], role=line["role"], hsa_id=line["hsa_id"],
                          care_unit=line["care_unit"], care_giver=line["care_giver"],
                          what=line["what"], certificate_ids=line["certificate_ids"],
                          reason=line["reason"])


@router.get("/citizen/access-log")
def citizen_access_log(citizen: CitizenDep, access_log: AccessLogDep) -> list[AccessEntryOut]:
    """Who has read my data (care staff, recipients, audit officers, operators), oldest
    first."""
    return [_out(line) for line in access_log.of_patient(citizen.personnummer)
            if line["role"] != "citizen"]


@router.get("/access-log", responses=CSV_OR_JSON)
def care_giver_access_log(
    staff: StaffDep, access_log: AccessLogDep, access: ReadLogDep, app: CertificatesDep,
    person: Annotated[str | None, Query(max_length=64, description="A reader's HSA id")] = None,
    patient: Annotated[str | None, Query(max_length=13, description="A personnummer")] = None,
    since: Annotated[BoundedDate | None, Query(alias="from",
                                               description="First day (UTC)")] = None,
    until: Annotated[BoundedDate | None, Query(alias="to", description="Last day (UTC)")] = None,
    format: Format = "json",
) -> Any:
    """The care giver's access entries (the audit officer's own), oldest first; CSV with
    ``format=csv``."""
    number = normalise_personnummer(patient, app.clock().date()) if patient else None
    lines = access_log.of_care_giver(EntryFilter(
        care_giver=staff.care_giver_hsa_id, person=person, patient=number,
        since=_start_of(since), until=_start_of(until, days=1)))
    access.record([number] if number else [], [c for line in lines
                                               for c in line["certificate_ids"]])
    listed = [_out(line) for line in lines]
    if format == "csv":
        return Response(_csv(listed), media_type="text/csv; charset=utf-8")
    return listed


def _start_of(day: date | None, days: int = 0) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day + timedelta(days=days), time(), tzinfo=UTC)


def _csv(listed: list[AccessEntryOut]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    for entry in listed:
        row = entry.model_dump(by_alias=True)
        row["certificateIds"] = " ".join(row["certificateIds"])
        writer.writerow([_text(row[column]) for column in _COLUMNS])
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime) else str(value)
