"""Unit tests: Questions and answers."""
