"""A certificate's content as labelled answers in words, in the order of its national form.

Each answer carries its question text (from the type's ``FormTexts``) and its value in words. A
group of answers (a TS form's "Synfunktioner") is a heading with its answers one level in; the
rows of a list (diagnoses, periods) are one line each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.documents.words import in_words, is_period
from domain.content.common.texts import FormTexts

DEGREE_KEYS = ("sjukskrivningsgrad", "niva")


@dataclass(frozen=True)
class Answer:
    """A question text and its answer in words (no lines: a group heading); ``depth`` is how
    far in the answer belongs."""

    label: str
    lines: tuple[str, ...]
    depth: int = 0


def content_answers(texts: FormTexts, content: dict[str, Any], prefix: str = "",
                    depth: int = 0) -> list[Answer]:
    """Every given answer of ``content`` (a group's when ``prefix`` is its path)."""
    found: list[Answer] = []
    for key in _in_form_order(texts, content, prefix):
        path, value = prefix + key, content[key]
        label = texts.question(path) or key
        if _is_empty(value):
            continue
        if isinstance(value, dict) and not is_period(value):
            inner = content_answers(texts, value, path + ".", depth + 1)
            found += [Answer(label, (), depth), *inner] if inner else []
        elif isinstance(value, list):
            rows = [row_in_words(texts, path, row) for row in value]
            found.append(Answer(label, tuple(row for row in rows if row), depth))
        else:
            found.append(Answer(label, (in_words(texts, path, value),), depth))
    return found


def row_in_words(texts: FormTexts, path: str, row: Any) -> str:
    """One row of a list: a code's name, a diagnosis as code and name, a degree with its
    period, or the row's answers one after the other."""
    if not isinstance(row, dict):
        return in_words(texts, path, row)
    if row.get("checked") is False:
        return ""  # an unticked row of a form's fixed list was not answered
    if "kod" in row:
        system = row.get("kodsystem")
        named = f" ({in_words(texts, f'{path}.kodsystem', system)})" if system else ""
        code = dotted(str(row["kod"])) if row.get("kod") else ""
        return " ".join(part for part in (code, row.get("beskrivning") or "") if part) + named
    degree = next((k for k in DEGREE_KEYS if k in row), None)
    if degree is not None and "period" in row:
        return (f"{in_words(texts, f'{path}.{degree}', row[degree])}: "
                f"{in_words(texts, f'{path}.period', row['period'])}")
    parts = [_part(texts, f"{path}.{key}", row[key])
             for key in _in_form_order(texts, row, path + ".")
             if key != "checked" and not _is_empty(row[key])]
    return ", ".join(parts)


def dotted(code: str) -> str:
    """A diagnosis code as people write it: M544 is M54.4, S5250 is S52.50."""
    code = code.strip().upper()
    return f"{code[:3]}.{code[3:]}" if len(code) > 3 and "." not in code else code


def _part(texts: FormTexts, path: str, value: Any) -> str:
    """A coded answer speaks for itself (its name); any other gets its question first."""
    words = in_words(texts, path, value)
    if isinstance(value, str) and texts.code_name(path, value) is not None:
        return words
    return f"{texts.question(path) or path.rsplit('.', 1)[-1]}: {words}"


def _in_form_order(texts: FormTexts, content: dict[str, Any], prefix: str) -> list[str]:
    order = {path: index for index, path in enumerate(texts.questions)}
    last = len(order)
    return sorted(content, key=lambda key: order.get(prefix + key, last))


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
