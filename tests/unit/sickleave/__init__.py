"""Unit tests: Sick-leave cases and FMB."""
