"""Unit tests: The shared kernel."""
