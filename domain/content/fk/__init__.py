"""The FK 7804 family: LISJP and AG7804 (TYPES.md §0, §4)."""
