"""The content models a doctor can draft, each with its validator and renewal rule.

Adding a type = one module in domain/ (a pydantic model, ``validate`` and optionally ``renew``)
plus one entry here. Content is stored in events as the JSON of the model (national camelCase
names); these functions take and return that JSON so the aggregate never holds a model.

Versions: ``CONTENT_SPECS`` holds each type's current version, ``EARLIER_SPECS`` the versions
before it. A certificate keeps the version it was written in (its ``content_version``) and is
parsed and validated with that version's model for ever; a new draft made from it (replace,
renew, complement, copy) is written in the current version, its content lifted by each later
version's ``upcast`` in turn (``upcast``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from domain.content.af import af00213, af00251
from domain.content.af.texts import AF00213_TEXTS, AF00251_TEXTS
from domain.content.ag import ag114, ag114_v2
from domain.content.ag.texts import AG114_V1_TEXTS, AG114_V2_TEXTS
from domain.content.common.limits import input_issues
from domain.content.common.texts import FormTexts
from domain.content.death import db, doi
from domain.content.death.texts import DB_TEXTS, DOI_TEXTS
from domain.content.fk import ag7804, lisjp
from domain.content.fk.texts import AG7804_TEXTS, LISJP_TEXTS
from domain.content.lu import luae_fs, luae_na, luse
from domain.content.lu.texts import LUAE_FS_TEXTS, LUAE_NA_TEXTS, LUSE_TEXTS
from domain.content.ts import bas as ts_bas
from domain.content.ts import diabetes as ts_diabetes
from domain.content.ts import tstrk1009, tstrk1062
from domain.content.ts.bas_texts import TS_BAS_TEXTS
from domain.content.ts.diabetes_texts import TS_DIABETES_TEXTS
from domain.content.ts.trk_texts import TSTRK1009_TEXTS, TSTRK1062_TEXTS
from domain.shared.care import CareUnit
from domain.shared.errors import InvalidInputError, RelationNotAllowedError
from domain.shared.identities import birth_date
from domain.shared.validation import IssueCode, ValidationIssue

Validator = Callable[[Any, date, CareUnit], list[ValidationIssue]]
Renewer = Callable[[Any], Any]
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
RenewalFacts = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class ContentSpec:
    type_id: str
    version: int
    model: type[BaseModel]
    validate: Validator
    question_ids: dict[str, str] = field(default_factory=dict)
    renew: Renewer | None = None
    renewal_facts: RenewalFacts | None = None
    needs_birth_date: bool = False
    upcast: Upcaster | None = None  # the previous version's stored JSON -> this version's
    texts: FormTexts = field(default_factory=lambda: FormTexts(questions={}))  # the printout


def _lisjp_renewal_facts(content: lisjp.LisjpContent) -> dict[str, Any]:
    """The parent's last period end and degree, so the renewal can start the day after."""
    last = lisjp.last_period(content)
    if last is None:
        return {}
    return {"parent_last_period_end": last[0].isoformat(), "parent_last_degree": last[1]}


