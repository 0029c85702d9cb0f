"""Hardening item 16: a certificate prints like the national printout, for every draftable type:
the form's questions as labels, the answers in words, the patient, the signature, and every
character as written (DOMAIN.md §9, print to PDF)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest

from api.documents.answers import content_answers
from api.documents.certificate import certificate_pdf
from domain.content.registry import CONTENT_SPECS, texts_for
from tests.documents import (
    CODE_LIKE,
    UNICODE_SAMPLES,
    pdf_text,
    printed,
    realistic_content,
)
from tests.factories.content import maximal_ag114_v1

TYPES = sorted(CONTENT_SPECS)


@pytest.fixture(scope="module")
def texts_by_type() -> dict[str, str]:
    """Each type's printout, rendered once for the module (the tests read it many ways)."""
    return {type_id: pdf_text(certificate_pdf(printed(type_id, realistic_content(type_id))))
            for type_id in TYPES}


def coded_names(type_id: str, content: dict[str, Any], prefix: str = "") -> list[str]:
    """The names of every coded answer in ``content``, as the type's texts give them."""
    texts = texts_for(type_id)
    names: list[str] = []
    for key, value in content.items():
        path = prefix + key
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                names += coded_names(type_id, item, path + ".")
            elif isinstance(item, str) and texts.code_name(path, item):
                names.append(texts.code_name(path, item) or "")
    return names


@pytest.mark.parametrize("type_id", TYPES)
def test_every_answer_prints_under_its_question_when_a_type_is_printed(type_id, texts_by_type):
    """Hardening item 16: labels are the form's question texts, never field names."""
    answers = content_answers(texts_for(type_id), realistic_content(type_id))
    missing = [a.label for a in answers if " ".join(a.label.split()) not in texts_by_type[type_id]]
    assert answers
    assert missing == []


@pytest.mark.parametrize("type_id", TYPES)
def test_coded_answers_print_as_names_when_a_type_is_printed(type_id, texts_by_type):
    """Hardening item 16: values in words: no stored code (HELT_NEDSATT) reaches the page."""
    text = texts_by_type[type_id]
    names = coded_names(type_id, realistic_content(type_id))
    assert [n for n in names if " ".join(n.split()) not in text] == []
    assert CODE_LIKE.findall(text) == []


@pytest.mark.parametrize("type_id", TYPES)
def test_patient_signature_and_unicode_print_when_a_type_is_printed(type_id, texts_by_type):
    """Hardening item 16: patient, signing doctor, unit and date, and Unicode as written."""
    text = texts_by_type[type_id]
    for expected in ("Łucja Ström", "19121212-1212", "Ajla Doktor", "2026-11-28",
                     "Vårdcentralen Norr", "Storgatan 1, 123 45 Norrstad", *UNICODE_SAMPLES):
        assert expected in text
    assert "?ód?" not in text


def test_lisjp_prints_degrees_as_percentages_and_periods_as_dates(texts_by_type):
    """Hardening item 16 (DOMAIN.md §3, question 32): the degrees as 100/75/50/25 %."""
    text = texts_by_type["lisjp"]
    assert "100 %: 2026-11-18 – 2026-11-30" in text
    assert "75 %: 2026-12-01 – 2026-12-14" in text
    assert "25 %: 2026-12-29 – 2027-01-11" in text
    assert "Min bedömning av patientens nedsättning av arbetsförmågan" in text
    assert "F32.1 Medelsvår depressiv episod" in text
    assert "Patienten kommer med stor sannolikhet att kunna återgå" in text
    assert "60 dagar" in text
    assert "Jag önskar att Försäkringskassan kontaktar mig Ja" in text


def test_ag114_prints_its_degree_with_the_percent_sign(texts_by_type):
    """Hardening item 16: AG1-14 stores its degree as a number; it prints as a percentage."""
    assert "Arbetsförmågan är nedsatt med 50 %" in texts_by_type["ag114"]


def test_uncertain_date_of_death_prints_in_words_when_the_day_is_unknown(texts_by_type):
    """Hardening item 16 (TYPES.md §10, 2.2): 2026-11-00 is November 2026, day unknown."""
    text = texts_by_type["db"]
    assert "Dödsdatum november 2026 (dag okänd)" in text
    assert "Nej, den avlidne undersöktes kort före döden" in text


def test_revoked_certificate_is_marked_makulerat_when_printed():
    """Hardening item 16 (DOMAIN.md §5): a revoked certificate says so before anything else."""
    text = pdf_text(certificate_pdf(printed("lisjp", realistic_content("lisjp"), revoked=True)))
    assert text.index("MAKULERAT 2026-11-30") < text.index("Łucja Ström")
    assert "gäller inte" in text


def test_draft_is_marked_as_not_valid_when_printed():
    """Hardening item 16: a printed draft can never pass for a signed certificate."""
    text = pdf_text(certificate_pdf(printed("lisjp", realistic_content("lisjp"),
                                            state="DRAFT_COMPLETE")))
    assert "UTKAST" in text
    assert "Ej signerat" in text


def test_sent_certificate_names_the_recipient_when_printed(texts_by_type):
    """Hardening item 16: the status says where it went, by the recipient's name."""
    assert "Skickat till Försäkringskassan 2026-11-28" in texts_by_type["lisjp"]


def test_text_the_font_cannot_draw_is_replaced_and_never_logged(caplog):
    """Hardening items 16 and 1: a character without a glyph prints as �, and fpdf2 logs no
    character of the patient's text (it names missing glyphs in a warning otherwise)."""
    content = realistic_content("lisjp") | {"ovrigt": "Namn 漢字 med\tflik och klocka\x07."}
    with caplog.at_level(logging.DEBUG):
        text = pdf_text(certificate_pdf(printed("lisjp", content)))
    assert "Namn �� med flik och klocka." in text
    assert [r.getMessage() for r in caplog.records if "漢" in r.getMessage()
            or "\\u6f22" in r.getMessage()] == []


def test_ag114_written_in_version_1_prints_with_the_questions_of_version_1():
    """Hardening item 16: a certificate keeps its content version, on paper too."""
    v1 = printed("ag114", maximal_ag114_v1())
    text = pdf_text(certificate_pdf(replace(v1, content_version=1)))
    assert "Sysselsättning Nuvarande arbete" in text
    assert "Ange yrke och arbetsuppgifter Lagerarbetare" in text


def test_death_certificate_names_the_deceased_when_printed(texts_by_type):
    """Hardening item 16: a DB or DOI is about the deceased, not a patient."""
    assert "Den avlidne Namn Łucja Ström" in texts_by_type["db"]
    assert "Den avlidne Namn Łucja Ström" in texts_by_type["doi"]
