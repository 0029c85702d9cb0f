"""The statistics page (/statistik) in a real headless Chromium with the network cut (issue 13,
deliverable 4): a care giver's doctor chooses the level and a report, applies a filter and sees
the table and the chart change, downloads the report as CSV and XLSX, shares it by a filter set's
id, and no Swedish label is cut off (long ICD-10 chapter names wrap). A screenshot is saved under
tests/artefacts/statistik/."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import jwt
import pytest

from api.demo.seed import seed_demo
from api.http.app import create_app
from commands.certificates import Certificates
from commands.settings import eventsourcing_env
from domain.shared.care import Role, Staff
from tests.e2e.browser import CHROMIUM, DUMP_FLAGS, SKIP_REASON, open_page, served
from tests.e2e.browser_session import Page, opened
from tests.e2e.conftest import token_for
from tests.e2e.read_models import embedded
from tests.factories import FakeClock

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)
ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts" / "statistik"
GIVER, UNIT = "SE2321000016-G1K7", "SE2321000016-E1A3"  # a care giver of the demo data
DOCTOR = Staff(hsa_id="SE2321000016-L9001", name="Doktor Test", role=Role.DOCTOR,
               care_unit_hsa_id=UNIT, care_giver_hsa_id=GIVER)
AGE = "sjukfall-per-aldersgrupp"
READY = "document.body.dataset.ready === 'true'"
TABLE = """Object.fromEntries([...document.querySelectorAll('#table tbody tr')].map(
    row => [row.dataset.key, Number(row.lastElementChild.textContent.replace(/\\s/g, ''))]))"""
WOMEN_BARS = """[...document.querySelectorAll('#chart rect.women')].map(
    rect => Number(rect.getAttribute('width')))"""
# Every element that shows a label: its text must fit its box (wrapping, never cut off).
CUT_OFF = """[...document.querySelectorAll(
    '.bar-label, #table th, #table td, .check span, legend, h2, .hint, label')]
    .filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


class Site(NamedTuple):
    url: str
    token: str  # the care giver's doctor's
    secret: str  # what tokens are signed with


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo data (200 patients) served; the origin and a token of the care giver's doctor."""
    settings = embedded(tmp_path_factory.mktemp("statistik"))
    clock = FakeClock()
    app = Certificates(eventsourcing_env(settings), clock=clock)
    seed_demo(app, patients=200, seed=3)
    web = create_app(settings, certificates_app=app)
    with served(web) as url:
        host = web.state.projections  # until the view has every event (a loaded machine is slow)
        deadline = time.monotonic() + 300
        while not host.wait_for("statistik", app.recorder.max_notification_id() or 0):
            assert time.monotonic() < deadline, "the statistics view did not catch up"
        yield Site(url, token_for(settings, DOCTOR, clock),
                   settings.jwt_secret.get_secret_value())
    app.close()


def _page(site: Site, tmp_path: Path, hash_part: str) -> Iterator[Page]:
    url = site.url
    downloads = tmp_path / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    return opened(f"{url}/statistik#{hash_part}", origin=url, profile=tmp_path / "profile",
                  downloads=downloads)


@contextmanager
def _giver_report(site: Site, tmp_path: Path, report: str) -> Iterator[Page]:
    """The care giver's ``report`` opened by its doctor, shown."""
    hash_part = f"level=care_giver&id={GIVER}&report={report}&token={site.token}"
    with _page(site, tmp_path, hash_part) as page:
        page.wait(READY)
        yield page


def _click(page: Page, selector: str) -> None:
    """Click and wait until the page has shown the report again."""
    renders = page.run("Number(document.body.dataset.renders)")
    page.run(f"document.querySelector({json.dumps(selector)}).click()")
    page.wait(f"{READY} && Number(document.body.dataset.renders) > {renders}")


def _totals(report: dict[str, Any]) -> dict[str, int]:
    return {str(row["key"]): row["values"][2] for row in report["rows"]}


