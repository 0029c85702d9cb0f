"""The parties of a space, the sections a grant opens and the actions the rules decide."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who takes part: the citizen owns the space; the rest are invited by role."""

    MEDBORGARE = "MEDBORGARE"  # the sick-listed citizen, the owner
    ARBETSGIVARE = "ARBETSGIVARE"  # the employer: an organisation and the person acting for it
    LAKARE = "LAKARE"  # a doctor in care, by HSA id
    REHABKOORDINATOR = "REHABKOORDINATOR"  # a rehab coordinator in care, by HSA id
    FORETAGSHALSOVARD = "FORETAGSHALSOVARD"  # occupational health service, by organisation
    FORSAKRINGSKASSAN = "FORSAKRINGSKASSAN"  # the authority's system (FKASSA)


INVITABLE = frozenset(Role) - {Role.MEDBORGARE}
CARE = frozenset({Role.LAKARE, Role.REHABKOORDINATOR})
"""Care contributes only with the patient's recorded consent (lag 2019:1297)."""
READ_LOGGED = frozenset({Role.LAKARE, Role.REHABKOORDINATOR, Role.FORETAGSHALSOVARD,
                         Role.FORSAKRINGSKASSAN})
"""Care and authority participants: each of their reads leaves an access-log entry (PDL)."""


class Section(StrEnum):
    """What a grant's scope opens: the timeline, the plan, the dialogue, the documents."""

    TIDSLINJE = "TIDSLINJE"
    PLAN = "PLAN"
    DIALOG = "DIALOG"
    DOKUMENT = "DOKUMENT"


class ItemKind(StrEnum):
    """A contribution and the section it belongs to."""

    PLANPUNKT = "PLANPUNKT"
    MEDDELANDE = "MEDDELANDE"
    DOKUMENT = "DOKUMENT"

    @property
    def section(self) -> Section:
        return {ItemKind.PLANPUNKT: Section.PLAN, ItemKind.MEDDELANDE: Section.DIALOG,
                ItemKind.DOKUMENT: Section.DOKUMENT}[self]


class Action(StrEnum):
    """Every action on a space; ``rules.decide`` says who may take each."""

    VIEW_SPACE = "VIEW_SPACE"
    VIEW_TIMELINE = "VIEW_TIMELINE"
    CONTRIBUTE = "CONTRIBUTE"
    APPROVE = "APPROVE"
    WITHDRAW_APPROVAL = "WITHDRAW_APPROVAL"
    INVITE = "INVITE"
    REMOVE = "REMOVE"
    RECORD_CONSENT = "RECORD_CONSENT"
    LINK_CERTIFICATE = "LINK_CERTIFICATE"
    VIEW_READ_LOG = "VIEW_READ_LOG"
    GIVE_CONTACT = "GIVE_CONTACT"


OWNER_ONLY = frozenset({Action.APPROVE, Action.WITHDRAW_APPROVAL, Action.INVITE, Action.REMOVE,
                        Action.RECORD_CONSENT, Action.LINK_CERTIFICATE, Action.VIEW_READ_LOG})
