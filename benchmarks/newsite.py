"""``newsspider new-site`` against the two bundled demo sites, measured on their ground truth.

    python benchmarks/newsite.py [--pages 60] [--sites demo,ledger,sitemap]

For each site, served on 127.0.0.1: run ``newsspider new-site`` (a sample crawl of ``--pages``
responses) into a sites folder, then measure the entry it wrote against the site's ground truth,
not the sample:

- coverage: the share of all the site's articles that ``article_urls`` match, as the crawl
  matches them (:mod:`newsspider.sites.patterns`; bar: >= 95%);
- false positives: the site's non-article pages that ``article_urls`` match (bar: none);
- lines: the entry's length (bar: <= 20);
- a crawl of the entry as a user runs it, through the registry: ``scrapy crawl sites
  -a sites=NAME -a url=SERVED -s NEWSSPIDER_SITES_DIRS=FOLDER`` (the project's defaults:
  robots.txt, AutoThrottle): articles found, non-article pages exported (bar: none), and the body
  F1 of ``benchmarks/metric.py`` over all the site's articles, a missed one counting as an empty
  output (bar: >= 0.99).

A third generated site, ``sitemap`` (:mod:`benchmarks.sitemap_site`), is a big site whose news
sitemap lists 1,500 articles and nothing else, with tag and author pages of the articles' URL
layout reached only by links: it measures the sample's split between listed URLs and followed
links. Its entry is measured on the ground truth but not crawled (1,500 articles).

The URL inference was designed on these generated sites (there is no real-site URL list in
the dev corpora); all are reported, none is a held-out set.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from benchmarks.metric import aggregate, score_page
from benchmarks.sitemap_site import SitemapSiteServer, ground_truth
from newsspider.demo import GROUND_TRUTH_PATH as DEMO_TRUTH
from newsspider.demo.server import BackgroundHTTPServer, DemoServer
from newsspider.ledger import GROUND_TRUTH_PATH as LEDGER_TRUTH
from newsspider.ledger.server import LedgerServer
from newsspider.sites.entry import load_entry
from newsspider.sites.patterns import matching

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BenchSite:
    server: Callable[[], BackgroundHTTPServer]
    truth: Callable[[], dict[str, Any]]
    crawl: bool = True  # crawl the written entry too (articles exported, body F1)


def _truth_file(path: Path) -> Callable[[], dict[str, Any]]:
    return lambda: json.loads(path.read_text(encoding="utf-8"))


SITES: dict[str, BenchSite] = {
    "demo": BenchSite(DemoServer, _truth_file(DEMO_TRUTH)),
    "ledger": BenchSite(LedgerServer, _truth_file(LEDGER_TRUTH)),
    "sitemap": BenchSite(SitemapSiteServer, ground_truth, crawl=False),
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
    exported_others: list[str] = field(default_factory=list)  # exported records of non-article pages
    body_f1: float = 0.0


def _env() -> dict[str, str]:
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths)), "NEWSSPIDER_STATE_ENABLED": "0"}


def new_site(url: str, name: str, out: Path, pages: int, *settings: str) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "newsspider", "new-site", url, "--name", name, "--out", str(out), "--pages", str(pages)]
    args += [a for s in settings for a in ("-s", s)]
    return subprocess.run(args, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600, check=False)


def measure_entry(site: str, entry_path: Path, base_url: str, truth: dict[str, Any]) -> Measure:
    """The entry's URL patterns against every page of the site (the entry read by the registry's reader)."""
    entry = load_entry(entry_path)
    base = base_url.rstrip("/")
    articles = [base + u for u in truth["articles"]]
    non_articles = [base + u for u in truth["non_articles"]]
    covered = matching(entry.article_urls, articles)
    return Measure(site, len(entry_path.read_text(encoding="utf-8").splitlines()), list(entry.article_urls),
                   len(covered) / len(articles), matching(entry.article_urls, non_articles))


def crawl_entry(name: str, sites_dir: Path, url: str, out: Path, *settings: str) -> list[dict[str, Any]]:
    """``scrapy crawl sites -a sites=NAME -a url=URL`` with the entries of ``sites_dir``; the records."""
    args = [sys.executable, "-m", "scrapy", "crawl", "sites", "-a", f"sites={name}", "-a", f"url={url}", "-O", str(out),
            "-s", f"NEWSSPIDER_SITES_DIRS={sites_dir}", "-s", "NEWSSPIDER_PROGRESS_INTERVAL=0"]
    args += [a for s in settings for a in ("-s", s)]
    proc = subprocess.run(args, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"crawl of {sites_dir / name}.toml failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def body_scores(records: list[dict[str, Any]], base_url: str, truth: dict[str, Any]) -> tuple[int, list[str], float]:
    """(articles found, exported URLs that are no article of the site, body F1 over every
    ground-truth article with the benchmark's metric; a missed article is an empty output)."""
    base = base_url.rstrip("/")
    by_url = {r["url"]: r.get("body") for r in records}
    articles = {base + u: a for u, a in truth["articles"].items()}
    scores = [score_page(a["body"], by_url.get(url)) for url, a in articles.items()]
    others = [url for url in by_url if url not in articles]
    return sum(1 for url in articles if url in by_url), others, aggregate(scores).f1


def run_site(site: str, pages: int, work: Path) -> Measure:
    bench = SITES[site]
    truth = bench.truth()
    sites_dir = work / "sites"
    with bench.server() as server:
        proc = new_site(server.url, site, sites_dir, pages)
        if proc.returncode != 0:
            raise RuntimeError(f"new-site {site} failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        print(proc.stdout)
        measure = measure_entry(site, sites_dir / f"{site}.toml", server.url, truth)
        if not bench.crawl:
            return measure
        records = crawl_entry(site, sites_dir, server.url, work / f"{site}.jsonl")
        measure.found, measure.exported_others, measure.body_f1 = body_scores(records, server.url, truth)
        measure.articles = len(truth["articles"])
    return measure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--sites", default=",".join(SITES))
    args = parser.parse_args(argv)
    print(f"{'site':8} {'lines':>5} {'coverage':>8} {'false+':>6} {'found':>9} {'others':>6} {'body F1':>7}  article_urls")
    with TemporaryDirectory() as tmp:
        results = [run_site(site, args.pages, Path(tmp) / site) for site in args.sites.split(",")]
    for m in results:
        crawled = f"{m.found:4d}/{m.articles:<4d} {len(m.exported_others):6d} {m.body_f1:7.4f}" if m.articles else f"{'-':>9} {'-':>6} {'-':>7}"
        print(f"{m.site:8} {m.lines:5d} {m.coverage:8.1%} {len(m.false_positives):6d} {crawled}  {m.article_urls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
