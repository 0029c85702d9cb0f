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

Orders, FMU investigations and Samverkansytan spaces are sealed the same way, their fields by
``streams.sealing.store_fields`` (keyed by event class): an order's patient is its
OrderReceived's citizen, a space's its owner (SpaceOpened), an investigation's the citizen of
its CitizenRecorded, and before that the investigation's own key.
"""

from __future__ import annotations

import functools
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
from domain.access.forgetting import investigation_subject
from streams.database import Database
from streams.sealing.content import content_plan
from streams.sealing.envelope import new_data_key
from streams.sealing.fields import SEALED_FIELDS, key_refs, open_message, seal_message
from streams.sealing.keys import DataKeys
from streams.sealing.store_fields import (
    INVESTIGATION,
    STORE_SEALED_FIELDS,
    StoredFields,
    field_key_refs,
    named_index,
    named_personnummer,
    open_fields,
    seal_fields,
)

_CREATIONS = ("DraftCreated", "CertificateRegistered")
_REMEMBERED = 50_000
_KEPT_CONNECTIONS = 4  # a command thread each, so none waits ~15 ms to connect
_ADDED_FACTS = ("index", "sex")  # what seal_message adds beside a sealed personnummer
Subject = tuple[str, tuple[str, int]]  # blind index, (type id, content version)
_NAME_SUBJECT = ("INSERT INTO store_sealed_subjects VALUES (?, ?, ?, ?) ON CONFLICT "
                 "(aggregate_id) DO NOTHING")
_MOVE_SUBJECT = ("INSERT INTO store_sealed_subjects VALUES (?, ?, ?, ?) ON CONFLICT "
                 "(aggregate_id) DO UPDATE SET patient_index = excluded.patient_index")


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
        declared = STORE_SEALED_FIELDS.get(type(domain_event))
        if self.keys is not None and declared is not None:
            return super().to_stored_event(self._sealed_copy(self.keys, domain_event, declared))
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
        return super().to_stored_event(_with_state(domain_event, sealed_state))

    def _sealed_copy(self, keys: DataKeys, domain_event: Any, declared: StoredFields) -> Any:
        """An order's, an investigation's or a space's event with its patient fields sealed
        (as it is when its patient is not known: a row of an aggregate stored before this)."""
        state = dict(vars(domain_event))
        aggregate = str(state["originator_id"])
        found = self._aggregate_subject(keys.db, declared, aggregate, state)
        if found is None:
            return domain_event
        key = self._sealing_key(keys, state, found, aggregate if declared.names else "",
                                moved=declared.kind == INVESTIGATION)
        return _with_state(domain_event, seal_fields(state, declared, found[0], key))

    def to_domain_event(self, stored_event: Any) -> Any:
        return self.to_domain_events([stored_event])[0]

    def to_domain_events(self, stored_events: Iterable[Any]) -> list[Any]:
        """Several stored events (an aggregate's history), their data keys read in one query."""
        events, sealed = [], []
        for stored_event in stored_events:
            event = super().to_domain_event(stored_event)
            events.append(event)
            name, state = type(event).__name__, vars(event)
            declared = STORE_SEALED_FIELDS.get(type(event))
            if declared is not None:
                refs = field_key_refs(state, declared)
                opener = functools.partial(open_fields, dict(state), declared)
            elif name in SEALED_FIELDS:
                message = _message(name, state)
                refs = key_refs(message)
                opener = functools.partial(_opened_data, message)
            else:
                continue
            if self.keys is None:
                if refs:  # sealed, and no keys to open it with: never handed on half read
                    raise StoredHistoryUnreadableError(stored_event.originator_id,
                                                       stored_event.originator_version)
                continue
            if name in _CREATIONS and declared is None:
                self._remember(str(state["originator_id"]), self._creation_subject(state, refs))
            elif declared is not None and declared.names:
                self._remember(str(state["originator_id"]), self._named_subject(declared, state))
            if refs:  # else stored before the store sealed, or nothing to seal
                sealed.append((state, refs, opener))
        if sealed and self.keys is not None:
            keys = self.keys.load(set().union(*(refs for _, refs, _ in sealed)))
            for state, _, opener in sealed:
                state.update(opener(keys))
        return events

    def _sealing_key(self, keys: DataKeys, state: dict[str, Any], found: Subject,
                     created: str, moved: bool = False) -> bytes:
        """The patient's key; for an event naming the patient (``created``, its aggregate id)
        the subject row is written in the same transaction (replaced when ``moved``: an
        investigation's citizen, recorded after its own key sealed)."""
        index, (type_id, content_version) = found
        if index in self._sealing and not created:
            return self._sealing[index]
        with keys.db.transaction() as tx:
            if created:
                tx.execute(_MOVE_SUBJECT if moved else _NAME_SUBJECT,
                           (created, index, type_id, content_version))
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

    def _named_subject(self, declared: StoredFields, state: dict[str, Any]) -> Subject | None:
        """The patient an order's, investigation's or space's event names, by its clear
        personnummer or its sealed one's key reference."""
        number = named_personnummer(state, declared)
        index = patient_index(number, self._index_key) if number else \
            named_index(state, declared)
        return None if index is None else (index, (declared.kind, 0))

    def _aggregate_subject(self, db: Database, declared: StoredFields, aggregate: str,
                           state: dict[str, Any]) -> Subject | None:
        """Whose key seals an order's, investigation's or space's event: the patient it names,
        else its aggregate's (an investigation without a citizen: its own key)."""
        if declared.names:
            found = self._named_subject(declared, state)
            self._remember(aggregate, found)  # stored with the key (``_sealing_key``)
            return found
        found = self._known_subject(db, aggregate)
        if found is None and declared.kind == INVESTIGATION:
            own = patient_index(investigation_subject(aggregate), self._index_key)
            found = (own, (INVESTIGATION, 0))
        return found

    def _subject_of(self, db: Database, name: str, subject: str,
                    state: dict[str, Any]) -> Subject | None:
        if name in _CREATIONS:
            found = self._creation_subject(state, set())
            self._remember(subject, found)  # stored with the key (``_sealing_key``)
            return found
        return self._known_subject(db, subject)

    def _known_subject(self, db: Database, subject: str) -> Subject | None:
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


def _with_state(domain_event: Any, state: dict[str, Any]) -> Any:
    """A copy of the event holding ``state`` (the event itself stays as it was)."""
    copy = object.__new__(type(domain_event))
    object.__setattr__(copy, "__dict__", state)
    return copy


def _opened_data(message: dict[str, Any], keys: Mapping[str, bytes | None]) -> dict[str, Any]:
    opened: dict[str, Any] = open_message(message, keys)["data"]
    return opened


def _message(name: str, state: dict[str, Any]) -> dict[str, Any]:
    """The event as the sealing functions see a message (schema version 3: the content
    answer by answer)."""
    data = {k: v for k, v in state.items() if k not in ("originator_id", "originator_version")}
    return {"id": str(state["originator_id"]), "version": int(state["originator_version"]),
            "event": name, "schema_version": 3, "data": data}