CONTENT_SPECS: dict[str, ContentSpec] = {
    "lisjp": ContentSpec("lisjp", lisjp.CONTENT_VERSION, lisjp.LisjpContent,
                         lisjp.validate_lisjp, lisjp.QUESTION_IDS, lisjp.renewal_content,
                         _lisjp_renewal_facts,
                         texts=LISJP_TEXTS),
    "ag7804": ContentSpec("ag7804", ag7804.CONTENT_VERSION, ag7804.Ag7804Content,
                          ag7804.validate_ag7804, ag7804.QUESTION_IDS, ag7804.renewal_content,
                          texts=AG7804_TEXTS),
    "ts-bas": ContentSpec("ts-bas", ts_bas.CONTENT_VERSION, ts_bas.TsBasContent,
                          ts_bas.validate_ts_bas, ts_bas.QUESTION_IDS,
                          texts=TS_BAS_TEXTS),
    "ts-diabetes": ContentSpec("ts-diabetes", ts_diabetes.CONTENT_VERSION,
                               ts_diabetes.TsDiabetesContent, ts_diabetes.validate_ts_diabetes,
                               ts_diabetes.QUESTION_IDS, needs_birth_date=True,
                               texts=TS_DIABETES_TEXTS),
    "tstrk1009": ContentSpec("tstrk1009", tstrk1009.CONTENT_VERSION, tstrk1009.Tstrk1009Content,
                             tstrk1009.validate_tstrk1009, tstrk1009.QUESTION_IDS,
                             texts=TSTRK1009_TEXTS),
    "tstrk1062": ContentSpec("tstrk1062", tstrk1062.CONTENT_VERSION, tstrk1062.Tstrk1062Content,
                             tstrk1062.validate_tstrk1062, tstrk1062.QUESTION_IDS,
                             texts=TSTRK1062_TEXTS),
    "db": ContentSpec("db", db.CONTENT_VERSION, db.DbContent, db.validate_db, db.QUESTION_IDS,
                      needs_birth_date=True,
                      texts=DB_TEXTS),
    "doi": ContentSpec("doi", doi.CONTENT_VERSION, doi.DoiContent, doi.validate_doi,
                       doi.QUESTION_IDS, needs_birth_date=True,
                       texts=DOI_TEXTS),
    "luse": ContentSpec("luse", luse.CONTENT_VERSION, luse.LuseContent, luse.validate_luse,
                        luse.QUESTION_IDS, luse.renewal_content,
                        texts=LUSE_TEXTS),
    "luae_na": ContentSpec("luae_na", luae_na.CONTENT_VERSION, luae_na.LuaeNaContent,
                           luae_na.validate_luae_na, luae_na.QUESTION_IDS,
                           luae_na.renewal_content,
                           texts=LUAE_NA_TEXTS),
    "luae_fs": ContentSpec("luae_fs", luae_fs.CONTENT_VERSION, luae_fs.LuaeFsContent,
                           luae_fs.validate_luae_fs, luae_fs.QUESTION_IDS,
                           luae_fs.renewal_content,
                           texts=LUAE_FS_TEXTS),
    "ag114": ContentSpec("ag114", ag114_v2.CONTENT_VERSION, ag114_v2.Ag114V2Content,
                         ag114_v2.validate_ag114_v2, ag114_v2.QUESTION_IDS,
                         upcast=ag114_v2.from_v1,
                         texts=AG114_V2_TEXTS),
    "af00213": ContentSpec("af00213", af00213.CONTENT_VERSION, af00213.Af00213Content,
                           af00213.validate_af00213, af00213.QUESTION_IDS,
                           texts=AF00213_TEXTS),
    "af00251": ContentSpec("af00251", af00251.CONTENT_VERSION, af00251.Af00251Content,
                           af00251.validate_af00251, af00251.QUESTION_IDS,
                           af00251.renewal_content, af00251.renewal_facts,
                           texts=AF00251_TEXTS),
}

EARLIER_SPECS: dict[tuple[str, int], ContentSpec] = {
    ("ag114", 1): ContentSpec("ag114", ag114.CONTENT_VERSION, ag114.Ag114Content,
                              ag114.validate_ag114, ag114.QUESTION_IDS,
                              texts=AG114_V1_TEXTS),
}


def spec_for(type_id: str, version: int | None = None) -> ContentSpec:
    """The spec of a type in ``version`` (the current one when None or current)."""
    current = CONTENT_SPECS[type_id]
    if version is None or version == current.version:
        return current
    return EARLIER_SPECS[(type_id, version)]


def versions_of(type_id: str) -> list[int]:
    """Every content version of a type there is a model for, oldest first."""
    earlier = [v for (t, v) in EARLIER_SPECS if t == type_id]
    return sorted([*earlier, CONTENT_SPECS[type_id].version])


def upcast(type_id: str, stored: dict[str, Any], version: int) -> dict[str, Any]:
    """Content stored in ``version`` lifted to the current version, one version at a time."""
    current = CONTENT_SPECS[type_id].version
    for step in range(version + 1, current + 1):
        lift = spec_for(type_id, step).upcast
        if lift is None:
            raise ValueError(f"No upcaster from version {step - 1} to {step} of {type_id}.")
        stored = lift(stored)
    return stored


