"""DOMAIN.md §4: personnummer, samordningsnummer, HSA ids and diagnosis codes."""

from __future__ import annotations

from datetime import date

import pytest

from domain.shared.errors import InvalidPersonnummerError
from domain.shared.icd10 import lookup
from domain.shared.identities import (
    age_on,
    check_hsa_id,
    is_samordningsnummer,
    normalise_personnummer,
    sex,
)

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(("raw", "expected"), [
    ("19121212-1212", "191212121212"),
    ("191212121212", "191212121212"),
    ("121212-1212", "201212121212"),
    ("121212+1212", "191212121212"),
    (" 19121212-1212 ", "191212121212"),
])
def test_personnummer_is_normalised_to_12_digits_when_written_in_any_form(raw, expected):
    """§4: the four written forms normalise to 12 digits; '+' means 100 years or older."""
    assert normalise_personnummer(raw, TODAY) == expected


def test_personnummer_is_refused_when_the_check_digit_is_wrong():
    """§4: the last digit is a Luhn check over the 10-digit form."""
    with pytest.raises(InvalidPersonnummerError) as refused:
        normalise_personnummer("19121212-1213", TODAY, field="patient.personnummer")
    assert refused.value.issues[0].field == "patient.personnummer"


@pytest.mark.parametrize("raw", ["19121312-1212", "abc", "1212121212123", "20991212-1212",
                                 "19121212+1212"])
def test_personnummer_is_refused_when_the_form_or_date_is_wrong(raw):
    with pytest.raises(InvalidPersonnummerError):
        normalise_personnummer(raw, TODAY)


def test_samordningsnummer_is_accepted_when_the_day_is_plus_60():
    """§4: samordningsnummer: the day is +60."""
    normalised = normalise_personnummer("19121272-1219", TODAY)
    assert is_samordningsnummer(normalised)
    assert age_on(normalised, TODAY) == 113


def test_sex_follows_the_second_last_digit_when_read():
    assert sex("191212121212") == "M"
    assert sex("191212121220") == "F"


@pytest.mark.parametrize("raw", ["SE2321000016-1003", "TSTNMT2321000156-1079"])
def test_hsa_id_is_accepted_when_well_formed(raw):
    assert check_hsa_id(raw) == raw


@pytest.mark.parametrize("raw", ["", "1003", "SE2321000016", "se2321000016-1003 x"])
def test_hsa_id_is_refused_when_malformed(raw):
    with pytest.raises(ValueError, match="HSA"):
        check_hsa_id(raw)


@pytest.mark.parametrize(("raw", "code", "chapter", "block"), [
    ("M54.4", "M544", "XIII", "M50-M54"),
    ("m544", "M544", "XIII", "M50-M54"),
    ("S52.50", "S5250", "XIX", "S50-S59"),
    ("F32", "F32", "V", "F30-F39"),
])
def test_icd10_code_is_accepted_when_its_who_category_exists(raw, code, chapter, block):
    """§4: ICD-10-SE fifth characters on an existing WHO category are accepted, normalised."""
    found = lookup(raw)
    assert found is not None
    assert (found.code, found.chapter, found.block) == (code, chapter, block)


@pytest.mark.parametrize("raw", ["X", "Q", "M5", "Ö12", "U99.9"])
def test_icd10_code_is_refused_when_no_category_exists(raw):
    assert lookup(raw) is None
