"""Who sees which sjukfall of a unit (DOMAIN.md §7), applied to the unit's computed cases.

- A doctor sees the cases whose active certificate they signed. The cases are computed from the
  whole unit's certificates first and then narrowed, as Rehabstöd does ("issued by me"): the case
  keeps its full length and every certificate of the chain, also those signed by colleagues,
  while a patient whose current certificate another doctor signed is not on the list.
- A patient with protected identity (sekretessmarkering) is shown only to the doctor who signed
  the case's active certificate: to a doctor that is already true, so only the rehab coordinator
  loses these cases.
- A rehab coordinator sees every other case of the unit.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.sickleave.model import SickLeaveCase


def for_doctor(cases: Iterable[SickLeaveCase], doctor_hsa_id: str) -> list[SickLeaveCase]:
    """The cases whose active certificate the doctor signed, protected identities included."""
    return [case for case in cases if case.doctor_id == doctor_hsa_id]


def for_rehab_coordinator(cases: Iterable[SickLeaveCase]) -> list[SickLeaveCase]:
    """The whole unit but patients with protected identity."""
    return [case for case in cases if not case.protected_identity]


def visible_to(cases: Iterable[SickLeaveCase], doctor_hsa_id: str | None) -> list[SickLeaveCase]:
    """The cases a user sees: a doctor's own (``doctor_hsa_id``) or, with None, a rehab
    coordinator's."""
    if doctor_hsa_id is None:
        return for_rehab_coordinator(cases)
    return for_doctor(cases, doctor_hsa_id)
