"""Patient data sealed in the event store itself, under the patient's data key, so that
``intyg forget`` leaves no readable copy in the store either (the store cipher, one key for
every patient, stays on top).

``StoreSealingMapper`` is the event store's mapper (``MAPPER_TOPIC``, named by a topic string so
``commands`` does not import this layer). When an event with declared patient fields is stored
(``SEALED_FIELDS``: the certificate's patient, its free-text answers by its content model, the
messages' texts) those fields are sealed exactly as the relay seals them (same associated data,
same synthetic nonce); when one is read they are opened, and a forgotten patient's fields open
to the declared forgotten values, so the aggregate still loads. A row stored before this change
holds its fields clear and is read as it is.

The patient of a later event (a DraftEdited, a revocation, a message) is the one its certificate
was created for: remembered from the creation event, stored or read, and kept in the table
``store_sealed_subjects`` (aggregate id -> blind index) for another process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from commands.settings import Settings
from commands.stored_history import (
    SEALING_ENV,
    CheckedMapper,
    StoredHistoryUnreadableError,
    sealing_settings,
)
from domain.access.entry import patient_index
from streams.database import Database
from streams.sealing.content import content_plan
from streams.sealing.envelope import new_data_key
from streams.sealing.fields import SEALED_FIELDS, key_refs, open_message, seal_message
from streams.sealing.keys import DataKeys

_CREATIONS = ("DraftCreated", "CertificateRegistered")
_REMEMBERED = 50_000
_KEPT_CONNECTIONS = 4  # a command thread each, so none waits ~15 ms to connect
_ADDED_FACTS = ("index", "sex")  # what seal_message adds beside a sealed personnummer
Subject = tuple[str, tuple[str, int]]  # blind index, (type id, content version)


class StoreSealingMapper(CheckedMapper):
    """The checked mapper, sealing patient fields once bound to the store's keys (``bind``);
    unbound it stores as the checked mapper does and refuses a sealed row as unreadable."""

    keys: DataKeys | None = None
    _index_key = ""

    def bind(self, env: Mapping[str, str]) -> None:
        settings: Settings | None = sealing_settings(env)
        if settings is None:
            if env.get(SEALING_ENV):
                raise LookupError("The store's sealing settings are not known in this process.")
            return
        self.keys = DataKeys(Database(settings, keep_idle=_KEPT_CONNECTIONS),
                             settings.master_key_bytes)
        self._index_key = settings.patient_index_secret
        self._subjects: dict[str, Subject] = {}
        # Keys to seal with, kept: a key destroyed meanwhile seals what nobody opens any more.
        # Keys to open with are read anew each time, so a forget holds at once.
        self._sealing: dict[str, bytes] = {}
        with self.keys.db.transaction() as tx:
            tx.execute("CREATE TABLE IF NOT EXISTS store_sealed_subjects (aggregate_id TEXT "
                       "PRIMARY KEY, patient_index TEXT NOT NULL, type_id TEXT NOT NULL, "
                       "content_version INTEGER NOT NULL)")

    def to_stored_event(self, domain_event: Any) -> Any:
        name = type(domain_event).__name__
        if self.keys is None or name not in SEALED_FIELDS:
            return super().to_stored_event(domain_event)
        state = dict(vars(domain_event))
        subject = str(state.get("certificate_id") or state["originator_id"])
        found = self._subject_of(self.keys.db, name, subject, state)
        if found is None:
            return super().to_stored_event(domain_event)
        index, kind = found
        key = self._sealing_key(self.keys, state, found, subject if name in _CREATIONS else "")
        sealed = seal_message(_message(name, state), index, key, content_plan(*kind))
        sealed_state = {**state, **sealed["data"]}
        if isinstance(sealed_state.get("patient"), dict):
            sealed_state["patient"] = {k: v for k, v in sealed_state["patient"].items()
                                       if k not in _ADDED_FACTS}
        copy = object.__new__(type(domain_event))
        object.__setattr__(copy, "__dict__", sealed_state)
        return super().to_stored_event(copy)

    def to_domain_event(self, stored_event: Any) -> Any:
        return self.to_domain_events([stored_event])[0]

    def to_domain_events(self, stored_events: Iterable[Any]) -> list[Any]:
        """Several stored events (an aggregate's history), their data keys read in one query."""
        events, sealed = [], []
        for stored_event in stored_events:
            event = super().to_domain_event(stored_event)
            events.append(event)
            name = type(event).__name__
            if name not in SEALED_FIELDS:
                continue
            state = vars(event)
            message = _message(name, state)
            refs = key_refs(message)
            if self.keys is None:
                if refs:  # sealed, and no keys to open it with: never handed on half read
                    raise StoredHistoryUnreadableError(stored_event.originator_id,
                                                       stored_event.originator_version)
                continue
            if name in _CREATIONS:
                self._remember(str(state["originator_id"]), self._creation_subject(state, refs))
            if refs:  # else stored before the store sealed, or nothing to seal
                sealed.append((state, message, refs))
        if sealed and self.keys is not None:
            keys = self.keys.load(set().union(*(refs for _, _, refs in sealed)))
            for state, message, _ in sealed:
                state.update(open_message(message, keys)["data"])
        return events

    def _sealing_key(self, keys: DataKeys, state: dict[str, Any], found: Subject,
                     created: str) -> bytes:
        """The patient's key; for a creation (``created``, its aggregate id) the subject row is
        written in the same transaction."""
        index, (type_id, content_version) = found
        if index in self._sealing and not created:
            return self._sealing[index]
        with keys.db.transaction() as tx:
            if created:
                tx.execute("INSERT INTO store_sealed_subjects VALUES (?, ?, ?, ?) ON CONFLICT "
                           "(aggregate_id) DO NOTHING", (created, index, type_id, content_version))
            if index not in self._sealing:
                if len(self._sealing) >= _REMEMBERED:
                    self._sealing.clear()
                self._sealing[index] = keys.ensure_in(tx, {index}, state["timestamp"])[index] \
                    or new_data_key()
        return self._sealing[index]

    def _creation_subject(self, state: dict[str, Any], refs: set[str]) -> Subject | None:
        """A creation event's patient (by its clear personnummer, else by its sealed values'
        key) and its content's type and version."""
        patient = state.get("patient")
        kind = (str(state["type_id"]), int(state.get("content_version") or 1))
        if isinstance(patient, dict) and isinstance(patient.get("personnummer"), str) \
                and patient["personnummer"]:
            return patient_index(patient["personnummer"], self._index_key), kind
        return (next(iter(refs)), kind) if len(refs) == 1 else None

    def _subject_of(self, db: Database, name: str, subject: str,
                    state: dict[str, Any]) -> Subject | None:
        if name in _CREATIONS:
            found = self._creation_subject(state, set())
            self._remember(subject, found)  # stored with the key (``_sealing_key``)
            return found
        if subject in self._subjects:
            return self._subjects[subject]
        with db.transaction() as tx:
            rows = tx.execute("SELECT patient_index, type_id, content_version FROM "
                              "store_sealed_subjects WHERE aggregate_id = ?", (subject,))
        if not rows:
            return None
        found = (str(rows[0][0]), (str(rows[0][1]), int(rows[0][2])))
        self._remember(subject, found)
        return found

    def _remember(self, subject: str, found: Subject | None) -> None:
        if found is None:
            return
        if len(self._subjects) >= _REMEMBERED:
            self._subjects.clear()
        self._subjects[subject] = found


def _message(name: str, state: dict[str, Any]) -> dict[str, Any]:
    """The event as the sealing functions see a message (schema version 3: the content
    answer by answer)."""
    data = {k: v for k, v in state.items() if k not in ("originator_id", "originator_version")}
    return {"id": str(state["originator_id"]), "version": int(state["originator_version"]),
            "event": name, "schema_version": 3, "data": data}


