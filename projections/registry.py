"""The read models by name, as ``intyg project NAME`` and ``intyg projections rebuild NAME``
know them."""

from __future__ import annotations

from commands.settings import Settings
from projections.base import DocumentView
from projections.mina_intyg import MinaIntygView
from projections.rehabstod import RehabstodView
from projections.statistik import StatistikView
from projections.webcert import WebcertView

NAMES = ("mina-intyg", "webcert", "rehabstod", "statistik")


def build_views(settings: Settings) -> dict[str, DocumentView]:
    views: list[DocumentView] = [MinaIntygView(), WebcertView(), RehabstodView(),
                                 StatistikView(settings.pseudonym_key)]
    return {view.name: view for view in views}
