"""The patient a certificate is about."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from domain.shared.identities import Personnummer


class Patient(BaseModel):
    """A patient. ``test_indicated`` marks a test person (testindikerad): their certificates are
    never sent, counted or messaged. ``protected_identity`` is sekretessmarkering."""

    model_config = ConfigDict(frozen=True)

    personnummer: Personnummer
    name: str = ""
    test_indicated: bool = False
    protected_identity: bool = False
