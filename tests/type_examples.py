"""One minimal (passing) content per draftable certificate type, as of ``TODAY``: shared by the
catalogue test, the end-to-end test of every type and the stream test of every type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tests.factories import lisjp_content
from tests.factories.content import (
    fs_maximal,
    fs_minimal,
    maximal_251,
    maximal_db,
    maximal_luse,
    minimal_213,
    minimal_251,
    minimal_1009,
    minimal_1062,
    minimal_ag114_v2,
    minimal_ag7804,
    minimal_db,
    minimal_doi,
    minimal_luse,
    minimal_ts_bas,
    minimal_ts_diabetes,
    na_maximal,
    na_minimal,
)

TODAY = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MINIMAL: dict[str, Callable[[], dict[str, Any]]] = {
    "lisjp": lambda: lisjp_content(TODAY.date()),
    "luse": minimal_luse,
    "luae_na": na_minimal,
    "luae_fs": fs_minimal,
    "ag114": minimal_ag114_v2,
    "ag7804": minimal_ag7804,
    "ts-bas": minimal_ts_bas,
    "ts-diabetes": minimal_ts_diabetes,
    "tstrk1009": minimal_1009,
    "tstrk1062": minimal_1062,
    "db": minimal_db,
    "doi": minimal_doi,
    "af00213": minimal_213,
    "af00251": minimal_251,
}
MAXIMAL: dict[str, Callable[[], dict[str, Any]]] = {
    "luse": maximal_luse, "luae_na": na_maximal, "luae_fs": fs_maximal,
    "db": maximal_db,  # an uncertain date of death: every field a DOI copies is answered
    "af00251": maximal_251,
}

# TYPES.md §0.1, the lifecycle matrix, stated once for the tests (independent of the code).
SIGN_SENDS = {"db": "SKV", "doi": "SOS", "af00213": "AF", "tstrk1009": "TRANSP"}
DOCTOR_SENDS = {"lisjp": "FKASSA", "luse": "FKASSA", "luae_na": "FKASSA", "luae_fs": "FKASSA",
                "ts-bas": "TRANSP", "ts-diabetes": "TRANSP", "tstrk1062": "TRANSP",
                "af00251": "AF"}
PRINTED = ("ag114", "ag7804")  # no electronic recipient: the patient prints it
RENEWABLE = ("lisjp", "luse", "luae_na", "luae_fs", "ag7804", "af00251")
NOT_RENEWABLE = tuple(sorted(set(MINIMAL) - set(RENEWABLE)))
NO_PROTECTED_IDENTITY = ("tstrk1009", "tstrk1062", "db", "doi")
REVOKED_WITHOUT_REASON = ("db", "doi")
