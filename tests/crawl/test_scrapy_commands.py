"""Scrapy's debugging commands with newsspider's spiders: real ``scrapy parse``, ``shell``,
``check`` and ``list`` subprocesses against the demo site served on 127.0.0.1; the URL given
is enough (no ``-a url=``, no ``--spider``)."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest
from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.exceptions import ContractFail
from scrapy.settings import Settings

from newsspider.commands import trust_url
from newsspider.compat import CHECK_COMMAND_SUPPORTED
from newsspider.contracts import ScrapesContract, UrlContract
from newsspider.demo.server import DemoServer
from newsspider.items import Article
from newsspider.spiderloader import SpiderLoader
from newsspider.spiders.base import NewsSiteSpider
from tests.helpers import assert_refused_command_line, read_jsonl, run_scrapy

#: A demo article with a title short enough for one line of ``scrapy parse``'s pretty-printed output.
ARTICLE = "/world/2024/01/04/meridia-and-tarsova-settle-long-running-energy-transit-dispute.html"


needs_check_command = pytest.mark.skipif(
    not CHECK_COMMAND_SUPPORTED, reason="scrapy check runs async contracts and takes -a from Scrapy 2.19 on"
)

def assert_clean(proc: subprocess.CompletedProcess[str]) -> None:
    """Exit status 0, no traceback, no deprecation warning."""
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "Deprecat" not in proc.stderr, proc.stderr[-3000:]


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


@pytest.fixture
def article(ground_truth: dict[str, Any], demo_server: DemoServer) -> dict[str, str]:
    truth = ground_truth["articles"][ARTICLE]
    return {"url": demo_server.url.rstrip("/") + ARTICLE, "title": truth["title"], "body": truth["body"]}


# -- scrapy parse -------------------------------------------------------------------------


@pytest.mark.parametrize("spider", [["--spider=news"], ["--spider=demo"], []], ids=["news", "demo", "chosen-by-url"])
def test_parse_prints_the_record_of_an_article_url(spider: list[str], article: dict[str, str], tmp_path: Path) -> None:
    default_feed = tmp_path / "default.jsonl"
    proc = run_scrapy("parse", *spider, article["url"], "--nocolour", "-s", f"NEWSSPIDER_DEFAULT_FEED={default_feed}")
    assert_clean(proc)
    assert f"'title': '{article['title']}'" in proc.stdout
    assert first_words(article["body"]) in proc.stdout
    assert f"'site': '{spider[0].split('=')[1] if spider else 'news'}'" in proc.stdout  # no --spider: the generic one
    assert not default_feed.exists()  # a debugging command writes no default feed


def test_parse_with_a_callback_and_depth(demo_server: DemoServer, ground_truth: dict[str, Any], tmp_path: Path) -> None:
    """``-c parse_feed`` on the feed lists its articles (depth 1), parsed into records at depth 2;
    ``-O`` still exports what ``scrapy parse`` found."""
    out = tmp_path / "parsed.jsonl"
    proc = run_scrapy(
        "parse", "--spider=demo", "-c", "parse_feed", "--depth", "2", "-v", "--nocolour", "-O", str(out), demo_server.url + "feed.xml"
    )
    assert_clean(proc)
    level_1, level_2 = proc.stdout.split(">>> DEPTH LEVEL: 2 <<<")
    assert "'title'" not in level_1 and "<GET " in level_1  # the feed: article requests, no record
    assert level_2.count("'title':") >= 3
    exported = read_jsonl(out)
    assert len(exported) == level_2.count("'title':")
    assert all(urlsplit(record["url"]).path in ground_truth["articles"] for record in exported)


def test_parse_refuses_a_bad_argument_in_one_line(article: dict[str, str]) -> None:
    assert_refused_command_line(run_scrapy("parse", article["url"], "-a", "depth=x"), "-a depth='x' is invalid")


# -- scrapy shell -------------------------------------------------------------------------


def test_shell_chooses_the_spider_and_shows_the_record(article: dict[str, str]) -> None:
    proc = run_scrapy("shell", article["url"], "-c", "(spider.name, response.status, record.title, record.body.split()[:6])")
    assert_clean(proc)
    assert proc.stdout.strip() == repr(("news", 200, article["title"], article["body"].split()[:6]))


def test_shell_and_parse_leave_the_incremental_state_alone(article: dict[str, str], tmp_path: Path) -> None:
    """With the state on (a user's default): the shell works (its crawl runs in another thread than
    the one that would open SQLite) and neither command records the page: no state is written,
    so a later crawl or command still finds the page new."""
    state = {"NEWSSPIDER_STATE_ENABLED": "1"}
    path = ("-s", f"NEWSSPIDER_STATE_PATH={tmp_path / 'state.sqlite'}")
    shell = run_scrapy("shell", article["url"], *path, "-c", "record.title", env=state)
    assert_clean(shell)
    assert shell.stdout.strip() == article["title"]
    assert not (tmp_path / "state.sqlite").exists()
    parse = run_scrapy("parse", article["url"], *path, env=state)
    assert_clean(parse)
    assert article["title"] in parse.stdout
    assert not (tmp_path / "state.sqlite").exists()


def test_shell_fetch_updates_response_and_record(article: dict[str, str], demo_server: DemoServer) -> None:
    code = f"(fetch('{demo_server.url}about/'), response.url, record, fetch('{article['url']}'), record.title)"
    proc = run_scrapy("shell", "--spider=demo", demo_server.url, "-c", code)
    assert_clean(proc)
    assert proc.stdout.strip() == repr((None, f"{demo_server.url}about/", None, None, article["title"]))


def test_shell_trusts_only_the_url_given(article: dict[str, str]) -> None:
    """The network guard lets the URL's host through, not other internal addresses."""
    code = "(record.title, fetch('http://169.254.169.254/latest/meta-data/'), response, record)"
    proc = run_scrapy("shell", article["url"], "-c", code)
    assert_clean(proc)
    assert "refused http://169.254.169.254/latest/meta-data/" in proc.stderr
    assert proc.stdout.strip() == repr((article["title"], None, None, None))  # nothing fetched, no stale record


