"""AG1-14, the employer's certificate of the sick-pay period (TYPES.md §5)."""
