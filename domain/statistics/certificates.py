"""Reports on certificates and messages for Intygsstatistik (DOMAIN.md §8).

All certificate types feed these counts (not only lisjp/fk7263). Revoked and test certificates
are left out. A certificate counts in the period it was signed in; a message in the period it was
sent in. Facts are filtered by the scope first.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.shared.catalogue import CERTIFICATE_TYPES
from domain.statistics.facts import (
    CertificateFact,
    MessageFact,
    MessageSubject,
    ReportPeriod,
    Scope,
    in_scope,
)
from domain.statistics.report import (
    Report,
    ReportRow,
    count_report,
    labelled,
    rate,
    shown,
    tally,
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


def certificates_in(facts: Iterable[CertificateFact], scope: Scope,
                    period: ReportPeriod) -> list[CertificateFact]:
    """The scope's counted certificates (not revoked, not test) signed in the period."""
    return [f for f in in_scope(facts, scope) if f.counted and period.covers(f.signed)]


def messages_per_subject(messages: Iterable[MessageFact], scope: Scope,
                         period: ReportPeriod) -> Report:
    """Antal meddelanden per ämne (KOMPLT, AVSTMN, KONTKT, OVRIGT, PAMINN), split by sex."""
    sent = [m for m in in_scope(messages, scope) if period.covers(m.sent)]
    counts = tally(sent, lambda m: m.subject.value, lambda m: m.sex)
    groups = labelled((s.value for s in MessageSubject), {s.value: n for s, n in
                                                          SUBJECT_LABELS.items()})
    return count_report("Antal meddelanden per ämne", scope, groups, counts)


def certificates_per_type(facts: Iterable[CertificateFact], scope: Scope,
                          period: ReportPeriod) -> Report:
    """Antal intyg per intygstyp, every type in the registry, split by sex."""
    counts = tally(certificates_in(facts, scope, period), lambda f: f.type_id, lambda f: f.sex)
    return count_report("Antal intyg per intygstyp", scope,
                        labelled(CERTIFICATE_TYPES, _TYPE_NAMES), counts)


def complemented_share(facts: Iterable[CertificateFact], scope: Scope,
                       period: ReportPeriod) -> Report:
    """Andel kompletterade intyg per intygstyp, in percent with one decimal.

    A certificate is complemented when it got a signed KOMPLT child. Numerator and denominator are
    the counts as shown, so at national and region level a share built on a count below 5 is 0.
    """
    signed = certificates_in(facts, scope, period)
    everything = tally(signed, lambda f: f.type_id, lambda f: f.sex)
    complemented = tally([f for f in signed if f.complemented], lambda f: f.type_id,
                         lambda f: f.sex)
    rows = []
    for type_id, name in labelled(CERTIFICATE_TYPES, _TYPE_NAMES):
        parts = shown(*complemented.count(type_id), scope.suppressed)
        wholes = shown(*everything.count(type_id), scope.suppressed)
        values = tuple(rate(part, whole, PERCENT, 1) for part, whole in zip(parts, wholes,
                                                                             strict=True))
        rows.append(ReportRow(key=type_id, label=name, values=values))
    return Report(title="Andel kompletterade intyg (%)", scope=scope,
                  suppressed=scope.suppressed, rows=tuple(rows))
