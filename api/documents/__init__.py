"""Certificates as documents people read: PDFs laid out like the national printouts.

``printed`` gathers what a printout shows (from the care aggregate or a read-model document),
``answers`` turns content into labelled answers in words using the type's texts from
``domain.content``, ``words`` says one value in words, ``layout`` writes the page with an
embedded Unicode font (``fonts``), and ``certificate`` and ``employer`` are the two kinds of
document: the whole certificate, and the employer's copy of a LISJP. ``tables`` writes a report
table of Intygsstatistik as CSV or XLSX (openpyxl) for download.
"""
