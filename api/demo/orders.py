"""The orders part of ``intyg demo``: orders from authorities (Intygsbeställning) and one FMU
investigation, written through the ``Orders`` and ``Investigations`` applications, so a demo
run exercises the orders' and the investigations' topics and views too.

The citizens and texts are drawn from the seed: an order from Arbetsförmedlingen to each of
the demo's first ``ORDERED_UNITS`` units, for a citizen of its own, with a background, a
purpose, planned actions and a case reference; each is read and accepted (without a text: the
unit's text goes to the ordering authority's system in clear, docs/sealing.md). One FMU
investigation from Försäkringskassan: asked, answered by the unit with a comment, assigned,
ordered for a citizen and updated with Försäkringskassan's comment.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from api.demo.content import personnummer
from api.demo.data import UNITS
from commands.certificates import Certificates
from commands.investigations import Investigations
from commands.orders import Orders
from domain.orders.bestallning.forms import FORM_CODE_SYSTEM
from domain.orders.bestallning.validation import (
    Official,
    OrderedFor,
    OrderedFrom,
    OrderRequest,
)
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.codes import Actor, Answer, AssessmentKind
from domain.orders.fmu.performer import Performer, PerformerType
from domain.shared.care import CareUnit, Role, Staff
from domain.shared.privileges import Privilege

ORDERED_UNITS = 2
FORM = "AF00213"
BACKGROUNDS = ("Arbetssökande sedan ett år, tidigare lagerarbetare med ryggbesvär.",
               "Inskriven på Arbetsförmedlingen efter lång sjukskrivning för utmattning.")
PURPOSES = ("Underlag för att planera arbetsinriktade insatser.",
            "Underlag för bedömning av arbetsförmåga inför arbetsträning.")


def seed_orders(app: Certificates, seed: int) -> dict[str, int]:
    """Write the demo's orders and its FMU investigation; how many of each."""
    rng = Random(f"intyg-demo-orders-{seed}")
    born = date(1970, 1, 1) + timedelta(days=rng.randint(0, 9000))
    orders = Orders(app, app.clock)
    for number, row in enumerate(UNITS[:ORDERED_UNITS]):
        unit = CareUnit(hsa_id=f"{row[0].split('-')[0]}-{row[1]}", care_giver_hsa_id=row[0],
                        name=row[2])
        citizen = personnummer(rng, born + timedelta(days=number * 211), woman=number % 2 == 0)
        made = orders.create_order(_request(unit, citizen, number), "AF")
        staff = Staff(hsa_id=f"{row[0].split('-')[0]}-A{row[1][1:]}1", name="Vera Vårdadmin",
                      role=Role.CARE_ADMIN,
                      care_unit_hsa_id=unit.hsa_id, care_giver_hsa_id=unit.care_giver_hsa_id)
        orders.view_order(made.id, staff)
        orders.accept(made.id, staff, "")
    _investigation(app, personnummer(rng, born + timedelta(days=4000), woman=True))
    return {"orders": ORDERED_UNITS, "investigations": 1}


def _request(unit: CareUnit, citizen: str, number: int) -> OrderRequest:
    return OrderRequest(
        form_code=FORM, form_code_system=FORM_CODE_SYSTEM,
        citizen=OrderedFor(personnummer=citizen, background=BACKGROUNDS[number % 2]),
        care_unit=OrderedFrom(hsa_id=unit.hsa_id, care_giver_hsa_id=unit.care_giver_hsa_id,
                              orgnr=unit.care_giver_hsa_id[2:12], name=unit.name,
                              email="bestallningar@vardcentralen.example"),
        purpose=PURPOSES[number % 2], planned_actions="Arbetsprövning och kartläggning.",
        case_reference=f"AF-DEMO-{number + 1:04d}",
        official=Official(name="Handläggare Hansson", office="Arbetsförmedlingen Solna"))


def _investigation(app: Certificates, citizen: str) -> None:
    landsting, unit = "SE2321000016-LT01", f"{UNITS[0][0].split('-')[0]}-{UNITS[0][1]}"
    fk = Caller(Actor.FK, "FKASSA")
    coordinator = Caller(Actor.SAMORDNARE, "SE2321000016-SA01", landsting,
                         frozenset({Privilege.FMU_SAMORDNARE}))
    admin = Caller(Actor.VARDADMIN, "SE2321000016-VA01", unit,
                   frozenset({Privilege.FMU_VARDADMIN}))
    investigations = Investigations(app, clock=app.clock)
    today = app.clock().date()
    made = investigations.receive_request(fk, kind=AssessmentKind.AFU, landsting=landsting,
                                          fk_answer_by=today + timedelta(days=14))
    investigations.ask_units(made.id, coordinator, [unit])
    investigations.answer_request(
        made.id, admin, Answer.ACCEPTERA, "Vi tar utredningen, läkaren har tider nästa vecka.",
        Performer(type=PerformerType.ENHET, name="Utredningsenheten Kungsholmen",
                  address="Fleminggatan 22", postnummer="11226", postort="Stockholm",
                  starts_on=today, email="fmu@vardcentralen.example"))
    investigations.assign(made.id, coordinator, unit)
    investigations.receive_order(made.id, fk, unit, today + timedelta(days=40), True, False,
                                 citizen=citizen)
    investigations.update_order(made.id, fk, None, True,
                                "Medborgaren har bytt adress och behöver kallelse per post.",
                                None, None)
