"""The API's documentation pages work with no internet (issue 17, deliverable 1): /docs (Swagger
UI) and /redoc (ReDoc) load every asset from the ledger itself, as on a hospital network without
internet access. The browser tests run Debian's headless Chromium with every outside request cut
(tests/e2e/browser.py); the others ask the app over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.openapi.docs import get_swagger_ui_html

from api.http.app import create_app
from api.http.routers.api_docs import ASSET_DIR, REDOC_LOGO
from tests.e2e.browser import CHROMIUM, SKIP_REASON, open_page, served
from tests.e2e.read_models import embedded

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

SWAGGER_READY = "document.querySelectorAll('.opblock').length > 0"
SWAGGER_OPERATIONS = """[...document.querySelectorAll('.opblock')].map(block => [
    block.querySelector('.opblock-summary-method').textContent.toLowerCase(),
    block.querySelector('.opblock-summary-path').dataset.path])"""
REDOC_SECTIONS = "[data-section-id^='tag/'][data-section-id*='/operation/']"
REDOC_READY = f'document.querySelectorAll("{REDOC_SECTIONS}").length > 0'
REDOC_OPERATIONS = f"""[...document.querySelectorAll("{REDOC_SECTIONS}")].map(section =>
    section.dataset.sectionId.split('/operation/')[1])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = embedded(tmp_path_factory.mktemp("docs"))
    with served(create_app(settings.model_copy(update={"projections_in_serve": False}))) as url:
        yield url


@pytest.fixture(scope="module")
def document(site: str) -> dict[str, Any]:
    return dict(httpx.get(f"{site}/openapi.json").json())


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"method": method, "path": path, **operation}
            for path, item in document["paths"].items() for method, operation in item.items()]


@needs_chromium
def test_swagger_ui_lists_every_operation_when_the_network_is_cut(site, document, tmp_path):
    """Issue 17, deliverable 1: /docs works offline and shows every operation."""
    visit = open_page(f"{site}/docs", origin=site, profile=tmp_path, ready=SWAGGER_READY,
                      result=SWAGGER_OPERATIONS)
    assert (visit.failed, visit.blocked, visit.console_errors) == ([], [], [])
    listed = {(method, path) for method, path in visit.result}
    assert listed == {(op["method"], op["path"]) for op in operations(document)}
    assert len(listed) > 40


@needs_chromium
def test_redoc_lists_every_operation_when_the_network_is_cut(site, document, tmp_path):
    """Issue 17, deliverable 1: /redoc works offline, fetching nothing from Redocly's CDN."""
    visit = open_page(f"{site}/redoc", origin=site, profile=tmp_path, ready=REDOC_READY,
                      result=REDOC_OPERATIONS)
    assert (visit.failed, visit.blocked, visit.console_errors) == ([], [], [])
    assert set(visit.result) == {op["operationId"] for op in operations(document)}


@needs_chromium
def test_browser_check_sees_a_page_that_loads_its_assets_from_a_cdn(tmp_path):
    """The checks above are only worth something if they can fail: FastAPI's stock page, which
    loads Swagger UI from a CDN, is cut off and every request it tried is reported."""
    page = tmp_path / "stock.html"
    page.write_bytes(get_swagger_ui_html(openapi_url="/openapi.json", title="stock").body)
    visit = open_page(page.as_uri(), origin="file://", profile=tmp_path / "profile",
                      ready="document.readyState === 'complete'", result="1")
    assert any("cdn.jsdelivr.net" in url for url in visit.blocked), visit
    assert any("cdn.jsdelivr.net" in failure for failure in visit.failed), visit
    assert visit.console_errors, visit


@needs_chromium
def test_browser_check_sees_a_request_that_answers_404(site, tmp_path):
    visit = open_page(f"{site}/docs/assets/no-such-asset.js", origin=site, profile=tmp_path,
                      ready="document.readyState === 'complete'", result="1")
    assert visit.failed == [f"{site}/docs/assets/no-such-asset.js HTTP 404"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_page_names_only_assets_the_ledger_serves(site, page):
    """Issue 17, deliverable 1: every src and href of the page (scripts, styles, favicon) is
    the ledger's own and answers with its file."""
    html = httpx.get(f"{site}{page}").text
    urls = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
    urls += re.findall(r'spec-url="([^"]+)"', html)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert "https://" not in html and "http://" not in html.replace("http://www.w3.org", "")
    for url in urls:
        answer = httpx.get(f"{site}{url}")
        assert answer.status_code == 200, url
        assert answer.headers["content-type"].split(";")[0] in (
            "text/javascript", "text/css", "image/png", "application/json"), url


def test_favicon_is_the_ledgers_own(site):
    """What a browser asks for on a page that names no icon (/statistik, /health, ...)."""
    answer = httpx.get(f"{site}/favicon.ico")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/png"
    assert answer.content == (ASSET_DIR / "favicon.png").read_bytes()


def test_redoc_bundle_is_served_without_its_cdn_logo(site):
    """ReDoc's sidebar would fetch Redocly's logo from Redocly's CDN; the served bundle names
    none. Should an upgrade move the logo, the package's bundle no longer holds the old URL and
    this fails, so the rewrite in api/http/routers/api_docs.py is looked at again."""
    assert REDOC_LOGO in (ASSET_DIR / "redoc.standalone.js").read_bytes()
    served_bundle = httpx.get(f"{site}/docs/assets/redoc.standalone.js")
    assert served_bundle.status_code == 200
    assert b"cdn.redoc.ly" not in served_bundle.content


@pytest.mark.parametrize("name", ["core.py", "..%2F__init__.py", "static", "x" * 65])
def test_unknown_docs_asset_is_refused_with_a_problem_when_asked_for(site, name):
    """Only the listed assets are served: nothing else of the package, nothing outside it."""
    answer = httpx.get(f"{site}/docs/assets/{name}")
    assert answer.status_code in (404, 422)
    assert answer.headers["content-type"] == "application/problem+json"


def test_docs_routes_stay_out_of_the_openapi_document(document):
    paths = set(document["paths"])
    assert not paths & {"/docs", "/redoc", "/docs/assets/{name}", "/favicon.ico"}

