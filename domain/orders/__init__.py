"""Intygsbeställning (DOMAIN.md §10): orders from authorities to care, with the business-day
calendar their deadlines are counted in; ``fmu/`` holds the försäkringsmedicinsk utredning."""