def texts_for(type_id: str, version: int | None = None) -> FormTexts:
    """The printed form of a type in ``version``: its question texts and code names; none for
    a type that cannot be drafted (FK 7263), whose answers then print under their own names."""
    if type_id not in CONTENT_SPECS:
        return FormTexts(questions={})
    return spec_for(type_id, version).texts


def version_of(type_id: str) -> int:
    """The current content version of a type; 1 for types registered but not yet modelled."""
    spec = CONTENT_SPECS.get(type_id)
    return spec.version if spec else 1


def parse(type_id: str, raw: dict[str, Any], version: int | None = None, *,
          from_client: bool = True) -> BaseModel:
    """Parse content into the type's model; refuse wrong shapes with field paths.

    Wrong *shapes* (a list where a text belongs) are refused here; wrong *values* (an unknown
    code, a date in the future) are kept in the draft and reported by validation. A client's
    content (``from_client``) is also held to the bounds of every answer (``common.limits``);
    content copied from a stored certificate (renew, replace, ...) is not: it was taken once.
    """
    spec = spec_for(type_id, version)
    try:
        parsed = spec.model.model_validate(raw)
    except ValidationError as error:
        issues = [
            ValidationIssue(
                question_id=spec.question_ids.get(str(d["loc"][0]), "content") if d["loc"]
                else "content",
                field=".".join(str(part) for part in d["loc"]) or "content",
                code=IssueCode.INVALID_FORMAT,
                message=d["msg"],
            )
            for d in error.errors()
        ]
        message = "The content does not have the shape of the type."
        raise InvalidInputError(message, issues) from None
    too_much = input_issues(parsed, spec.question_ids) if from_client else []
    if too_much:
        raise InvalidInputError("An answer is longer than its form allows.", too_much)
    return parsed


def dump(content: BaseModel) -> dict[str, Any]:
    """The JSON form stored in events and returned to clients (national camelCase names)."""
    return content.model_dump(mode="json", by_alias=True, exclude_none=True)


def parse_and_dump(type_id: str, raw: dict[str, Any], version: int | None = None, *,
                   from_client: bool = True) -> dict[str, Any]:
    return dump(parse(type_id, raw, version, from_client=from_client))


def validate(type_id: str, stored: dict[str, Any], today: date, care_unit: CareUnit,
             personnummer: str | None = None, version: int | None = None,
             ) -> list[ValidationIssue]:
    """Every failing rule of the type in ``version`` (default current); the patient's birth
    date where the type checks dates against it (TS-DIABETES, DB, DOI)."""
    spec = spec_for(type_id, version)
    content = spec.model.model_validate(stored)
    if spec.needs_birth_date and personnummer:
        validator: Any = spec.validate
        result: list[ValidationIssue] = validator(content, today, care_unit,
                                                  birth_date=birth_date(personnummer))
        return result
    return spec.validate(content, today, care_unit)


def renew(type_id: str, stored: dict[str, Any]) -> dict[str, Any]:
    spec = CONTENT_SPECS[type_id]
    if spec.renew is None:
        raise RelationNotAllowedError(f"Type {type_id} has no renewal rule.")
    return dump(spec.renew(spec.model.model_validate(stored)))


def renewal_facts(type_id: str, stored: dict[str, Any]) -> dict[str, Any]:
    spec = CONTENT_SPECS[type_id]
    if spec.renewal_facts is None:
        return {}
    return spec.renewal_facts(spec.model.model_validate(stored))


def doi_from_db(stored_db: dict[str, Any]) -> dict[str, Any]:
    """A DOI's content from a signed DB: the copied fields, and the patient's address."""
    source = db.DbContent.model_validate(stored_db)
    copied = doi.from_db(source).model_copy(update={"patient": source.patient})
    return dump(copied)


def ag7804_from_lisjp(stored_lisjp: dict[str, Any], include_diagnosis: bool) -> dict[str, Any]:
    source = lisjp.LisjpContent.model_validate(stored_lisjp)
    return dump(ag7804.from_lisjp(source, include_diagnosis))
