"""Questions and answers (DOMAIN.md §6) as use cases of the Certificates application: each
loads the certificate and its conversation, checks, calls one domain method and saves both in
one transaction. What signing and revoking a certificate do to its questions is in
``commands.reactions``.

Message ids are unique across certificates: see ``domain.questions.claim``.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate

from commands.certificates import Certificates
from commands.conversations import load_conversation
from commands.idempotency import claims_for
from commands.results import CommandResult, expected, result_of, unchanged
from domain.certificates.certificate import Certificate
from domain.questions.claim import MessageClaim, claim_id
from domain.questions.conversation import Conversation
from domain.questions.messages import IncomingMessage, Subject
from domain.questions.rules import check_certificate_open, check_incoming
from domain.shared.care import Staff
from domain.shared.errors import CertificateNotFoundError
from domain.shared.identities import normalise_personnummer
from domain.shared.privileges import Privilege


def conversation_of(app: Certificates, certificate_id: uuid.UUID) -> Conversation | None:
    return load_conversation(app.repository, certificate_id)


def _open_conversation(app: Certificates, cert: Certificate) -> Conversation:
    check_certificate_open(cert.type_id, cert.signed_at is not None, cert.is_revoked)
    found = conversation_of(app, cert.id)
    return found or Conversation.start(cert.id, cert.certificate_type.default_recipient or "")


def _done(app: Certificates, cert: Certificate, conv: Conversation,
          *others: Aggregate) -> CommandResult:
    claims = claims_for(expected(cert, conv.version), conv, *others)
    return result_of(cert, conv.version, app.save(*claims, conv, *others))


# --- from the recipient -----------------------------------------------------------------
def _for_recipient(app: Certificates, certificate_id: uuid.UUID, recipient: str) -> Certificate:
    """§5 and §6: a recipient sees and acts on a certificate only when it was sent to it. Any
    other certificate is answered exactly as one that does not exist, so a recipient learns
    nothing about it, not even that it exists; this check comes before every other."""
    cert = app.get(certificate_id)
    if not cert.is_sent_to(recipient):
        raise CertificateNotFoundError.of(certificate_id)
    return cert


def receive_message(app: Certificates, message: IncomingMessage, sender: str) -> CommandResult:
    """A question, answer or reminder from the recipient ``sender`` (from its token), on a
    certificate sent to it. A message id seen before writes nothing and answers
    ``changed=False``."""
    cert = _for_recipient(app, message.certificate_id, sender)
    claim = claim_id(message.message_id)
    if claim in app.repository:
        return unchanged(cert, cert.version)
    conv = _open_conversation(app, cert)
    patient = normalise_personnummer(message.personnummer, app.clock().date())
    check_incoming(cert.type_id, cert.patient.personnummer, patient, sender)
    taken = message.model_copy(update={"sender": sender})
    if not conv.receive(taken):
        return unchanged(cert, conv.version)
    claimed = MessageClaim.claim(message.message_id, cert.id)
    return _done(app, cert, conv, claimed)


# --- from care ---------------------------------------------------------------------------
def _for_staff(app: Certificates, certificate_id: uuid.UUID, by: Staff,
               privilege: Privilege = Privilege.VISA_INTYG) -> Certificate:
    """Care's right to the certificate is decided before anything else (404 to a stranger)."""
    return app.get_for(certificate_id, by, privilege)


def send_question(app: Certificates, certificate_id: uuid.UUID, *, subject: Subject,
                  heading: str | None, text: str, by: Staff) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)
    conv.send_question(message_id=str(app.ids()), subject=subject, heading=heading, text=text,
                       by=by.hsa_id, now=app.clock())
    return _done(app, cert, conv)


def answer_question(app: Certificates, certificate_id: uuid.UUID, question_id: str, *,
                    text: str, by: Staff) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)
    conv.send_answer(question_id=question_id, message_id=str(app.ids()), text=text,
                     by=by.hsa_id, now=app.clock())
    return _done(app, cert, conv)


def answer_cannot_complement(app: Certificates, certificate_id: uuid.UUID, *, text: str,
                             by: Staff) -> CommandResult:
    cert = _for_staff(app, certificate_id, by, Privilege.BESVARA_KOMPLETTERINGSFRAGA)
    conv = _open_conversation(app, cert)
    conv.answer_cannot_complement(message_id=str(app.ids()), text=text, by=by.hsa_id,
                                  now=app.clock())
    return _done(app, cert, conv)


def mark_handled(app: Certificates, certificate_id: uuid.UUID, question_id: str, *,
                 by: Staff, reopen: bool = False) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)  # nothing re-opens on a revoked certificate
    action = conv.reopen if reopen else conv.mark_handled
    action(question_id, by=by.hsa_id, now=app.clock())
    return _done(app, cert, conv)
