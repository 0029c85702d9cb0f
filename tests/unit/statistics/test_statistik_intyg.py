"""DOMAIN.md §8 Intygsstatistik: certificates per type, complemented share, messages per subject,
and the CSV/JSON form of a report."""

from __future__ import annotations

from datetime import date

from domain.statistics.report import to_csv
from tests.factories.statistics import (
    NATIONAL,
    OTHER_UNIT,
    REGION_01,
    UNIT_SCOPE,
    YEAR_2024,
    certificate,
    message,
    period,
    report_of,
    table,
)

MESSAGES, SHARE = "meddelanden-per-amne", "andel-kompletterade"
APRIL = period(date(2024, 4, 1), date(2024, 4, 14))


def unit_messages():
    return [message("KOMPLT"), message("KOMPLT"), message("KOMPLT", "M"), message("AVSTMN", "M"),
            message("OVRIGT"), message("KOMPLT", sent=date(2023, 12, 31)),
            message("KOMPLT", care_unit=OTHER_UNIT)]


def test_messages_are_counted_per_subject_when_sent_in_the_period_on_the_unit():
    """§8: messages are counted by subject, split by sex."""
    assert table(report_of([], MESSAGES, UNIT_SCOPE, YEAR_2024, unit_messages())) == {
        "KOMPLT": (2, 1, 3), "AVSTMN": (0, 1, 1), "KONTKT": (0, 0, 0), "OVRIGT": (1, 0, 1),
        "PAMINN": (0, 0, 0)}


def test_messages_below_five_are_shown_as_zero_when_national():
    """§8 suppression applies to message counts too."""
    messages = ([message("KOMPLT") for _ in range(6)] + [message("KOMPLT", "M") for _ in range(5)]
                + [message("AVSTMN") for _ in range(4)])
    report = table(report_of([], MESSAGES, NATIONAL, YEAR_2024, messages))
    assert (report["KOMPLT"], report["AVSTMN"]) == ((6, 5, 11), (0, 0, 0))


def test_every_type_is_counted_when_certificates_are_signed_in_the_period():
    """§8: all types feed certificate counts; revoked and test certificates do not."""
    facts = [certificate(APRIL), certificate(APRIL), certificate(APRIL, revoked=True),
             certificate(APRIL, test=True), certificate(type_id="luse", sex="M"),
             certificate(APRIL, type_id="ag7804"),
             certificate(period(date(2023, 5, 1), date(2023, 5, 9)))]
    report = table(report_of(facts, "intyg-per-typ", UNIT_SCOPE, YEAR_2024))
    assert (report["lisjp"], report["luse"], report["ag7804"], report["db"]) == (
        (2, 0, 2), (0, 1, 1), (1, 0, 1), (0, 0, 0))
    assert len(report) == 15


def test_complemented_share_is_a_percentage_per_type_when_at_unit_level():
    """§8: share of complemented certificates per type: women 1 of 4 = 25.0 %, men 1 of 2 =
    50.0 %, all 2 of 6 = 33.3 %; a revoked complemented certificate does not count."""
    facts = ([certificate(APRIL, complemented=True)] + [certificate(APRIL) for _ in range(3)]
             + [certificate(APRIL, sex="M", complemented=True), certificate(APRIL, sex="M"),
                certificate(APRIL, complemented=True, revoked=True)])
    report = table(report_of(facts, "andel-kompletterade", UNIT_SCOPE, YEAR_2024))
    assert report["lisjp"] == (25.0, 50.0, 33.3)
    assert report["luse"] == (0.0, 0.0, 0.0)
    assert table(report_of(facts, SHARE, REGION_01, YEAR_2024))["lisjp"] == (0.0, 0.0, 0.0)


def test_complemented_share_uses_the_shown_counts_when_national():
    """§8 suppression before dividing: women 5 of 10 = 50.0 %; men 0 of 5 = 0.0 %; all 5 of 15."""
    facts = ([certificate(APRIL, complemented=True) for _ in range(5)]
             + [certificate(APRIL) for _ in range(5)]
             + [certificate(APRIL, sex="M") for _ in range(5)])
    assert table(report_of(facts, SHARE, NATIONAL, YEAR_2024))["lisjp"] == (50.0, 0.0, 33.3)


def test_report_renders_to_csv_and_json_when_asked():
    report = report_of([], MESSAGES, UNIT_SCOPE, YEAR_2024, unit_messages())
    assert to_csv(report) == (
        "key,label,Kvinnor,Män,Totalt\r\n"
        "KOMPLT,Komplettering,2,1,3\r\n"
        "AVSTMN,Avstämningsmöte,0,1,1\r\n"
        "KONTKT,Kontakt,0,0,0\r\n"
        "OVRIGT,Övrigt,1,0,1\r\n"
        "PAMINN,Påminnelse,0,0,0\r\n"
    )
    rendered = report.model_dump(mode="json")
    assert rendered["scope"] == {"level": "care_unit", "id": UNIT_SCOPE.id}
    assert rendered["suppressed"] is False
    assert rendered["rows"][0] == {"key": "KOMPLT", "label": "Komplettering", "values": [2, 1, 3]}
