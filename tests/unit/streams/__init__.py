"""Unit tests: The published wire contract."""
