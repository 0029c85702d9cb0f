"""Försäkringskassan's service messages to the FMU service (ORDERS.md §1.10 incoming), over the
API with the authority's token (a recipient system's token, ``sub`` FKASSA).

Each message is validated and mapped to one command of the investigation. A refusal is a
problem+json 4xx whose ``code`` is the national one where §1.10 names it: TA_FEL01 (no such
landsting), TA_FEL04 (not the assigned unit), TA_FEL05 (no such visit), TA_FEL07 (no last
date), TA_FEL10 (nothing to update), TA_FEL13 (not orderable), GTA_FEL05 (no personnummer).
ReportContinuationDecision is listed nationally but was never implemented; it is not here.
"""

from __future__ import annotations

import re
from uuid import UUID

from fastapi import APIRouter

from api.http.fmu import AuthorityDep, InvestigationsDep, changed
from api.http.fmu_answers import ChangedOut
from api.http.fmu_schemas import (
    AssessmentRequestIn,
    CertificateReceiptIn,
    DeviationIn,
    EndAssessmentIn,
    OrderIn,
    OrderUpdateIn,
    SupplementReceiptIn,
    SupplementRequestIn,
)
from api.http.idempotency import IdempotencyKey, caller_of
from api.http.openapi import problems
from commands.orders import RequestKey
from domain.orders.fmu.callers import Caller
from domain.orders.fmu.errors import UnknownLandstingError
from domain.shared.errors import InvalidInputError
from domain.shared.identities import normalise_personnummer

router = APIRouter(prefix="/v1/fmu/authority", tags=["FMU: Försäkringskassan"])
_ASSESSMENT = "/assessments/{assessment_id}"
_HSA_ID = re.compile(r"SE\d{10}-[A-Za-z0-9]+")
_REFUSED = problems(403, 404, 409, 422)


class PersonnummerRequiredError(InvalidInputError):
    code = "GTA_FEL05"



def _landsting(value: str | None) -> str:
    if value is None or not _HSA_ID.fullmatch(value):
        raise UnknownLandstingError("The coordinating county council is not a landsting here.")
    return value


def _once(fk: Caller, key: IdempotencyKey) -> RequestKey | None:
    """The authority's key: a retry of a creating message creates nothing again."""
    return None if key is None else RequestKey(caller_of(fk.id), key.key, key.fingerprint)


@router.post("/assessments", status_code=201, responses=_REFUSED)
def request_assessment(body: AssessmentRequestIn, fk: AuthorityDep,
                       investigations: InvestigationsDep, key: IdempotencyKey) -> ChangedOut:
    """RequestPerformerForAssessment: a new investigation; its id is the assessmentId."""
    return changed(investigations.receive_request(
        fk, kind=body.certificate_type, landsting=_landsting(body.coordinating_county_council_id),
        fk_answer_by=body.last_response_date, key=_once(fk, key)))


@router.post("/orders", status_code=201, responses=_REFUSED)
def order_assessment(body: OrderIn, fk: AuthorityDep, investigations: InvestigationsDep,
                     key: IdempotencyKey) -> ChangedOut:
    """OrderAssessment: the order of a request (``assessmentId``), or a direct order (a new
    investigation; with an Idempotency-Key, once)."""
    try:
        citizen = normalise_personnummer(body.citizen.personnummer,
                                         investigations.clock().date())
    except InvalidInputError:
        raise PersonnummerRequiredError("The citizen's personnummer is not valid.") from None
    last = body.last_date_for_certificate_receival
    if body.assessment_id is not None:
        return changed(investigations.receive_order(
            body.assessment_id, fk, body.care_unit_id, last, body.documents_by_post,
            body.interpreter_needed, citizen))
    return changed(investigations.order_directly(
        fk, kind=body.certificate_type,
        landsting=_landsting(body.coordinating_county_council_id), unit=body.care_unit_id,
        last_date=last, documents_by_post=body.documents_by_post,
        interpreter_needed=body.interpreter_needed, citizen=citizen, key=_once(fk, key)))


@router.post(f"{_ASSESSMENT}/order-updates", responses=_REFUSED)
def update_order(assessment_id: UUID, body: OrderUpdateIn, fk: AuthorityDep,
                 investigations: InvestigationsDep) -> ChangedOut:
    """UpdateOrder: a partial update of the order."""
    return changed(investigations.update_order(
        assessment_id, fk, body.last_date_for_certificate_receival, body.documents_by_post,
        body.comment, body.interpreter_needed, body.interpreter_language))


@router.post(f"{_ASSESSMENT}/deviations", responses=_REFUSED)
def report_deviation(assessment_id: UUID, body: DeviationIn, fk: AuthorityDep,
                     investigations: InvestigationsDep) -> ChangedOut:
    """ReportDeviation from Försäkringskassan; ``replyId`` is the deviationId."""
    deviation_id = str(investigations.ids())
    return changed(investigations.receive_deviation(
        assessment_id, fk, body.care_contact_id, deviation_id, body.caused_by,
        body.deviation_time, body.citizen_failed_to_arrive), deviation_id)


@router.post(f"{_ASSESSMENT}/certificate-receipts", responses=_REFUSED)
def report_certificate_receival(assessment_id: UUID, body: CertificateReceiptIn,
                                fk: AuthorityDep,
                                investigations: InvestigationsDep) -> ChangedOut:
    """ReportCertificateReceival: the utlåtande arrived; complements may be asked until."""
    return changed(investigations.receive_statement_receipt(
        assessment_id, fk, body.received_date, body.last_date_for_supplement_request))


@router.post(f"{_ASSESSMENT}/supplement-requests", responses=_REFUSED)
def request_supplement(assessment_id: UUID, body: SupplementRequestIn, fk: AuthorityDep,
                       investigations: InvestigationsDep) -> ChangedOut:
    """RequestSupplement; ``replyId`` is the supplementRequestId."""
    result = investigations.request_complement(
        assessment_id, fk, body.last_date_for_supplement_receival)
    complements = investigations.get_for(assessment_id, fk).facts.complements
    return changed(result, complements[-1].statement_id)


@router.post(f"{_ASSESSMENT}/supplement-receipts", responses=_REFUSED)
def report_supplement_receival(assessment_id: UUID, body: SupplementReceiptIn,
                               fk: AuthorityDep,
                               investigations: InvestigationsDep) -> ChangedOut:
    """ReportSupplementReceival: the komplettering arrived, with a new deadline."""
    return changed(investigations.receive_complement_receipt(
        assessment_id, fk, body.supplement_request_id, body.received_date,
        body.last_date_for_supplement_request))


@router.post(f"{_ASSESSMENT}/end", responses=_REFUSED)
def end_assessment(assessment_id: UUID, body: EndAssessmentIn, fk: AuthorityDep,
                   investigations: InvestigationsDep) -> ChangedOut:
    """EndAssessment: UTREDNING_AVBRUTEN unless another ending condition is named."""
    return changed(investigations.end(assessment_id, fk, body.ending_condition))
