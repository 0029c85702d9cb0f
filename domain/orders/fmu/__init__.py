"""FMU, försäkringsmedicinsk utredning (DOMAIN.md §10): the ``Investigation`` aggregate from
Försäkringskassan's request to the end, and everything derived from its events (status, phase,
deadlines, payment eligibility, due notifications) as pure functions of (facts, today, calendar).
"""
