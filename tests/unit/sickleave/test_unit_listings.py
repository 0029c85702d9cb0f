"""What a scope and filter of a unit's overview shows after a change at the unit (issue 17,
deliverable 2): the access entry's subjects (PDL: every patient and certificate shown) are
taken from the listing before only when the new listing shows the same patients and the same
certificates; else they are worked out anew."""

from __future__ import annotations

from collections.abc import Sequence

from api.runtime.unit_listings import Listing, listing
from domain.access.entry import ReadSubjects, subjects_of
from domain.sickleave.model import SickLeaveCase
from tests.factories.sickleave import OTHER_PATIENT, case

WORKED_OUT: list[Sequence[SickLeaveCase]] = []


def worked_out(shown: Sequence[SickLeaveCase]) -> ReadSubjects:
    WORKED_OUT.append(shown)
    return subjects_of((c.personnummer.encode() for c in shown),
                       (i for c in shown for i in c.certificate_ids))


def before_and(*shown: SickLeaveCase) -> Listing:
    return listing(list(shown), b"[]", worked_out)


def test_the_subjects_before_are_kept_when_a_case_is_replaced_by_one_naming_the_same():
    """A row rewritten (a question answered): its new case names the same patient and
    certificates, so the entry's subjects are the ones worked out before."""
    mine, theirs = case(certificate_ids=("a",)), case(personnummer=OTHER_PATIENT,
                                                      certificate_ids=("b",))
    before = before_and(mine, theirs)
    WORKED_OUT.clear()
    answered = case(certificate_ids=("a",), open_komplt=1)
    after = listing([answered, theirs], b"[]", worked_out, before)
    assert after.subjects is before.subjects and WORKED_OUT == []


def test_the_subjects_are_worked_out_anew_when_a_case_names_another_certificate():
    """DOMAIN.md §7 (a renewal joins the case) and PDL: the new certificate is in the entry."""
    mine, theirs = case(certificate_ids=("a",)), case(personnummer=OTHER_PATIENT,
                                                      certificate_ids=("b",))
    before = before_and(mine, theirs)
    renewed = case(certificate_ids=("a", "c"))
    after = listing([renewed, theirs], b"[]", worked_out, before)
    assert after.subjects == worked_out([renewed, theirs]) != before.subjects
    assert after.subjects.certificate_count == 3


def test_the_subjects_are_worked_out_anew_when_a_patient_leaves_the_listing():
    mine, theirs = case(certificate_ids=("a",)), case(personnummer=OTHER_PATIENT,
                                                      certificate_ids=("b",))
    before = before_and(mine, theirs)
    WORKED_OUT.clear()
    after = listing([theirs], b"[]", worked_out, before)
    assert [[theirs]] == WORKED_OUT
    assert after.subjects == worked_out([theirs]) != before.subjects
