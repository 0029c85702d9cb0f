"""Samverkansytan: the collaboration space for the return to work, owned by the citizen
(docs/samverkan.md). The ``Space`` aggregate (``space``), what its events mean (``fold``), who
may do what in it (``rules``) and the sick-leave timeline with its milestones (``timeline``).
Pure: no clock, no ids, no I/O.
"""
