"""The write side: one eventsourcing Application per bounded area."""
