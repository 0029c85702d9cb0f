"""AG1-14 content version 2 (TYPES.md §5, CS v2.0) and its upcaster from version 1: the rules
that changed, and version-1 content lifted so that it passes version 2."""

from __future__ import annotations

from typing import Any

import pytest

from domain.content import registry as contents
from domain.content.ag.ag114_v2 import Ag114V2Content, from_v1, validate_ag114_v2
from domain.shared.validation import IssueCode, ValidationIssue
from tests.factories.content import CARE_UNIT, TODAY
from tests.factories.content import maximal_ag114_v1 as maximal_v1
from tests.factories.content import minimal_ag114_v1 as minimal_v1
from tests.factories.content import minimal_ag114_v2 as minimal
from tests.unit.content.issue_helpers import answered, only


def validate(raw: dict[str, Any]) -> list[ValidationIssue]:
    return validate_ag114_v2(Ag114V2Content.model_validate(raw), TODAY, CARE_UNIT)


def test_minimal_version_2_certificate_passes():
    assert minimal()["sysselsattning"] == "Lagerarbetare"
    assert validate(minimal()) == []


def test_upcast_of_the_maximal_version_1_certificate_passes_version_2():
    lifted = from_v1(maximal_v1())
    assert validate(lifted) == []
    assert [row["typ"] for row in lifted["grundForMU"]] == [
        "FYSISKUNDERSOKNING", "TELEFONKONTAKT", "JOURNALUPPGIFTER", "ANNAT"]
    assert "nuvarandeArbete" not in lifted
    untouched = {k: v for k, v in maximal_v1().items()
                 if k not in ("grundForMU", "sysselsattning", "nuvarandeArbete")}
    assert {k: lifted[k] for k in untouched} == untouched


def test_upcast_keeps_values_version_2_refuses_so_they_are_reported_not_lost():
    lifted = from_v1(answered(minimal_v1(), "sjukskrivningsgrad", "0"))
    assert lifted["sjukskrivningsgrad"] == "0"
    assert only(validate(lifted)) == ("7.1", "sjukskrivningsgrad", IssueCode.INVALID_VALUE)


def test_v2_basis_undersokning_no_longer_exists():
    raw = answered(minimal(), "grundForMU", [{"typ": "UNDERSOKNING", "datum": "2026-11-27"}])
    assert only(validate(raw)) == ("10", "grundForMU[0].typ", IssueCode.INVALID_VALUE)


@pytest.mark.parametrize("basis", ["FYSISKUNDERSOKNING", "DIGITALUNDERSOKNING"])
def test_v2_new_examination_bases_are_accepted(basis):
    assert validate(answered(minimal(), "grundForMU", [{"typ": basis,
                                                        "datum": "2026-11-27"}])) == []


def test_v2_annat_description_at_most_50_characters():
    raw = answered(minimal(), "grundForMU", [
        {"typ": "FYSISKUNDERSOKNING", "datum": "2026-11-27"},
        {"typ": "ANNAT", "datum": "2026-11-27", "beskrivning": "x" * 51}])
    assert only(validate(raw)) == ("10.3", "grundForMU[1].beskrivning", IssueCode.TOO_LONG)


def test_v2_occupation_is_a_mandatory_free_text_on_1_1():
    assert only(validate(answered(minimal(), "sysselsattning", None))) == (
        "1.1", "sysselsattning", IssueCode.MISSING)


@pytest.mark.parametrize(("degree", "ok"), [("1", True), ("100", True), ("0", False),
                                            ("101", False)])
def test_v2_degree_is_1_to_100_percent(degree, ok):
    issues = validate(answered(minimal(), "sjukskrivningsgrad", degree))
    assert (issues == []) is ok


def test_registry_drafts_in_version_2_and_still_reads_version_1():
    assert contents.version_of("ag114") == 2
    assert contents.versions_of("ag114") == [1, 2]
    v1 = contents.parse_and_dump("ag114", maximal_v1(), version=1)
    assert v1 == maximal_v1()
    assert contents.validate("ag114", v1, TODAY, CARE_UNIT, version=1) == []
    assert contents.upcast("ag114", v1, 1) == from_v1(maximal_v1())
    with pytest.raises(Exception, match="shape"):
        contents.parse("ag114", maximal_v1())  # a version-1 list is not a version-2 text
