"""Site-level learning end to end: ``scrapy crawl demo`` over the demo site, whose ``obfuscated``
template carries lines that only repetition across pages gives away, and over a copy of it where
one story is published under 20 URLs with a new first paragraph each time."""

from __future__ import annotations

import html
import pickle
import re
import shutil
import sqlite3
import statistics
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsspider.demo import SITE_DIR
from newsspider.demo.server import DemoServer
from newsspider.extraction import extract_page
from pipelines.sitememory import STATE_KEY
from tests.faults.server import FaultServer, article_html, hold_until, index_html, respond
from tests.helpers import (
    crawl,
    crawl_demo,
    read_records,
    token_f1,
    wait_until,
)

#: An ``obfuscated`` demo page (it carries the site's own promo line): the template of the versions.
VERSION_TEMPLATE = "/culture/2024/01/29/crowds-return-as-velgrad-celebrates-its-documentary-festival.html"
VERSIONS = 20
STORY_TITLE = "Floods cut off villages across Quenland"
#: The story's paragraphs after its first: short enough (< 40 words) to be learned as lines, and
#: without them a version is under NEWSSPIDER_MIN_BODY_WORDS (50) words.
STORY_REST = [
    "The river rose by almost two metres overnight. Water reached the first floor of homes in the lower town.",
    "Engineers said the old flood wall held for most of the night. It gave way near the railway bridge at dawn.",
    "Schools across the district will stay closed until Friday. Buses are running on shortened routes.",
    "Farmers upstream reported fields under water for the second time this year. Many had only just replanted.",
    "The regional council promised an inquiry into the wall. Its report is due before the end of the summer.",
]


def crawl_site(server: DemoServer, out: Path, *args: str) -> tuple[list[dict[str, Any]], str]:
    """The records and the log of a demo-site crawl."""
    run = crawl_demo(server, out, *args)
    return run.records, run.log


def stat(log: str, name: str, prefix: str = "newsspider/sitelearn/") -> int:
    match = re.search(rf"'{prefix}{name}': (\d+)", log)
    return int(match.group(1)) if match else 0


def template(record: dict[str, Any], truth: dict[str, Any]) -> str:
    return truth["articles"][urlsplit(record["url"]).path]["template"]


def leaks(records: list[dict[str, Any]], markers: list[str]) -> list[tuple[str, str]]:
    return [(r["url"], m) for r in records for m in markers if m in r["body"]]


def articles_the_block_model_leaves(truth: dict[str, Any], markers: list[str]) -> list[str]:
    """URL paths of the demo articles whose extracted body (no site learning) keeps a marker."""
    paths = []
    for path in sorted(truth["articles"]):
        result = extract_page((SITE_DIR / path.lstrip("/")).read_bytes(), f"http://127.0.0.1{path}")
        if any(marker in (result.fields or {}).get("body", "") for marker in markers):
            paths.append(path)
    return paths


def version_path(v: int) -> str:
    """Version ``v``'s URL path: an article URL of its own (a story republished, not a repeat)."""
    return f"/world/2024/03/{v + 1:02d}/floods-cut-off-villages-update-{v}.html"


def version_lede(v: int) -> str:
    """Version ``v``'s first paragraph: each update of the story opens differently."""
    places = ["Arnsby", "Coldwater", "Fenmouth", "Hollin", "Merrow"]
    return (
        f"Rescue teams reached {places[v % 5]} on day {v + 2} of the floods, {3 * v + 4} hours after the "
        f"river burst its banks. {v + 11} families there were still waiting for boats."
    )


@pytest.fixture(scope="module")
def rewritten_site(tmp_path_factory: pytest.TempPathFactory, ground_truth: dict[str, Any]) -> Iterator[DemoServer]:
    """The demo site plus one story published under 20 URLs, each version with a first
    paragraph of its own and the same short paragraphs after it, linked from the home page."""
    root = tmp_path_factory.mktemp("rewritten") / "site"
    shutil.copytree(SITE_DIR, root)
    title = ground_truth["articles"][VERSION_TEMPLATE]["title"]
    markup = (SITE_DIR / VERSION_TEMPLATE.lstrip("/")).read_text(encoding="utf-8").replace(title, STORY_TITLE)
    first = markup.index('<p class="css-har31w">')
    last = markup.rindex("</p>", 0, markup.index(ground_truth["site_boilerplate_markers"][0])) + len("</p>")
    for v in range(VERSIONS):
        paragraphs = "\n".join(f'<p class="css-har31w">{html.escape(p)}</p>' for p in [version_lede(v), *STORY_REST])
        page = root / version_path(v).lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(markup[:first] + paragraphs + markup[last:], encoding="utf-8")
    links = "".join(f'<li><a href="{version_path(v)}">Floods: update {v}</a></li>' for v in range(VERSIONS))
    home = root / "index.html"
    listing = home.read_text(encoding="utf-8").replace("</body>", f"<ul>{links}</ul></body>", 1)
    home.write_text(listing, encoding="utf-8")
    with DemoServer(root) as server:
        yield server


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory, demo_server: DemoServer) -> tuple[list[dict[str, Any]], str]:
    return crawl_site(demo_server, tmp_path_factory.mktemp("sitelearn") / "demo.jsonl")


