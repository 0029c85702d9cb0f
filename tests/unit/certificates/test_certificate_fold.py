"""One meaning per event: ``domain.certificates.fold`` gives the same state and status entries
from the Certificate's domain events as from the published wire messages, the aggregate's own,
newest first (DOMAIN.md §5: status entries are (recipient, state, time), newest first)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from commands.history import event_name, history_line
from domain.certificates import fold
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import RevocationReason
from projections.document import fold as document_fold
from streams.schemas import parse_wire, to_wire
from tests.factories import care_unit, patient, staff_at

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def told() -> tuple[Certificate, list[Any]]:
    """§5: drafted, edited, signed (RECEIVED), sent twice, archived, restored, revoked."""
    unit = care_unit()
    doctor = staff_at(unit)
    cert = Certificate.create_draft(
        id=uuid.uuid4(), type_id="lisjp", content_version=1, patient=patient(), care_unit=unit,
        author=doctor, now=NOW, content={}, complete=False)
    cert.edit(content={}, complete=True, care_unit=None, by=doctor, now=NOW,
              based_on_version=cert.version)
    cert.sign(signer=doctor, now=NOW + timedelta(minutes=1), issues=[],
              based_on_version=cert.version)
    for minutes, recipient in ((2, "FKASSA"), (3, "AF")):
        cert.send(recipient=recipient, now=NOW + timedelta(minutes=minutes), by="D")
    cert.archive(NOW + timedelta(minutes=4))
    cert.restore(NOW + timedelta(minutes=5))
    cert.revoke(reason=RevocationReason.FEL_PATIENT, text="Fel", by="D",
                now=NOW + timedelta(minutes=6))
    return cert, cert.collect_events()


def test_fold_of_domain_events_and_of_wire_messages_is_the_aggregates_lifecycle():
    cert, events = told()
    from_events, from_wire = fold.BEFORE_CREATION, fold.BEFORE_CREATION
    doc = None
    for e in events:
        from_events = fold.apply(from_events, event_name(e), dataclasses.asdict(e))
        message: Any = parse_wire(to_wire(history_line(e)))
        from_wire = fold.apply(from_wire, message.event, message.data.model_dump())
        doc = document_fold(doc, message)
    assert from_events == from_wire == cert.lifecycle
    assert doc is not None
    assert {"state": doc["state"], "statuses": doc["statuses"]} == cert.lifecycle


def test_status_entries_are_newest_first_when_folded():
    """§5: newest first; a revoke's CANCELLED goes to HSVARD and every recipient sent to."""
    cert, _ = told()
    assert [(s.recipient, s.kind.value) for s in cert.statuses] == [
        ("AF", "CANCELLED"), ("FKASSA", "CANCELLED"), ("HSVARD", "CANCELLED"),
        ("INVANA", "RESTORED"), ("INVANA", "DELETED"), ("AF", "SENT"), ("FKASSA", "SENT"),
        ("HSVARD", "RECEIVED")]
    times = [s.at for s in cert.statuses]
    assert times == sorted(times, reverse=True)
