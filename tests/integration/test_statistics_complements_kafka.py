"""DOMAIN.md §8 complements per question through Kafka: the complement items travel sealed on
the conversation's topic, and the statistics view, fed from the topic, counts the questions they
name (the same table as from the store's log in tests/e2e/test_statistics_complements.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from api.runtime.projections import ProjectionHost
from commands import questions
from domain.questions.messages import IncomingMessage
from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from projections.statistik.reports import report
from streams.database import Database
from streams.read_your_writes import wait_until_seen
from streams.relay import Relay
from tests.factories.statistics import table
from tests.flows import sent

pytestmark = pytest.mark.kafka


def test_complements_per_question_count_what_arrived_sealed_on_kafka(settings, app, unit,
                                                                    doctor):
    for message_id, asked in (("k-1", ("32", "35")), ("k-2", ("32",))):
        cert = sent(app, unit, doctor)
        questions.receive_message(app, IncomingMessage.model_validate({
            "messageId": f"{message_id}-{cert}", "sentAt": app.clock(), "certificateId": cert,
            "personnummer": app.get(cert).patient.personnummer, "subject": "KOMPLT",
            "text": "Komplettera", "complementItems": [
                {"questionId": q, "text": "Förtydliga"} for q in asked]}), "FKASSA")
    Relay(app, settings, Database(settings)).run_until_caught_up()
    host = ProjectionHost(settings, app)
    host.start()
    try:
        assert wait_until_seen(host.db, settings, "statistik",
                               app.recorder.max_notification_id() or 0, timeout=60)
    finally:
        host.stop()
    today = app.clock().date()
    scope = Scope(level=ScopeLevel.CARE_GIVER, id=unit.care_giver_hsa_id)
    with host.db.transaction() as tx:
        found = report(tx, "kompletteringar-per-fraga", scope,
                       ReportPeriod(first=today - timedelta(days=1), last=today))
    assert {key: total for key, (*_, total) in table(found).items()} == {
        "lisjp:32": 2, "lisjp:35": 1}
