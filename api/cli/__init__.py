"""The ``intyg`` command line."""
