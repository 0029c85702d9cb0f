"""Write one golden message per event type from a scripted lifecycle (run only on purpose:
goldens pin the published contract; a changed golden is a contract change). With ``--types``:
one golden DraftCreated per certificate type, in tests/golden/types/.

Events whose fields travel sealed get a golden of their current version, sealed under the
fixed ``GOLDEN_DATA_KEY`` for the patient ``GOLDEN_INDEX`` (the same bytes each run); their
earlier goldens (version 1 in clear, version 2 of the content events sealed whole) stay as they
are. The per-type goldens are
version 1 messages: the content a reader with key access gets, in clear."""

from __future__ import annotations

import json
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from commands.certificates import Certificates
from commands.history import history
from commands.settings import Settings, eventsourcing_env
from domain.certificates.lifecycle import RevocationReason
from domain.shared.care import CareUnit, Role, Staff
from domain.shared.patient import Patient
from domain.shared.staff_attributes import StaffAttributes
from streams.schemas import ce_type, to_wire, version_of
from streams.sealing.age import born_of, message_age
from streams.sealing.content import content_plan
from streams.sealing.fields import SEALED_FIELDS, by_answer, seal_message
from tests.factories import FakeClock, lisjp_content

GOLDEN_DATA_KEY = bytes(range(32))
GOLDEN_INDEX = "9" * 64


def on_the_wire(message: dict[str, Any]) -> dict[str, Any]:
    """Sealed as the relay seals it (every golden certificate is a LISJP), with the age the
    relay publishes for the golden patient."""
    if message["event"] not in SEALED_FIELDS:
        return message
    age = message_age(message, "lisjp", born_of(cast()[2].personnummer)) \
        if by_answer(message) else None
    return seal_message(message, GOLDEN_INDEX, GOLDEN_DATA_KEY, content_plan("lisjp", 1), age)


def as_version_1(message: dict[str, Any]) -> dict[str, Any]:
    return message | {"type": ce_type(message["event"], 1), "schema_version": 1}


def cast() -> tuple[CareUnit, Staff, Patient]:
    """The fixed unit, doctor and patient of every golden."""
    unit = CareUnit(hsa_id="SE2321000016-E1001", care_giver_hsa_id="SE2321000016-G01",
                    name="Vårdcentralen Väst", postal_address="Storgatan 1",
                    postal_code="111 22", postal_town="Stockholm", phone="08-123 45 67",
                    lan="01")
    doctor = Staff(hsa_id="SE2321000016-D1001", name="Anna Lind", role=Role.DOCTOR,
                   care_unit_hsa_id=unit.hsa_id, care_giver_hsa_id=unit.care_giver_hsa_id,
                   attributes=StaffAttributes(sex="F", birth_year=1978,
                                              title="specialistlakare"))
    return unit, doctor, Patient(personnummer="191212121212", name="Tolvan Tolvansson")


def scripted(app: Certificates, clock: FakeClock) -> list[uuid.UUID]:
    unit, doctor, who = cast()
    today = clock().date()
    a = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                         content={}).id
    app.edit_draft(a, based_on_version=1, content=lisjp_content(today), by=doctor)
    app.sign_certificate(a, based_on_version=2, by=doctor)
    app.send_certificate(a, recipient="FKASSA", by=doctor.hsa_id)
    b = app.replace_certificate(a, by=doctor).id
    app.sign_certificate(b, based_on_version=1, by=doctor)
    app.archive_certificate(b)
    app.restore_certificate(b)
    app.revoke_certificate(b, reason=RevocationReason.FEL_PATIENT, text="Fel", by=doctor)
    c = app.renew_certificate(a, by=doctor).id
    app.discard_draft(c, based_on_version=1, by=doctor)
    d = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                         content={}).id
    clock.advance(days=15)
    app.lock_due_drafts()
    clock.advance(days=80)
    app.lock_due_drafts()
    e = uuid.UUID("00000000-0000-4000-8000-00000000000e")
    app.register_certificate(certificate_id=e, type_id="lisjp", patient=who, care_unit=unit,
                             signer={"hsa_id": doctor.hsa_id, "name": doctor.name},
                             signed_at=datetime(2026, 10, 1, tzinfo=UTC),
                             content=lisjp_content(today), source="other-system")
    return [a, b, c, d, e, *conversation(app, clock, unit, doctor, who)]


