"""Incremental crawling: requests and exports of a first and a second crawl of the demo site.

    python benchmarks/recrawl.py

Serves the bundled demo site on 127.0.0.1, crawls it twice with ``scrapy crawl demo`` and a
fresh incremental state (a temporary SQLite file), and prints, for each crawl, the requests the
server received (all, and article pages) and the records exported. The first crawl is the
baseline: the second is printed beside it as a ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from newsspider.demo.server import DemoServer

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTICLE = re.compile(r"^/[a-z]+/\d{4}/\d{2}/\d{2}/[\w-]+\.html$")


def crawl(server: DemoServer, out: Path, state: Path) -> dict[str, int]:
    before = len(server.requests)
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"url={server.url}", "-O", str(out),
         "-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    requests = server.requests[before:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {
        "requests": len(requests),
        "article_requests": sum(1 for p in requests if ARTICLE.match(p)),
        "exported": len(records),
    }


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)  # no options: --help only
    with tempfile.TemporaryDirectory() as tmp, DemoServer() as server:
        first = crawl(server, Path(tmp) / "first.jsonl", Path(tmp) / "state.sqlite")
        second = crawl(server, Path(tmp) / "second.jsonl", Path(tmp) / "state.sqlite")
    print(f"{'':24}{'first crawl':>12}{'second crawl':>14}{'second/first':>14}")
    for key, label in (("requests", "requests (server log)"), ("article_requests", "article pages fetched"),
                       ("exported", "articles exported")):  # fmt: skip
        ratio = second[key] / first[key] if first[key] else float("nan")
        print(f"{label:24}{first[key]:>12}{second[key]:>14}{ratio:>14.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
