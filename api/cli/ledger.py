"""The ledger's commands: ``digest-keygen``, ``digest-rotate``, ``digest``, ``verify`` and
``verify-proof``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from api.cli.signals import stop_on_signals
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env


def _keygen(args: argparse.Namespace) -> int:
    from streams.ledger.signing import new_signing_key, public_key_of

    key = new_signing_key()
    print(json.dumps({"INTYG_DIGEST_SIGNING_KEY": key, "public_key": public_key_of(key)}))
    return 0


def _rotate(args: argparse.Namespace, settings: Settings) -> int:
    """A new signing key; the current public key joins the retired ones, which keep checking
    the digests signed before. Prints the two settings to set (then restart)."""
    from streams.ledger.key_ring import published_keys
    from streams.ledger.signing import key_id, new_signing_key, public_key_of

    key = new_signing_key()
    retired = published_keys(settings)
    if not retired:
        print("intyg: no INTYG_DIGEST_SIGNING_KEY to rotate; make one with "
              "`intyg digest-keygen`", file=sys.stderr)
        return 2
    print(json.dumps({"INTYG_DIGEST_SIGNING_KEY": key,
                      "INTYG_DIGEST_RETIRED_PUBLIC_KEYS": ",".join(retired),
                      "public_key": public_key_of(key), "key_id": key_id(public_key_of(key)),
                      "retired_key_ids": [key_id(k) for k in retired]}))
    return 0


def _digest(args: argparse.Namespace, settings: Settings) -> int:
    from streams.database import Database
    from streams.ledger.digester import Digester, DigestKeyMissingError

    app = Certificates(eventsourcing_env(settings))
    try:
        digester = Digester(app, settings, Database(settings))
    except DigestKeyMissingError as error:
        print(f"intyg: {error}", file=sys.stderr)
        return 2
    if not args.once:
        digester.run(stop_on_signals())
        return 0
    started = time.monotonic()
    size_before = digester.store.size_and_last_position()[0]
    digest = digester.record_all_and_sign()
    size = digester.store.size_and_last_position()[0]
    seconds = time.monotonic() - started
    digester.publish_or_keep()
    unpublished = len(digester.store.digests(unpublished_only=True)) if \
        settings.is_production else 0
    print(json.dumps({"digest": digest and digest["digest"], "tree_size": size,
                      "recorded": size - size_before, "seconds": round(seconds, 3),
                      "events_per_second": round((size - size_before) / seconds, 1),
                      "publish_seconds": round(time.monotonic() - started - seconds, 3),
                      "unpublished": unpublished}))
    return 0 if not unpublished else 1


def _public_keys(values: list[str] | None, settings: Settings | None) -> list[str]:
    """Each value a base64 key, or a file holding one (or the JSON served at the well-known
    URL, all of its keys); without values the keys of the settings (INTYG_DIGEST_SIGNING_KEY's
    and INTYG_DIGEST_RETIRED_PUBLIC_KEYS)."""
    if not values:
        from streams.ledger.key_ring import published_keys

        return published_keys(settings) if settings else []
    keys: list[str] = []
    for value in values:
        path = Path(value)
        text = path.read_text().strip() if path.is_file() else value.strip()
        if text.startswith("{"):
            served = json.loads(text)
            keys += [str(k["public_key"]) for k in served.get("keys", [])] or [
                str(served["public_key"])]
        else:
            keys.append(text)
    return keys


def _verify(args: argparse.Namespace, settings: Settings) -> int:
    from streams.database import Database
    from streams.ledger.store import LedgerStore
    from streams.ledger.verify import verify_store

    public_keys = _public_keys(args.public_key, settings)
    if not public_keys:
        print("intyg: pass --public-key or set INTYG_DIGEST_SIGNING_KEY", file=sys.stderr)
        return 2
    store = LedgerStore(Database(settings))
    report = verify_store(Certificates(eventsourcing_env(settings)), store, public_keys)
    if settings.is_production and not args.no_kafka:
        from streams.ledger.kafka_check import check_published_digests, check_published_events

        report.findings.extend(check_published_digests(settings, store.digests(),
                                                       store.published_numbers()))
        report.findings.extend(check_published_events(settings, store.leaves()))
    for finding in report.findings:
        print(json.dumps(finding.to_json()))
    print(json.dumps(report.summary()))
    return 0 if report.ok else 1


def _verify_proof(args: argparse.Namespace) -> int:
    from streams.ledger.offline import check_proof

    try:
        proof: Any = json.loads(Path(args.file).read_text())
    except (OSError, ValueError) as error:
        print(f"intyg: cannot read the proof: {type(error).__name__}", file=sys.stderr)
        return 2
    public_keys = _public_keys(args.public_key, None)
    problems = check_proof(proof, public_keys) if isinstance(proof, dict) else [
        "the proof is not a JSON object"]
    for problem in problems:
        print(problem)
    events = len(proof.get("events", [])) if isinstance(proof, dict) else 0
    print(json.dumps({"ok": not problems, "events": events}))
    return 0 if not problems else 1


def add_commands(sub: Any) -> None:
    keygen = sub.add_parser("digest-keygen", help="print a new INTYG_DIGEST_SIGNING_KEY (Ed25519) "
                            "and its public key")
    keygen.set_defaults(handler=_keygen, needs_settings=False)
    rotate = sub.add_parser("digest-rotate", help="print a new INTYG_DIGEST_SIGNING_KEY and "
                            "INTYG_DIGEST_RETIRED_PUBLIC_KEYS with the current key retired")
    rotate.set_defaults(handler=_rotate)
    digest = sub.add_parser("digest", help="record every stored event in the ledger and sign "
                            "its root at intervals (publishing each digest in production)")
    digest.add_argument("--once", action="store_true", help="catch up, sign once and stop")
    digest.set_defaults(handler=_digest)
    verify = sub.add_parser("verify", help="recompute the ledger from the stored events (and "
                            "Kafka in production) and check every signed digest")
    verify.add_argument("--public-key", action="append", help="base64, or a file holding it "
                        "(or the well-known JSON); repeat it for every key (rotations)")
    verify.add_argument("--no-kafka", action="store_true", help="check the store only")
    verify.set_defaults(handler=_verify)
    proof = sub.add_parser("verify-proof", help="check a proof from GET /v1/certificates/"
                           "{id}/proof offline, with the public key only")
    proof.add_argument("file")
    proof.add_argument("--public-key", required=True, action="append", help="base64, or a "
                       "file holding it (or the well-known JSON, all its keys); repeatable")
    proof.set_defaults(handler=_verify_proof, needs_settings=False)
