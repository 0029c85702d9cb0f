"""The ledger's commands: ``digest-keygen``, ``digest``, ``verify`` and ``verify-proof``."""

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


def _public_key(value: str | None, settings: Settings | None) -> str | None:
    """A base64 key, or a file holding one (or the JSON served at the well-known URL); else
    the key of INTYG_DIGEST_SIGNING_KEY."""
    if value is None:
        from streams.ledger.signing import public_key_of

        key = settings.digest_signing_key if settings else None
        return public_key_of(key.get_secret_value()) if key is not None else None
    path = Path(value)
    if not path.is_file():
        return value.strip()
    text = path.read_text().strip()
    if text.startswith("{"):
        return str(json.loads(text)["public_key"])
    return text


def _verify(args: argparse.Namespace, settings: Settings) -> int:
    from streams.database import Database
    from streams.ledger.store import LedgerStore
    from streams.ledger.verify import verify_store

    public_key = _public_key(args.public_key, settings)
    if public_key is None:
        print("intyg: pass --public-key or set INTYG_DIGEST_SIGNING_KEY", file=sys.stderr)
        return 2
    store = LedgerStore(Database(settings))
    report = verify_store(Certificates(eventsourcing_env(settings)), store, public_key)
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
    public_key = _public_key(args.public_key, None)
    problems = check_proof(proof, public_key or "") if isinstance(proof, dict) else [
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
    digest = sub.add_parser("digest", help="record every stored event in the ledger and sign "
                            "its root at intervals (publishing each digest in production)")
    digest.add_argument("--once", action="store_true", help="catch up, sign once and stop")
    digest.set_defaults(handler=_digest)
    verify = sub.add_parser("verify", help="recompute the ledger from the stored events (and "
                            "Kafka in production) and check every signed digest")
    verify.add_argument("--public-key", help="base64, or a file holding it")
    verify.add_argument("--no-kafka", action="store_true", help="check the store only")
    verify.set_defaults(handler=_verify)
    proof = sub.add_parser("verify-proof", help="check a proof from GET /v1/certificates/"
                           "{id}/proof offline, with the public key only")
    proof.add_argument("file")
    proof.add_argument("--public-key", required=True, help="base64, or a file holding it")
    proof.set_defaults(handler=_verify_proof, needs_settings=False)
