"""The read models by name, as ``intyg project NAME`` and ``intyg projections rebuild NAME``
know them."""

from __future__ import annotations

from commands.settings import Settings
from projections.base import DocumentView
from projections.mina_intyg import MinaIntygView
from projections.rehabstod import RehabstodView
from projections.sealing import PatientSeal
from projections.statistik import StatistikView
from projections.webcert import WebcertView

NAMES = ("mina-intyg", "webcert", "rehabstod", "statistik")


def build_views(settings: Settings, seal: PatientSeal) -> dict[str, DocumentView]:
    """The views, those keeping patient data with ``seal`` (``streams.sealing.view_seal``)."""
    views: list[DocumentView] = [MinaIntygView(seal), WebcertView(seal), RehabstodView(seal),
                                 StatistikView(settings.pseudonym_key,
                                                               settings.patient_index_secret)]
    return {view.name: view for view in views}
