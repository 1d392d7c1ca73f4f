"""``newsspider new-site`` against the two bundled demo sites, measured on their ground truth.

    python benchmarks/newsite.py [--pages 60] [--sites demo,ledger]

For each site, served on 127.0.0.1: run ``newsspider new-site`` (a sample crawl of ``--pages``
responses), then measure the entry it wrote against the site's ground truth, not the sample:

- coverage: the share of all the site's articles that ``article_urls`` match (bar: >= 95%);
- false positives: the site's non-article pages that ``article_urls`` match (bar: none);
- lines: the entry's length (bar: <= 20);
- a crawl with the entry (turned into a ``NewsSiteSpider`` subclass by
  :func:`newsspider.sites.render.spider_source`, the project's defaults: robots.txt, AutoThrottle):
  articles found, and the body F1 of ``benchmarks/metric.py`` over all the site's articles, a
  missed one counting as an empty output (bar: >= 0.99).

The URL inference was designed on these two generated sites (there is no real-site URL list in
the dev corpora); both are reported, neither is a held-out set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from benchmarks.metric import aggregate, score_page
from newsspider.demo import GROUND_TRUTH_PATH as DEMO_TRUTH
from newsspider.demo.server import BackgroundHTTPServer, DemoServer
from newsspider.ledger import GROUND_TRUTH_PATH as LEDGER_TRUTH
from newsspider.ledger.server import LedgerServer
from newsspider.sites.infer import matching
from newsspider.sites.render import spider_source

ROOT = Path(__file__).resolve().parents[1]
#: Site -> (its server, its ground truth).
SITES: dict[str, tuple[Callable[[], BackgroundHTTPServer], Path]] = {
    "demo": (DemoServer, DEMO_TRUTH),
    "ledger": (LedgerServer, LEDGER_TRUTH),
}


@dataclass
class Measure:
    site: str
    lines: int
    article_urls: list[str]
    coverage: float
    false_positives: list[str]
    found: int = 0
    articles: int = 0
    body_f1: float = 0.0


def _env(extra_path: Path | None = None) -> dict[str, str]:
    paths = [str(ROOT), *([str(extra_path)] if extra_path else []), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths)), "NEWSSPIDER_STATE_ENABLED": "0"}


def new_site(url: str, name: str, out: Path, pages: int, *settings: str) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "newsspider", "new-site", url, "--name", name, "--out", str(out), "--pages", str(pages)]
    args += [a for s in settings for a in ("-s", s)]
    return subprocess.run(args, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600, check=False)


def measure_entry(site: str, entry_path: Path, base_url: str, truth: dict[str, Any]) -> Measure:
    entry = tomllib.loads(entry_path.read_text(encoding="utf-8"))
    base = base_url.rstrip("/")
    articles = [base + u for u in truth["articles"]]
    non_articles = [base + u for u in truth["non_articles"]]
    covered = matching(entry["article_urls"], articles)
    return Measure(site, len(entry_path.read_text(encoding="utf-8").splitlines()), entry["article_urls"],
                   len(covered) / len(articles), matching(entry["article_urls"], non_articles))


def crawl_entry(entry_path: Path, work: Path, *settings: str) -> list[dict[str, Any]]:
    """Crawl with the entry as a spider class; the records."""
    entry = tomllib.loads(entry_path.read_text(encoding="utf-8"))
    package = work / "entryspiders"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / f"{entry['name']}.py").write_text(spider_source(entry), encoding="utf-8")
    out = work / f"{entry['name']}.jsonl"
    args = [sys.executable, "-m", "scrapy", "crawl", entry["name"], "-O", str(out), "-s", "SPIDER_MODULES=entryspiders"]
    args += [a for s in settings for a in ("-s", s)]
    proc = subprocess.run(args, cwd=ROOT, env=_env(work), capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"crawl with {entry_path} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def body_scores(records: list[dict[str, Any]], base_url: str, truth: dict[str, Any]) -> tuple[int, float]:
    """(articles found, body F1 over every ground-truth article with the benchmark's metric; a
    missed article is an empty output)."""
    base = base_url.rstrip("/")
    by_url = {r["url"]: r.get("body") for r in records}
    scores = [score_page(a["body"], by_url.get(base + u)) for u, a in truth["articles"].items()]
    return sum(1 for u in truth["articles"] if base + u in by_url), aggregate(scores).f1


def run_site(site: str, pages: int, work: Path) -> Measure:
    server_cls, truth_path = SITES[site]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    with server_cls() as server:
        proc = new_site(server.url, site, work, pages)
        if proc.returncode != 0:
            raise RuntimeError(f"new-site {site} failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        print(proc.stdout)
        measure = measure_entry(site, work / f"{site}.toml", server.url, truth)
        records = crawl_entry(work / f"{site}.toml", work / "crawl")
        measure.found, measure.body_f1 = body_scores(records, server.url, truth)
        measure.articles = len(truth["articles"])
    return measure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--sites", default=",".join(SITES))
    args = parser.parse_args(argv)
    print(f"{'site':8} {'lines':>5} {'coverage':>8} {'false+':>6} {'found':>9} {'body F1':>7}  article_urls")
    with TemporaryDirectory() as tmp:
        results = [run_site(site, args.pages, Path(tmp) / site) for site in args.sites.split(",")]
    for m in results:
        print(f"{m.site:8} {m.lines:5d} {m.coverage:8.1%} {len(m.false_positives):6d} {m.found:4d}/{m.articles:<4d} "
              f"{m.body_f1:7.4f}  {m.article_urls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
