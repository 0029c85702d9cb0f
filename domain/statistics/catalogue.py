"""The report catalogue of Intygsstatistik (DOMAIN.md §8): every report's id, Swedish title,
the levels it is given at and the filters it takes.

National reports are open to all, so a report that names doctors or counts per doctor is given
at care giver (and unit) level only. A report asked for at a level it is not given at is
unknown there (404), as an unknown id.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.statistics.facts import ScopeLevel

ALL_LEVELS = tuple(ScopeLevel)
BELOW_NATIONAL = (ScopeLevel.REGION, ScopeLevel.CARE_GIVER, ScopeLevel.CARE_UNIT)
CARE_LEVELS = (ScopeLevel.CARE_GIVER, ScopeLevel.CARE_UNIT)
CASE_FILTERS = ("period", "diagnoses", "units", "age_groups", "length_groups", "degrees", "sex")
PERIOD_ONLY = ("period",)


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    id: str
    title: str
    levels: tuple[ScopeLevel, ...]
    filters: tuple[str, ...]

    @property
    def filtered(self) -> bool:
        """Whether the report counts cases, so takes the case filters."""
        return len(self.filters) > 1


def _entry(report_id: str, title: str, levels: tuple[ScopeLevel, ...] = ALL_LEVELS,
           filters: tuple[str, ...] = CASE_FILTERS) -> CatalogueEntry:
    return CatalogueEntry(report_id, title, levels, filters)


CATALOGUE: tuple[CatalogueEntry, ...] = (
    _entry("sjukfall-per-manad", "Antal sjukfall per månad"),
    _entry("sjukfall-per-diagnoskapitel", "Antal sjukfall per diagnoskapitel"),
    _entry("sjukfall-per-diagnosavsnitt", "Antal sjukfall per diagnosavsnitt"),
    _entry("sjukfall-per-diagnoskategori", "Antal sjukfall per diagnoskategori"),
    _entry("sjukfall-per-aldersgrupp", "Antal sjukfall per åldersgrupp"),
    _entry("sjukfall-per-sjukskrivningsgrad", "Antal sjukfall per sjukskrivningsgrad"),
    _entry("sjukfall-per-sjukskrivningslangd", "Antal sjukfall per sjukskrivningslängd"),
    _entry("sjukfall-per-antal-intyg", "Antal sjukfall per antal intyg"),
    _entry("sjukfall-per-lakarens-alder", "Antal sjukfall per läkarens åldersgrupp"),
    _entry("sjukfall-per-lan", "Antal sjukfall per län"),
    _entry("sjukfall-per-1000-invanare", "Antal sjukfall per 1000 invånare"),
    _entry("konsfordelning-per-lan", "Könsfördelning av sjukfall per län"),
    _entry("meddelanden-per-amne", "Antal meddelanden per ämne", filters=PERIOD_ONLY),
    _entry("intyg-per-typ", "Antal intyg per intygstyp", filters=PERIOD_ONLY),
    _entry("andel-kompletterade", "Andel kompletterade intyg (%)", filters=PERIOD_ONLY),
    _entry("kompletteringar-per-fraga", "Antal kompletteringsbegäranden per fråga",
           filters=PERIOD_ONLY),
    _entry("sjukfall-per-enhet", "Antal sjukfall per vårdenhet", BELOW_NATIONAL),
    _entry("sjukfall-per-enhet-per-1000-listade",
           "Antal sjukfall per vårdenhet per 1000 listade patienter", (ScopeLevel.REGION,)),
    _entry("sjukfall-per-lakare", "Antal sjukfall per läkare", CARE_LEVELS),
    _entry("langa-sjukfall", "Antal långa sjukfall (mer än 90 dagar) per månad", CARE_LEVELS),
    _entry("jamforda-diagnoser", "Antal sjukfall för valda diagnoser", CARE_LEVELS),
    _entry("intyg-per-manad-och-typ", "Antal intyg per månad och intygstyp", CARE_LEVELS,
           PERIOD_ONLY),
    _entry("meddelanden-per-manad", "Antal meddelanden totalt per månad", CARE_LEVELS,
           PERIOD_ONLY),
    _entry("meddelanden-per-enhet", "Antal meddelanden per vårdenhet", CARE_LEVELS,
           PERIOD_ONLY),
    _entry("meddelanden-per-lakare", "Antal meddelanden per läkare", CARE_LEVELS, PERIOD_ONLY),
    _entry("sjukfall-per-lakarens-kon", "Antal sjukfall per läkarens kön", CARE_LEVELS),
    _entry("sjukfall-per-lakarbefattning", "Antal sjukfall per läkarbefattning", CARE_LEVELS),
)
BY_ID = {entry.id: entry for entry in CATALOGUE}


def entry_at(report_id: str, level: ScopeLevel) -> CatalogueEntry | None:
    """The report, if it is given at this level."""
    found = BY_ID.get(report_id)
    return found if found is not None and level in found.levels else None
