"""The read models' fold (projections/document.py) tells each certificate as the aggregate
does: state, statuses, revocation, archiving, children and content, for every demo
certificate, from the published history lines alone."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from api.demo.seed import seed_demo
from commands.certificates import Certificates
from commands.history import history
from commands.settings import Settings, eventsourcing_env
from domain.certificates.certificate import Certificate
from domain.topics import topics_of
from projections.document import fold
from streams.schemas import parse_wire, to_wire
from tests.factories import FakeClock


def test_fold_of_each_demo_certificates_history_matches_the_aggregate(tmp_path: Path):
    app = Certificates(eventsourcing_env(Settings(mode="embedded", data_dir=tmp_path)),
                       clock=FakeClock())
    try:
        seed_demo(app, patients=40, seed=11)
        created = topics_of(Certificate.DraftCreated)
        ids = [UUID(str(n.originator_id))
               for n in app.recorder.select_notifications(1, 100_000, topics=created)]
        assert len(ids) > 50
        for cert_id in ids:
            doc = None
            for line in history(app, cert_id):
                doc = fold(doc, parse_wire(to_wire(line)))
            cert = app.get(cert_id)
            assert doc is not None
            assert doc["state"] == cert.state.value
            assert doc["version"] == cert.version
            assert doc["content"] == cert.content
            assert doc["revoked"] == cert.is_revoked
            assert doc["archived"] == cert.is_archived
            assert doc["sent_to"] == cert.recipients_sent_to
            # newest first in both (DOMAIN.md §5)
            assert [(s["recipient"], s["kind"]) for s in doc["statuses"]] == \
                [(s.recipient, s.kind.value) for s in cert.statuses]
            assert {c["id"]: {"kind": c["kind"], "state": c["state"]}
                    for c in doc["children"]} == cert.children
    finally:
        app.close()
