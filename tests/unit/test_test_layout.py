"""The tests' own layout: builders live in helper modules (``tests/factories``, ``tests/flows.py``,
...), never in a test module, so that no test module is imported by another module."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """Every module ``source`` (a module of ``package``) imports, absolute or relative, with its
    line; ``from a import b`` counts both ``a`` and ``a.b`` (``b`` may be a module)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def is_test_module(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(part.startswith("test_") for part in parts)


def test_no_module_imports_a_test_module() -> None:
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, module in imported_modules(
            path.read_text(encoding="utf-8"),
            ".".join(("tests", *path.relative_to(TESTS).parent.parts)))
        if is_test_module(module)
    ]
    assert offenders == [], "move the builders to tests/factories:\n" + "\n".join(offenders)


def test_the_check_sees_every_form_of_importing_a_test_module() -> None:
    source = ("import tests.unit.content.test_types_luse\n"
              "from tests.unit.content.test_types_luse import minimal\n"
              "from tests.unit import test_types_ts\n"
              "from .test_types_af import minimal_213\n"
              "from tests.factories.content import minimal_luse\n")
    flagged = {line for line, module in imported_modules(source, "tests.unit")
               if is_test_module(module)}
    assert flagged == {1, 2, 3, 4}
