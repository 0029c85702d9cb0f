"""The PDL access log over HTTP (issue 12, deliverable 2; ARCHITECTURE.md invariant 8, DOMAIN.md
§9 for Mina intyg): every read of patient data leaves exactly one access entry per request, a
read that cannot be logged is refused with 503 and shows nothing, the citizen lists who read
their data, and a care giver's audit officer lists and exports the care giver's entries."""

from __future__ import annotations

import csv
import io
from typing import Any

from api.http.access import ReadLogDep
from api.http.openapi import _call, api_routes
from domain.access.entry import patient_index
from domain.shared.care import Role
from tests.e2e.conftest import token_for
from tests.e2e.read_models import citizen_bearer
from tests.factories import care_unit, staff_at
from tests.factories.routes import Scene, prepare

_CERT = "/v1/certificates/{certificate_id}"
_CITIZEN = "/v1/citizen/certificates"
_REHAB = "/v1/rehabstod/units/{unit_id}"
STAFF_READS = (
    _CERT, f"{_CERT}/pdf", f"{_CERT}/history", f"{_CERT}/validation", f"{_CERT}/fmb",
    f"{_CERT}/questions", "/v1/units/{unit_id}/questions", "/v1/units/{unit_id}/drafts",
    "/v1/units/{unit_id}/certificates", "/v1/units/{unit_id}/patients/{personnummer}/certificates",
    "/v1/me/drafts", "/v1/me/certificates", f"{_REHAB}/sjukfall",
    f"{_REHAB}/patients/{{personnummer}}/sjukfall", "/v1/access-log",
    "/v1/units/{unit_id}/orders", "/v1/orders/{order_id}",
)
CITIZEN_READS = (
    _CITIZEN, f"{_CITIZEN}/{{certificate_id}}", f"{_CITIZEN}/{{certificate_id}}/pdf",
    f"{_CITIZEN}/{{certificate_id}}/employer-version",
    f"{_CITIZEN}/{{certificate_id}}/employer-version.pdf",
)
FMU_READS = ("/v1/fmu/unit/investigations/{investigation_id}",)  # tests/e2e/test_fmu_api.py
BLOCK_ACCESS_ENTRIES = (
    "CREATE TRIGGER access_log_down BEFORE INSERT ON stored_events "
    "WHEN NEW.topic LIKE 'domain.access.%' BEGIN SELECT RAISE(ABORT, 'access log down'); END")


def _entries(client: Any) -> int:
    count: int = client.app.state.access_log.count()
    return count


def _headers(world: Any, scene: Scene, path: str) -> dict[str, str]:
    settings, clock, _, _ = world
    if path.startswith("/v1/citizen/"):
        return citizen_bearer(settings, scene.who.personnummer, clock)
    role = Role.AUDIT_OFFICER if path == "/v1/access-log" else Role.DOCTOR
    return {"Authorization": f"Bearer {token_for(settings, scene.member(role), clock)}"}


def _as(world: Any, staff: Any) -> dict[str, str]:
    settings, clock, _, _ = world
    return {"Authorization": f"Bearer {token_for(settings, staff, clock)}"}


def _caught_up(client: Any, app: Any, url: str) -> str:
    """The read after every view has seen the scene's writes (so the data is there)."""
    for view in ("mina-intyg", "webcert", "rehabstod"):
        client.app.state.projections.wait_for(view, app.recorder.max_notification_id())
    return url


def test_each_read_of_patient_data_leaves_exactly_one_entry_when_called_over_http(world):
    """Issue 12 acceptance: every read endpoint that returns patient data, one entry each."""
    _, _, client, app = world
    for path in (*STAFF_READS, *CITIZEN_READS):
        scene = Scene()
        call = prepare(app, scene, "GET", path)
        url = _caught_up(client, app, call.url)
        before = _entries(client)
        response = client.get(url, headers=_headers(world, scene, path))
        assert response.status_code == 200, f"{path}: {response.text[:200]}"
        assert _entries(client) == before + 1, path


def test_every_route_that_reads_patient_data_is_logged_when_the_app_is_built(world):
    """The routes taking the access log are exactly the reads listed here: a new read of
    patient data must decide, and the OpenAPI document names their 503."""
    _, _, client, _ = world
    logged = {route.path for route in api_routes(client.app)
              if _call(ReadLogDep) in {d.call for d in route.dependant.dependencies}}
    assert logged == {*STAFF_READS, *CITIZEN_READS, *FMU_READS}
    paths = client.app.openapi()["paths"]
    assert all("503" in paths[path]["get"]["responses"] for path in logged)


