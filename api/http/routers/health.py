"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request) -> dict[str, str]:
    """Up, with the mode it runs in and the store's latest log position."""
    app = request.app.state.certificates
    position = app.recorder.max_notification_id() or 0
    return {"status": "ok", "mode": request.app.state.settings.mode, "position": str(position)}
