"""The docs build (broken links and anchors fail), and README stays a short front door."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from newsspider.config import SETTINGS
from newsspider.items import Article
from newsspider.stats import STATS

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
QUICK_START = [
    "pip install . && newsspider demo",
    "pip install '.[test]' && pytest",
]


def quick_start_block(text: str) -> list[str]:
    """The first code block after ``## Quick start``, as CI (``.ci/run``) reads it."""
    after = text.split("\n## Quick start\n", 1)[1]
    match = re.search(r"^```[^\n]*\n(.*?)^```", after, re.DOTALL | re.MULTILINE)
    assert match, "no code block after ## Quick start"
    return match.group(1).splitlines()


def test_readme_is_a_short_front_door() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    assert quick_start_block(text) == QUICK_START


def test_readme_links_into_docs_exist() -> None:
    """Relative links work on GitHub too: each names a file of the repository."""
    text = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    relative = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert any(link.startswith("docs/") for link in relative)
    missing = [link for link in relative if not (ROOT / link).exists()]
    assert not missing, f"README links to files that do not exist: {missing}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None:
        pytest.skip("mkdocs / mkdocs-material not installed (pip install '.[test]' installs them)")
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def test_mkdocs_build_strict(site: Path) -> None:
    assert (site / "index.html").exists()
    for page in site.rglob("*.html"):
        assert "generated:" not in page.read_text(encoding="utf-8"), f"{page}: a marker was not replaced"


def test_settings_page_lists_every_declared_setting(site: Path) -> None:
    page = _page(site, "settings")
    missing = [name for name in SETTINGS if f"<code>{name}</code>" not in page]
    assert not missing


def test_stats_page_lists_every_declared_key(site: Path) -> None:
    page = _page(site, "stats")
    missing = [s.key for s in STATS.values() if f"<code>{s.key.replace('<', '&lt;').replace('>', '&gt;')}</code>" not in page]
    assert not missing


def test_record_page_lists_every_field(site: Path) -> None:
    page = _page(site, "record")
    missing = [f.name for f in fields(Article) if f"<code>{f.name}</code>" not in page]
    assert not missing
