"""The certificate domain: aggregates, events, value objects and rules. Pure: no I/O, no clock."""
