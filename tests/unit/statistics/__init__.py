"""Unit tests: Intygsstatistik."""
