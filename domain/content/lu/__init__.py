"""The FK läkarutlåtanden: LUSE, LUAE_NA, LUAE_FS (TYPES.md §1-3)."""
