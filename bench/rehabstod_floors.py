"""The least a Rehabstöd request does after its SQL when it must compute every row of a unit,
each step timed alone over the same rows (``bench/rehabstod.py`` prints them after its figures):

- opening the rows: the patients' data keys read and unwrapped, the rows decrypted (a request
  with nothing kept: cold);
- reading the opened rows into timelines (also a request for another day or other settings,
  which take the rows as opened before: they are kept as text);
- the engine: each row's current chain and case (another day; other settings take the case of
  a row whose chain is the same);
- each case's JSON (another day: a case's days until its end change every day).

These are floors of this code: a request also stores its access entry, makes its body and
answers over HTTP. Below them, the library calls no Python code of any shape can do without,
once per row: two AES-GCM decryptions (the patient's data key unwrapped, then the row; both
with ``cryptography``), one case object made (the frozen dataclass's constructor) and one
JSON encoding (orjson). Each figure is the median of ``repeat`` timings."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import orjson
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from api.http.routers.rehabstod import case_json
from api.runtime.projections import ProjectionHost
from domain.shared.care import CareUnit
from domain.sickleave.engine import current_case
from domain.sickleave.model import SickLeaveCase, SjukfallSettings
from projections.sick_leave_timelines import UnitRows, read


def median_ms(action: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def time_floors(host: ProjectionHost, unit: CareUnit, today: date, raw_p50: float,
                repeat: int) -> None:
    with host.db.reading() as tx:
        rows = UnitRows(tx, host.seal, unit.hsa_id, today, 0)
        stored = rows.all()
        opening = median_ms(lambda: rows.opened(stored), repeat)
        opened = [row for row in rows.opened(stored) if row is not None]
    reading = median_ms(lambda: [read(row) for row in opened], repeat)
    timelines = [read(row) for row in opened]
    settings = SjukfallSettings()
    engine = median_ms(lambda: [current_case(t, today, settings) for t in timelines], repeat)
    cases = [case for t in timelines if (case := current_case(t, today, settings)) is not None]
    encoding = median_ms(lambda: [case_json(case) for case in cases], repeat)
    print(f"floors over the same {len(stored)} rows, each step alone (p50; the raw SQL "
          f"{raw_p50:.1f} ms, twice it {2 * raw_p50:.1f} ms):")
    for step, ms in (("opening the rows (keys read and unwrapped, decrypted)", opening),
                     ("reading the opened rows into timelines", reading),
                     (f"the engine (current chain and case; {len(cases)} cases)", engine),
                     ("each case's JSON", encoding)):
        print(f"  {step:<58} {ms:6.1f} ms ({ms * 1000 / len(stored):4.1f} us a row)")
    print(f"  a cold request, at least: the SQL and all four = "
          f"{raw_p50 + opening + reading + engine + encoding:6.1f} ms; another day: the "
          f"revisions and the last three > {reading + engine + encoding:6.1f} ms")
    library_floors(stored, cases, raw_p50, repeat)


def library_floors(stored: list[tuple[str, str, str]], cases: list[SickLeaveCase],
                   raw_p50: float, repeat: int) -> None:
    """The library calls alone, on data of the rows' sizes."""
    master = AESGCM(AESGCM.generate_key(bit_length=256))
    sealed = []
    for _, patient, _ in stored:
        key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
        sealed.append((nonce + master.encrypt(nonce, key, None),
                       nonce + AESGCM(key).encrypt(nonce, os.urandom(len(patient) * 3 // 4),
                                                   None)))

    def opened() -> None:
        for wrapped, row in sealed:
            key = master.decrypt(wrapped[:12], wrapped[12:], None)
            AESGCM(key).decrypt(row[:12], row[12:], None)

    values = [tuple(getattr(case, name) for name in SickLeaveCase.__slots__) for case in cases]
    crypto = median_ms(opened, repeat)
    making = median_ms(lambda: [SickLeaveCase(*v) for v in values], repeat)
    encoding = median_ms(lambda: [orjson.dumps(v) for v in values], repeat)
    print("  the library calls alone, once a row:")
    for step, ms in (("two AES-GCM decryptions (key unwrapped, row opened)", crypto),
                     ("a case object made (its constructor)", making),
                     ("one orjson encoding of the case's values", encoding)):
        print(f"    {step:<56} {ms:6.1f} ms ({ms * 1000 / len(stored):4.1f} us a row)")
    print(f"    so a cold request needs more than the SQL and these: "
          f"{raw_p50 + crypto + making + encoding:5.1f} ms; another day more than "
          f"{making + encoding:5.1f} ms after its SQL")
