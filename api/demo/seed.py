"""``intyg demo``: realistic demo data written through the ``Certificates`` application.

Seven care units in four län under four care givers (regions), three or four doctors each, and
``patients`` patients with LISJP chains spread over the 18 months before today: a first
certificate (draft, edit, sign, send to FKASSA), then 0-3 renewals whose periods start the day
after the parent's last period end; about 5 % of signed certificates are revoked and 5 % replaced,
some get an AG7804 for the employer, a few drafts are left unsigned.

Time: every command runs through the application, which reads ``app.clock``. While seeding, the
app's clock is swapped for one set to each step's time, and every step of every chain is sorted
by that time first, so the event log is written in time order (restored afterwards, also on
error). The envelope ``timestamp`` of each stored event is the library's own wall-clock time; the
domain times (created_at, signed_at, sent_at ...) are the demo's. Steps stop at the start of
today (UTC), so what is written depends only on the seed and today's date.

Ids: ``app.ids`` is swapped the same way for one drawn from the seed, so a seed gives the same
certificate ids too. Seeding the same seed into the same store twice is refused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from random import Random
from typing import Any
from uuid import UUID

from api.demo.plan import Chain, Step, plan
from commands.certificates import Certificates
from domain.certificates.lifecycle import RevocationReason
from domain.shared.errors import RuleViolationError


class DemoAlreadySeededError(RuleViolationError):
    """The store already holds the demo data of this seed."""


def seed_demo(app: Certificates, *, patients: int = 300, seed: int = 7804) -> dict[str, int]:
    """Seed demo data, deterministic for ``seed`` and today's date; return what was written:
    certificates created (AG7804 included), signed, sent, revoked, replaced (replacements
    made), renewals (renewals made), drafts left unsigned, and the events stored for them."""
    if _seeded_ids(seed)() in app.repository:
        raise DemoAlreadySeededError(
            f"The demo data of seed {seed} is already in this store; use another --seed.")
    now = app.clock()
    end = datetime.combine(now.date(), time(), tzinfo=now.tzinfo or UTC)
    steps = plan(Random(seed), patients, end)
    writer = _Writer(app)
    real_clock, real_ids = app.clock, app.ids
    app.clock, app.ids = writer.clock, _seeded_ids(seed)
    try:
        for step in sorted(steps, key=lambda s: (s.at, s.seq)):
            writer.write(step)
    finally:
        app.clock, app.ids = real_clock, real_ids
    return writer.summary(patients)


def _seeded_ids(seed: int) -> Callable[[], UUID]:
    """Version-4 shaped UUIDs drawn from the seed (apart from the content's draws)."""
    rng = Random(f"intyg-demo-ids-{seed}")
    return lambda: UUID(int=rng.getrandbits(128), version=4)


@dataclass
class _StepClock:
    """The application's clock while seeding: the time of the step being written."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


class _Writer:
    """Runs planned steps through the application's use cases and counts what they did."""

    def __init__(self, app: Certificates) -> None:
        self.app = app
        self.clock = _StepClock()
        self.counts: Counter[str] = Counter()
        self.ids: list[UUID] = []
        self._steps: dict[str, Callable[[Step], None]] = {
            "create": self._create, "renew": self._renew, "replace": self._replace,
            "edit": self._edit, "sign": self._sign, "send": self._send, "revoke": self._revoke,
            "ag7804": self._ag7804, "sign_ag7804": self._sign_ag7804,
        }

    def write(self, step: Step) -> None:
        self.clock.now = step.at
        self._steps[step.kind](step)

    def summary(self, patients: int) -> dict[str, int]:
        events = sum(self.app.get(cert_id).version for cert_id in self.ids)
        counts = {key: self.counts[key] for key in
                  ("certificates", "signed", "sent", "revoked", "replaced", "renewals")}
        return {"patients": patients, **counts,
                "drafts": counts["certificates"] - counts["signed"], "events": events}

    # --- one method per kind of step ----------------------------------------------------------
    def _create(self, step: Step) -> None:
        chain = step.chain
        result = self.app.create_draft(type_id="lisjp", patient=chain.patient,
                                       care_unit=chain.unit, author=step.by,
                                       content=step.data["content"])
        self._created(chain, result.id)

    def _renew(self, step: Step) -> None:
        self._created(step.chain, self.app.renew_certificate(step.chain.id, by=step.by).id)
        self.counts["renewals"] += 1

    def _replace(self, step: Step) -> None:
        self._created(step.chain, self.app.replace_certificate(step.chain.id, by=step.by).id)
        self.counts["replaced"] += 1

    def _edit(self, step: Step) -> None:
        cert = self.app.get(step.chain.id)
        content = _laid_over(cert.content, step.data["answers"])
        self.app.edit_draft(cert.id, based_on_version=cert.version, content=content, by=step.by)

    def _sign(self, step: Step) -> None:
        self._sign_one(step.chain.id, step)

    def _send(self, step: Step) -> None:
        self.app.send_certificate(step.chain.id, recipient="FKASSA", by=step.by.hsa_id)
        self.counts["sent"] += 1

    def _revoke(self, step: Step) -> None:
        self.app.revoke_certificate(step.chain.id, reason=RevocationReason(step.data["reason"]),
                                    text=step.data["text"], by=step.by)
        self.counts["revoked"] += 1

    def _ag7804(self, step: Step) -> None:
        result = self.app.create_ag7804_from_lisjp(
            step.chain.id, include_diagnosis=step.data["include_diagnosis"], by=step.by)
        step.chain.employer_copy = result.id
        self.ids.append(result.id)
        self.counts["certificates"] += 1

    def _sign_ag7804(self, step: Step) -> None:
        if step.chain.employer_copy is not None:
            self._sign_one(step.chain.employer_copy, step)

    def _sign_one(self, cert_id: UUID, step: Step) -> None:
        version = self.app.get(cert_id).version
        self.app.sign_certificate(cert_id, based_on_version=version, by=step.by)
        self.counts["signed"] += 1

    def _created(self, chain: Chain, cert_id: UUID) -> None:
        chain.current = cert_id
        self.ids.append(cert_id)
        self.counts["certificates"] += 1


def _laid_over(content: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """The draft's answers with ``answers`` laid over; an answer of None is removed."""
    merged = {**content, **answers}
    return {key: value for key, value in merged.items() if value is not None}
