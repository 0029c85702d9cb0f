"""The verifiable ledger over HTTP: the public key of the signed digests, and a certificate's
inclusion proof (docs/ledger.md; check it offline with ``intyg verify-proof``)."""

from __future__ import annotations

from uuid import UUID

import structlog
from eventsourcing.domain import OriginatorVersionError
from eventsourcing.persistence import MapperDeserialisationError
from fastapi import APIRouter, HTTPException, Request

from api.http.deps import CertificatesDep, StaffDep
from api.http.openapi import problems
from api.http.schemas import DigestKeyOut, ProofOut, PublishedKeyOut
from commands.certificates import Certificates
from domain.certificates.certificate import Certificate
from domain.shared.care import Staff
from domain.shared.errors import CertificateNotFoundError
from domain.shared.privileges import Privilege, check_privilege
from streams.database import Database
from streams.ledger.key_ring import current_key, published_keys
from streams.ledger.proof import last_intact_version, prove
from streams.ledger.signing import key_id
from streams.ledger.store import LedgerStore

router = APIRouter(tags=["ledger"])
log = structlog.get_logger("api.ledger")
DAMAGED = (MapperDeserialisationError, OriginatorVersionError)  # a row changed, or one gone


def _public_keys(request: Request) -> list[str]:
    keys = published_keys(request.app.state.settings)
    if not keys:
        raise HTTPException(status_code=404, detail="This ledger signs no digests "
                                                    "(INTYG_DIGEST_SIGNING_KEY is not set).")
    return keys


def _ledger(request: Request) -> LedgerStore:
    store: LedgerStore | None = getattr(request.app.state, "ledger", None)
    if store is None:
        store = LedgerStore(Database(request.app.state.settings, keep_idle=1))
        request.app.state.ledger = store
    return store


def _authorise(app: Certificates, certificate_id: UUID, staff: Staff) -> None:
    """As a certificate read. A certificate whose stored history no longer loads (a row changed
    or gone) is authorised on its events before the damage, so that its proof can show it."""
    try:
        app.get_for(certificate_id, staff)  # rights only: a proof shows stored (sealed) bytes
    except DAMAGED:
        log.warning("stored_event_unreadable", certificate_id=str(certificate_id))
        intact = last_intact_version(app, certificate_id)
        if not intact:
            raise CertificateNotFoundError.of(certificate_id) from None
        cert: Certificate = app.repository.get(certificate_id, version=intact)
        if not staff.acts_for(cert.care_unit):
            raise CertificateNotFoundError.of(certificate_id) from None
        check_privilege(staff, Privilege.VISA_INTYG, cert.type_id)


@router.get("/.well-known/intyg-digest-key", responses=problems(404))
def digest_key(request: Request) -> DigestKeyOut:
    """The Ed25519 public key that signs the ledger's digests (base64 of its 32 raw bytes),
    and in `keys` every key a digest may name, the retired ones included."""
    keys = _public_keys(request)
    current = current_key(request.app.state.settings)
    published = [PublishedKeyOut(algorithm="Ed25519", public_key=key, key_id=key_id(key),
                                 current=key == current) for key in keys]
    return DigestKeyOut(algorithm="Ed25519", public_key=keys[0], key_id=key_id(keys[0]),
                        keys=published)


@router.get("/v1/certificates/{certificate_id}/proof")
def certificate_proof(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
                      request: Request) -> ProofOut:
    """Each of the certificate's events, proven included in the latest signed digest (check
    it offline with `intyg verify-proof`); events no digest covers yet are counted as pending."""
    _authorise(app, certificate_id, staff)
    return ProofOut.model_validate(prove(app, _ledger(request), certificate_id))
