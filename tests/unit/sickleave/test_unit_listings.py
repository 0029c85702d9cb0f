"""What a scope and filter of a unit's overview shows after a change at the unit (issue 17,
deliverable 2): the access entry's subjects (PDL: every patient and certificate shown) are
taken from the listing before only when the new listing shows the same patients and the same
certificates, else they are worked out anew; and the body made from the body before is the
very body made case by case."""

from __future__ import annotations

import random
from collections.abc import Sequence

import orjson

from api.runtime.unit_listings import PIECES, Listing, json_array, listing
from domain.access.entry import ReadSubjects, subjects_of
from domain.sickleave.model import SickLeaveCase
from tests.factories.sickleave import OTHER_PATIENT, case

WORKED_OUT: list[Sequence[SickLeaveCase]] = []


def worked_out(shown: Sequence[SickLeaveCase]) -> ReadSubjects:
    WORKED_OUT.append(shown)
    return subjects_of((c.personnummer.encode() for c in shown),
                       (i for c in shown for i in c.certificate_ids))


def encode(shown: SickLeaveCase) -> bytes:
    return orjson.dumps({"personnummer": shown.personnummer, "ids": shown.certificate_ids,
                         "komplt": shown.open_komplt})


def made(shown: Sequence[SickLeaveCase], before: Listing | None = None) -> Listing:
    return listing(shown, {}, encode, worked_out, before)


def before_and(*shown: SickLeaveCase) -> Listing:
    return made(list(shown))


def test_the_subjects_before_are_kept_when_a_case_is_replaced_by_one_naming_the_same():
    """A row rewritten (a question answered): its new case names the same patient and
    certificates, so the entry's subjects are the ones worked out before."""
    mine, theirs = case(certificate_ids=("a",)), case(personnummer=OTHER_PATIENT,
                                                      certificate_ids=("b",))
    before = before_and(mine, theirs)
    WORKED_OUT.clear()
    answered = case(certificate_ids=("a",), open_komplt=1)
    after = made([answered, theirs], before)
    assert after.subjects is before.subjects and WORKED_OUT == []


def test_the_certificates_are_counted_anew_when_a_case_names_another_certificate():
    """DOMAIN.md §7 (a renewal joins the case) and PDL: the new certificate is in the entry's
    count; the same patients are shown, so their packing is the one made before."""
    mine, theirs = case(certificate_ids=("a",)), case(personnummer=OTHER_PATIENT,
                                                      certificate_ids=("b",))
    before = before_and(mine, theirs)
    renewed = case(certificate_ids=("a", "c"))
    after = made([renewed, theirs], before)
    assert after.subjects == worked_out([renewed, theirs]) != before.subjects
    assert after.subjects.certificate_count == 3
    assert after.subjects.patients is before.subjects.patients


def test_the_subjects_are_worked_out_anew_when_a_patient_leaves_the_listing():
    mine, theirs = case(certificate_ids=("a",)), case(personnummer=OTHER_PATIENT,
                                                      certificate_ids=("b",))
    before = before_and(mine, theirs)
    WORKED_OUT.clear()
    after = made([theirs], before)
    assert [[theirs]] == WORKED_OUT
    assert after.subjects == worked_out([theirs]) != before.subjects


def test_a_body_made_from_the_body_before_is_the_body_made_case_by_case():
    """After changes at the unit (cases left, came, replaced, in the overview's order), the
    listing made from the one before has the body, case starts and access-entry subjects of
    one made anew (a certificate is one patient's: its id is in that patient's case only)."""
    rng = random.Random(17)
    cases = [case(personnummer=f"19{n:010d}", certificate_ids=(f"c{n}",)) for n in range(300)]
    before = made(cases)
    for _ in range(200):
        now = list(before.shown)
        for _ in range(rng.randint(0, 6)):
            action = rng.choice(("leave", "come", "replace"))
            if action == "leave" and now:
                now.pop(rng.randrange(len(now)))
            elif action == "come":
                came = f"20{rng.randrange(10**10):010d}"
                now.insert(rng.randint(0, len(now)),
                           case(personnummer=came, certificate_ids=(f"{came}-1",)))
            elif now:  # a question answered, or a renewal joining (ids unique per patient)
                at, more = rng.randrange(len(now)), rng.randint(0, 2)
                was = now[at]
                now[at] = case(personnummer=was.personnummer, open_komplt=rng.randint(1, 9),
                               certificate_ids=was.certificate_ids + tuple(
                                   f"{was.personnummer}-{rng.random()}" for _ in range(more)))
        after = made(now, before)
        anew = json_array(now, {}, encode)
        assert (after.body, list(after.starts)) == anew
        assert orjson.loads(after.body) == [orjson.loads(encode(c)) for c in now]
        assert after.subjects == worked_out(now)
        before = after


def test_an_empty_listing_and_one_mostly_new_are_made_case_by_case():
    shown = [case(personnummer=f"19{n:010d}") for n in range(3 * PIECES)]
    before = made(shown[::2])
    assert made(shown, before).body == json_array(shown, {}, encode)[0]
    assert made([], before).body == b"[]"
    assert made(shown[:1], made([])).body == b"[" + encode(shown[0]) + b"]"
