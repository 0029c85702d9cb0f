"""The verifiable ledger over HTTP: the public key of the signed digests, and a certificate's
inclusion proof (docs/ledger.md; check it offline with ``intyg verify-proof``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request

from api.http.deps import CertificatesDep, StaffDep
from api.http.openapi import problems
from api.http.presenters import read_for
from api.http.schemas import DigestKeyOut, ProofOut
from streams.database import Database
from streams.ledger.proof import prove
from streams.ledger.signing import key_id, public_key_of
from streams.ledger.store import LedgerStore

router = APIRouter(tags=["ledger"])


def _public_key(request: Request) -> str:
    key = request.app.state.settings.digest_signing_key
    if key is None or not key.get_secret_value():
        raise HTTPException(status_code=404, detail="This ledger signs no digests "
                                                    "(INTYG_DIGEST_SIGNING_KEY is not set).")
    return public_key_of(key.get_secret_value())


def _ledger(request: Request) -> LedgerStore:
    store: LedgerStore | None = getattr(request.app.state, "ledger", None)
    if store is None:
        store = LedgerStore(Database(request.app.state.settings, keep_idle=1))
        request.app.state.ledger = store
    return store


@router.get("/.well-known/intyg-digest-key", responses=problems(404))
def digest_key(request: Request) -> DigestKeyOut:
    """The Ed25519 public key that signs the ledger's digests (base64 of its 32 raw bytes)."""
    public_key = _public_key(request)
    return DigestKeyOut(algorithm="Ed25519", public_key=public_key, key_id=key_id(public_key))


@router.get("/v1/certificates/{certificate_id}/proof", responses=problems(503))
def certificate_proof(certificate_id: UUID, app: CertificatesDep, staff: StaffDep,
                      request: Request) -> Any:
    """Each of the certificate's events, proven included in the latest signed digest."""
    read_for(app, certificate_id, staff)
    proof = prove(app, _ledger(request), str(certificate_id))
    if proof is None:
        interval = request.app.state.settings.digest_interval_seconds
        raise HTTPException(status_code=503, detail="No signed digest covers this certificate "
                            "yet; retry after the next digest.",
                            headers={"Retry-After": str(int(interval))})
    return ProofOut.model_validate(proof)
