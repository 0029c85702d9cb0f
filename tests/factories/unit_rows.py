"""A stand-in for the rehabstod view's timeline rows of one unit, read as the overview reads the
real one (``projections.sick_leave_timelines.UnitRows``): each write of a row gives it a new
revision, as the view does, and the patient's values rest as clear JSON in place of the seal.
The reader notes every row it reads in full and every row it opens."""

from __future__ import annotations

import json
from collections.abc import Sequence
from uuid import uuid4

from domain.sickleave.model import SickLeaveCertificate
from domain.sickleave.timeline import timeline_of
from projections.sick_leave_timelines import COLUMNS, stored_row
from tests.factories.sickleave import UNIT

Stored = tuple[str, str, str]


class StandInView:
    """One unit's timeline rows by personnummer: (revision, patient as clear JSON, entries)."""

    def __init__(self, *certs: SickLeaveCertificate) -> None:
        self.rows: dict[str, Stored] = {}
        self.write(*certs)

    def write(self, *certs: SickLeaveCertificate) -> None:
        """The rows of the certificates' patients rewritten from these certificates, each with
        a new revision (also when its text is the same as before)."""
        for timeline in timeline_of(certs):
            row = dict(zip(COLUMNS, stored_row(UNIT, timeline), strict=True))
            self.rows[timeline.personnummer] = (
                uuid4().hex, json.dumps([row["personnummer"], row["patient_names"]]),
                row["entries"])

    def revision_of(self, number: str) -> str:
        return self.rows[number][0]


class UnitRowsOf:
    """The stand-in view read as the overview reads the real one, noting what it reads."""

    def __init__(self, view: StandInView, forgotten: frozenset[str] = frozenset(),
                 unchanged: bool = False) -> None:
        """``unchanged``: the unit's token is the one the result before was computed at."""
        self.view, self.forgotten, self.unchanged = view, forgotten, unchanged
        self.revisions_read = 0
        self.read_in_full: list[str] = []
        self.opened_rows: list[str] = []
        self.rewritten_meanwhile: list[SickLeaveCertificate] = []

    def revisions(self) -> list[str]:
        self.revisions_read += 1
        revisions = [row[0] for row in self.view.rows.values()]
        self.view.write(*self.rewritten_meanwhile)  # after the revisions were read
        return revisions

    def changed(self) -> tuple[set[str], list[Stored]] | None:
        """Nothing changed when ``unchanged``; else no changes kept here: the revisions are
        read (the real view's changes are tested in tests/integration/test_rehabstod_changes.py)."""
        return (set(), []) if self.unchanged else None

    def all(self) -> list[Stored]:
        return self._read(list(self.view.rows.values()))

    def of(self, revisions: Sequence[str]) -> list[Stored]:
        return self._read([row for row in self.view.rows.values() if row[0] in revisions])

    def _read(self, rows: list[Stored]) -> list[Stored]:
        self.read_in_full += [row[0] for row in rows]
        return rows

    def opened(self, rows: Sequence[Stored]) -> list[tuple[str, str, str] | None]:
        self.opened_rows += [row[0] for row in rows]
        clear = [(*json.loads(patient), entries) for _, patient, entries in rows]
        return [None if row[0] in self.forgotten else row for row in clear]
