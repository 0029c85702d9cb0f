"""The patient-data keys on the command line: ``rotate-master-key``, ``forget`` (crypto-
shredding) and ``unseal`` (read one Kafka record opened, for a service with key access).
Nothing here prints a personnummer: patients are named by their blind index."""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env

REASONS = ("gallring", "raderingsbeslut")


def _read_secret(source: str) -> str:
    """A value from a file, or from stdin for ``-`` (never from the command line itself,
    which shells and ``ps`` show)."""
    return (sys.stdin.readline() if source == "-" else Path(source).read_text()).strip()


def _rotate(args: argparse.Namespace, settings: Settings) -> int:
    from streams.database import Database
    from streams.sealing.envelope import WrongMasterKeyError, fingerprint
    from streams.sealing.keys import DataKeys

    new_key = base64.b64decode(_read_secret(args.new_key_file))
    if len(new_key) != 32:
        print("intyg: the new master key must be 32 bytes in base64 (`intyg keygen`).",
              file=sys.stderr)
        return 2
    try:
        moved = DataKeys(Database(settings), settings.master_key_bytes).rotate(new_key)
    except WrongMasterKeyError as error:
        print(f"intyg: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"rewrapped": moved, "master_key": fingerprint(new_key),
                      "next": "set INTYG_MASTER_KEY to the new key, then destroy the old one"}))
    return 0


def _forget(args: argparse.Namespace, settings: Settings) -> int:
    from commands.forgetting import record_forgetting
    from domain.access.entry import patient_index
    from domain.access.forgetting import ForgettingReason, investigation_subject
    from domain.shared.identities import check_hsa_id, normalise_personnummer
    from streams.database import Database
    from streams.sealing.keys import DataKeys

    try:
        by = check_hsa_id(args.by)
    except ValueError:
        print("intyg: --by must be the HSA id of who decided (e.g. SE2321000016-A001).",
              file=sys.stderr)
        return 2
    app = Certificates(eventsourcing_env(settings))
    raw = _read_secret("-") if args.patient == "-" else args.patient
    index = patient_index(normalise_personnummer(raw, app.clock().date()),
                          settings.patient_index_secret)
    keys = DataKeys(Database(settings), settings.master_key_bytes)
    if keys.load([index]).get(index, b"") is None:
        print(json.dumps({"patient_index": index, "already_forgotten": True}))
        return 0
    decision = record_forgetting(app, index, ForgettingReason(args.reason), by, app.clock)
    investigations = _investigations_of(settings, app, index)
    keys.forget(index, app.clock())
    for investigation in investigations:  # their comments sealed before the citizen was known
        keys.forget(patient_index(investigation_subject(investigation),
                                  settings.patient_index_secret), app.clock())
    print(json.dumps({"patient_index": index, "forgotten": True,
                      "event_id": str(decision), "investigations": len(investigations)}))
    return 0


def _investigations_of(settings: Settings, app: Certificates, index: str) -> list[str]:
    """The FMU investigations of the citizen, from their read model brought up to date."""
    from api.runtime.investigations import InvestigationLists
    from projections.investigations import investigations_of

    lists = InvestigationLists(settings, app, app.clock)
    try:
        lists.catch_up()
        with lists.db.transaction() as tx:
            return investigations_of(tx, index)
    finally:
        lists.close()


def _unseal(args: argparse.Namespace, settings: Settings) -> int:
    from streams.topics import certificates_topic
    from streams.unseal import NoSuchRecordError, read_opened

    topic = args.topic or certificates_topic(settings)
    try:
        opened = read_opened(settings, topic, args.partition, args.offset)
    except NoSuchRecordError as error:
        print(f"intyg: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # no message, or a seal that does not open: name it only
        print(f"intyg: the record does not open ({type(error).__name__})", file=sys.stderr)
        return 1
    print(json.dumps(opened, ensure_ascii=False))
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rotate = sub.add_parser("rotate-master-key", help="rewrap every patient data key under a "
                            "new master key (then set INTYG_MASTER_KEY to it)")
    rotate.add_argument("--new-key-file", required=True, metavar="FILE",
                        help="a file holding the new base64 key, or - for stdin")
    rotate.set_defaults(handler=_rotate)
    forget = sub.add_parser("forget", help="crypto-shredding: destroy a patient's data key so "
                            "no sealed copy of their data opens again; recorded as an event")
    forget.add_argument("patient", metavar="PATIENT",
                        help="the personnummer, or - to read it from stdin")
    forget.add_argument("--reason", required=True, choices=REASONS)
    forget.add_argument("--by", required=True, metavar="HSA_ID", help="who decided")
    forget.set_defaults(handler=_forget)
    unseal = sub.add_parser("unseal", help="print one Kafka record with its sealed patient "
                            "data opened (needs the master key and the store's database)")
    unseal.add_argument("--topic", help="the topic (default: the certificates topic)")
    unseal.add_argument("--partition", type=int, default=0)
    unseal.add_argument("--offset", type=int, required=True)
    unseal.set_defaults(handler=_unseal)
