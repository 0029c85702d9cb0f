"""The tree shows the architecture: one package per bounded context, small modules."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("domain", "commands", "projections", "streams", "api")
MAX_LINES = 300
OLD_PREFIXES = ("fk_", "ts_", "qa_", "sjukfall_", "statistik_", "lu_", "af_", "death_")
CONTEXTS = {"shared", "certificates", "content", "questions", "sickleave", "statistics", "orders",
            "access", "samverkan"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_no_production_module_is_over_300_lines_when_counting_every_line():
    long = {str(p.relative_to(ROOT)): n for package in PRODUCTION for p in _modules(package)
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_domain_holds_context_packages_when_listing_its_top_level():
    """Beside the packages only the registry of stored topics and the package marker stand."""
    top = ROOT / "domain"
    modules = {p.name for p in top.glob("*.py")}
    packages = {p.name for p in top.iterdir() if (p / "__init__.py").exists()}
    assert modules == {"__init__.py", "topics.py"}
    assert packages == CONTEXTS | {"data"}


def test_no_module_name_stands_in_for_a_package_when_it_carries_an_old_prefix():
    prefixed = [str(p.relative_to(ROOT)) for p in _modules("domain")
                if p.name.startswith(OLD_PREFIXES)]
    assert prefixed == []


def test_every_context_package_says_what_it_holds_when_opened():
    silent = [name for name in CONTEXTS
              if not (ROOT / "domain" / name / "__init__.py").read_text().startswith('"""')]
    assert silent == []
