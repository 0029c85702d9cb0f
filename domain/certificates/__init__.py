"""Certificates and their lifecycle (DOMAIN.md §2, §5): the aggregate, its rules, the type and
recipient catalogue."""
