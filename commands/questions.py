"""Questions and answers (DOMAIN.md §6) as use cases of the Certificates application: each
loads the certificate and its conversation, checks, calls one domain method and saves both in
one transaction. The certificate's own lifecycle calls ``on_signed`` and ``on_revoked``.

Message ids are unique across certificates: see ``domain.questions.claim``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from commands.results import CommandResult, result_of
from domain.certificates.certificate import Certificate
from domain.certificates.lifecycle import RelationKind
from domain.questions.claim import MessageClaim, claim_id
from domain.questions.conversation import Conversation, conversation_id
from domain.questions.messages import IncomingMessage, Subject
from domain.questions.rules import check_certificate_open, check_incoming
from domain.shared.care import Staff
from domain.shared.errors import NotAuthorisedError
from domain.shared.identities import normalise_personnummer

if TYPE_CHECKING:
    from commands.certificates import Certificates


def conversation_of(app: Certificates, certificate_id: uuid.UUID) -> Conversation | None:
    try:
        found: Conversation = app.repository.get(conversation_id(certificate_id))
    except AggregateNotFoundError:
        return None
    return found


def _open_conversation(app: Certificates, cert: Certificate) -> Conversation:
    check_certificate_open(cert.type_id, cert.signed_at is not None, cert.is_revoked)
    found = conversation_of(app, cert.id)
    return found or Conversation.start(cert.id, cert.certificate_type.default_recipient or "")


def _done(app: Certificates, cert_id: uuid.UUID, conv: Conversation,
          *others: Aggregate) -> CommandResult:
    return result_of(cert_id, conv.version, app.save(conv, *others))


# --- from the recipient -----------------------------------------------------------------
def receive_message(app: Certificates, message: IncomingMessage, sender: str) -> CommandResult:
    """A question, answer or reminder from the recipient ``sender`` (from its token). A message
    id seen before writes nothing and answers ``changed=False``."""
    cert = app.get(message.certificate_id)
    claim = claim_id(message.message_id)
    if claim in app.repository:
        return CommandResult(cert.id, cert.version, None, changed=False)
    conv = _open_conversation(app, cert)
    patient = normalise_personnummer(message.personnummer, app.clock().date())
    check_incoming(cert.type_id, cert.patient.personnummer, patient, sender)
    taken = message.model_copy(update={"sender": sender})
    if not conv.receive(taken):
        return CommandResult(cert.id, conv.version, None, changed=False)
    claimed = MessageClaim.claim(message.message_id, cert.id)
    return _done(app, cert.id, conv, claimed)


# --- from care ---------------------------------------------------------------------------
def _for_staff(app: Certificates, certificate_id: uuid.UUID, by: Staff) -> Certificate:
    cert = app.get(certificate_id)
    if by.care_unit_hsa_id != cert.care_unit.hsa_id:
        raise NotAuthorisedError("Only staff of the issuing care unit may do this.")
    return cert


def send_question(app: Certificates, certificate_id: uuid.UUID, *, subject: Subject,
                  heading: str | None, text: str, by: Staff) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)
    conv.send_question(message_id=str(app.ids()), subject=subject, heading=heading, text=text,
                       by=by.hsa_id, now=app.clock())
    return _done(app, cert.id, conv)


def answer_question(app: Certificates, certificate_id: uuid.UUID, question_id: str, *,
                    text: str, by: Staff) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)
    conv.send_answer(question_id=question_id, message_id=str(app.ids()), text=text,
                     by=by.hsa_id, now=app.clock())
    return _done(app, cert.id, conv)


def answer_cannot_complement(app: Certificates, certificate_id: uuid.UUID, *, text: str,
                             by: Staff) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)
    conv.answer_cannot_complement(message_id=str(app.ids()), text=text, by=by.hsa_id,
                                  now=app.clock())
    return _done(app, cert.id, conv)


def mark_handled(app: Certificates, certificate_id: uuid.UUID, question_id: str, *,
                 by: Staff, reopen: bool = False) -> CommandResult:
    cert = _for_staff(app, certificate_id, by)
    conv = _open_conversation(app, cert)  # nothing re-opens on a revoked certificate
    action = conv.reopen if reopen else conv.mark_handled
    action(question_id, by=by.hsa_id, now=app.clock())
    return _done(app, cert.id, conv)


# --- from the certificate's lifecycle ----------------------------------------------------
def on_signed(app: Certificates, cert: Certificate, parent: Certificate | None,
              now: datetime) -> Conversation | None:
    """A signed complement closes its parent's open KOMPLT questions."""
    if parent is None or not cert.relation or \
            cert.relation["kind"] != RelationKind.KOMPLT.value:
        return None
    conv = conversation_of(app, parent.id)
    if conv is None or not conv.close_by_complement(cert.id, now):
        return None
    return conv


def on_revoked(app: Certificates, cert: Certificate, parent: Certificate | None,
               now: datetime) -> list[Conversation]:
    """Revoking closes the certificate's open questions; revoking a complement re-opens the
    parent's KOMPLT questions it had closed."""
    changed = []
    own = conversation_of(app, cert.id)
    if own is not None and own.close_on_revocation(now):
        changed.append(own)
    if parent is not None and cert.relation and \
            cert.relation["kind"] == RelationKind.KOMPLT.value:
        theirs = conversation_of(app, parent.id)
        if theirs is not None and theirs.reopen_after_complement_revoked(cert.id, now):
            changed.append(theirs)
    return changed
