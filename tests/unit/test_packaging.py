"""pyproject.toml lists its packages by name: a new sub-package left out of that list would be
missing from the wheel (``pip install .``) while every test run from the checkout still passes."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]

def _declared() -> list[str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]


def test_every_package_of_the_tree_is_in_the_wheel() -> None:
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("newsspider", "pipelines")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert sorted(on_disk - set(_declared())) == []


def test_no_package_is_listed_twice_or_missing() -> None:
    declared = _declared()
    assert len(declared) == len(set(declared))
    assert all((ROOT / Path(*name.split(".")) / "__init__.py").is_file() for name in declared)
