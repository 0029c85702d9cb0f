"""The patient's address on DB, DOI and TSTRK1009 (PatientValidator, TYPES.md §0).

These types carry the patient's postal address in their content (``patient``): Skatteverket,
Socialstyrelsen and Transportstyrelsen need it. Postal address, postal code (``NNN NN``) and
town are required; failures are reported on the question id ``patient``.
"""

from __future__ import annotations

from pydantic import BaseModel

from domain.content.common.answers import CONTENT_CONFIG, has_text
from domain.content.common.checks import blank, issue, valid_postal_code
from domain.shared.validation import IssueCode, ValidationIssue

PATIENT_QUESTION = "patient"


class PatientAdress(BaseModel):
    """The patient's postal address: postadress, postnummer, postort."""

    model_config = CONTENT_CONFIG

    postadress: str | None = None
    postnummer: str | None = None
    postort: str | None = None


def check_patient_address(address: PatientAdress | None) -> list[ValidationIssue]:
    """Postal address, postal code and town required; the postal code five digits."""
    given = address or PatientAdress()
    parts = (("postadress", given.postadress), ("postnummer", given.postnummer),
             ("postort", given.postort))
    issues = [
        issue(PATIENT_QUESTION, f"patient.{name}", IssueCode.MISSING,
              f"The patient's {name} must be filled in.") if value is None
        else blank(PATIENT_QUESTION, f"patient.{name}")
        for name, value in parts
        if not has_text(value)
    ]
    if given.postnummer is not None and has_text(given.postnummer) and not valid_postal_code(
            given.postnummer):
        issues.append(issue(PATIENT_QUESTION, "patient.postnummer", IssueCode.INVALID_FORMAT,
                            "The patient's postal code must be five digits (NNN NN)."))
    return issues
