"""``newsspider new-site URL``: sample a site, infer its entry, save golden pages.

1. A sample: a real crawl of at most ``--pages`` responses with the generic ``news`` spider
   (robots.txt obeyed, feeds and sitemaps discovered, pages classified by their content, the
   records through the pipelines; listed URLs take at most half of the budget, followed links
   the rest, kind by kind: :mod:`newsspider.sites.sample`), or the saved pages of ``--pages-dir`` put through the same
   extraction and validation. Pages that give a record are articles; HTML pages that give none
   are not; records dropped by a pipeline (duplicates, too short) count as neither.
2. :func:`newsspider.sites.infer.infer_article_patterns` on those two URL lists.
3. ``OUT/<name>.toml``, written by the registry's :func:`~newsspider.sites.entry.dump_entry` (so
   ``scrapy crawl sites -a sites=<name>`` with ``NEWSSPIDER_SITES_DIRS=OUT`` crawls it), three article pages as
   golden fixtures (``OUT/<name>/pages/*.html``) with their records (``OUT/<name>/records.jsonl``),
   and a report of what was inferred and how sure it is.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from parsel import Selector

from newsspider.sites.entry import SiteEntry, dump_entry
from newsspider.sites.infer import Inference, infer_article_patterns, matching
from newsspider.urls import join_url

GOLDEN_PAGES = 3
#: Spider callbacks whose responses are discovery documents, not pages.
_FEED_CALLBACK, _SITEMAP_CALLBACK = "parse_feed", "parse_sitemap"


@dataclass
class Sample:
    """What a sample of a site says: pages that are articles (with records) and pages that are not."""

    start_url: str
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # article URL -> record
    html: dict[str, bytes] = field(default_factory=dict)  # page URL -> its HTML
    pages: list[str] = field(default_factory=list)  # every HTML page URL, in fetch order
    uncertain: set[str] = field(default_factory=set)  # records a pipeline dropped
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)  # URLs the sitemaps list
    from_listings: set[str] = field(default_factory=set)  # pages fetched because a feed or sitemap listed them
    crawled: bool = False  # a crawl's sample (not saved pages)

    @property
    def non_articles(self) -> list[str]:
        return [u for u in self.pages if u not in self.records and u not in self.uncertain]


def site_name(url: str) -> str:
    """``https://www.example-times.com/`` -> ``exampletimes`` (``[a-z0-9_]+``)."""
    host = (urlsplit(url).hostname or "site").lower()
    if re.fullmatch(r"[\d.]+|[\da-f]*:[\da-f:]+", host):  # an IPv4 or IPv6 address
        return "site_" + re.sub(r"\W+", "_", host).strip("_")
    labels = [x for x in host.split(".") if x not in ("www", "m", "amp")]
    name = re.sub(r"[^a-z0-9_]", "", labels[0] if labels else host)
    return name or "site"


# -- sampling ------------------------------------------------------------------------------


