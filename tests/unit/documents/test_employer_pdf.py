"""Hardening item 16 (DOMAIN.md §9): the employer's copy of a LISJP reads like a certificate and
holds only what the allow-list lets through."""

from __future__ import annotations

from api.documents.employer import employer_pdf
from domain.certificates.employer_version import OptionalPart
from tests.documents import UNICODE_SAMPLES, pdf_text, printed, realistic_content


def employer_text(omit: set[OptionalPart]) -> str:
    return pdf_text(employer_pdf(printed("lisjp", realistic_content("lisjp")), omit))


def test_employer_copy_prints_labels_and_words_when_nothing_is_left_out():
    """Hardening item 16: question texts and values in words, not field names and JSON."""
    text = employer_text(set())
    for expected in ("Läkarintyg om arbetsförmåga – anpassad kopia till arbetsgivaren",
                     "Intyget är baserat på", "Min telefonkontakt med patienten",
                     "Min bedömning av patientens nedsättning av arbetsförmågan",
                     "100 %: 2026-11-18 – 2026-11-30", "50 %: 2026-12-15 – 2026-12-28",
                     "F32.1 Medelsvår depressiv episod", "Łucja Ström", "19121212-1212",
                     "Ajla Doktor", *UNICODE_SAMPLES):
        assert expected in text
    for raw in ("grundForMU", "sjukskrivningsgrad", "HELT_NEDSATT", "{", "period"):
        assert raw not in text


def test_employer_copy_leaves_out_the_chosen_parts_and_says_so():
    """Hardening item 16: an omitted part is absent, and the note names the part only."""
    text = employer_text({OptionalPart.DIAGNOSER, OptionalPart.FUNKTIONSNEDSATTNING})
    assert "Medelsvår depressiv episod" not in text
    assert UNICODE_SAMPLES[0] not in text  # the sample sits in funktionsnedsättning
    assert "Patienten har valt att inte ta med: diagnoser, funktionsnedsättning." in text
    assert "Min bedömning av patientens nedsättning av arbetsförmågan" in text


def test_employer_copy_never_prints_what_the_allow_list_does_not_name():
    """Hardening item 16 (DOMAIN.md §9): kontakt med FK left out is not on the copy."""
    text = employer_text({OptionalPart.KONTAKT_MED_FK, OptionalPart.OVRIGT})
    assert "Vill diskutera rehabilitering" not in text
    assert "Inga övriga upplysningar av vikt" not in text


def test_employer_copy_does_not_tell_where_else_the_certificate_went():
    """Hardening item 16 (DOMAIN.md §9): statuses are not on the allow-list."""
    text = employer_text(set())
    assert "Försäkringskassan 2026-11-28" not in text
    assert "Skickat" not in text
