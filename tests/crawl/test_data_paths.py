"""Where newsspider keeps its files when ``scrapy crawl`` runs outside a Scrapy project (no scrapy.cfg)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.conf import closest_scrapy_cfg

from newsspider.demo.server import DemoServer
from newsspider.paths import newsspider_data_path
from tests.helpers import REPO_ROOT, paths, read_records, run_scrapy, stats_from_log

#: A user's own folder: newsspider importable and its settings named, but no scrapy.cfg.
OUTSIDE_PROJECT_ENV = {
    "SCRAPY_SETTINGS_MODULE": "newsspider.settings",
    "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
    "NEWSSPIDER_STATE_ENABLED": "1",  # the suite's default is off (conftest.py)
}


def _crawl_outside_project(folder: Path, server: DemoServer, out: str) -> dict[str, Any]:
    proc = run_scrapy("crawl", "demo", "-a", f"url={server.url}", "-O", out, cwd=folder, env=OUTSIDE_PROJECT_ENV)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"records": read_records(folder / out), "stats": stats_from_log(proc.stderr), "log": proc.stderr}


def test_state_kept_outside_a_project(tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]) -> None:
    assert closest_scrapy_cfg(tmp_path) == ""  # no project anywhere above the folder
    state = tmp_path / ".scrapy" / "newsspider" / "state.sqlite"

    first = _crawl_outside_project(tmp_path, demo_server, "run1.jsonl")
    second = _crawl_outside_project(tmp_path, demo_server, "run2.jsonl")
    assert sorted(paths(first["records"])) == sorted(ground_truth["articles"])
    assert second["records"] == []  # everything was exported by the first crawl
    assert second["stats"]["newsspider/skipped/already_exported"] >= len(ground_truth["articles"])

    assert state.is_file()
    for run in (first, second):
        assert "Unable to find scrapy.cfg" not in run["log"]
        assert run["log"].count(f"Incremental state kept in {state}") == 1


def test_data_path_inside_a_project_is_scrapys_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = newsspider.settings\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert newsspider_data_path("state.sqlite") == tmp_path / ".scrapy" / "newsspider" / "state.sqlite"


def test_data_path_without_scrapy_cfg_is_in_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "newsspider.settings")
    monkeypatch.chdir(tmp_path)
    assert newsspider_data_path("state.sqlite") == tmp_path / ".scrapy" / "newsspider" / "state.sqlite"
