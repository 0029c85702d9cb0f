"""The demo's timeline: every chain of certificates planned as timed steps before anything is
written, so that ``api.demo.seed`` can write all of them in time order.

A chain is one sickness episode of one patient at one unit: a first LISJP, then renewals
(förlängning), with now and then a revocation or a replacement. Steps of a chain are minutes to
days apart and always later than the one before; a step at or after ``end`` is not planned, and
neither is anything after it in its chain (the episode is still going on).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from uuid import UUID

from api.demo.content import (
    Content,
    Period,
    assessment,
    background,
    care_units,
    corrected,
    doctors_at,
    early_reason,
    first_content,
    first_periods,
    make_patients,
    next_periods,
    period_answers,
    pick_diagnosis,
)
from api.demo.data import CONTACT_REASON, GROUPS, REPLACE_NOTE, REVOCATIONS, Diagnosis
from domain.shared.care import CareUnit, Staff
from domain.shared.patient import Patient

Action = tuple[str, Content]
MAX_RENEWALS = 3


@dataclass
class Chain:
    """One episode; ``current`` is the certificate the next step acts on, once written."""

    patient: Patient
    unit: CareUnit
    current: UUID | None = None
    employer_copy: UUID | None = None

    @property
    def id(self) -> UUID:
        if self.current is None:
            raise LookupError("The chain has no certificate yet.")
        return self.current


@dataclass(frozen=True)
class Step:
    at: datetime
    seq: int
    kind: str
    chain: Chain
    by: Staff
    data: Content


def plan(rng: Random, patients: int, end: datetime) -> list[Step]:
    """Steps for ``patients`` patients over the 18 months before ``end``, in planning order."""
    planner = _Planner(rng, end)
    units = care_units()
    doctors = {unit.hsa_id: doctors_at(rng, unit, rng.randint(3, 4)) for unit in units}
    for patient in make_patients(rng, patients, end.date()):
        unit = rng.choice(units)
        planner.patient(patient, unit, doctors[unit.hsa_id])
    return planner.steps


class _Planner:
    def __init__(self, rng: Random, end: datetime) -> None:
        self.rng, self.end = rng, end
        self.today = end.date()
        self.steps: list[Step] = []

    def patient(self, patient: Patient, unit: CareUnit, doctors: list[Staff]) -> None:
        """Mostly one episode, now and then a second; a few patients only have a fresh draft."""
        if self.rng.random() < 0.03:
            self._open_draft(Chain(patient, unit), doctors)
            return
        start: date | None = self.today - timedelta(days=self.rng.randint(2, 540))
        while start is not None and start < self.today:
            last_end = self._episode(Chain(patient, unit), doctors, start)
            if last_end is None or self.rng.random() >= 0.15:
                return
            start = last_end + timedelta(days=self.rng.randint(30, 200))

    def _open_draft(self, chain: Chain, doctors: list[Staff]) -> None:
        dx = pick_diagnosis(self.rng)
        visit = _weekday(self.today - timedelta(days=self.rng.randint(1, 10)))
        head = background(self.rng, dx)
        actions: list[Action] = [("create", {"content": head})]
        if self.rng.random() < 0.5:
            periods = first_periods(self.rng, dx, visit)
            rest = first_content(self.rng, dx, visit, periods, "nuvarandeArbete" in head)
            actions.append(("edit", {"answers": rest}))
        self._session(chain, self.rng.choice(doctors), self._office(visit), actions)

    def _episode(self, chain: Chain, doctors: list[Staff], start: date) -> date | None:
        """The first certificate and what follows; the last end date, or None if ongoing."""
        rng = self.rng
        dx, by, visit = pick_diagnosis(rng), rng.choice(doctors), _weekday(start)
        early = rng.random() < 0.05
        periods = first_periods(rng, dx, visit - timedelta(
            days=rng.randint(7, 10) if early else rng.randint(0, 2)))
        head = background(rng, dx)
        rest = first_content(rng, dx, visit, periods, "nuvarandeArbete" in head)
        after = self._session(chain, by, self._office(visit), [
            ("create", {"content": head}), ("edit", {"answers": rest}), ("sign", {}),
            *self._sending(chain), *self._employer_copy(head)])
        return self._follow_ups(chain, dx, doctors, by, periods, after)

    def _follow_ups(self, chain: Chain, dx: Diagnosis, doctors: list[Staff], by: Staff,
                    periods: list[Period], after: datetime | None) -> date | None:
        rng, renewals = self.rng, 0
        while after is not None:
            roll = rng.random()
            if roll < 0.05:
                reason, text = rng.choice(REVOCATIONS)
                self._session(chain, by, self._later(after),
                              [("revoke", {"reason": reason, "text": text})])
                return periods[-1][2]
            if roll < 0.10:
                periods, after = self._replace(chain, by, periods, after)
                continue
            visit = _renewal_day(rng, periods[-1][2], after)
            if renewals == MAX_RENEWALS or visit is None or rng.random() >= GROUPS[dx.group][3]:
                return periods[-1][2]
            by = by if rng.random() < 0.7 else rng.choice(doctors)
            periods = next_periods(rng, dx, periods[-1])
            answers = {**assessment(rng, visit, periods, examined=rng.random() < 0.75),
                       **self._contact(), "ovrigt": None}
            after = self._session(chain, by, self._office(visit), [
                ("renew", {}), ("edit", {"answers": answers}), ("sign", {}),
                *self._sending(chain)])
            renewals += 1
        return None

    def _replace(self, chain: Chain, by: Staff, periods: list[Period],
                 after: datetime) -> tuple[list[Period], datetime | None]:
        """Replace (ERSATT) with the last end date corrected; sign and send the replacement."""
        at, periods = self._later(after), corrected(self.rng, periods)
        answers: Content = {"sjukskrivningar": period_answers(periods), "ovrigt": REPLACE_NOTE}
        if early_reason(at.date(), periods):
            answers["motiveringTillTidigtStartdatumForSjukskrivning"] = early_reason(
                at.date(), periods)
        return periods, self._session(chain, by, at, [
            ("replace", {}), ("edit", {"answers": answers}), ("sign", {}),
            *self._sending(chain)])

    def _sending(self, chain: Chain) -> list[Action]:
        """Most certificates go to Försäkringskassan at once; a test patient's never do."""
        if chain.patient.test_indicated or self.rng.random() >= 0.92:
            return []
        return [("send", {})]

    def _employer_copy(self, head: Content) -> list[Action]:
        if "nuvarandeArbete" not in head or self.rng.random() >= 0.06:
            return []
        return [("ag7804", {"include_diagnosis": self.rng.random() < 0.5}), ("sign_ag7804", {})]

    def _contact(self) -> Content:
        if self.rng.random() >= 0.15:
            return {}
        return {"kontaktMedFk": True, "anledningTillKontakt": CONTACT_REASON}

    def _session(self, chain: Chain, by: Staff, at: datetime,
                 actions: list[Action]) -> datetime | None:
        """Plan the actions a few minutes apart; None when ``end`` cut them short."""
        for kind, data in actions:
            if at >= self.end:
                return None
            self.steps.append(Step(at, len(self.steps), kind, chain, by, data))
            at += timedelta(minutes=self.rng.randint(2, 12))
        return at

    def _office(self, day: date) -> datetime:
        """A time in office hours (07:30-15:00 UTC) on ``day``."""
        start = datetime.combine(day, time(7, 30), tzinfo=UTC)
        return start + timedelta(minutes=self.rng.randint(0, 450))

    def _later(self, after: datetime) -> datetime:
        """Some time in the next three days, after ``after``."""
        at = self._office(after.date() + timedelta(days=self.rng.randint(0, 3)))
        return at if at > after else after + timedelta(minutes=self.rng.randint(20, 90))


def _weekday(day: date) -> date:
    """The day, or the Friday before when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _renewal_day(rng: Random, parent_end: date, after: datetime) -> date | None:
    """A weekday up to four days before the parent ends and after the last step."""
    day = max(_weekday(parent_end - timedelta(days=rng.randint(0, 4))),
              after.date() + timedelta(days=1))
    return day if day <= parent_end else None
