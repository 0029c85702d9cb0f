"""Intygsstatistik (DOMAIN.md §8): facts, cases, buckets and reports."""
