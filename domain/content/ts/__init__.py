"""The Transportstyrelsen certificates (TYPES.md §6-9)."""
