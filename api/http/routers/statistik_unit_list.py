"""The region's unit list for Intygsstatistik (DOMAIN.md §8, "per 1000 listed patients").

The region's statistics lead (role ``statistics_lead``, privilege HANTERA_LISTNINGAR) uploads a
CSV of unit HSA ids and listed patients for the care giver in the token, and reads the version
in force. A faulty file is a 422 naming every fault's row and column, and nothing is stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from api.http.deps import StaffDep
from api.http.openapi import problems
from api.http.schemas import Body
from commands.unit_lists import UnitLists, UnitListVersion
from domain.statistics.unit_list_file import MAX_LISTED, MAX_UNITS

router = APIRouter(prefix="/v1/statistik", tags=["Intygsstatistik"])
_CSV_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {"text/csv": {
    "schema": {"type": "string", "maxLength": 2_000_000},
    "example": "hsaId,listedPatients\nSE2321000016-E001,12400\nSE2321000016-E002,8100\n"}},
    "description": f"UTF-8 CSV (comma or semicolon): a header `hsaId,listedPatients` (or "
                   f"`HSA-id;Antal listade patienter`), then one unit per row, at most "
                   f"{MAX_UNITS} units of the token's care giver, 0 to {MAX_LISTED} each."}}


class ListedUnitOut(Body):
    hsa_id: str
    listed_patients: int


class UnitListOut(Body):
    care_giver: str = Field(description="The region: the care giver the units belong to")
    version: int = Field(description="1 for the first upload, one more for each after it")
    uploaded_by: str = Field(description="The statistics lead's HSA id")
    uploaded_at: datetime
    units: list[ListedUnitOut]
    position: int | None = Field(default=None, description="The log position of the upload")


def _unit_lists(request: Request) -> UnitLists:
    app = request.app.state.certificates
    return UnitLists(app, app.clock)


async def _raw_body(request: Request) -> bytes:
    return await request.body()


UnitListsDep = Annotated[UnitLists, Depends(_unit_lists)]
RawBody = Annotated[bytes, Depends(_raw_body)]


def _out(version: UnitListVersion) -> UnitListOut:
    return UnitListOut(care_giver=version.care_giver, version=version.number,
                       uploaded_by=version.uploaded_by, uploaded_at=version.uploaded_at,
                       units=[ListedUnitOut(hsa_id=u.hsa_id, listed_patients=u.listed_patients)
                              for u in version.units], position=version.position)


@router.post("/unit-list", status_code=201, openapi_extra=_CSV_BODY,
             responses=problems(413, 422))
def upload_unit_list(lead: StaffDep, unit_lists: UnitListsDep, raw: RawBody) -> UnitListOut:
    """Upload the region's unit list (CSV) as its new version."""
    return _out(unit_lists.upload(lead, raw))


@router.get("/unit-list", responses=problems(404))
def read_unit_list(lead: StaffDep, unit_lists: UnitListsDep) -> UnitListOut:
    """The region's unit list in force."""
    return _out(unit_lists.current(lead))
