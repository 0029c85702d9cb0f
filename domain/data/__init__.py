"""Packaged reference data for the domain, read lazily through ``importlib.resources``.

``lan_population.csv``: the population per län (county) code on 31 December 2023, from Statistics
Sweden (SCB), table "Folkmängd i riket, län och kommuner 31 december 2023 och
befolkningsförändringar 2023". Used by Intygsstatistik for cases per 1000 inhabitants. Replace the
rows (and the header comment) when SCB publishes a newer year; the rows must keep adding up to
SCB's figure for the whole country.
"""
