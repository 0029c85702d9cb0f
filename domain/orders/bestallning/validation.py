"""What an order from an authority must satisfy before it is taken (OrderAssessment): each
failure is reported with the national error code, all of them at once.

- GTA_FEL02: the orderer is not one of the authorities that order (AF, HSVARD, INVANA, TRANSP,
  SOS, SK).
- GTA_FEL01: the order form is not coded in the order forms' code system, or the citizen's id
  root is neither personnummer's nor samordningsnummer's (or does not match the number).
- GTA_FEL08: an unknown order form.
- GTA_FEL05: the personnummer is not normalised (12 digits with a valid date and check digit).
- GTA_FEL13: a text over its limit: purpose, planned actions and background 4000; case
  reference, cost centre, phone and postcode 64; names, addresses and e-mail 255.
- GTA_FEL03 / GTA_FEL04: the care unit is not an HSA id / not one of its care giver's units
  (there is no HSA directory here: the id's form and its issuer stand in for the look-up).
- GTA_FEL06: no organisation number for the care giver; GTA_FEL09: no e-mail for the unit.
The citizen's name is never taken: it is looked up when the order is shown.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict

from domain.orders.bestallning.forms import FORM_CODE_SYSTEM, ORDER_FORMS
from domain.shared.care import unit_belongs_to_care_giver
from domain.shared.errors import InvalidInputError, InvalidPersonnummerError
from domain.shared.identities import check_hsa_id, is_samordningsnummer, normalise_personnummer
from domain.shared.validation import IssueCode, ValidationIssue

ORDERING_AUTHORITIES = frozenset({"AF", "HSVARD", "INVANA", "TRANSP", "SOS", "SK"})
PERSONNUMMER_ROOT = "1.2.752.129.2.1.3.1"
SAMORDNINGSNUMMER_ROOT = "1.2.752.129.2.1.3.3"
LONG_TEXT, SHORT_TEXT, NAME_TEXT = 4000, 64, 255
_TWELVE_DIGITS = re.compile(r"^\d{12}$")


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Address(_Part):
    street: str = ""
    postcode: str = ""
    town: str = ""


class Official(_Part):
    """The authority's handläggare."""

    name: str = ""
    phone: str = ""
    email: str = ""
    office: str = ""
    cost_centre: str = ""
    address: Address = Address()


class OrderedFor(_Part):
    """The citizen the certificate is ordered for: the number and a background, no name."""

    personnummer: str
    id_root: str = PERSONNUMMER_ROOT
    background: str = ""


class OrderedFrom(_Part):
    """The care unit ordered from, as the authority addresses it."""

    hsa_id: str
    care_giver_hsa_id: str
    orgnr: str = ""
    name: str = ""
    email: str = ""


class OrderRequest(_Part):
    form_code: str
    form_code_system: str
    citizen: OrderedFor
    care_unit: OrderedFrom
    purpose: str = ""
    planned_actions: str = ""
    case_reference: str = ""
    official: Official = Official()


class OrderInvalidError(InvalidInputError):
    """The order breaks one or more of the rules above; ``issues`` name each with its code."""


def _issue(field: str, code: IssueCode, message: str) -> ValidationIssue:
    return ValidationIssue(question_id="order", field=field, code=code, message=message)


TEXT_LIMITS: dict[str, int] = {
    "purpose": LONG_TEXT, "plannedActions": LONG_TEXT, "citizen.background": LONG_TEXT,
    "caseReference": SHORT_TEXT, "official.costCentre": SHORT_TEXT,
    "official.phone": SHORT_TEXT, "official.address.postcode": SHORT_TEXT,
    "official.name": NAME_TEXT, "official.email": NAME_TEXT, "official.office": NAME_TEXT,
    "official.address.street": NAME_TEXT, "official.address.town": NAME_TEXT,
    "careUnit.name": NAME_TEXT, "careUnit.email": NAME_TEXT,
}
"""GTA_FEL13: each limited text by its field on the wire, and its national limit."""


def _text_at(request: OrderRequest, field: str) -> str:
    found: object = request
    for name in field.split("."):
        found = getattr(found, re.sub(r"[A-Z]", lambda upper: f"_{upper[0].lower()}", name))
    return str(found)


def _normalised(personnummer: str, today: date) -> bool:
    if not _TWELVE_DIGITS.match(personnummer):
        return False
    try:
        return normalise_personnummer(personnummer, today) == personnummer
    except InvalidPersonnummerError:
        return False


def _identity_issues(request: OrderRequest, today: date) -> list[ValidationIssue]:
    number, root = request.citizen.personnummer, request.citizen.id_root
    if not _normalised(number, today):
        return [_issue("citizen.personnummer", IssueCode.GTA_FEL05,
                       "The personnummer must be normalised: 12 digits, a real date of birth "
                       "and a valid check digit.")]
    wanted = SAMORDNINGSNUMMER_ROOT if is_samordningsnummer(number) else PERSONNUMMER_ROOT
    if root != wanted:
        return [_issue("citizen.idRoot", IssueCode.GTA_FEL01,
                       f"The id root of this number must be {wanted}.")]
    return []


def _unit_issues(unit: OrderedFrom) -> list[ValidationIssue]:
    try:
        check_hsa_id(unit.hsa_id)
        check_hsa_id(unit.care_giver_hsa_id)
    except ValueError:
        return [_issue("careUnit.hsaId", IssueCode.GTA_FEL03,
                       "The care unit and its care giver must be HSA ids.")]
    found = []
    if not unit_belongs_to_care_giver(unit.hsa_id, unit.care_giver_hsa_id):
        found.append(_issue("careUnit.hsaId", IssueCode.GTA_FEL04,
                            "The care unit is not one of the care giver's units."))
    if not unit.orgnr.strip():
        found.append(_issue("careUnit.orgnr", IssueCode.GTA_FEL06,
                            "The care giver's organisation number is missing."))
    if not unit.email.strip():
        found.append(_issue("careUnit.email", IssueCode.GTA_FEL09,
                            "The care unit has no e-mail address to be told of the order."))
    return found


def order_issues(request: OrderRequest, authority: str, today: date) -> list[ValidationIssue]:
    """Every rule the order breaks (empty: it may be taken)."""
    found = []
    if authority not in ORDERING_AUTHORITIES:
        found.append(_issue("authority", IssueCode.GTA_FEL02,
                            "This authority does not order certificates here."))
    if request.form_code_system != FORM_CODE_SYSTEM:
        found.append(_issue("orderForm.codeSystem", IssueCode.GTA_FEL01,
                            f"Order forms are coded in {FORM_CODE_SYSTEM}."))
    elif request.form_code not in ORDER_FORMS:
        found.append(_issue("orderForm.code", IssueCode.GTA_FEL08, "Unknown order form."))
    found += _identity_issues(request, today)
    found += [_issue(field, IssueCode.GTA_FEL13, f"At most {limit} characters.")
              for field, limit in TEXT_LIMITS.items() if len(_text_at(request, field)) > limit]
    return found + _unit_issues(request.care_unit)


def check_order(request: OrderRequest, authority: str, today: date) -> None:
    """Refuse (``OrderInvalidError``, every issue named) unless the order may be taken."""
    issues = order_issues(request, authority, today)
    if issues:
        raise OrderInvalidError("The order breaks the rules of an order: see errors.", issues)
