"""What HSA (the national directory of care staff) says of a person beyond the login: sex,
year of birth and title (befattning). Intygsstatistik counts cases by the signing doctor's sex,
age and title from them (DOMAIN.md §8).

Staff data, not patient data: they travel clear, on the token (optional claims ``hsa_sex``,
``hsa_birth_year``, ``hsa_title``) and on the signer of a signed certificate. Nothing more of
the person is kept: the year of birth, never the date.

The titles are a short code list of our own for the doctors' befattningar HSA knows (HSA keeps
a longer list with codes of its own); a person without one of them has no title here.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TITLES: dict[str, str] = {
    "overlakare": "Överläkare",
    "specialistlakare": "Specialistläkare",
    "st-lakare": "ST-läkare (legitimerad, specialiseringstjänstgöring)",
    "legitimerad-lakare": "Legitimerad läkare",
    "at-lakare": "AT-läkare (ej legitimerad, allmäntjänstgöring)",
    "lakare": "Läkare (ej legitimerad)",
}
"""Title code -> the name the reports show, most senior first (the reports' order)."""

TitleCode = Literal["overlakare", "specialistlakare", "st-lakare", "legitimerad-lakare",
                    "at-lakare", "lakare"]
StaffSex = Literal["F", "M"]
FIRST_BIRTH_YEAR, LAST_BIRTH_YEAR = 1900, 2100
YOUNGEST_DOCTOR, OLDEST_DOCTOR = 18, 100
"""The ages the statistics count a doctor at; outside them the doctor's age is unknown."""


class StaffAttributes(BaseModel):
    """A person's HSA attributes, each optional (HSA may not know them)."""

    model_config = ConfigDict(frozen=True)

    sex: StaffSex | None = Field(default=None, description="F or M.")
    birth_year: int | None = Field(default=None, ge=FIRST_BIRTH_YEAR, le=LAST_BIRTH_YEAR)
    title: TitleCode | None = Field(default=None, description="Befattning (TITLES).")

    def age_on(self, day: date) -> int | None:
        """The age in whole years counted from the year of birth alone (the year of ``day``
        less the year of birth), or None when unknown or not a plausible doctor's age."""
        if self.birth_year is None:
            return None
        age = day.year - self.birth_year
        return age if YOUNGEST_DOCTOR <= age <= OLDEST_DOCTOR else None
