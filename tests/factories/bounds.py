"""A check over JSON Schemas: every text, list and free object a client can send is bounded."""

from __future__ import annotations

from typing import Any


def unbounded_fields(schema: dict[str, Any]) -> list[str]:
    """Paths of every string without ``maxLength`` (an enum, a date or a date-time is bounded by
    its form), every number without ``maximum`` (or an enum) and every array or free object without
    ``maxItems``/``maxProperties``."""
    defs = schema.get("$defs", {})
    found: list[str] = []
    pending: list[tuple[str, dict[str, Any], bool]] = [("", schema, False)]
    seen: set[str] = set()
    while pending:
        path, node, bounded_here = pending.pop()
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                pending.append((name, defs[name], False))
            continue
        bounded_here = bounded_here or any(k in node for k in ("maxLength", "maxItems", "maximum"))
        for branch in node.get("anyOf", []) + node.get("allOf", []):
            pending.append((path, branch, bounded_here))
        kind = node.get("type")
        if kind == "string" and not bounded_here and "enum" not in node and \
                node.get("format") not in ("date", "date-time", "uuid"):
            found.append(path)
        if kind in ("integer", "number") and not (bounded_here or "maximum" in node
                                                  or "enum" in node):
            found.append(path)
        if kind == "array":
            if not bounded_here:
                found.append(f"{path}[]")
            pending.append((f"{path}[*]", node.get("items", {}), False))
        if kind == "object":
            extra = node.get("additionalProperties")
            free = isinstance(extra, dict) or extra is True or (
                extra is None and not node.get("properties") and bool(path))
            if free and "maxProperties" not in node:
                found.append(f"{path}{{}}")
            for key, inner in node.get("properties", {}).items():
                pending.append((f"{path}.{key}", inner, False))
    return sorted(found)
