"""DOMAIN.md §8 Intygsstatistik: the facts, pseudonyms and scopes."""

from __future__ import annotations

from datetime import date

import pytest

from domain.shared.errors import (
    InvalidReportPeriodError,
    InvalidStatisticsScopeError,
    PseudonymKeyTooShortError,
)
from domain.statistics.facts import (
    CertificateFact,
    ReportPeriod,
    Scope,
    ScopeLevel,
    pseudonym,
)
from tests.factories.statistics import (
    GIVER,
    NATIONAL,
    REGION_01,
    UNIT_SCOPE,
    certificate,
    period,
)

KEY = "a-secret-key-for-tests-only"
PNR = "191212121212"


def test_pseudonym_differs_from_the_personnummer_when_made():
    """§8/§4: facts carry a keyed pseudonym, never the personnummer."""
    made = pseudonym(PNR, KEY)
    assert made != PNR
    assert PNR not in made
    assert len(made) == 64


def test_pseudonym_is_stable_when_the_key_is_the_same():
    """§8: one patient, one pseudonym, so certificates join into cases per patient."""
    assert pseudonym(PNR, KEY) == pseudonym(PNR, KEY)
    assert pseudonym(PNR, KEY) != pseudonym("191212121212", KEY + "x")
    assert pseudonym(PNR, KEY) != pseudonym("195501012385", KEY)


def test_pseudonym_is_refused_when_the_key_is_too_short():
    with pytest.raises(PseudonymKeyTooShortError):
        pseudonym(PNR, "short")


def test_certificate_fact_has_no_personnummer_when_built_from_a_pseudonym():
    """§8: the statistics store cannot be joined back to a person without the key."""
    fact = certificate(patient=pseudonym(PNR, KEY))
    assert not any("personnummer" in name for name in CertificateFact.model_fields)
    assert PNR not in fact.model_dump_json()


def test_lan_is_unknown_when_the_code_is_not_one_of_the_21():
    """§8: län 01-25 plus 00 unknown; 02, 11, 15 and 16 are not län."""
    assert certificate(lan="02").lan == "00"
    assert certificate(lan=None).lan == "00"
    assert certificate(lan="25").lan == "25"


def test_fact_is_counted_when_neither_revoked_nor_test():
    """§8: revoked certificates are removed; test certificates never enter."""
    assert certificate().counted
    assert not certificate(revoked=True).counted
    assert not certificate(test=True).counted


@pytest.mark.parametrize(("level", "scope_id"), [
    (ScopeLevel.NATIONAL, "01"),
    (ScopeLevel.REGION, None),
    (ScopeLevel.REGION, "02"),
    (ScopeLevel.CARE_UNIT, None),
])
def test_scope_is_refused_when_the_id_does_not_fit_the_level(level, scope_id):
    with pytest.raises(InvalidStatisticsScopeError):
        Scope(level=level, id=scope_id)


def test_scope_suppresses_when_national_or_region():
    """§8: suppression at national and region level only."""
    assert NATIONAL.suppressed
    assert REGION_01.suppressed
    assert not UNIT_SCOPE.suppressed
    assert not Scope(level=ScopeLevel.CARE_GIVER, id=GIVER).suppressed


def test_report_period_is_refused_when_it_ends_before_it_starts():
    with pytest.raises(InvalidReportPeriodError):
        ReportPeriod(first=date(2024, 2, 1), last=date(2024, 1, 31))


def test_sick_leave_period_is_refused_when_degree_is_not_a_quarter_step():
    """§8: degree 25/50/75/100 %."""
    with pytest.raises(ValueError, match="degree"):
        period(date(2024, 1, 1), date(2024, 1, 2), degree=60)
