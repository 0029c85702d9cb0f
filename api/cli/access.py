"""The PDL access entry of a read of patient data on the command line (``intyg history``,
``intyg replay --certificate``): the operator names themselves (``--by``, an HSA id) and may say
why (``--reason``, one of a few codes, never free text). A read that cannot be logged prints
nothing and exits 1, like the API's 503."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any

from commands.access_log import AccessLog, AccessLogUnavailableError
from commands.certificates import Certificates
from commands.settings import Settings
from domain.access.entry import Reader

REASONS = ("granskning", "uppfoljning", "utlamnande", "felsokning")


def add_reader_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", default="", metavar="HSA_ID",
                        help="who reads (written to the PDL access log)")
    parser.add_argument("--reason", choices=REASONS, help="why (written to the access log)")


def read_logged(app: Certificates, settings: Settings, args: argparse.Namespace, what: str,
                personnummers: Iterable[str], certificate_ids: Iterable[object]) -> bool:
    """Whether the read's access entry is stored (else the reason is on stderr)."""
    access = AccessLog(app, settings.patient_index_secret, app.clock)
    try:
        access.record(Reader(role="operator", hsa_id=args.by), what, personnummers,
                      certificate_ids, reason=args.reason)
    except AccessLogUnavailableError as error:
        print(f"intyg: {error}", file=sys.stderr)
        return False
    return True


def patients_in(lines: Iterable[dict[str, Any]]) -> set[str]:
    """The personnummer of every patient the history lines name."""
    found = (line["data"].get("patient") for line in lines)
    return {p["personnummer"] for p in found if isinstance(p, dict) and "personnummer" in p}
