"""Intygsstatistik's read model (DOMAIN.md §8): the redacted certificates, the sick-leave cases
the projection keeps per patient, the messages, and the reports as queries over them."""

from projections.statistik.view import StatistikView, fact, message_facts

__all__ = ["StatistikView", "fact", "message_facts"]
