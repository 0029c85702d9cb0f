"""Sick-leave cases (sjukfall) for Rehabstöd and FMB decision support (DOMAIN.md §7, §11)."""
