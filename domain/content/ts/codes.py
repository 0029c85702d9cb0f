"""Names of Transportstyrelsen's code lists as the forms print them: licence categories applied
for (KV_INTYGET_AVSER, IAV), licences assessed (KV_KORKORTSBEHORIGHET, VAR) and how the identity
was checked (KV_ID_KONTROLL, IDK)."""

from __future__ import annotations

_CATEGORIES = ("C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "Taxi")
_LOWER = ("AM", "A1", "A2", "A", "B", "BE", "Traktor")

INTYG_AVSER = {
    **{f"IAV{n}": name for n, name in enumerate(_CATEGORIES, start=1)},
    "IAV10": "Annat",
    **{f"IAV{n}": name for n, name in enumerate(_LOWER, start=11)},
}
BEHORIGHET = {
    **{f"VAR{n}": name for n, name in enumerate(_CATEGORIES, start=1)},
    "VAR10": "Annat",
    "VAR11": "Kan inte ta ställning",
    **{f"VAR{n}": name for n, name in enumerate(_LOWER, start=12)},
}
ID_KONTROLL = {
    "IDK1": "ID-kort",
    "IDK2": "Företagskort eller tjänstekort",
    "IDK3": "Svenskt körkort",
    "IDK4": "Personlig kännedom",
    "IDK5": "Försäkran enligt 18 kap. 4 § körkortsförordningen",
    "IDK6": "Pass",
}
IDENTITY = "Identiteten är styrkt genom"
