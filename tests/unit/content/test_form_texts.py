"""Every answer of every draftable type has the question text its printout shows
(Hardening item 16: documents people read)."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from domain.content.registry import CONTENT_SPECS, EARLIER_SPECS, ContentSpec

SPECS = [*CONTENT_SPECS.values(), *EARLIER_SPECS.values()]


def answer_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every dotted JSON path of a content model, nested groups and list rows included."""
    paths: list[str] = []
    for name, field in model.model_fields.items():
        path = prefix + (field.alias or name)
        paths.append(path)
        for kind in typing.get_args(field.annotation) or (field.annotation,):
            inner = (typing.get_args(kind) or (kind,))[0] if typing.get_origin(kind) else kind
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                paths += answer_paths(inner, path + ".")
    return paths


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.type_id}-v{s.version}")
def test_every_answer_has_a_question_text_when_the_type_is_printed(spec: ContentSpec) -> None:
    """Hardening item 16: a printout labels each answer with its question, never a field
    name."""
    missing = [path for path in answer_paths(spec.model) if spec.texts.question(path) is None]
    assert missing == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.type_id}-v{s.version}")
def test_no_question_text_names_an_answer_the_type_lacks_when_compared_with_its_model(
        spec: ContentSpec) -> None:
    """Hardening item 16: a text for a field the model does not have is a typo in a path."""
    assert set(spec.texts.questions) - set(answer_paths(spec.model)) == set()
