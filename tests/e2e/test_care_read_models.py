"""Webcert lists, Rehabstöd and Intygsstatistik over HTTP, from their read models, with every
denial tested (DOMAIN.md §7, §8)."""

from __future__ import annotations

from datetime import timedelta

from domain.shared.care import Role
from tests.e2e.read_models import bearer
from tests.factories import care_unit, lisjp_content, patient, staff_at
from tests.flows import draft, sign, signed


def last(app) -> int:
    return app.recorder.max_notification_id() or 0


def test_webcert_lists_unit_drafts_by_state_signed_and_patient(world):
    settings, clock, client, app = world
    unit = care_unit()
    doctor, colleague = staff_at(unit), staff_at(unit)
    who = patient()
    incomplete = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                                  content={}).id
    complete = draft(app, unit, colleague)
    done = signed(app, unit, doctor, who)
    auth = bearer(settings, doctor, clock)
    base = f"/v1/units/{unit.hsa_id}"
    drafts = client.get(f"{base}/drafts?after={last(app)}", headers=auth).json()
    assert {d["id"] for d in drafts} == {str(incomplete), str(complete)}
    only = client.get(f"{base}/drafts?state=DRAFT_INCOMPLETE", headers=auth).json()
    assert [d["id"] for d in only] == [str(incomplete)]
    assert [d["id"] for d in client.get(f"{base}/certificates", headers=auth).json()] == \
        [str(done)]
    theirs = client.get(f"{base}/patients/{who.personnummer}/certificates", headers=auth).json()
    assert {d["id"] for d in theirs} == {str(incomplete), str(done)}
    mine = client.get("/v1/me/drafts", headers=auth).json()
    assert [d["id"] for d in mine] == [str(incomplete)]
    assert [d["id"] for d in client.get("/v1/me/certificates", headers=auth).json()] == \
        [str(done)]


def test_webcert_lists_are_refused_to_another_units_doctor(world):
    settings, clock, client, app = world
    unit, other = care_unit(), care_unit()
    draft(app, unit, staff_at(unit))
    auth = bearer(settings, staff_at(other), clock)
    for path in ("drafts", "certificates", f"patients/{patient().personnummer}/certificates"):
        got = client.get(f"/v1/units/{unit.hsa_id}/{path}", headers=auth)
        assert got.status_code == 403, path
    assert client.get(f"/v1/units/{unit.hsa_id}/drafts").status_code == 401


def test_a_discarded_draft_leaves_the_lists(world):
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    gone = draft(app, unit, doctor)
    app.discard_draft(gone, based_on_version=app.get(gone).version, by=doctor)
    got = client.get(f"/v1/units/{unit.hsa_id}/drafts?after={last(app)}",
                     headers=bearer(settings, doctor, clock)).json()
    assert got == []


def sick_leave(app, unit, doctor, who, start, days, degree="HALFTEN"):
    content = lisjp_content(app.clock().date(), sjukskrivningar=[{
        "sjukskrivningsgrad": degree,
        "period": {"from": start.isoformat(),
                   "tom": (start + timedelta(days=days - 1)).isoformat()}}])
    if start < app.clock().date() - timedelta(days=7):
        content["motiveringTillTidigtStartdatumForSjukskrivning"] = "Känd sedan tidigare"
    cert = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                            content=content).id
    sign(app, cert, doctor)
    return cert


def test_rehabstod_doctor_sees_only_own_cases_and_coordinator_the_unit(world):
    settings, clock, client, app = world
    unit = care_unit()
    doctor, colleague = staff_at(unit), staff_at(unit)
    coordinator = staff_at(unit, Role.REHAB_COORDINATOR)
    today = clock().date()
    mine, theirs = patient(), patient()
    sick_leave(app, unit, doctor, mine, today, 14)
    sick_leave(app, unit, colleague, theirs, today, 30)
    base = f"/v1/rehabstod/units/{unit.hsa_id}/sjukfall?after={last(app)}"
    own = client.get(base, headers=bearer(settings, doctor, clock))
    assert own.status_code == 200, own.text
    assert [c["personnummer"] for c in own.json()] == [mine.personnummer]
    everyone = client.get(base, headers=bearer(settings, coordinator, clock)).json()
    assert {c["personnummer"] for c in everyone} == {mine.personnummer, theirs.personnummer}
    long_only = client.get(base + "&minDays=20", headers=bearer(settings, coordinator, clock))
    assert [c["personnummer"] for c in long_only.json()] == [theirs.personnummer]
    summary = client.get(f"/v1/rehabstod/units/{unit.hsa_id}/summary",
                         headers=bearer(settings, coordinator, clock)).json()
    assert summary["total"] == 2


