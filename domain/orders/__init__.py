"""Intygsbeställning (DOMAIN.md §10): certificates and investigations ordered by authorities."""
