"""Questions and answers between care and a recipient (ärendekommunikation, DOMAIN.md §6)."""
