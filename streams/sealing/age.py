"""The patient's age a version 3 content message carries clear, in place of anything that
would name the birth date (docs/sealing.md).

DOMAIN.md section 8: a patient's age on a certificate is the age, in whole years, on the last
day of its sick leave (the end of its latest period). The relay computes it from the
personnummer while it still has it, at the last day of the message's own content's latest
valid sick-leave period; a content without periods (every type but the LISJP, or a draft not
yet filled in) counts the age on the day the event was recorded. Intygsstatistik reads this
number as it is, so a view rebuilt after ``intyg forget`` counts the same age.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from domain.content.fk.lisjp import LisjpContent, periods
from domain.shared.identities import birth_date
from domain.statistics.facts import age_on


def born_of(personnummer: str) -> date | None:
    """The birth date a normalised personnummer (or samordningsnummer) gives; None for a
    number that names none."""
    with contextlib.suppress(ValueError, IndexError):
        return birth_date(personnummer)
    return None


def last_sick_leave_day(type_id: str, content: Any) -> date | None:
    """The end of the content's latest valid sick-leave period; None without one. Only the
    LISJP's periods are read, as Intygsstatistik reads them (``projections.statistik``)."""
    if type_id != "lisjp" or not isinstance(content, dict):
        return None
    try:
        found = periods(LisjpContent.model_validate(content))
    except ValidationError:
        return None
    return max((end for _, _, end in found), default=None)


def message_age(value: dict[str, Any], type_id: str, born: date | None) -> int | None:
    """The age to publish with a clear version 3 content message: on the last day of its
    content's sick leave, else on the day it was recorded (``at``); None without a birth
    date."""
    if born is None:
        return None
    data = value.get("data")
    content = data.get("content") if isinstance(data, dict) else None
    recorded = datetime.fromisoformat(str(value["at"])).date()
    return age_on(born, last_sick_leave_day(type_id, content) or recorded)