def test_rehabstod_joins_certificates_within_max_gap_for_the_patient_view(world):
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    today = clock().date()
    who = patient()
    sick_leave(app, unit, doctor, who, today - timedelta(days=30), 10)
    sick_leave(app, unit, doctor, who, today - timedelta(days=17), 20)  # 3-day gap
    path = (f"/v1/rehabstod/units/{unit.hsa_id}/patients/{who.personnummer}/sjukfall"
            f"?after={last(app)}")
    joined = client.get(path, headers=bearer(settings, doctor, clock)).json()
    assert [c["days"] for c in joined] == [30]
    split = client.get(path + "&maxGap=2", headers=bearer(settings, doctor, clock)).json()
    assert sorted(c["days"] for c in split) == [10, 20]


def test_rehabstod_refuses_other_units_other_roles_and_bad_settings(world):
    settings, clock, client, _ = world
    unit, other = care_unit(), care_unit()
    path = f"/v1/rehabstod/units/{unit.hsa_id}/sjukfall"
    assert client.get(path, headers=bearer(settings, staff_at(other), clock)).status_code == 403
    nurse = staff_at(unit, Role.NURSE)
    assert client.get(path, headers=bearer(settings, nurse, clock)).status_code == 403
    bad = client.get(path + "?maxGap=91&maxDaysSinceEnded=-1",
                     headers=bearer(settings, staff_at(unit), clock))
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"maxGap", "maxDaysSinceEnded"}


def test_national_statistics_are_open_and_unit_statistics_need_the_units_staff(world):
    settings, clock, client, app = world
    unit = care_unit(lan="03")
    doctor = staff_at(unit)
    today = clock().date()
    for _ in range(4):
        sick_leave(app, unit, doctor, patient(), today, 20)
    national = client.get(f"/v1/statistik/national/reports/intyg-per-typ?after={last(app)}")
    assert national.status_code == 200, national.text
    assert national.json()["rows"][0]["values"][2] == 0  # 4 < 5: suppressed nationally
    unit_path = f"/v1/statistik/care_unit/reports/intyg-per-typ?id={unit.hsa_id}"
    assert client.get(unit_path).status_code == 401
    other = staff_at(care_unit())
    assert client.get(unit_path, headers=bearer(settings, other, clock)).status_code == 403
    own = client.get(unit_path, headers=bearer(settings, doctor, clock)).json()
    lisjp = next(row for row in own["rows"] if row["key"] == "lisjp")
    assert lisjp["values"][2] == 4  # shown as it is at unit level
    csv = client.get(unit_path + "&format=csv", headers=bearer(settings, doctor, clock))
    assert csv.headers["content-type"].startswith("text/csv")
    assert "Läkarintyg för sjukpenning" in csv.content.decode("utf-8-sig")
    region = "/v1/statistik/region/reports/intyg-per-typ?id=03"
    assert client.get(region, headers=bearer(settings, doctor, clock)).status_code == 403
    assert client.get("/v1/statistik/national/reports/no-such-report").status_code == 404


def test_a_query_after_an_unwritten_position_is_422_at_once(world):
    """No wait can reach a position the store has not written (Hardening item 8); a position
    written but not yet seen is 503 after the wait (tests/e2e/test_waiting_reads.py)."""
    _, _, client, app = world
    got = client.get(f"/v1/statistik/national/reports/intyg-per-typ?after={last(app) + 1000}")
    assert got.status_code == 422
    assert got.json()["errors"][0]["field"] == "after"


def test_every_view_rebuilt_from_the_log_equals_the_live_view(world):
    """Embedded mode: the same guarantee as from Kafka (tests/integration), from the log."""
    from streams.rebuild import rebuild
    from tests.flows import issue_lifecycles

    _, _, client, app = world
    issue_lifecycles(app, 6)
    host = client.app.state.projections
    for name, view in host.views.items():
        assert host.wait_for(name, last(app)), name
        with host.db.transaction() as tx:
            live = view.dump(tx)
        assert live, name

    host.stop()  # the rebuild is the only writer from here
    for name, view in host.views.items():
        with host.db.transaction() as tx:
            live = view.dump(tx)

        def drop(view=view) -> None:
            with host.db.transaction() as tx:
                view.drop(tx)

        assert rebuild(host.settings, app, host.db, view, drop).events > 0
        with host.db.transaction() as tx:
            assert view.dump(tx) == live, name


