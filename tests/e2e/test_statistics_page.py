"""The national statistics page (/statistik) in a real headless Chromium: its charts render
from the national reports, with no console errors, and a screenshot is taken."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.demo.seed import seed_demo
from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import eventsourcing_env
from tests.e2e.browser import CHROMIUM, DUMP_FLAGS, SKIP_REASON, open_page, served
from tests.e2e.read_models import embedded
from tests.factories import FakeClock

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = embedded(tmp_path_factory.mktemp("statistik"))
    app = Certificates(eventsourcing_env(settings), clock=FakeClock())
    seed_demo(app, patients=200, seed=3)
    web = create_app(settings, certificates_app=app)
    with served(web) as url:
        host = web.state.projections  # wait until the view has every event
        assert host.wait_for("statistik", app.recorder.max_notification_id() or 0)
        yield url
    app.close()


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run([str(CHROMIUM), *DUMP_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and re.search(r"error|uncaught", line, re.IGNORECASE)]


def test_console_error_detection_sees_a_console_error(tmp_path):
    """The check below is only worth something if it can fail."""
    page = tmp_path / "broken.html"
    page.write_text("<script>console.error('boom')</script>", encoding="utf-8")
    ran = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert any("boom" in line for line in console_errors(ran.stderr)), ran.stderr[-2000:]


def test_statistics_page_renders_every_chart_without_console_errors(site, tmp_path):
    ran = chromium(tmp_path, "--dump-dom", f"{site}/statistik")
    assert ran.returncode == 0, ran.stderr[-2000:]
    dom = ran.stdout
    assert 'data-ready="true"' in dom, dom[-3000:]
    assert len(re.findall(r'<section data-report="', dom)) == 7
    assert len(re.findall(r'<rect [^>]*class="bar"', dom)) > 20
    csv_links = r'<a class="csv" href="/v1/statistik/national/reports/[a-z0-9-]+\?format=csv"'
    assert len(re.findall(csv_links, dom)) == 7
    assert console_errors(ran.stderr) == []


def test_statistics_page_screenshot_is_taken(site, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "statistik.png"
    shot.unlink(missing_ok=True)
    ran = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1800",
                   f"{site}/statistik")
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000


def test_statistics_page_needs_nothing_from_outside_when_the_network_is_cut(site, tmp_path):
    """Issue 17, deliverable 1: like /docs, the page a person opens works with no internet."""
    visit = open_page(f"{site}/statistik", origin=site, profile=tmp_path,
                      ready="document.body.dataset.ready === 'true'",
                      result="document.querySelectorAll('section[data-report]').length")
    assert (visit.failed, visit.blocked, visit.console_errors) == ([], [], [])
    assert visit.result == 7


def test_each_chart_has_its_numbers_as_csv(site):
    import httpx

    got = httpx.get(f"{site}/v1/statistik/national/reports/sjukfall-per-aldersgrupp?format=csv")
    assert got.status_code == 200
    header, *rows = got.text.strip().splitlines()
    assert header.lstrip("\ufeff") == "Grupp,Kvinnor,Män,Totalt"
    assert rows
