"""pyproject.toml lists its packages by name: a new sub-package left out of that list would be
missing from the wheel (``pip install .``) while every test run from the checkout still passes."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared() -> list[str]:
    return _pyproject()["tool"]["setuptools"]["packages"]


def test_the_python_the_wheel_asks_for_is_one_the_code_runs_on() -> None:
    """``requires-python`` is what pip checks before installing: on an older Python the user gets
    its one-line refusal, not an ImportError at the first crawl. The code needs 3.11 (``re``'s
    parser modules by their 3.11 names in ``extraction.firstchar``, ``datetime.fromisoformat``
    reading "Z" and compact forms, ``tomllib``); on 3.10 the demo crawl failed on import."""
    found = re.fullmatch(r">=(\d+)\.(\d+)", _pyproject()["project"]["requires-python"])
    assert found, "requires-python is a lower bound"
    assert (int(found.group(1)), int(found.group(2))) == (3, 11)
    assert sys.version_info >= (3, 11)


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
