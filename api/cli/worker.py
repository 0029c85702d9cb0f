"""The app of one HTTP worker process of ``intyg serve --workers N``: uvicorn starts each
worker from this import string, so each builds its own Settings (the same environment) and
logging, as ``main()`` does for a single process."""

from __future__ import annotations

from fastapi import FastAPI

from api.http.app import create_app
from api.logging import configure_logging
from commands.settings import Settings
from streams.collector import relax_collection_for_process


def worker_app() -> FastAPI:
    settings = Settings()
    configure_logging(settings.log_format)
    app = create_app(settings)
    relax_collection_for_process()
    return app
