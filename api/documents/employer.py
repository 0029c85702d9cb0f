"""The employer's copy of a LISJP (Mina intyg, DOMAIN.md §9): the allow-listed answers under the
form's questions, with the patient the certificate is about and the signature, and a note of
the parts the citizen chose to leave out. Where else the certificate went is not the
employer's business: the copy has no status."""

from __future__ import annotations

from api.documents.answers import content_answers
from api.documents.certificate import write
from api.documents.printed import PrintedCertificate
from domain.certificates.employer_version import PART_NAMES, OptionalPart, employer_version
from domain.content.registry import texts_for

TITLE = "Läkarintyg om arbetsförmåga – anpassad kopia till arbetsgivaren"


def employer_pdf(printed: PrintedCertificate, omit: set[OptionalPart]) -> bytes:
    """The PDF of the employer's copy: only what ``employer_version`` lets through."""
    texts = texts_for(printed.type_id, printed.content_version)
    answers = content_answers(texts, employer_version(printed.content, omit))
    left_out = [PART_NAMES[part] for part in OptionalPart if part in omit]
    notes = ("Intyget är anpassat av patienten för arbetsgivaren. Patienten har valt att inte "
             f"ta med: {', '.join(left_out)}.",) if left_out else ()
    return write(printed, answers, title=TITLE, notes=notes, with_status=False)
