"""The mail sender's command: ``intyg send-mail [--once]`` (orders from authorities)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from api.cli.signals import stop_on_signals
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env


def _send_mail(args: argparse.Namespace, settings: Settings) -> int:
    from api.runtime.orders import OrdersRuntime

    if not settings.smtp_host:
        print("intyg: send-mail needs INTYG_SMTP_HOST", file=sys.stderr)
        return 2
    app = Certificates(eventsourcing_env(settings))
    runtime = OrdersRuntime(settings, app, app.clock)
    try:
        if not args.once:
            runtime.run_mail(stop_on_signals())
            return 0
        sent = runtime.send_due_mail()
        print(json.dumps({"sent": [{"type": s.type, "order_id": s.order_id} for s in sent]}))
        return 0
    finally:
        runtime.close()
        app.close()


def add_command(sub: Any) -> None:
    mail = sub.add_parser("send-mail", help="send the due e-mail notifications of orders over "
                          "SMTP, once each, every INTYG_MAIL_INTERVAL_SECONDS")
    mail.add_argument("--once", action="store_true", help="send what is due now and stop")
    mail.set_defaults(handler=_send_mail)
