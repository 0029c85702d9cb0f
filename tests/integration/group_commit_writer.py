"""A process that group-commits drafts from many threads and reports each acknowledged one on
stdout (``ack <certificate id>``) the moment its command returned, until it is killed. Run by
``test_group_commit.py`` with the test's settings in the environment (``cli_env``)."""

from __future__ import annotations

import sys
import threading

from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env
from tests.factories import care_unit, patient, staff_at

WRITERS = 8


def main() -> None:
    app = Certificates(eventsourcing_env(Settings()))
    unit = care_unit()
    doctor = staff_at(unit)
    printing = threading.Lock()

    def write() -> None:
        while True:
            result = app.create_draft(type_id="lisjp", patient=patient(), care_unit=unit,
                                      author=doctor, content={})
            with printing:
                sys.stdout.write(f"ack {result.id}\n")
                sys.stdout.flush()

    writers = [threading.Thread(target=write, daemon=True) for _ in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()


if __name__ == "__main__":
    main()
