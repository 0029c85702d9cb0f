"""Övriga beställningar: an authority (e.g. Arbetsförmedlingen) orders a certificate from a care
unit (the ``Bestallning`` aggregate, its statuses, its validation, its order forms and reminders).
"""