def test_fmb_warns_at_the_boundary_and_never_blocks_signing(world):
    """DOMAIN.md §11: M54.4 recommends 8 weeks = 56 days; 30 signed days plus a draft joined
    within the 5-day gap: 26 more days is 56 (no warning), 27 is 57 (warning)."""
    settings, clock, client, app = world
    unit = care_unit()
    doctor = staff_at(unit)
    today = clock().date()
    who = patient()
    sick_leave(app, unit, doctor, who, today - timedelta(days=33), 30)
    auth = bearer(settings, doctor, clock)

    def draft_of(days: int):
        content = lisjp_content(today, sjukskrivningar=[{
            "sjukskrivningsgrad": "HALFTEN",
            "period": {"from": today.isoformat(),
                       "tom": (today + timedelta(days=days - 1)).isoformat()}}])
        return app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                                content=content).id

    within, over = draft_of(26), draft_of(27)
    got = client.get(f"/v1/certificates/{within}/fmb?after={last(app)}", headers=auth).json()
    assert got["recommendation"]["code"] == "M544"
    assert got["recommendation"]["days"] == 56
    assert got["warning"] is None
    warned = client.get(f"/v1/certificates/{over}/fmb", headers=auth).json()
    assert warned["warning"]["caseDays"] == 57
    signed_anyway = client.post(f"/v1/certificates/{over}/sign", headers=auth,
                                json={"version": app.get(over).version})
    assert signed_anyway.status_code == 200
    other = bearer(settings, staff_at(care_unit()), clock)
    assert client.get(f"/v1/certificates/{over}/fmb", headers=other).status_code == 404


def test_unit_question_list_filters_and_orders_newest_first(world):
    """Issue "Ärendekommunikation", lists: open questions needing action per unit, filtered by
    subject, reminder, passed last answer date and doctor, newest event first."""
    from commands import questions
    from domain.questions.messages import IncomingMessage

    settings, clock, client, app = world
    unit = care_unit()
    doctor, colleague = staff_at(unit), staff_at(unit)
    mine, theirs = signed(app, unit, doctor), signed(app, unit, colleague)
    for cert in (mine, theirs):
        app.send_certificate(cert, recipient="FKASSA", by=doctor.hsa_id)

    def receive(cert, message_id, subject, **fields):
        clock.advance(minutes=1)
        questions.receive_message(app, IncomingMessage.model_validate({
            "messageId": message_id, "sentAt": clock(), "certificateId": cert,
            "personnummer": app.get(cert).patient.personnummer, "subject": subject,
            "text": "Text", **fields}), "FKASSA")

    receive(mine, "m-komplt", "KOMPLT", lastAnswerDate="2026-11-01",
            complementItems=[{"questionId": "32", "text": "?"}])
    receive(theirs, "t-ovrigt", "OVRIGT")
    receive(mine, "m-paminn", "PAMINN", reminds="m-komplt")
    auth = bearer(settings, doctor, clock)
    base = f"/v1/units/{unit.hsa_id}/questions?after={last(app)}"

    def ids(query: str = "") -> list[str]:
        got = client.get(base + query, headers=auth)
        assert got.status_code == 200, got.text
        return [q["id"] for q in got.json()]

    assert ids() == ["m-komplt", "t-ovrigt"]  # the reminder made m-komplt the newest
    assert ids("&subject=OVRIGT") == ["t-ovrigt"]
    assert ids("&reminded=true") == ["m-komplt"]
    assert ids("&overdue=true") == ["m-komplt"]
    assert ids(f"&doctor={colleague.hsa_id}") == ["t-ovrigt"]
    other = bearer(settings, staff_at(care_unit()), clock)
    assert client.get(base, headers=other).status_code == 403


def test_statistics_report_is_current_when_the_view_has_the_event(world):
    """Reports are queries over the view: once it has a certificate, every report counts it,
    with or without ``?after=``; nothing is cached in the API process."""
    settings, clock, client, app = world
    host = client.app.state.projections
    unit = care_unit()
    doctor = staff_at(unit)
    auth = bearer(settings, doctor, clock)
    path = f"/v1/statistik/care_unit/reports/intyg-per-typ?id={unit.hsa_id}"

    def lisjp_count(query: str = "") -> int:
        got = client.get(path + query, headers=auth).json()
        return int(next(r for r in got["rows"] if r["key"] == "lisjp")["values"][2])

    signed(app, unit, doctor)
    assert lisjp_count(f"&after={last(app)}") == 1
    signed(app, unit, doctor)
    assert host.wait_for("statistik", last(app))
    assert lisjp_count() == 2


def test_statistics_filters_are_refused_with_a_422_when_unknown_or_not_applicable(world):
    """A filter value outside the report's groups, or any filter on a report of certificates
    or messages, is a specific 422; a case report takes the filters."""
    settings, clock, client, _app = world
    unit = care_unit()
    auth = bearer(settings, staff_at(unit), clock)
    base = f"/v1/statistik/care_unit/reports/{{}}?id={unit.hsa_id}"
    taken = client.get(base.format("sjukfall-per-aldersgrupp") + "&age_group=41-45&degree=50"
                       "&chapter=XIII&sex=F", headers=auth)
    assert taken.status_code == 200, taken.text
    assert client.get(base.format("sjukfall-per-aldersgrupp") + "&age_group=40-45",
                      headers=auth).status_code == 422
    refused = client.get(base.format("intyg-per-typ") + "&sex=F", headers=auth)
    assert refused.status_code == 422
    assert "takes no filters" in refused.json()["detail"]