def test_learning_removes_site_boilerplate_from_every_page(
    learned: tuple[list[dict[str, Any]], str], ground_truth: dict[str, Any]
) -> None:
    records, log = learned
    assert len(records) == len(ground_truth["articles"])
    markers = ground_truth["boilerplate_markers"] + ground_truth["site_boilerplate_markers"]
    assert leaks(records, markers) == []  # the first (held) pages included
    assert stat(log, "blocks_learned") >= 1
    assert stat(log, "records_held") >= 3
    # one removal a page that still carried the promo line: the obfuscated pages the extractor left it on
    obfuscated = sum(template(r, ground_truth) == "obfuscated" for r in records)
    assert 3 <= stat(log, "blocks_removed") <= obfuscated


def test_learning_keeps_the_article_text(learned: tuple[list[dict[str, Any]], str], ground_truth: dict[str, Any]) -> None:
    records, _ = learned
    scores = [token_f1(r["body"], ground_truth["articles"][urlsplit(r["url"]).path]["body"]) for r in records]
    assert statistics.mean(scores) >= 0.98 and min(scores) >= 0.95
    for record in records:
        assert record["word_count"] == len(record["body"].split())
        assert record["quality"] == "ok"


def test_without_learning_obfuscated_pages_keep_their_site_boilerplate(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    records, log = crawl_site(demo_server, tmp_path / "off.jsonl", "-s", "NEWSSPIDER_SITELEARN_ENABLED=False")
    leaked_urls = {url for url, _ in leaks(records, ground_truth["site_boilerplate_markers"])}
    obfuscated = {r["url"] for r in records if template(r, ground_truth) == "obfuscated"}
    # only pages of that template carry the line, and enough of them to learn it (3); the block
    # model drops it from some pages by itself (how many changes with each retrain)
    assert leaked_urls <= obfuscated and len(leaked_urls) >= 3
    assert "newsspider/sitelearn" not in log


def test_held_records_are_released_when_the_crawl_runs_out(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    """A site with fewer pages than the hold: every record waits for the end, none is lost."""
    records, log = crawl_site(
        demo_server, tmp_path / "hold.jsonl",
        "-s", "NEWSSPIDER_SITELEARN_HOLD=1000", "-s", "NEWSSPIDER_SITELEARN_MAX_HOLD=600",
    )
    assert len(records) == len(ground_truth["articles"]) == stat(log, "records_held")
    assert "nothing else left to crawl" in log
    assert leaks(records, ground_truth["site_boilerplate_markers"]) == []


def test_held_records_are_released_when_the_crawl_closes_early(tmp_path: Path, demo_server: DemoServer) -> None:
    records, log = crawl_site(
        demo_server, tmp_path / "closing.jsonl", "-a", "max_pages=8",
        "-s", "NEWSSPIDER_SITELEARN_HOLD=1000", "-s", "NEWSSPIDER_SITELEARN_MAX_HOLD=600",
    )
    assert "closespider_pagecount" in log
    assert records and len(records) == stat(log, "records_held")
    assert f"'item_scraped_count': {len(records)}" in log


def test_held_records_are_released_when_the_scraper_memory_budget_is_full(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    """A held record keeps its response in Scrapy's scraper slot. With a memory budget of about
    three demo pages (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``) the engine stops downloading once a few
    records are held, though the site is far from warmed up (a hold of 1000) and the scheduler
    is full: only the crawl_stalled rule "engine backing out" lets them go. Released then, the
    records are few, the rest of the site follows unheld, and nothing waits for the max-hold timer
    (120 s: it would finish the crawl too, with another reason in the log)."""
    records, log = crawl_site(
        demo_server, tmp_path / "budget.jsonl", "-s", "SCRAPER_SLOT_MAX_ACTIVE_SIZE=20000",
        "-s", "NEWSSPIDER_SITELEARN_HOLD=1000", "-s", "NEWSSPIDER_SITELEARN_MAX_HOLD=120",
    )  # fmt: skip
    assert sorted(urlsplit(r["url"]).path for r in records) == sorted(ground_truth["articles"])
    held = stat(log, "records_held")
    assert 0 < held < len(ground_truth["articles"]) // 2  # released long before the crawl ran out
    assert f"Site learning: releasing {held} held records of 127.0.0.1 (nothing else left to crawl)" in log
    assert "(max hold time)" not in log


def test_held_records_are_released_after_the_max_hold_time(tmp_path: Path) -> None:
    """The site never warms up (a hold of 1000 records) and the crawl never runs out (a download
    kept in flight until the test has seen the record): only the max-hold timer (1 s) can let the
    held record go on to the feed. The feed is flushed record by record (incremental state on)."""
    in_feed = threading.Event()
    out = tmp_path / "out.jsonl"
    with FaultServer() as site, ThreadPoolExecutor(1) as pool:
        site.serve_articles(1, "/slow")
        site.route("/slow", hold_until(in_feed, respond(index_html([]))))
        crawling = pool.submit(
            crawl, tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", "DOWNLOAD_TIMEOUT=600",
            "NEWSSPIDER_SITELEARN_HOLD=1000", "NEWSSPIDER_SITELEARN_MAX_HOLD=1",
            "NEWSSPIDER_STATE_ENABLED=1", f"NEWSSPIDER_STATE_PATH={tmp_path / 'state.sqlite'}", timeout=900,
        )  # fmt: skip
        # The limit bounds only how long a broken timer keeps the test waiting.
        released_in_flight = wait_until(lambda: bool(read_records(out)) or crawling.done(), limit=120) and not crawling.done()
        in_feed.set()
        result = crawling.result()
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert released_in_flight, "the held record reached the feed only once the crawl ran out"
    assert len(result.records) == 1 and result.stat("newsspider/sitelearn/records_held") == 1
    assert "Site learning: releasing 1 held records of 127.0.0.1 (max hold time)" in result.proc.stderr


def test_learned_blocks_survive_a_jobdir_restart(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    jobdir = tmp_path / "job"
    first, log1 = crawl_site(demo_server, tmp_path / "first.jsonl", "-s", f"JOBDIR={jobdir}", "-a", "max_pages=20")
    assert "closespider_pagecount" in log1 and stat(log1, "blocks_learned") >= 1
    state = pickle.loads((jobdir / "spider.state").read_bytes())
    assert any(site["learned"] for site in state[STATE_KEY].values())

    rest, log2 = crawl_site(demo_server, tmp_path / "rest.jsonl", "-s", f"JOBDIR={jobdir}")
    assert "Resuming crawl" in log2
    assert stat(log2, "blocks_loaded") >= 1
    assert stat(log2, "records_held") == 0  # the site was warmed up before the restart
    assert {r["url"] for r in first}.isdisjoint(r["url"] for r in rest)
    assert any(template(r, ground_truth) == "obfuscated" for r in rest)
    assert leaks(rest, ground_truth["site_boilerplate_markers"]) == []


def test_a_story_published_under_many_urls_keeps_its_paragraphs(
    tmp_path: Path,
    rewritten_site: DemoServer,
    learned: tuple[list[dict[str, Any]], str],
    ground_truth: dict[str, Any],
) -> None:
    """Its short paragraphs repeat on 20 pages, but always beside the rest of the same story:
    they are the story, not the site's lines (before: learned, and every version dropped as
    too_short). The site's own promo lines, beside different stories, are still learned."""
    records, log = crawl_site(rewritten_site, tmp_path / "rewritten.jsonl")
    assert stat(log, "too_short", prefix="newsspider/dropped/") == 0
    versions = [r for r in records if "floods-cut-off-villages-update" in r["url"]]
    assert len(versions) == VERSIONS and {r["title"] for r in versions} == {STORY_TITLE}
    for record in versions:
        assert all(paragraph in record["body"] for paragraph in STORY_REST), record["url"]
    assert leaks(records, ground_truth["site_boilerplate_markers"]) == []
    assert stat(log, "blocks_learned") == stat(learned[1], "blocks_learned")  # the story taught nothing


def test_site_name_learned_from_titles_and_stripped(tmp_path: Path) -> None:
    """Every page's title (and its <h1>) ends with the site's name, which the page does not declare
    (no og:site_name, a bare IP host): the crawl learns it across the pages and strips it."""
    headlines = [f"Harbour report {n}: {w} plans for the coming season" for n, w in enumerate(("Council", "Ferry", "Market", "School", "Museum"))]
    with FaultServer() as site:
        paths = [site.route(f"/news/story-{n}.html", respond(article_html(n, title=f"{h} - Harbour Gazette"))) for n, h in enumerate(headlines)]
        site.route("/", respond(index_html([urlsplit(p).path for p in paths])))
        # all pages held until the last one is counted, then released cleaned
        result = crawl(tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", f"NEWSSPIDER_SITELEARN_HOLD={len(headlines)}")
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert sorted(r["title"] for r in result.records) == sorted(headlines)
    assert result.stat("newsspider/sitelearn/title_affixes_learned") == 1
    assert result.stat("newsspider/sitelearn/titles_cleaned") == len(headlines)


def test_site_wide_keywords_learned_and_dropped_from_tags(tmp_path: Path) -> None:
    """Every page declares the site's keyword list beside its own topic ("Local news, Breaking
    news"): the crawl learns the list across the stories and keeps each story's topic alone."""
    topics = ["Ferries", "Markets", "Schools", "Museums", "Bridges", "Floods", "Elections", "Budgets", "Rail", "Ports",
              "Fishing", "Tourism"]
    with FaultServer() as site:
        paths = [
            site.route(f"/news/story-{n}.html", respond(article_html(n).replace(
                "</head>", f'<meta name="keywords" content="{topic}, Local news, Breaking news"></head>')))
            for n, topic in enumerate(topics)
        ]
        site.route("/", respond(index_html([urlsplit(p).path for p in paths])))
        result = crawl(tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", f"NEWSSPIDER_SITELEARN_HOLD={len(topics)}")
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert sorted(r["tags"] for r in result.records) == sorted([t] for t in topics)
    assert result.stat("newsspider/sitelearn/site_tags_learned") == 2
    assert result.stat("newsspider/sitelearn/tags_cleaned") == len(topics)


def test_what_a_crawl_learned_cleans_the_next_crawls_first_records(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    """A later crawl of a site (a daily incremental crawl: few new pages) starts from what the
    earlier ones learned, kept in the incremental state: nothing held, and its first records are
    as clean as the long crawl's. Without it, the first pages of the site leak its promo line
    (needs 3 pages to be learned) — the spurious new version of a page refetched by a short crawl."""
    state = tmp_path / "state.sqlite"
    first = crawl_demo(demo_server, tmp_path / "first.jsonl", state=state)
    assert first.stat("newsspider/sitelearn/sites_kept") == 1 and len(first.records) == 48
    kept = sqlite3.connect(state).execute("SELECT scope, site FROM learned_sites").fetchall()
    assert kept == [("demo", "127.0.0.1")]

    no_hold = ("-a", "fresh=1", "-s", "NEWSSPIDER_SITELEARN_HOLD=0")  # records pass at once: what is known now counts
    again = crawl_demo(demo_server, tmp_path / "again.jsonl", *no_hold, state=state)
    assert again.stat("newsspider/sitelearn/sites_loaded") == 1 and again.stat("newsspider/sitelearn/blocks_loaded") >= 1
    assert len(again.records) == 48 and leaks(again.records, ground_truth["site_boilerplate_markers"]) == []

    # The control: without what was learned, the records before the line's third page leak it.
    # The block model drops the line from most pages, so the crawl starts on one where it keeps
    # it, following links only: its record comes before the line is learned (a whole-site
    # crawl's order varies, and so would whether a leaking page comes before that).
    markers = ground_truth["site_boilerplate_markers"]
    leaking = articles_the_block_model_leaves(ground_truth, markers)
    assert leaking, "the block model drops the promo line from every demo page: this control needs another page"
    forgetting = crawl(
        tmp_path, demo_server.url.rstrip("/") + leaking[0], "NEWSSPIDER_STATE_ENABLED=1", f"NEWSSPIDER_STATE_PATH={state}",
        "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_PERSIST=False",
        spider="demo", output="forgetting.jsonl", small_site=False, extra=no_hold,
    )  # fmt: skip
    assert forgetting.proc.returncode == 0, forgetting.log[-3000:]
    assert forgetting.stat("newsspider/sitelearn/sites_loaded") == 0 and len(forgetting.records) == 48
    start_record = [r for r in forgetting.records if r["url"].endswith(leaking[0])]
    assert leaks(start_record, markers) != []