def conversation(app: Certificates, clock: FakeClock, unit: CareUnit, doctor: Staff,
                 who: Patient) -> list[uuid.UUID]:
    """Every conversation event (DOMAIN.md §6) on one sent LISJP and its complement."""
    from commands import questions
    from domain.questions.conversation import conversation_id
    from domain.questions.messages import IncomingMessage, Subject

    f = app.create_draft(type_id="lisjp", patient=who, care_unit=unit, author=doctor,
                         content=lisjp_content(clock().date())).id
    app.sign_certificate(f, based_on_version=1, by=doctor)
    app.send_certificate(f, recipient="FKASSA", by=doctor.hsa_id)

    def incoming(message_id: str, subject: str, **fields: Any) -> None:
        message = IncomingMessage.model_validate({
            "messageId": message_id, "sentAt": clock(), "certificateId": f,
            "personnummer": who.personnummer, "subject": subject, "text": "Meddelande",
            **fields})
        questions.receive_message(app, message, "FKASSA")

    incoming("fk-1", "KOMPLT", complementItems=[{"questionId": "32", "text": "Förtydliga"}],
             lastAnswerDate="2026-12-01", heading="Komplettering", referenceId="ref-1")
    incoming("fk-2", "PAMINN", reminds="fk-1")
    incoming("fk-3", "AVSTMN")
    questions.answer_question(app, f, "fk-3", text="Ja", by=doctor)
    asked = questions.send_question(app, f, subject=Subject.KONTKT, heading=None,
                                    text="Ring mig", by=doctor)
    asked_id = str(questions.conversation_of(app, f).questions.popitem()[0]) if asked else ""
    incoming("fk-4", "KONTKT", answers=asked_id)
    questions.mark_handled(app, f, asked_id, by=doctor)
    questions.mark_handled(app, f, asked_id, by=doctor, reopen=True)
    k = app.complement_certificate(f, by=doctor).id
    app.sign_certificate(k, based_on_version=1, by=doctor)
    app.revoke_certificate(k, reason=RevocationReason.ANNAT_ALLVARLIGT_FEL, text="Fel",
                           by=doctor)
    questions.answer_cannot_complement(app, f, text="Kan inte kompletteras", by=doctor)
    app.revoke_certificate(f, reason=RevocationReason.FEL_PATIENT, text="Fel", by=doctor)
    return [f, k, conversation_id(f)]


def per_type(out: Path) -> None:
    """One golden DraftCreated per draftable certificate type, its content the type's minimal
    example, so the contract is pinned for every type's content."""
    from tests.type_examples import MINIMAL, TODAY

    counter = iter(range(1, 1000))
    with TemporaryDirectory() as tmp:
        app = Certificates(eventsourcing_env(Settings(data_dir=Path(tmp))),
                           clock=FakeClock(TODAY), ids=lambda: uuid.UUID(int=next(counter)))
        unit, doctor, who = cast()
        (out / "types").mkdir(exist_ok=True)
        for type_id, content in MINIMAL.items():
            cert = app.create_draft(type_id=type_id, patient=who, care_unit=unit,
                                    author=doctor, content=content()).id
            message = as_version_1(to_wire(history(app, cert)[0]))
            path = out / "types" / f"DraftCreated.{type_id}.v1.json"
            path.write_text(json.dumps(message, indent=2, ensure_ascii=False) + "\n")
            print(path)


def main() -> None:
    if sys.argv[1:] == ["--types"]:
        per_type(Path(__file__).parent)
        return
    counter = iter(range(1, 1000))
    with TemporaryDirectory() as tmp:
        clock = FakeClock()
        app = Certificates(eventsourcing_env(Settings(data_dir=Path(tmp))), clock=clock,
                           ids=lambda: uuid.UUID(int=next(counter)))
        goldens: dict[str, dict[str, Any]] = {}
        for cert in scripted(app, clock):
            for line in history(app, cert):
                goldens.setdefault(line["event"], to_wire(line))
    out = Path(__file__).parent
    for event, message in goldens.items():
        path = out / f"{event}.v{version_of(event)}.json"
        path.write_text(json.dumps(on_the_wire(message), indent=2, ensure_ascii=False) + "\n")
        print(path)


if __name__ == "__main__":
    main()