def test_reads_answer_503_and_show_nothing_when_the_access_log_cannot_be_written(world):
    """Fail closed (PDL): with the access log's store refusing entries (a trigger in the real
    SQLite store), every read of patient data is a 503 problem without the data."""
    _, _, client, app = world
    scenes = [(path, Scene()) for path in (*STAFF_READS, *CITIZEN_READS)]
    calls = [(path, scene, prepare(app, scene, "GET", path)) for path, scene in scenes]
    _caught_up(client, app, "")
    with app.recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(BLOCK_ACCESS_ENTRIES)
    for path, scene, call in calls:
        response = client.get(call.url, headers=_headers(world, scene, path))
        assert response.status_code == 503, f"{path}: {response.text[:200]}"
        assert response.headers["content-type"] == "application/problem+json"
        shown = response.json()
        assert shown["type"] == "/problems/access-log-unavailable"
        assert shown.pop("instance") == call.url.split("?")[0]  # the caller's own path
        assert scene.who.personnummer not in str(shown)
        assert response.headers["Retry-After"]


def test_the_citizen_lists_who_read_their_data_when_care_read_it(world):
    """Mina intyg (DOMAIN.md §9): the doctor's read shows with HSA id, role, unit and care
    giver; the citizen's own reads do not, and another patient's entries never do."""
    settings, clock, client, app = world
    scene, other = Scene(), Scene()
    call = prepare(app, scene, "GET", _CERT)
    prepare_other = prepare(app, other, "GET", _CERT)
    doctor = scene.doctor
    client.get(call.url, headers=_as(world, doctor))
    client.get(prepare_other.url, headers=_headers(world, other, _CERT))
    mine = citizen_bearer(settings, scene.who.personnummer, clock)
    client.get(_caught_up(client, app, _CITIZEN), headers=mine)
    listed = client.get("/v1/citizen/access-log", headers=mine)
    assert listed.status_code == 200, listed.text
    assert [(e["hsaId"], e["role"], e["careUnit"], e["careGiver"], e["certificateIds"], e["what"])
            for e in listed.json()] == [
        (doctor.hsa_id, "doctor", scene.unit.hsa_id, scene.unit.care_giver_hsa_id,
         [call.certificate_id], f"GET {_CERT}")]


def test_entries_keep_the_patient_as_a_keyed_blind_index_when_stored(world):
    """Whose data: the HMAC of the normalised personnummer under the settings' key, never the
    personnummer itself."""
    settings, _, client, app = world
    scene = Scene()
    call = prepare(app, scene, "GET", _CERT)
    client.get(call.url, headers=_headers(world, scene, _CERT))
    entry = list(client.app.state.access_log.entries())[-1]
    assert entry.patients == [patient_index(scene.who.personnummer,
                                            settings.patient_index_secret)]
    assert scene.who.personnummer not in repr(entry.__dict__)


def test_the_audit_officer_filters_and_exports_the_care_givers_entries_when_asked(world):
    """An audit officer of the care giver lists its entries by person, patient and period, as
    JSON and CSV; another care giver's entries never show; other roles are refused."""
    settings, clock, client, app = world
    scene, elsewhere = Scene(), Scene()
    call = prepare(app, scene, "GET", _CERT)
    doctor = scene.doctor
    client.get(call.url, headers=_as(world, doctor))
    client.get(call.url + "/history", headers=_as(world, doctor))
    far = prepare(app, elsewhere, "GET", _CERT)
    client.get(far.url, headers=_headers(world, elsewhere, _CERT))
    officer = _headers(world, scene, "/v1/access-log")
    day = clock().date().isoformat()
    query = f"person={doctor.hsa_id}&patient={scene.who.personnummer}&from={day}&to={day}"
    listed = client.get(f"/v1/access-log?{query}", headers=officer).json()
    assert [e["what"] for e in listed] == [f"GET {_CERT}", f"GET {_CERT}/history"]
    assert client.get(f"/v1/access-log?{query}&from=2199-01-01", headers=officer).json() == []
    exported = client.get(f"/v1/access-log?{query}&format=csv", headers=officer)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["certificateIds"] for r in rows] == [call.certificate_id] * 2
    everything = client.get("/v1/access-log", headers=officer).json()
    assert far.certificate_id not in {c for e in everything for c in e["certificateIds"]}
    doctor = _headers(world, scene, _CERT)
    assert client.get("/v1/access-log", headers=doctor).status_code == 403
    stranger = {"Authorization": f"Bearer {token_for(settings, staff_at(care_unit()), clock)}"}
    assert client.get("/v1/access-log", headers=stranger).status_code == 403
