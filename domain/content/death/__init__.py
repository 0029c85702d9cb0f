"""The death certificates DB and DOI (TYPES.md §10-11)."""
