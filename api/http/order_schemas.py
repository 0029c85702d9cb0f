"""Request and response bodies of the orders from authorities (camelCase on the wire).

A text the order's validation limits (``TEXT_LIMITS``, GTA_FEL13) is bounded here at twice its
national limit, a short one (at most 255) at four times, so a text just over the limit reaches
the validation and is refused with its code, while a body of any size is still refused before
it is read. Codes and ids without a national limit are bounded as short texts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field

from api.http.schemas import VERSION_MOST, Body
from domain.orders.bestallning.order import ANSWER_TEXT_LIMIT
from domain.orders.bestallning.validation import (
    NAME_TEXT,
    PERSONNUMMER_ROOT,
    SHORT_TEXT,
    TEXT_LIMITS,
    Address,
    Official,
    OrderedFor,
    OrderedFrom,
    OrderRequest,
)


def _accepted(limit: int) -> int:
    return limit * (4 if limit <= NAME_TEXT else 2)


def _text(field: str) -> Any:
    """The body field of the order's ``field`` (as the validation names it), bounded by its
    limit there; empty unless given."""
    return Field(default="", max_length=_accepted(TEXT_LIMITS[field]))


Short = Annotated[str, Field(max_length=_accepted(SHORT_TEXT))]
STATUS_TEXT = "OLAST (unread), LAST (read), ACCEPTERAD, AVVISAD, RADERAD (deleted) or KLAR (done)"


class OrderFormIn(Body):
    code: Short = Field(description="The order form, e.g. AF00213 (GTA_FEL08 when unknown)")
    code_system: Short = Field(description="fe11ea2d-9c5f-4786-b98f-bd5e6c93ea72 (GTA_FEL01)")


class CitizenIn(Body):
    personnummer: Short = Field(description="Normalised: 12 digits (GTA_FEL05)")
    id_root: Short = Field(default=PERSONNUMMER_ROOT,
                           description="1.2.752.129.2.1.3.1, or .3.3 for a samordningsnummer")
    background: str = _text("citizen.background")


class CareUnitIn(Body):
    hsa_id: Short
    care_giver_hsa_id: Short
    orgnr: Short = ""
    name: str = _text("careUnit.name")
    email: str = _text("careUnit.email")


class AddressIn(Body):
    street: str = _text("official.address.street")
    postcode: str = _text("official.address.postcode")
    town: str = _text("official.address.town")


class OfficialIn(Body):
    name: str = _text("official.name")
    phone: str = _text("official.phone")
    email: str = _text("official.email")
    office: str = _text("official.office")
    cost_centre: str = _text("official.costCentre")
    address: AddressIn = AddressIn()


class OrderIn(Body):
    """An order (OrderAssessment); the orderer is the authority of the token."""

    order_form: OrderFormIn
    citizen: CitizenIn
    care_unit: CareUnitIn
    purpose: str = _text("purpose")
    planned_actions: str = _text("plannedActions")
    case_reference: str = _text("caseReference")
    official: OfficialIn = OfficialIn()

    def to_request(self) -> OrderRequest:
        official, address = self.official, self.official.address
        return OrderRequest(
            form_code=self.order_form.code, form_code_system=self.order_form.code_system,
            citizen=OrderedFor(personnummer=self.citizen.personnummer,
                               id_root=self.citizen.id_root, background=self.citizen.background),
            care_unit=OrderedFrom(**self.care_unit.model_dump()),
            purpose=self.purpose, planned_actions=self.planned_actions,
            case_reference=self.case_reference,
            official=Official(name=official.name, phone=official.phone, email=official.email,
                              office=official.office, cost_centre=official.cost_centre,
                              address=Address(**address.model_dump())))


class AnswerIn(Body):
    text: Annotated[str, Field(max_length=2 * ANSWER_TEXT_LIMIT)] = ""


class DeleteIn(Body):
    confirm: Literal[True] = Field(description="Reject and delete only when confirmed")
    text: Annotated[str, Field(max_length=2 * ANSWER_TEXT_LIMIT)] = ""


class OrderResultOut(Body):
    id: UUID
    status: str = Field(description=STATUS_TEXT)
    version: int = Field(ge=1, le=VERSION_MOST)
    position: int | None = Field(description="The log position of the command's last event")


class ListedOrderOut(Body):
    id: str
    status: str = Field(description=STATUS_TEXT)
    overdue: bool = Field(description="Unread for longer than the form's first reminder delay")
    authority: str
    form: str
    certificate_type: str
    personnummer: str
    case_reference: str
    received_at: datetime
    updated_at: datetime


class OrderOut(Body):
    id: UUID
    status: str = Field(description=STATUS_TEXT)
    version: int
    authority: str
    form: str
    certificate_type: str
    received_at: datetime
    citizen: CitizenIn
    care_unit: CareUnitIn
    purpose: str
    planned_actions: str
    case_reference: str
    official: OfficialIn


class TimelineEntryOut(Body):
    at: datetime
    event: str = Field(description="OrderReceived, OrderRead, OrderAccepted, OrderRejected, "
                                   "OrderDeleted, OrderDone, OrderAnswered or NotificationSent")
    actor: str = Field(description="The HSA id of who did it (empty for the authority or mail)")
    answer: str | None = Field(description="The answer to the orderer (ACCEPTERAT, AVVISAT, "
                                           "RADERAT, MEDDELANDE), or the mail's type")
    text: str | None