def crawl_sample(url: str, pages: int, overrides: dict[str, str] | None = None) -> Sample:
    """Crawl at most ``pages`` responses of the site with the ``news`` spider, its budget split
    between listed URLs and followed links (:class:`~newsspider.sites.sample.SampleSpider`), in this process."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.http import TextResponse

    from newsspider.cli import project_settings
    from newsspider.commands import debugging_settings
    from newsspider.discovery.candidates import META_KEY
    from newsspider.discovery.feeds import parse_feed
    from newsspider.discovery.sitemaps import parse_sitemap, sitemap_xml
    from newsspider.discovery.spider import SITEMAP_DEPTH_META
    from newsspider.discovery.xmlguard import RefusedDocument
    from newsspider.sites.sample import SampleSpider

    sample = Sample(url, crawled=True)
    settings = project_settings()
    debugging_settings(settings)  # no feed, no incremental state: a sample leaves nothing behind
    for name, value in {"CLOSESPIDER_PAGECOUNT": pages, "LOG_LEVEL": "WARNING", "NEWSSPIDER_PROGRESS_INTERVAL": 0,
                        **(overrides or {})}.items():
        settings.set(name, value, priority="cmdline")

    def received(response: Any, request: Any) -> None:
        callback = getattr(request.callback, "__name__", "")
        if response.status != 200:
            return
        try:
            if callback == _FEED_CALLBACK and parse_feed(response.body, response.url):
                sample.feeds.append(response.url)
            elif callback == _SITEMAP_CALLBACK:
                body = sitemap_xml(response, settings.getint("DOWNLOAD_MAXSIZE"))
                parsed = parse_sitemap(body, response.url) if body else None
                if parsed and SITEMAP_DEPTH_META not in request.meta:  # named by robots.txt, not by an index
                    sample.sitemaps.append(response.url)
                sample.listed += [c.url for c in parsed.articles] if parsed else []
        except RefusedDocument:
            return
        if callback == "parse" and isinstance(response, TextResponse) and b"html" in (response.headers.get("Content-Type") or b"").lower():
            sample.pages.append(response.url)
            sample.html[response.url] = response.body
            if META_KEY in request.meta:
                sample.from_listings.add(response.url)

    def scraped(item: Any, response: Any) -> None:
        sample.records[response.url] = ItemAdapter(item).asdict()

    def dropped(item: Any, response: Any) -> None:
        sample.uncertain.add(response.url)

    process = CrawlerProcess(settings)
    logging.getLogger("scrapy.middleware").setLevel(logging.ERROR)  # "Disabled <state pipeline>" is ours
    crawler = process.create_crawler(SampleSpider)  # the ``news`` spider with the budget split
    crawler.signals.connect(received, signal=signals.response_received)
    crawler.signals.connect(scraped, signal=signals.item_scraped)
    crawler.signals.connect(dropped, signal=signals.item_dropped)
    process.crawl(crawler, url=url)
    process.start()
    return sample


def page_url(html: bytes, base_url: str) -> str | None:
    """The URL a saved page names for itself: ``<link rel=canonical>`` or ``og:url``."""
    selector = Selector(body=html, type="html")
    found = selector.xpath("//link[@rel='canonical']/@href").get() or selector.xpath("//meta[@property='og:url']/@content").get()
    return join_url(base_url, found.strip()) if found else None


def dir_sample(url: str, pages_dir: Path, sitemap: Path | None = None) -> Sample:
    """A sample from saved pages (``.html``, ``.html.gz``): each extracted as the crawl would."""
    from newsspider import config
    from newsspider.discovery.sitemaps import parse_sitemap
    from newsspider.offline import article_from_file, read_html
    from pipelines.normalize import normalize_article
    from pipelines.validate import validation_error

    sample = Sample(url)
    if sitemap is not None:
        parsed = parse_sitemap(read_html(sitemap), url)
        sample.listed = [c.url for c in parsed.articles] if parsed else []
    by_name = {Path(urlsplit(u).path).name: u for u in sample.listed}
    min_words = config.SETTINGS["NEWSSPIDER_MIN_BODY_WORDS"].default
    for path in sorted(p for p in pages_dir.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz"))):
        html = read_html(path)
        stem = path.name.removesuffix(".gz").removesuffix(".html").removesuffix(".htm")
        found = page_url(html, url) or by_name.get(stem) or by_name.get(path.name.removesuffix(".gz"))
        if not found:
            print(f"newsspider new-site: {path}: no canonical URL and not in the sitemap, left out", file=sys.stderr)
            continue
        sample.pages.append(found)
        sample.html[found] = html
        article, _reason = article_from_file(path, found, classify=True)
        if article is None:
            continue
        adapter = ItemAdapter(article)
        normalize_article(adapter)
        if validation_error(adapter, min_words):
            sample.uncertain.add(found)
        else:
            sample.records[found] = adapter.asdict()
    return sample


# -- the entry -------------------------------------------------------------------------------


def build_entry(name: str, sample: Sample, inference: Inference) -> SiteEntry:
    """The site's entry; no ``domains``: the registry's default, the start URL's host without
    ``www.``, keeps the crawl on the site."""
    languages = Counter(r.get("language") for r in sample.records.values() if r.get("language"))
    return SiteEntry(
        name=name,
        start_urls=(sample.start_url,),
        feeds=tuple(dict.fromkeys(sample.feeds)),
        sitemaps=tuple(dict.fromkeys(sample.sitemaps)),
        article_urls=tuple(inference.regexes),
        languages=tuple(lang for lang, _n in languages.most_common(3)),
    )


def golden_cases(sample: Sample, inference: Inference, n: int = GOLDEN_PAGES) -> list[str]:
    """``n`` article URLs for golden fixtures: one per pattern in turn, most common pattern first."""
    pools = [sorted(matching([p.regex], sample.records)) for p in inference.patterns]
    chosen: list[str] = []
    while len(chosen) < n and any(pools):
        for pool in pools:
            fresh = [u for u in pool if u not in chosen and u in sample.html]
            if fresh and len(chosen) < n:
                chosen.append(fresh[len(fresh) // 2])
    return chosen


def case_name(url: str) -> str:
    parts = urlsplit(url)
    return re.sub(r"[^\w-]+", "-", (parts.path + ("-" + parts.query if parts.query else "")).strip("/"))[:60].strip("-") or "home"


def write_outputs(out: Path, name: str, entry_text: str, sample: Sample, cases: list[str]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    entry_path = out / f"{name}.toml"
    entry_path.write_text(entry_text, encoding="utf-8")
    pages_dir = out / name / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for url in cases:
        (pages_dir / f"{case_name(url)}.html").write_bytes(sample.html[url])
        record = {k: v for k, v in sample.records[url].items() if k != "fetched_at"} | {"site": name}
        lines.append(json.dumps({"page": f"pages/{case_name(url)}.html", "url": url, "record": record}, ensure_ascii=False))
    (out / name / "records.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return entry_path


def _sources(sample: Sample) -> list[str]:
    """Where a crawl's sample came from (none for saved pages)."""
    if not sample.crawled:
        return []
    listed = len(sample.from_listings)
    return [f"sample sources: {listed} pages listed by feeds and sitemaps, {len(sample.pages) - listed} reached by following links"]


