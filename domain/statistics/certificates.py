"""Reports on certificates and messages for Intygsstatistik (DOMAIN.md §8).

All certificate types feed these counts (not only lisjp/fk7263). Revoked and test certificates
are left out. A certificate counts in the period it was signed in; a message in the period it was
sent in. The counts come from queries over the statistics view; these functions lay them out.
"""

from __future__ import annotations

from domain.shared.catalogue import CERTIFICATE_TYPES
from domain.statistics.facts import MessageSubject, Scope
from domain.statistics.report import (
    Report,
    ReportRow,
    SexTally,
    count_report,
    labelled,
    rate,
    shown,
)

PERCENT = 100
SUBJECT_LABELS = {
    MessageSubject.KOMPLT: "Komplettering",
    MessageSubject.AVSTMN: "Avstämningsmöte",
    MessageSubject.KONTKT: "Kontakt",
    MessageSubject.OVRIGT: "Övrigt",
    MessageSubject.PAMINN: "Påminnelse",
}
_TYPE_NAMES = {type_id: found.name for type_id, found in CERTIFICATE_TYPES.items()}


def messages_per_subject(counts: SexTally, scope: Scope) -> Report:
    """Antal meddelanden per ämne (KOMPLT, AVSTMN, KONTKT, OVRIGT, PAMINN), split by sex."""
    groups = labelled((s.value for s in MessageSubject), {s.value: n for s, n in
                                                          SUBJECT_LABELS.items()})
    return count_report("Antal meddelanden per ämne", scope, groups, counts)


def certificates_per_type(counts: SexTally, scope: Scope) -> Report:
    """Antal intyg per intygstyp, every type in the registry, split by sex."""
    return count_report("Antal intyg per intygstyp", scope,
                        labelled(CERTIFICATE_TYPES, _TYPE_NAMES), counts)


def complemented_share(everything: SexTally, complemented: SexTally, scope: Scope) -> Report:
    """Andel kompletterade intyg per intygstyp, in percent with one decimal.

    A certificate is complemented when it got a signed KOMPLT child. Numerator and denominator are
    the counts as shown, so at national and region level a share built on a count below 5 is 0.
    """
    rows = []
    for type_id, name in labelled(CERTIFICATE_TYPES, _TYPE_NAMES):
        parts = shown(*complemented.count(type_id), scope.suppressed)
        wholes = shown(*everything.count(type_id), scope.suppressed)
        values = tuple(rate(part, whole, PERCENT, 1) for part, whole in zip(parts, wholes,
                                                                             strict=True))
        rows.append(ReportRow(key=type_id, label=name, values=values))
    return Report(title="Andel kompletterade intyg (%)", scope=scope,
                  suppressed=scope.suppressed, rows=tuple(rows))
