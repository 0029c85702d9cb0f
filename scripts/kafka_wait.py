#!/usr/bin/env python3
"""Wait until a Kafka broker answers real requests (not just an open port).

Used by scripts/kafka.sh start. Needs kafka-python (>= 3.0) in the interpreter that runs it.

Ready means: an admin client bootstraps (ApiVersions + Metadata), DescribeCluster lists at
least one unfenced broker, and a Metadata request for all topics succeeds.

Exit codes: 0 ready, 1 timed out, 2 the broker process (--pid) died, 3 kafka-python missing.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _probe(bootstrap: str, timeout_ms: int) -> dict:
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="intyg-kafka-wait",
        bootstrap_timeout_ms=timeout_ms,
        request_timeout_ms=timeout_ms,
        reconnect_backoff_max_ms=500,
    )
    try:
        cluster = admin.describe_cluster()
        brokers = [b for b in cluster.get("brokers", []) if not b.get("is_fenced", False)]
        if not brokers:
            raise RuntimeError("no unfenced broker in DescribeCluster yet")
        topics = admin.list_topics()
        return {"cluster_id": cluster.get("cluster_id"), "brokers": brokers, "topics": topics}
    finally:
        admin.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bootstrap", default="127.0.0.1:9092")
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds to wait in total")
    ap.add_argument("--pid", type=int, default=None, help="give up early if this process dies")
    ap.add_argument("--interval", type=float, default=0.5, help="seconds between attempts")
    ap.add_argument("--quiet", action="store_true", help="print nothing on success")
    ap.add_argument("--verbose", action="store_true", help="show kafka-python logging and each failure")
    args = ap.parse_args(argv)

    try:
        import kafka  # noqa: F401
    except ImportError:
        print(
            f"kafka_wait: kafka-python is not installed for {sys.executable} "
            "(set PYTHON to an interpreter that has it)",
            file=sys.stderr,
        )
        return 3

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.CRITICAL, stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("kafka").setLevel(logging.CRITICAL + 1)

    deadline = time.monotonic() + args.timeout
    last_error: BaseException | None = None
    attempts = 0
    while True:
        if not _alive(args.pid):
            print(f"kafka_wait: broker process {args.pid} exited", file=sys.stderr)
            return 2
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        attempts += 1
        try:
            info = _probe(args.bootstrap, int(max(1.0, min(5.0, remaining)) * 1000))
        except Exception as exc:
            last_error = exc
            if args.verbose:
                print(f"kafka_wait: attempt {attempts}: {type(exc).__name__}: {exc}", file=sys.stderr)
            time.sleep(min(args.interval, max(0.0, deadline - time.monotonic())))
            continue
        if not args.quiet:
            ids = ",".join(str(b.get("broker_id", b.get("node_id"))) for b in info["brokers"])
            print(
                f"kafka_wait: {args.bootstrap} ready (cluster {info['cluster_id']}, broker {ids}, "
                f"{len(info['topics'])} topics, {attempts} attempt(s))"
            )
        return 0

    print(
        f"kafka_wait: {args.bootstrap} not ready after {args.timeout:.0f}s ({attempts} attempts); "
        f"last error: {type(last_error).__name__ if last_error else None}: {last_error}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
