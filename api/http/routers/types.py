"""The type catalogue: every certificate type with its flags and the JSON Schema of its content,
so a frontend can render a form without hard-coding it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from domain.content.registry import CONTENT_SPECS, versions_of
from domain.shared.catalogue import CERTIFICATE_TYPES, RECIPIENTS

router = APIRouter(prefix="/v1", tags=["catalogue"])


@router.get("/certificate-types")
def certificate_types() -> list[dict[str, Any]]:
    """All certificate types: form, recipient, lifecycle flags, content version and schema."""
    catalogue = []
    for cert_type in CERTIFICATE_TYPES.values():
        spec = CONTENT_SPECS.get(cert_type.id)
        catalogue.append({
            "id": cert_type.id, "form": cert_type.form, "name": cert_type.name,
            "defaultRecipient": cert_type.default_recipient, "renewable": cert_type.renewable,
            "hasQuestions": cert_type.has_questions, "signSends": cert_type.sign_sends,
            "draftable": cert_type.draftable and spec is not None,
            "contentVersion": spec.version if spec else None,
            "contentVersions": versions_of(cert_type.id) if spec else [],
            "contentSchema": spec.model.model_json_schema(by_alias=True) if spec else None,
        })
    return catalogue


@router.get("/recipients")
def recipients() -> list[dict[str, Any]]:
    """The recipient registry: who takes which types."""
    return [{"id": r.id, "name": r.name, "kind": r.kind.value, "takes": sorted(r.takes),
             "active": r.active, "trusted": r.trusted} for r in RECIPIENTS.values()]
