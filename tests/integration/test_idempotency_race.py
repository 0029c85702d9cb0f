"""Two requests with one Idempotency-Key at the same time (hardening item 13): the store lets
one command take effect; the other answers from the winner's claim. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import uuid

from commands.idempotency import run_once
from commands.results import CommandResult
from tests.factories import care_unit, patient, staff_at


def test_same_key_at_the_same_time_takes_effect_once_when_two_requests_race(certificates):
    """Hardening item 13: the loser's events roll back with its claim; it gets the winner's
    result, and the store holds one draft."""
    app, unit = certificates, care_unit()
    doctor = staff_at(unit)
    caller, key, fingerprint = "staff:test", uuid.uuid4().hex, "same-request"

    def create() -> CommandResult:
        return app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                author=doctor)

    winner: list[CommandResult] = []

    def racing_create() -> CommandResult:
        """Before this command saves, the other request with the key runs to its end."""
        other = threading.Thread(target=lambda: winner.append(run_once(
            app, caller=caller, key=key, fingerprint=fingerprint, command=create)))
        other.start()
        other.join()
        return create()

    head = app.recorder.max_notification_id() or 0
    loser = run_once(app, caller=caller, key=key, fingerprint=fingerprint,
                     command=racing_create)
    assert loser == winner[0]
    drafts = [n for n in app.recorder.select_notifications(head + 1, 100)
              if n.topic.endswith("Certificate.DraftCreated")]
    assert [n.originator_id for n in drafts] == [winner[0].id]