def report(sample: Sample, inference: Inference) -> str:
    """What was inferred and how sure it is, for the terminal."""
    pct = f"{inference.coverage:.0%}"
    lines = [
        f"sample: {len(sample.pages)} pages of {sample.start_url}: {inference.articles} articles, "
        f"{inference.non_articles} other pages, {len(sample.uncertain)} uncertain (records a pipeline dropped)",
        *_sources(sample),
        f"feeds: {', '.join(sample.feeds) or 'none found'}",
        f"sitemaps: {', '.join(sample.sitemaps) or 'none found'}",
        f"article URL patterns: cover {inference.covered} of {inference.articles} sampled articles ({pct}); "
        f"{len(inference.counter_examples)} of {inference.non_articles} other pages match",
    ]
    lines += [f"  {p.regex}   {p.support} articles, e.g. {p.examples[0]}" for p in inference.patterns]
    if sample.listed:
        listed = list(dict.fromkeys(sample.listed))
        lines.append(f"sitemap URLs matched: {len(matching(inference.regexes, listed))} of {len(listed)}")
    for url in inference.counter_examples[:5]:
        lines.append(f"counter-example (not an article, matches): {url}")
    for url in inference.left_out[:5]:
        lines.append(f"left out (an article of a layout seen once): {url}")
    doubts = []
    if inference.articles < 10:
        doubts.append(f"only {inference.articles} articles sampled")
    if inference.non_articles < 5:
        doubts.append(f"only {inference.non_articles} other pages to test against")
    if inference.counter_examples:
        doubts.append("some other pages match")
    if inference.coverage < 0.95:
        doubts.append("under 95% of the sampled articles covered")
    lines.append("confidence: " + ("high" if not doubts else "low: " + "; ".join(doubts)))
    return "\n".join(lines)


def run_new_site(url: str, *, name: str | None = None, out: Path = Path("sites"), pages: int = 60,
                 pages_dir: Path | None = None, sitemap: Path | None = None,
                 overrides: dict[str, str] | None = None) -> int:
    """The command; exit status 0 when an entry was written, 1 when the sample had no article."""
    name = name or site_name(url)
    if not re.fullmatch(r"[a-z0-9_]+", name):
        print(f"newsspider new-site: --name {name!r} is invalid: use [a-z0-9_]+", file=sys.stderr)
        return 2
    sample = dir_sample(url, pages_dir, sitemap) if pages_dir else crawl_sample(url, pages, overrides)
    inference = infer_article_patterns(sample.records, sample.non_articles)
    print(report(sample, inference))
    if not inference.patterns:
        print("newsspider new-site: no article in the sample, no entry written", file=sys.stderr)
        return 1
    comment = (f"newsspider new-site {url}: patterns cover {inference.covered}/{inference.articles} sampled articles, "
               f"match {len(inference.counter_examples)}/{inference.non_articles} other pages")
    text = dump_entry(build_entry(name, sample, inference), comment)
    cases = golden_cases(sample, inference)
    path = write_outputs(out, name, text, sample, cases)
    print(f"wrote {path} ({len(text.splitlines())} lines), {len(cases)} golden pages in {out / name / 'pages'} "
          f"and their records in {out / name / 'records.jsonl'}")
    return 0
