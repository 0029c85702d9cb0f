"""DOMAIN.md §8 Intygsstatistik, complements per question, from Försäkringskassan's request to
the report over HTTP: the statistics view keeps the ids of the questions a request to complement
asks about, never its texts."""

from __future__ import annotations

from commands import questions
from domain.questions.messages import IncomingMessage
from tests.e2e.read_models import bearer
from tests.factories import care_unit, staff_at
from tests.flows import sent

REPORT = "kompletteringar-per-fraga"


def _ask(app, clock, cert, message_id: str, *question_ids: str) -> None:
    clock.advance(minutes=1)
    questions.receive_message(app, IncomingMessage.model_validate({
        "messageId": message_id, "sentAt": clock(), "certificateId": cert,
        "personnummer": app.get(cert).patient.personnummer, "subject": "KOMPLT",
        "text": "Komplettera", "complementItems": [
            {"questionId": q, "text": "Förtydliga, hemligt"} for q in question_ids]}), "FKASSA")


def test_requests_to_complement_are_counted_per_question_when_they_reach_the_view(world):
    settings, clock, client, app = world
    unit = care_unit("01")
    doctor = staff_at(unit)
    first, second = sent(app, unit, doctor), sent(app, unit, doctor)
    _ask(app, clock, first, "k-1", "32", "35")
    _ask(app, clock, second, "k-2", "32")
    position = app.recorder.max_notification_id()
    path = (f"/v1/statistik/care_giver/reports/{REPORT}?id={unit.care_giver_hsa_id}"
            f"&after={position}")
    answer = client.get(path, headers=bearer(settings, doctor, clock))
    assert answer.status_code == 200, answer.text
    rows = {row["key"]: (row["label"], row["values"][2]) for row in answer.json()["rows"]}
    assert {key: total for key, (_, total) in rows.items()} == {"lisjp:32": 2, "lisjp:35": 1}
    assert rows["lisjp:35"][0].startswith("Läkarintyg för sjukpenning, fråga 35: "
                                          "Funktionsnedsättning")
    host = client.app.state.projections
    with host.db.transaction() as tx:
        stored = tx.execute("SELECT doc FROM statistik_docs")
    assert "hemligt" not in str(stored) and "Komplettera" not in str(stored)
