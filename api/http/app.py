"""The composition root: ``create_app(settings)``; run with ``uvicorn --factory``."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from api.http.auth import TokenDecoder
from api.http.body_guard import refuse_unstorable_text
from api.http.door import RequestDoor
from api.http.errors import install_problem_handlers
from api.http.openapi import install_openapi
from api.http.policy import check_every_route_has_a_policy, enforce_policy
from api.http.routers import (
    access_log,
    api_docs,
    care_lists,
    certificates,
    citizen,
    fmb,
    fmu_authority,
    fmu_coordinator,
    fmu_unit,
    health,
    ledger,
    orders,
    questions,
    rehabstod,
    samverkan,
    statistik,
    statistik_filters,
    statistik_page,
    statistik_unit_list,
    types,
)
from api.http.space_uploads import UPLOAD_PATH
from api.logging import install_request_logging
from commands.access_log import AccessLog
from commands.certificates import Certificates
from commands.settings import Settings, eventsourcing_env


def create_app(settings: Settings | None = None, *,
               certificates_app: Certificates | None = None) -> FastAPI:
    settings = settings or Settings()
    # /docs and /redoc are api_docs' own, with assets served from here rather than a CDN.
    app = FastAPI(title="intyg", version="0.1.0",
                  description="Event-sourced ledger for Swedish medical certificates.",
                  docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
                  dependencies=[Depends(enforce_policy), Depends(refuse_unstorable_text)])
    app.state.settings = settings
    app.state.certificates = certificates_app or Certificates(eventsourcing_env(settings))
    app.state.access_log = AccessLog(app.state.certificates, settings.patient_index_secret,
                                     app.state.certificates.clock)
    app.state.tokens = TokenDecoder(settings)
    _orders_alongside(app, settings)
    install_problem_handlers(app)
    install_openapi(app)
    # Inside the request log (added after it), so the log also counts what the door refuses.
    app.add_middleware(RequestDoor, max_body_bytes=settings.max_body_bytes,
                       larger=((UPLOAD_PATH, settings.max_upload_bytes),))
    install_request_logging(app)
    app.include_router(health.router)
    app.include_router(certificates.router)
    app.include_router(types.router)
    for router in (fmb.router, questions.router, citizen.router, care_lists.router,
                   rehabstod.router, statistik.router, statistik_page.router, api_docs.router,
                   ledger.router, access_log.router, statistik_unit_list.router,
                   orders.router, fmu_authority.router, fmu_coordinator.router, fmu_unit.router,
                   statistik_filters.router, samverkan.router):
        app.include_router(router)
    check_every_route_has_a_policy(app)
    if settings.is_production and settings.relay_in_serve:
        _run_relay_alongside(app, settings)
    if settings.projections_in_serve or settings.projections_elsewhere:
        _run_projections_alongside(app, settings, run=settings.projections_in_serve)
    if settings.digest_in_serve:
        _run_digest_alongside(app, settings)
    return app


def _orders_alongside(app: FastAPI, settings: Settings) -> None:
    """The orders from authorities, their view, and with INTYG_SMTP_HOST their mail sender."""
    import threading

    from api.runtime.investigations import InvestigationLists
    from api.runtime.orders import OrdersRuntime
    from commands.orders import Orders

    store = app.state.certificates
    app.state.orders = Orders(store, store.clock)
    runtime = OrdersRuntime(settings, store, store.clock)
    app.state.orders_runtime = runtime
    app.router.on_shutdown.append(runtime.close)
    lists = InvestigationLists(settings, store, store.clock)
    app.state.investigation_lists = lists
    app.router.on_shutdown.append(lists.close)
    if not settings.smtp_host:
        return
    stop = threading.Event()
    thread = threading.Thread(target=runtime.run_mail, args=(stop,), name="mail", daemon=True)
    app.router.on_startup.append(thread.start)

    def stop_mail() -> None:
        stop.set()
        if thread.is_alive():
            thread.join(timeout=30)

    app.router.on_shutdown.insert(0, stop_mail)


def _run_projections_alongside(app: FastAPI, settings: Settings, *, run: bool) -> None:
    """``intyg serve`` keeps every read model current in background threads; with the views
    run elsewhere (``intyg run``) it only reads them and waits for them (``?after=``)."""
    from api.runtime.projections import ProjectionHost

    host = ProjectionHost(settings, app.state.certificates)
    app.state.projections = host
    if run:
        app.router.on_startup.append(host.start)
    app.router.on_shutdown.append(host.stop)


def _run_relay_alongside(app: FastAPI, settings: Settings) -> None:
    """In production ``intyg serve`` also runs the relay, in a background thread."""
    import threading

    from streams.database import Database
    from streams.relay import Relay

    stop = threading.Event()
    relay = Relay(app.state.certificates, settings, Database(settings, keep_idle=1))
    thread = threading.Thread(target=relay.run, args=(stop,), name="relay", daemon=True)
    app.router.on_startup.append(thread.start)

    def finish_batch_then_stop() -> None:  # before the caller closes the store under it
        stop.set()
        if thread.is_alive():
            thread.join(timeout=30)

    app.router.on_shutdown.append(finish_batch_then_stop)


def _run_digest_alongside(app: FastAPI, settings: Settings) -> None:
    """With INTYG_DIGEST_IN_SERVE ``intyg serve`` also runs the ledger's digest process."""
    import threading

    from streams.database import Database
    from streams.ledger.digester import Digester

    stop = threading.Event()
    digester = Digester(app.state.certificates, settings, Database(settings))
    thread = threading.Thread(target=digester.run, args=(stop,), name="digest", daemon=True)
    app.router.on_startup.append(thread.start)

    def stop_digest() -> None:
        stop.set()
        if thread.is_alive():
            thread.join(timeout=30)

    app.router.on_shutdown.append(stop_digest)
