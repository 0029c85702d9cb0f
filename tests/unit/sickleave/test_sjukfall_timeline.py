"""DOMAIN.md §7 on a patient's timeline: what the engine works out once per patient (which
certificates count, their order, signing order, gaps) gives the same chains and cases as the
rule applied to the certificates themselves, for any maxGap and any day."""

from __future__ import annotations

import random
from datetime import timedelta

from domain.sickleave.engine import chains, current_cases, timeline_cases
from domain.sickleave.timeline import split, timeline_of
from tests.factories.sickleave import DEFAULT, OTHER_PATIENT, OTHER_UNIT, cert, d, iso


def walked_chains(certs: list, max_gap: int) -> list[list[str]]:
    """§7 joining written out on its own: in start order, a certificate joins the chain when
    its start <= the chain's furthest end + maxGap + 1."""
    result: list[list] = []
    for c in sorted(certs, key=lambda c: (c.start, c.end, c.certificate_id)):
        if result and c.start <= max(x.end for x in result[-1]) + timedelta(days=max_gap + 1):
            result[-1].append(c)
        else:
            result.append([c])
    return [[c.certificate_id for c in chain] for chain in result]


def scattered(rng: random.Random, count: int) -> list:
    """Certificates of one patient that overlap, nest and leave gaps of up to 25 days, all in
    the test year."""
    found, start = [], iso("01-05")
    for n in range(count):
        start += timedelta(days=rng.randint(0, 25))
        end = start + timedelta(days=rng.randint(0, 30))
        found.append(cert(start.strftime("%m-%d"), end.strftime("%m-%d"), signed=n))
    return found


def test_chains_from_the_gaps_equal_the_walk_for_every_max_gap_when_certificates_scatter():
    rng = random.Random(7)
    for _ in range(20):
        certs = scattered(rng, rng.randint(1, 8))
        [timeline] = timeline_of(certs)
        ids = [e.certificate_id for e in timeline.entries]
        for max_gap in range(0, 91):
            expected = walked_chains(certs, max_gap)
            assert split(ids, [e.gap for e in timeline.entries], max_gap) == expected
            assert [[c.certificate_id for c in ch] for ch in chains(certs, max_gap)] == expected


def test_a_timeline_holds_only_the_certificates_that_count_when_others_are_revoked_or_unsigned():
    kept = cert("03-01", "03-10")
    dropped = [cert("03-02", "03-09", revoked=True), cert("03-02", "03-09", test=True),
               cert("03-02", "03-09", smittskydd=True), cert("03-02", "03-09", signed_at=None),
               cert("03-02", "03-09", diagnosis_code=None),
               cert("03-02", "03-09", certificate_type="ag7804")]
    [timeline] = timeline_of([kept, *dropped])
    assert [e.certificate_id for e in timeline.entries] == [kept.certificate_id]
    assert timeline_of(dropped) == []


def test_a_timeline_is_one_per_unit_and_patient_when_a_patient_has_two_units():
    certs = [cert("03-01", "03-10"), cert("03-01", "03-10", care_unit_id=OTHER_UNIT),
             cert("03-01", "03-10", personnummer=OTHER_PATIENT, sex="F",
                  patient_name="Tolva Tolvansson")]
    found = {(t.entries[0].care_unit_id, t.personnummer): t for t in timeline_of(certs)}
    assert len(found) == 3
    assert found[(certs[2].care_unit_id, OTHER_PATIENT)].patient_names == ("Tolva Tolvansson",)


def test_the_signing_rank_orders_by_signing_time_then_id_when_times_are_equal():
    early, late = cert("03-05", "03-20", signed=1), cert("03-01", "03-20", signed=9)
    same_a = cert("03-02", "03-20", signed=5, certificate_id="a")
    same_b = cert("03-03", "03-20", signed=5, certificate_id="b")
    [timeline] = timeline_of([early, late, same_a, same_b])
    rank = {e.certificate_id: e.signing_rank for e in timeline.entries}
    assert rank == {early.certificate_id: 0, "a": 1, "b": 2, late.certificate_id: 3}


def test_cases_from_timelines_equal_the_rule_when_asked_on_each_day_of_a_scattered_history():
    """The anchor of §7 (latest signed active certificate, else the last ended) and its chain,
    asked for every day of the history and with maxGap 0, 5 and 30."""
    rng = random.Random(11)
    certs = scattered(rng, 7)
    [timeline] = timeline_of(certs)
    for offset in range(0, 260, 3):
        day = d(1, 1) + timedelta(days=offset)
        for max_gap in (0, 5, 30):
            settings = DEFAULT.model_copy(update={"max_gap": max_gap})
            cases = current_cases([timeline], day, settings)
            active = [c for c in certs if c.is_active_on(day)]
            if not active:  # maxDaysSinceEnded 0: a case ended before the day is not listed
                assert cases == []
                continue
            anchor = max(active, key=lambda c: c.signed_at)
            [case] = cases
            chain = next(ch for ch in walked_chains(certs, max_gap)
                         if anchor.certificate_id in ch)
            assert (case.active_certificate_id, list(case.certificate_ids)) == (
                anchor.certificate_id, chain)
            assert case in timeline_cases(timeline, day, settings)
