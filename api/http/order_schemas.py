"""Request and response bodies of the orders from authorities (camelCase on the wire).

Texts are bounded here at twice (or more) their national limit, so a text just over the limit
reaches the order's validation and is refused with its code (GTA_FEL13), while a body of any
size is still refused before it is read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from api.http.schemas import VERSION_MOST, Body
from domain.orders.bestallning.order import ANSWER_TEXT_LIMIT
from domain.orders.bestallning.validation import (
    LONG_TEXT,
    NAME_TEXT,
    PERSONNUMMER_ROOT,
    SHORT_TEXT,
    Address,
    Official,
    OrderedFor,
    OrderedFrom,
    OrderRequest,
)

Long = Annotated[str, Field(max_length=2 * LONG_TEXT)]
Short = Annotated[str, Field(max_length=4 * SHORT_TEXT)]
Named = Annotated[str, Field(max_length=4 * NAME_TEXT)]
STATUS_TEXT = "OLAST (unread), LAST (read), ACCEPTERAD, AVVISAD, RADERAD (deleted) or KLAR (done)"


class OrderFormIn(Body):
    code: Short = Field(description="The order form, e.g. AF00213 (GTA_FEL08 when unknown)")
    code_system: Short = Field(description="fe11ea2d-9c5f-4786-b98f-bd5e6c93ea72 (GTA_FEL01)")


class CitizenIn(Body):
    personnummer: Short = Field(description="Normalised: 12 digits (GTA_FEL05)")
    id_root: Short = Field(default=PERSONNUMMER_ROOT,
                           description="1.2.752.129.2.1.3.1, or .3.3 for a samordningsnummer")
    background: Long = ""


class CareUnitIn(Body):
    hsa_id: Short
    care_giver_hsa_id: Short
    orgnr: Short = ""
    name: Named = ""
    email: Named = ""


class AddressIn(Body):
    street: Named = ""
    postcode: Short = ""
    town: Named = ""


class OfficialIn(Body):
    name: Named = ""
    phone: Short = ""
    email: Named = ""
    office: Named = ""
    cost_centre: Short = ""
    address: AddressIn = AddressIn()


class OrderIn(Body):
    """An order (OrderAssessment); the orderer is the authority of the token."""

    order_form: OrderFormIn
    citizen: CitizenIn
    care_unit: CareUnitIn
    purpose: Long = ""
    planned_actions: Long = ""
    case_reference: Short = ""
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
