"""Uploaded documents of the Samverkansytan spaces, at rest: table ``samverkan_documents`` in
the event store's database (PostgreSQL in production, the SQLite file embedded), each file
sealed whole under the citizen's data key (``streams.sealing``), so it never rests in clear
and ``intyg forget`` makes it unreadable. Who may fetch one is the space's to decide
(``commands.samverkan``); this only keeps the bytes."""

from __future__ import annotations

import base64
import json
from datetime import datetime

from commands.settings import Settings
from streams.database import Database
from streams.sealing.view_seal import ViewSeal, view_seal


def _associated(space_id: str, item_id: str) -> str:
    return f"space-document:{space_id}:{item_id}"


class SpaceDocuments:
    def __init__(self, db: Database, seal: ViewSeal) -> None:
        self.db, self.seal = db, seal
        with db.transaction() as tx:
            tx.execute("CREATE TABLE IF NOT EXISTS samverkan_documents (space_id TEXT NOT NULL, "
                       "item_id TEXT NOT NULL, media_type TEXT NOT NULL, size BIGINT NOT NULL, "
                       "sealed TEXT NOT NULL, stored_at TEXT NOT NULL, "
                       "PRIMARY KEY (space_id, item_id))")

    def keep(self, space_id: str, item_id: str, personnummer: str, media_type: str,
             content: bytes, now: datetime) -> None:
        """The file sealed under the citizen's key (made on first need)."""
        text = base64.b64encode(content).decode()
        with self.db.transaction() as tx:
            (sealed,) = self.seal.seal(tx, [(personnummer, _associated(space_id, item_id),
                                             text)])
            tx.execute("INSERT INTO samverkan_documents VALUES (?, ?, ?, ?, ?, ?)",
                       (space_id, item_id, media_type, len(content), json.dumps(sealed),
                        now.isoformat()))

    def fetch(self, space_id: str, item_id: str) -> tuple[str, bytes] | None:
        """The media type and bytes; None when there is no such file or its key is gone."""
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT media_type, sealed FROM samverkan_documents WHERE "
                              "space_id = ? AND item_id = ?", (space_id, item_id))
            if not rows:
                return None
            media_type, sealed = rows[0]
            (opened,) = self.seal.open(tx, [(json.loads(sealed),
                                             _associated(space_id, item_id))])
        return None if opened is None else (str(media_type), base64.b64decode(opened))


def space_documents(settings: Settings) -> SpaceDocuments:
    db = Database(settings)
    return SpaceDocuments(db, view_seal(settings, db))
