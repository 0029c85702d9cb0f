"""Unit tests: Content models and validation, per form family."""