def test_doctor_chooses_a_report_filters_it_and_downloads_it_when_care_giver(site, tmp_path):
    url, token = site.url, site.token
    with _page(site, tmp_path, f"token={token}") as page:
        page.wait(READY)
        levels = page.run("[...document.querySelectorAll('#level-list .check span')]"
                          ".map(e => e.textContent)")
        assert levels == ["Hela landet", f"Vårdgivare {GIVER}", f"Vårdenhet {UNIT}"]
        assert "token" not in page.run("location.href")  # not left in the address bar
        _click(page, f'input[name="level"][value="care_giver:{GIVER}"]')
        _click(page, f'input[name="report"][value="{AGE}"]')
        everyone, women_bars = page.run(TABLE), page.run(WOMEN_BARS)
        assert page.run("document.getElementById('title').textContent") == \
            "Antal sjukfall per åldersgrupp"
        assert sum(everyone.values()) > 0 and max(women_bars) > 0

        page.run("document.querySelector('input[name=\"sex\"][value=\"M\"]').click()")
        _click(page, "#apply")
        men = page.run(TABLE)
        api = httpx.get(f"{url}/v1/statistik/care_giver/reports/{AGE}?id={GIVER}&sex=M",
                        headers={"Authorization": f"Bearer {token}"}).json()
        assert men == _totals(api) != everyone
        assert max(page.run(WOMEN_BARS)) == 0

        page.run("document.getElementById('csv').click()")
        lines = list(csv.reader(io.StringIO(
            page.downloaded(f"{AGE}.csv").read_text(encoding="utf-8-sig"))))
        assert lines[0][-3:] == ["Kvinnor", "Män", "Totalt"]
        assert [line[-1] for line in lines[1:]] == [str(row["values"][2]) for row in api["rows"]]
        page.run("document.getElementById('xlsx').click()")
        assert page.downloaded(f"{AGE}.xlsx").read_bytes()[:2] == b"PK"
        assert page.visit.console_errors == [] and page.visit.blocked == []


def test_shared_link_opens_the_report_with_its_filters_when_followed(site, tmp_path):
    """The share button stores the panel's filters as a filter set; its link, opened in another
    browser, shows the same report narrowed the same way."""
    token = site.token
    with _page(site, tmp_path / "first", f"token={token}") as page:
        page.wait(READY)
        _click(page, f'input[name="level"][value="care_giver:{GIVER}"]')
        _click(page, f'input[name="report"][value="{AGE}"]')
        page.run("document.querySelector('input[name=\"sex\"][value=\"F\"]').click()")
        _click(page, "#apply")
        filtered = page.run(TABLE)
        page.run("document.getElementById('share').click()")
        page.wait("!document.getElementById('share-link').hidden")
        link = page.run("document.getElementById('share-link').value")
    assert re.search(r"#level=care_giver&report=sjukfall-per-aldersgrupp&id=[^&]+"
                     r"&filter=[a-z2-7]{16}$", link), link
    with _page(site, tmp_path / "second", f"{link.split('#', 1)[1]}&token={token}") as page:
        page.wait(READY)
        assert page.run(TABLE) == filtered
        assert page.run("document.querySelector('input[name=\"sex\"]:checked').value") == "F"
        assert page.run("document.querySelector('input[name=\"report\"]:checked').value") == AGE


def test_long_swedish_labels_wrap_and_none_is_cut_off_when_chapters_are_shown(site, tmp_path):
    """Issue 13: ICD-10 chapters in Swedish, never cut off: the longest wraps onto more lines
    within its box. The screenshot of the page is kept under tests/artefacts/statistik/."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / "statistik-diagnoskapitel.png"
    shot.unlink(missing_ok=True)
    with _giver_report(site, tmp_path, "sjukfall-per-diagnoskapitel") as page:
        labels = page.run("[...document.querySelectorAll('#chart .bar-label')]"
                          ".map(e => [e.textContent, e.getBoundingClientRect().height, "
                          "parseFloat(getComputedStyle(e).lineHeight) || 16])")
        assert any(text.startswith("A00-B99 Vissa infektionssjukdomar") for text, *_ in labels)
        longest, height, line = max(labels, key=lambda found: len(found[0]))
        assert len(longest) > 60 and height > 1.5 * line, (longest, height, line)
        assert page.run(CUT_OFF) == []
        page.screenshot(shot)
        assert page.visit.console_errors == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_cut_off_check_sees_a_label_that_does_not_fit(site, tmp_path):
    """The check above is only worth something if it can fail: a label forced onto one line."""
    with _page(site, tmp_path, "report=sjukfall-per-diagnoskapitel") as page:
        page.wait(READY)
        page.run("document.querySelector('.bar-label').style.whiteSpace = 'nowrap';"
                 "document.querySelector('.bar-label').style.overflow = 'hidden';"
                 "document.querySelector('.bar-label').style.overflowWrap = 'normal'")
        assert len(page.run(CUT_OFF)) == 1


def test_region_is_a_level_when_the_token_lists_it_and_its_cells_are_suppressed(site, tmp_path):
    """A token whose statistics_regions lists län 01 adds the region: its per-unit report lists
    the län's two demo units, with the suppression below 5 said above the chart."""
    token = site.token
    claims = jwt.decode(token, options={"verify_signature": False}) | {
        "statistics_regions": ["01"]}
    lead = jwt.encode(claims, site.secret, algorithm="HS256")
    hash_part = f"level=region&id=01&report=sjukfall-per-enhet&token={lead}"
    with _page(site, tmp_path, hash_part) as page:
        page.wait(READY)
        assert page.run("document.querySelector('input[name=\"level\"]:checked')"
                        ".nextElementSibling.textContent") == "Region: Stockholms län"
        assert set(page.run(TABLE)) == {UNIT, "SE2321000016-E1F8"}
        assert page.run("document.getElementById('status').textContent") == \
            "Celler under 5 visas som 0."
        reports = page.run("[...document.querySelectorAll('input[name=\"report\"]')]"
                           ".map(i => i.value)")
        assert "sjukfall-per-enhet-per-1000-listade" in reports
        assert "sjukfall-per-lakare" not in reports  # names doctors: care giver level only


