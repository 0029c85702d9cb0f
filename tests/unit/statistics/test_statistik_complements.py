"""DOMAIN.md §8 Intygsstatistik, complements per question: each request to complement (KOMPLT)
counts once for every question of the certificate it asks about, split by the patient's sex,
suppressed below 5 at national and region level, with hand-computed tables."""

from __future__ import annotations

from datetime import date

from domain.statistics.facts import ReportPeriod, Scope, ScopeLevel
from projections.statistik.view import StatistikView
from tests.factories.statistics import GIVER, NATIONAL, REGION_01, loaded, message, report_of, table

REPORT = "kompletteringar-per-fraga"
CARE_GIVER = Scope(level=ScopeLevel.CARE_GIVER, id=GIVER)
MAY = ReportPeriod(first=date(2024, 5, 1), last=date(2024, 5, 31))
PERIOD_LABEL = "Läkarintyg för sjukpenning, fråga 32: Min bedömning av patientens nedsättning " \
               "av arbetsförmågan"


def request(sex: str, *questions: str, **fields: object):
    return message("KOMPLT", sex, type_id="lisjp", complement_questions=questions, **fields)


def test_complements_count_each_question_once_per_request_when_care_giver():
    """A request asking about 32 and 35 counts for both; one naming 32 twice counts once; a
    request sent after the period, another care giver's and a message without items do not."""
    messages = [request("F", "32", "35"), request("M", "32"), request("F", "32", "32"),
                request("F", "35", sent=date(2024, 6, 1)),
                request("M", "35", care_giver="SE2321000016-G9"), message("KOMPLT", "M")]
    found = report_of([], REPORT, CARE_GIVER, MAY, messages)
    assert table(found) == {"lisjp:32": (2, 1, 3), "lisjp:35": (1, 0, 1)}
    assert found.row("lisjp:32").label == PERIOD_LABEL
    assert found.title == "Antal kompletteringsbegäranden per fråga"


def test_complements_per_question_follow_the_form_order_when_ids_sort_otherwise():
    """Question 4 before 32, 33 before 33.2; ag7804 after lisjp as the registry lists them."""
    messages = [request("F", "33.2"), request("F", "33"), request("F", "32"), request("F", "4"),
                message("KOMPLT", type_id="ag7804", complement_questions=("1",))]
    found = report_of([], REPORT, CARE_GIVER, MAY, messages)
    assert [row.key for row in found.rows] == ["lisjp:4", "lisjp:32", "lisjp:33", "lisjp:33.2",
                                               "ag7804:1"]


def test_complements_below_five_are_shown_as_zero_when_national_or_region():
    """§8 suppression: 5 women and 4 men ask about 32 -> (5, 0, 5); 4 women about 35 -> 0."""
    messages = ([request("F", "32") for _ in range(5)] + [request("M", "32") for _ in range(4)]
                + [request("F", "35") for _ in range(4)])
    expected = {"lisjp:32": (5, 0, 5), "lisjp:35": (0, 0, 0)}
    assert table(report_of([], REPORT, NATIONAL, MAY, messages)) == expected
    assert table(report_of([], REPORT, REGION_01, MAY, messages)) == expected
    assert table(report_of([], REPORT, CARE_GIVER, MAY, messages)) == {
        "lisjp:32": (5, 4, 9), "lisjp:35": (4, 0, 4)}


def test_view_is_outdated_when_written_before_the_complements_table():
    """A view written by code before this table is dropped and replayed (its docs lack the
    question ids), instead of answering zero requests to complement."""
    tx = loaded([])
    view = StatistikView("a-key-for-the-tests-only")
    assert not view.outdated(tx)
    tx.execute("DROP TABLE statistik_complements")
    assert view.outdated(tx)
