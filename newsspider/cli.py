"""The ``newsspider`` command: ``demo``, ``extract``, ``new-site``, ``card`` and ``bench``.

- ``newsspider demo``: serve the bundled demo site on 127.0.0.1 and crawl it with the ``demo``
  spider, writing ``exports/demo.jsonl``, ``exports/demo.csv`` and the dataset card
  ``exports/README.md``, then print a summary. Scrapy's log goes to ``exports/demo.log``; the
  terminal shows progress, warnings and the summary.
- ``newsspider extract PATH_OR_GLOB…``: the same extraction, normalisation and validation on
  saved HTML files (``.html`` or ``.html.gz``), each extracted as an article (``--classify``:
  the crawl's is-this-an-article check); JSON lines on stdout or ``-o OUT.jsonl|.csv``.
- ``newsspider new-site URL``: sample a site (a short crawl, or ``--pages-dir`` saved pages),
  infer its entry (article URL patterns, feeds, sitemaps) and write ``OUT/<name>.toml`` with three
  golden pages (:mod:`newsspider.sites.newsite`; docs/new-site.md).
- ``newsspider card EXPORT``: a Hugging Face dataset card (README.md) for a JSON lines, CSV or
  Parquet export (``newsspider/card.py``; ``--chart``: a PNG of articles per day, with matplotlib).
- ``newsspider bench``: the extraction benchmark (``benchmarks/extraction.py``, source checkout).

Crawling real sites is ``scrapy crawl news -a url=…`` (see docs/crawling.md).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsspider import offline
from newsspider.card import CHART_NAME, CardError, write_card

if TYPE_CHECKING:
    from scrapy.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsspider", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="crawl the bundled demo news site offline")
    demo.add_argument("--out-dir", default="exports", type=Path, help="folder for demo.jsonl and demo.csv (default: exports)")
    demo.add_argument("--log-level", default="INFO", help="Scrapy LOG_LEVEL of the log file OUT_DIR/demo.log (default: INFO)")

    extract = commands.add_parser("extract", help="extract articles from saved HTML files")
    extract.add_argument("paths", nargs="+", metavar="PATH_OR_GLOB", help=".html or .html.gz files, or glob patterns")
    extract.add_argument("--url", help="the URL the page was fetched from (default: the file's file:// URI)")
    extract.add_argument("-o", "--output", type=Path, help="write records to OUT.jsonl or OUT.csv instead of stdout")
    extract.add_argument(
        "--classify",
        action="store_true",
        help="apply the crawl's is-this-an-article check and skip pages that fail it "
        "(default: every named file is extracted as an article)",
    )
    extract.add_argument(
        "--assume-article",
        action="store_true",
        help="no-op, kept for compatibility: files are extracted as articles unless --classify is given",
    )
    extract.add_argument(
        "--min-words",
        type=int,
        default=None,
        help="minimum body words (default: any body of a named file; with --classify NEWSSPIDER_MIN_BODY_WORDS, as a crawl)",
    )
    extract.add_argument(
        "--full",
        action="store_true",
        help="run every page through trafilatura, the rules and the full block model "
        "(default: the block model first, the rest only where it is unsure; ~1.5x faster)",
    )

    new_site = commands.add_parser("new-site", help="infer a site entry (article URL patterns, feeds, sitemaps) from a sample")
    new_site.add_argument("url", help="the site's start URL")
    new_site.add_argument("--name", help="entry name, [a-z0-9_]+ (default: from the host name)")
    new_site.add_argument("--out", type=Path, default=Path("sites"), help="folder for NAME.toml and NAME/ (default: sites)")
    new_site.add_argument("--pages", type=int, default=60, help="responses to crawl for the sample (default: 60)")
    new_site.add_argument("--pages-dir", type=Path, help="use the saved pages in this folder instead of crawling")
    new_site.add_argument("--sitemap", type=Path, help="with --pages-dir: a saved sitemap (URLs of pages without a canonical link)")
    new_site.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting for the sample crawl")
    card = commands.add_parser("card", help="write a Hugging Face dataset card (README.md) for an export")
    card.add_argument("export", type=Path, metavar="EXPORT", help="a .jsonl or .csv file, or a Parquet file or folder of parts")
    card.add_argument("--out", type=Path, help="the card's path (default: README.md beside EXPORT)")
    card.add_argument("--chart", action="store_true", help=f"also plot articles per day per site ({CHART_NAME} beside the card; needs matplotlib)")
    card.add_argument("--name", help="the dataset's pretty name (default: from the sites)")

    commands.add_parser("bench", help="run the extraction benchmark (arguments are passed on)", add_help=False)

    args, rest = parser.parse_known_args(argv)
    if args.command == "bench":
        return run_bench(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "demo":
        return run_demo(args.out_dir, args.log_level)
    if args.command == "new-site":
        from newsspider.sites.newsite import run_new_site

        if args.pages < 1 or any("=" not in s for s in args.set):
            parser.error("new-site: --pages must be >= 1 and -s must be NAME=VALUE")
        return run_new_site(args.url, name=args.name, out=args.out, pages=args.pages, pages_dir=args.pages_dir,
                            sitemap=args.sitemap, overrides=dict(s.split("=", 1) for s in args.set))
    if args.command == "card":
        return run_card(args.export, args.out, chart=args.chart, name=args.name)
    return offline.extract_files(
        args.paths, url=args.url, output=args.output, classify=args.classify, min_words=args.min_words, full=args.full
    )


def run_demo(out_dir: Path, log_level: str) -> int:
    """Serve the demo site, crawl it, export JSONL + CSV, print the summary; 0 when articles were exported.

    A newcomer's first command: Scrapy's log (versions, components, stats) goes to
    ``OUT_DIR/demo.log`` so that the terminal shows only progress, warnings and the summary.
    """
    from scrapy.crawler import CrawlerProcess

    from newsspider.demo.server import DemoServer
    from newsspider.progress import live_progress
    from newsspider.summary import crawl_summary

    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl, csv, log = out_dir / "demo.jsonl", out_dir / "demo.csv", out_dir / "demo.log"
    settings = project_settings()
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("LOG_FILE", str(log), priority="cmdline")
    settings.set("LOG_FILE_APPEND", False, priority="cmdline")
    settings.set(
        "FEEDS",
        {
            str(jsonl): {"format": "jsonlines", "overwrite": True, "encoding": "utf-8"},
            str(csv): {"format": "csv", "overwrite": True, "encoding": "utf-8"},
        },
        priority="cmdline",
    )
    echo = ConsoleEcho(progress=not live_progress(settings))
    with DemoServer() as server:
        process = CrawlerProcess(settings)  # installs the log file as the root handler
        logging.root.addHandler(echo)
        try:
            crawler = process.create_crawler("demo")
            started = time.monotonic()
            process.crawl(crawler, url=server.url)
            process.start()
            elapsed = time.monotonic() - started
        finally:
            logging.root.removeHandler(echo)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    ok = stats.get("item_scraped_count", 0) > 0 and not process.bootstrap_failed
    outputs = [jsonl, csv]
    if ok:
        outputs.append(write_card(jsonl, out_dir / "README.md", name="newsspider demo: Demo Daily")[0])
    print(crawl_summary(stats, elapsed, outputs=outputs, log=log))
    return 0 if ok else 1


def run_card(export: Path, out: Path | None, *, chart: bool, name: str | None) -> int:
    """Write the dataset card of ``export``; 2 when the export cannot be read."""
    try:
        path, note = write_card(export, out, chart=chart, name=name)
    except (CardError, OSError) as err:
        print(f"newsspider card: {err}", file=sys.stderr)
        return 2
    if note:
        print(f"newsspider card: {note}", file=sys.stderr)
    print(f"Dataset card written to {path}")
    return 0


class ConsoleEcho(logging.StreamHandler):
    """stderr alongside a log file: warnings and errors, and progress lines when no live line is drawn."""

    def __init__(self, progress: bool) -> None:
        super().__init__(sys.stderr)
        self.progress = progress
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return self.progress and record.name == "newsspider.progress"

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage() if record.levelno < logging.WARNING else super().format(record)


def project_settings() -> Settings:
    """newsspider's Scrapy settings, wherever the command runs (no scrapy.cfg needed)."""
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsspider.settings")
    return get_project_settings()


def run_bench(argv: list[str]) -> int:
    """Run benchmarks/extraction.py from a source checkout (it is not part of the installed package)."""
    try:
        from benchmarks.extraction import main as bench_main
    except ImportError:
        sys.path.insert(0, str(Path.cwd()))
        try:
            from benchmarks.extraction import main as bench_main
        except ImportError:
            print("newsspider bench: run it from a newsspider source checkout (benchmarks/ not found)", file=sys.stderr)
            return 2
    return bench_main(argv)


if __name__ == "__main__":
    sys.exit(main())
