"""End to end: newsspider in a user's own Scrapy project, switched on by its add-on.

``scrapy startproject`` in a temporary folder, ``ADDONS = {"newsspider.Addon": 0}`` in its
settings.py, a site spider subclassing ``NewsSiteSpider`` in its spiders module: a crawl of the
demo site gives the same records as the same crawl run in this repository, and the incremental
state lives in that project's folder (a second crawl exports nothing new).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsspider.demo.server import DemoServer
from newsspider.spiders.demo import DemoSpider
from tests.helpers import REPO_ROOT, read_jsonl, run_scrapy

#: The user's site spider: the declarative lines of newsspider/spiders/demo.py.
SPIDER = f'''
from newsspider.spiders.base import NewsSiteSpider


class DemoSiteSpider(NewsSiteSpider):
    name = {DemoSpider.name!r}
    article_urls = {list(DemoSpider.article_urls)!r}
'''

#: The startproject template's politeness (one request at a time, 1 s apart) wins over the
#: add-on's defaults, as any project setting does; the crawl is told the repository's values.
SAME_POLITENESS = ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "DOWNLOAD_DELAY=0"]


def _user_env() -> dict[str, str]:
    """newsspider importable (this checkout), no settings module forced, the state on."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    env["NEWSSPIDER_STATE_ENABLED"] = "1"  # the suite's default is off (conftest.py)
    return env


def _scrapy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=cwd, env=_user_env(), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def user_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("user")
    _scrapy("startproject", "myproj", cwd=root)
    project = root / "myproj"
    settings = project / "myproj" / "settings.py"
    text = settings.read_text(encoding="utf-8")
    assert "ADDONS = {}" in text  # the template's place for add-ons
    settings.write_text(text.replace("ADDONS = {}", 'ADDONS = {"newsspider.Addon": 0}'), encoding="utf-8")
    (project / "myproj" / "spiders" / "demo.py").write_text(SPIDER, encoding="utf-8")
    return project


#: Fields that depend on the crawl, not the page: the fetch time, and the revision fields (from the
#: incremental state, on in the user's project and off in the repository's test crawls).
CRAWL_FIELDS = ("fetched_at", "version", "previous_fingerprint", "changed_ratio")


def _without_fetch_time(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(({k: v for k, v in r.items() if k not in CRAWL_FIELDS} for r in records), key=lambda r: r["url"])


def test_crawl_in_a_user_project_matches_the_repository(
    user_project: Path, demo_server: DemoServer, tmp_path: Path, ground_truth: dict[str, Any]
) -> None:
    ours = tmp_path / "repo.jsonl"
    proc = run_scrapy("crawl", "demo", "-a", f"url={demo_server.url}", "-O", str(ours))
    assert proc.returncode == 0, proc.stderr[-3000:]

    crawl = ["crawl", "demo", "-a", f"url={demo_server.url}", *SAME_POLITENESS]
    first = _scrapy(*crawl, "-O", "first.jsonl", cwd=user_project)
    records = read_jsonl(user_project / "first.jsonl")
    assert len(records) == len(ground_truth["articles"])
    assert _without_fetch_time(records) == _without_fetch_time(read_jsonl(ours))
    assert all(r["fetched_at"] for r in records)
    assert {r["version"] for r in records} == {1}  # the project's incremental state: first exports

    # The add-on's components ran: the canonical fingerprinter, robots policy, pipelines' stats.
    assert "newsspider.middlewares.robots.RobotsPolicy" in first.stderr
    assert "'newsspider/pages/article'" in first.stderr

    # The incremental state is the project's: .scrapy/newsspider/ next to its scrapy.cfg.
    state = user_project / ".scrapy" / "newsspider" / "state.sqlite"
    assert state.is_file()
    assert first.stderr.count(f"Incremental state kept in {state}") == 1

    second = _scrapy(*crawl, "-O", "second.jsonl", cwd=user_project)
    assert read_jsonl(user_project / "second.jsonl") == []
    assert "'newsspider/skipped/already_exported'" in second.stderr


def test_user_spider_listed_and_bad_setting_refused(user_project: Path) -> None:
    """``scrapy list`` finds the user's spider; a bad newsspider setting stops the crawl before it
    starts, naming the setting (Scrapy's own ``crawl`` here: the project has no COMMANDS_MODULE)."""
    assert _scrapy("list", cwd=user_project).stdout.split() == ["demo"]
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "demo", "-a", "url=http://127.0.0.1:9/", "-s", "NEWSSPIDER_MIN_BODY_WORDS=many"],
        cwd=user_project, env=_user_env(), capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode != 0 and "NEWSSPIDER_MIN_BODY_WORDS='many' is invalid" in proc.stderr
    assert "Spider opened" not in proc.stderr
