"""Helpers of the discovery, incremental and politeness tests: site copies, crawls, stats."""

from __future__ import annotations

import ast
import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from helpers import run_scrapy

from newsspider.demo import SITE_DIR
from newsspider.demo.server import DemoServer

ARTICLE_PATH = re.compile(r"^/[a-z]+/\d{4}/\d{2}/\d{2}/[\w-]+\.html$")


def copy_site(tmp_path: Path) -> Path:
    """A writable copy of the demo site, to change before serving it."""
    return Path(shutil.copytree(SITE_DIR, tmp_path / "site"))


def article_requests(server: DemoServer, since: int = 0) -> list[str]:
    """Article paths the server was asked for (after the first ``since`` requests)."""
    return [p for p in server.requests[since:] if ARTICLE_PATH.match(p)]


def crawl(server: DemoServer, out: Path, *args: str, state: Path | None = None, spider: str = "demo") -> dict[str, Any]:
    """``scrapy crawl`` against ``server``; returns exported records, stats, new requests and the log."""
    before = len(server.requests)
    settings = ["-s", "NEWSSPIDER_STATE_ENABLED=0"]
    if state is not None:
        settings = ["-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}"]
    proc = run_scrapy("crawl", spider, "-a", f"url={server.url}", "-O", str(out), *settings, *args)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {
        "records": read_records(out),
        "stats": stats_from_log(proc.stderr),
        "requests": server.requests[before:],
        "log": proc.stderr,
    }


def read_records(path: Path) -> list[dict[str, Any]]:
    """JSON lines of a feed; an incomplete last line (a killed writer) is not a record."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


_STATS = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n", re.S)


def stats_from_log(log: str) -> dict[str, Any]:
    """The crawl stats Scrapy prints at the end (datetime values left out)."""
    match = _STATS.search(log)
    assert match, log[-2000:]
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)


def paths(records: list[dict[str, Any]]) -> list[str]:
    return [urlsplit(r["url"]).path for r in records]


def rewrite_gz(path: Path, old: str, new: str) -> None:
    """Replace text inside a gzipped file (e.g. a sitemap's lastmod)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    assert old in text
    path.write_bytes(gzip.compress(text.replace(old, new).encode("utf-8"), mtime=0))