def test_period_chosen_changes_the_national_table_when_applied(site, tmp_path):
    """Without a token only the national level and the period: months of 2001 hold none of the
    demo's cases, so every row of the same report falls to 0 and every bar to nothing."""
    with _page(site, tmp_path, f"report={AGE}") as page:
        page.wait(READY)
        assert page.run("[...document.querySelectorAll('#filters fieldset:not([disabled])')]"
                        ".map(f => f.dataset.filter)") == ["period"]
        before = page.run(TABLE)
        page.run("document.getElementById('from').value = '2001-01';"
                 "document.getElementById('to').value = '2001-12'")
        _click(page, "#apply")
        after = page.run(TABLE)
        assert sum(before.values()) > 0 and set(after) == set(before)
        assert set(after.values()) == {0} and page.run("document.querySelectorAll("
                                                      "'#chart rect[width]:not([width=\"0\"])')"
                                                      ".length") == 0


def test_report_refused_for_its_choices_says_why_in_swedish_when_diagnoses_are_missing(
        site, tmp_path):
    """Bad input gets a clear answer: the chosen diagnoses report without diagnoses is a 422,
    shown as an alert in Swedish with the server's reason; nothing stale stays in the table."""
    with _giver_report(site, tmp_path, "jamforda-diagnoser") as page:
        alert = page.run("[document.getElementById('status').getAttribute('role'), "
                         "document.getElementById('status').textContent, "
                         "document.querySelectorAll('#table tr').length]")
        assert alert[0] == "alert" and alert[2] == 0
        assert alert[1].startswith("Valen går inte att använda för rapporten (Choose the")
        page.run("document.querySelector('input[name=\"chapter\"][value=\"V\"]').click()")
        _click(page, "#apply")
        assert page.run(TABLE).keys() == {"V"}
        assert page.run("document.getElementById('status').getAttribute('role')") is None


def test_statistics_page_needs_nothing_from_outside_when_the_network_is_cut(site, tmp_path):
    """Issue 17, deliverable 1: like /docs, the page a person opens works with no internet;
    without a token it shows the national level, a report, its chart and its table."""
    url = site.url
    visit = open_page(f"{url}/statistik", origin=url, profile=tmp_path,
                      ready="document.body.dataset.ready === 'true'",
                      result="[document.querySelectorAll('#level-list input').length, "
                             "document.querySelectorAll('#chart .bar-row').length, "
                             "document.querySelectorAll('#table tbody tr').length]")
    assert (visit.failed, visit.blocked, visit.console_errors) == ([], [], [])
    levels, bars, rows = visit.result
    assert levels == 1 and bars == rows > 0


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


def test_statistics_page_renders_without_console_errors_when_dumped(site, tmp_path):
    url = site.url
    ran = chromium(tmp_path, "--dump-dom", f"{url}/statistik")
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert 'data-ready="true"' in ran.stdout, ran.stdout[-3000:]
    assert len(re.findall(r'<rect [^>]*class="(women|men)"', ran.stdout)) > 4
    assert console_errors(ran.stderr) == []


def test_each_report_has_its_numbers_as_csv(site):
    url = site.url
    got = httpx.get(f"{url}/v1/statistik/national/reports/{AGE}?format=csv")
    assert got.status_code == 200
    header, *rows = got.text.strip().splitlines()
    assert header.lstrip("\ufeff") == "Grupp,Kvinnor,Män,Totalt"
    assert rows