def test_fetch_prints_the_page_and_writes_no_feed(article: dict[str, str], tmp_path: Path) -> None:
    default_feed = tmp_path / "default.jsonl"
    proc = run_scrapy("fetch", "--nolog", article["url"], "-s", f"NEWSSPIDER_DEFAULT_FEED={default_feed}")
    assert_clean(proc)
    assert f'<h1 class="headline">{article["title"]}</h1>' in proc.stdout
    assert not default_feed.exists()


# -- scrapy check -------------------------------------------------------------------------


@needs_check_command
def test_check_runs_the_demo_contracts_on_the_site_it_serves() -> None:
    proc = run_scrapy("check", "-v")
    assert_clean(proc)
    assert "[demo] parse (@scrapes post-hook) ... ok" in proc.stderr
    assert "Ran 3 contracts" in proc.stderr and proc.stderr.rstrip().endswith("OK")


@needs_check_command
def test_check_uses_the_start_url_given() -> None:
    """``@url`` is a path on ``-a url=``: a site that is not there fails the contracts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    proc = run_scrapy("check", "demo", "-a", f"url=http://127.0.0.1:{port}/", "-s", "RETRY_ENABLED=False")
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "ERROR: [demo] parse (errback)" in proc.stderr and "FAILED (errors=1)" in proc.stderr  # not fetched


def test_check_lists_the_contracts() -> None:
    proc = run_scrapy("check", "-l")
    assert_clean(proc)
    assert proc.stdout.split() == ["demo", "*", "parse"]


# -- scrapy list --------------------------------------------------------------------------


def test_scrapy_list_shows_the_spiders() -> None:
    proc = run_scrapy("list")
    assert_clean(proc)
    assert {"demo", "news"} <= set(proc.stdout.split())


# -- the pieces, in process ---------------------------------------------------------------


class ExampleSpider(NewsSiteSpider):
    """A site spider of this module, for the spider loader."""

    name = "example"
    allowed_domains: ClassVar[list[str]] = ["example.com"]
    start_urls: ClassVar[list[str]] = ["https://www.example.com/"]

    def sample(self) -> None:
        """A method for contracts to be bound to."""


def test_spider_loader_prefers_the_site_spider_then_the_generic_one() -> None:
    loader = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["newsspider.spiders", __name__]}))
    assert loader.find_by_request(Request("https://www.example.com/2024/story.html")) == ["example"]
    assert loader.find_by_request(Request("https://news.other.org/")) == ["news"]


def test_the_url_given_is_trusted_by_address() -> None:
    settings = Settings({"NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS": ["10.1.0.0/16"]})
    trust_url(settings, "http://localhost:8000/a.html")
    assert "127.0.0.1" in settings.getlist("NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS")
    assert "10.1.0.0/16" in settings.getlist("NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS")  # kept
    public = Settings()
    trust_url(public, "http://93.184.215.14/")  # a public address needs no trust
    assert public.getlist("NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS") == []


def test_url_contract_joins_a_path_to_the_start_url() -> None:
    spider = ExampleSpider()
    joined = UrlContract(spider.sample, "/2024/story.html").adjust_request_args({})
    assert joined["url"] == "https://www.example.com/2024/story.html"
    absolute = UrlContract(spider.sample, "https://other.org/a").adjust_request_args({})
    assert absolute["url"] == "https://other.org/a"


def test_scrapes_contract_wants_values_not_just_fields() -> None:
    record = Article(url="https://www.example.com/a", site="example", title="A title", body="Some text.")
    contract = ScrapesContract(ExampleSpider().sample, "title", "body")
    contract.post_process([record])
    record.body = ""
    assert "body" in ItemAdapter(record)  # what Scrapy's @scrapes checks: a dataclass always has it
    with pytest.raises(ContractFail, match="Missing fields: body"):
        contract.post_process([record])
