"""``intyg demo``: realistic demo data, written through the applications."""
