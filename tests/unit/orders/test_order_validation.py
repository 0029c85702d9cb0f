"""What an order must satisfy (ORDERS.md §2, OrderAssessment validation): each rule with its
national error code, and the length limits at their edge."""

from __future__ import annotations

from datetime import date

import pytest

from api.http.order_schemas import OrderIn
from domain.orders.bestallning.validation import TEXT_LIMITS, order_issues
from domain.shared.care import CareUnit
from tests.factories import care_unit, personnummer
from tests.factories.orders import order_body, order_request

TODAY = date(2026, 11, 30)


def _codes(unit: CareUnit, authority: str = "AF", **overrides) -> set[tuple[str, str]]:
    return {(i.code.value, i.field)
            for i in order_issues(order_request(unit, **overrides), authority, TODAY)}


def test_order_passes_when_every_rule_holds():
    assert _codes(care_unit()) == set()


@pytest.mark.parametrize("authority", ["FKASSA", "SKV"])
def test_order_is_refused_gta_fel02_when_the_authority_does_not_order(authority):
    """ORDERS.md §2: AF, HSVARD, INVANA, TRANSP, SOS or SK, else GTA_FEL02."""
    assert _codes(care_unit(), authority) == {("GTA_FEL02", "authority")}


def test_order_is_refused_gta_fel01_when_the_form_code_system_is_another():
    """ORDERS.md §2: a form code system other than fe11ea2d-... is GTA_FEL01."""
    form = {"code": "AF00213", "codeSystem": "1.2.3"}
    assert _codes(care_unit(), orderForm=form) == {("GTA_FEL01", "orderForm.codeSystem")}


def test_order_is_refused_gta_fel08_when_the_form_is_unknown():
    """ORDERS.md §2: unknown form, GTA_FEL08."""
    form = {"code": "XX99", "codeSystem": "fe11ea2d-9c5f-4786-b98f-bd5e6c93ea72"}
    assert _codes(care_unit(), orderForm=form) == {("GTA_FEL08", "orderForm.code")}


@pytest.mark.parametrize("number", ["19600101-0000", "6001010000", "196001010001",
                                    "abcdefghijkl"])
def test_order_is_refused_gta_fel05_when_the_personnummer_is_not_normalised(number):
    """ORDERS.md §2: a personnummer that is not normalised is GTA_FEL05."""
    citizen = {"personnummer": number}
    assert _codes(care_unit(), citizen=citizen) == {("GTA_FEL05", "citizen.personnummer")}


def test_order_is_refused_gta_fel01_when_the_id_root_is_samordningsnummer_for_a_personnummer():
    """ORDERS.md §2: the wrong root for personnummer/samordningsnummer is GTA_FEL01."""
    citizen = {"personnummer": personnummer(), "idRoot": "1.2.752.129.2.1.3.3"}
    assert _codes(care_unit(), citizen=citizen) == {("GTA_FEL01", "citizen.idRoot")}


@pytest.mark.parametrize(("field", "limit"), [("purpose", 4000), ("plannedActions", 4000),
                                              ("caseReference", 64)])
def test_order_is_refused_gta_fel13_when_a_text_is_one_over_its_limit(field, limit):
    """ORDERS.md §2: purpose, plannedActions ≤4000, caseReference ≤64, else GTA_FEL13."""
    assert _codes(care_unit(), **{field: "x" * limit}) == set()
    assert _codes(care_unit(), **{field: "x" * (limit + 1)}) == {("GTA_FEL13", field)}


def test_order_is_refused_gta_fel13_when_the_official_name_is_over_255():
    """ORDERS.md §2: names and addresses ≤255."""
    unit = care_unit()
    body_official = {"name": "n" * 256, "phone": "1", "email": "a@b.se", "office": "o",
                     "costCentre": "x",
                     "address": {"street": "s", "postcode": "p" * 65, "town": "t"}}
    assert _codes(unit, official=body_official) == {
        ("GTA_FEL13", "official.name"), ("GTA_FEL13", "official.address.postcode")}


def test_order_is_refused_gta_fel09_and_fel06_when_the_unit_has_no_email_or_orgnr():
    """ORDERS.md §2: no e-mail for the unit is GTA_FEL09, no orgnr GTA_FEL06."""
    unit = care_unit()
    to = {"hsaId": unit.hsa_id, "careGiverHsaId": unit.care_giver_hsa_id, "name": "VC"}
    assert _codes(unit, careUnit=to) == {("GTA_FEL09", "careUnit.email"),
                                         ("GTA_FEL06", "careUnit.orgnr")}


def test_order_is_refused_gta_fel03_or_fel04_when_the_unit_is_no_hsa_id_or_another_givers():
    """ORDERS.md §2: HSA look-up failures GTA_FEL03/04 (the id's form and issuer here)."""
    unit = care_unit()
    base = {"orgnr": "2321000016", "email": "a@b.se"}
    bad = {"hsaId": "not-hsa", "careGiverHsaId": unit.care_giver_hsa_id, **base}
    assert _codes(unit, careUnit=bad) == {("GTA_FEL03", "careUnit.hsaId")}
    foreign = {"hsaId": unit.hsa_id, "careGiverHsaId": "SE9999999999-0001", **base}
    assert _codes(unit, careUnit=foreign) == {("GTA_FEL04", "careUnit.hsaId")}


def test_every_failing_rule_is_reported_at_once_when_several_fail():
    form = {"code": "XX99", "codeSystem": "fe11ea2d-9c5f-4786-b98f-bd5e6c93ea72"}
    codes = {code for code, _ in _codes(care_unit(), "SKV", orderForm=form, purpose="x" * 4001)}
    assert codes == {"GTA_FEL02", "GTA_FEL08", "GTA_FEL13"}


@pytest.mark.parametrize(("field", "limit"), sorted(TEXT_LIMITS.items()))
def test_order_body_takes_a_text_one_over_its_limit_when_the_validation_answers_gta_fel13(
        field, limit):
    """ORDERS.md §2 (GTA_FEL13); Hardening item 3 of the review leftovers: the request body
    bounds each limited text by the limit the order's validation states, above it, so a text
    one over its limit reaches the validation and is refused with its code, not as a bare 422
    of the body."""
    body = order_body(care_unit())
    *parents, name = field.split(".")
    part = body
    for parent in parents:
        part = part.setdefault(parent, {})
    part[name] = "x" * (limit + 1)
    request = OrderIn.model_validate(body).to_request()
    assert {(i.code.value, i.field) for i in order_issues(request, "AF", TODAY)} == {
        ("GTA_FEL13", field)}
