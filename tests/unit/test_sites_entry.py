"""Site entries (``newsspider/sites``): loading, every bad-entry error, writing back, the
registry, and the spiders made from entries (they stay on their start URLs' hosts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from newsspider.extraction.rules import FieldRule
from newsspider.sites.entry import EntryError, SiteEntry, dump_entry, load_entry, spider_class
from newsspider.sites.registry import BUNDLED_DIR, load_sites, select_sites
from newsspider.sites.versions import SiteVersion
from newsspider.spiders.base import NewsSiteSpider, SpiderArgumentError
from newsspider.spiders.siteplan import SitePlan, SiteRouter
from newsspider.spiders.sites import SitesSpider

GOOD = r"""
name = "exampletimes"
domains = ["exampletimes.com"]
start_urls = ["https://exampletimes.com/"]
feeds = ["https://exampletimes.com/rss.xml", "/atom.xml"]
sitemaps = ["https://exampletimes.com/sitemap.xml"]
article_urls = ['^/\d{4}/\d{2}/\d{2}/[\w-]+\.html$']
follow_urls = ['/(world|business)/']
deny_urls = ['/login']
remove_selectors = [".newsletter", "//aside"]
boilerplate_patterns = ['^Follow us on ']
body_selector = "div.story-body"
languages = ["en"]

[fields]
title = { css = "h1.headline::text" }
authors = { xpath = "//a[@rel='author']/text()" }
tags = { function = "tests.fixtures.sites.fixes:kicker_tags" }

[[versions]]
until = "2024-06-01"
body_selector = "div.old-body"

[versions.fields]
title = { css = "h2.old::text" }

[[versions]]
until = 2023-01-01
remove_selectors = []
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_entry_loads_every_key(tmp_path: Path) -> None:
    entry = load_entry(write(tmp_path, "exampletimes", GOOD))
    assert entry.name == "exampletimes"
    assert entry.domains == ("exampletimes.com",)
    assert entry.feeds == ("https://exampletimes.com/rss.xml", "/atom.xml")
    assert entry.article_urls == (r"^/\d{4}/\d{2}/\d{2}/[\w-]+\.html$",)
    assert entry.remove_selectors == (".newsletter", "//aside")
    assert entry.body_selector == "div.story-body"
    assert entry.fields == (
        FieldRule("title", "css", "h1.headline::text"),
        FieldRule("authors", "xpath", "//a[@rel='author']/text()"),
        FieldRule("tags", "function", "tests.fixtures.sites.fixes:kicker_tags"),
    )
    assert entry.versions == (
        SiteVersion("2024-06-01", body_selector="div.old-body", fields=(FieldRule("title", "css", "h2.old::text"),)),
        SiteVersion("2023-01-01", remove_selectors=()),
    )
    assert entry.path == str(tmp_path / "exampletimes.toml")


def test_dump_entry_reads_back_equal_in_a_stable_order(tmp_path: Path) -> None:
    entry = load_entry(write(tmp_path, "exampletimes", GOOD))
    text = dump_entry(entry)
    assert load_entry(write(tmp_path / "..", "exampletimes", text)) == entry
    assert dump_entry(load_entry(tmp_path / ".." / "exampletimes.toml")) == text
    keys = [line.split(" =")[0] for line in text.splitlines()[:12] if " = " in line]
    assert keys == ["name", "domains", "start_urls", "feeds", "sitemaps", "article_urls", "follow_urls", "deny_urls",
                    "remove_selectors", "boilerplate_patterns", "body_selector", "languages"]  # fmt: skip


def test_a_minimal_entry_and_odd_strings_round_trip(tmp_path: Path) -> None:
    entry = SiteEntry(name="odd", start_urls=("https://odd.example/",), boilerplate_patterns=("it's \"quoted\"\\s", "tab\there"))
    assert load_entry(write(tmp_path, "odd", dump_entry(entry))) == entry
    text = dump_entry(entry, "made by a tool\nfrom a sample")  # a comment says where an entry came from
    assert text.splitlines()[:2] == ["# made by a tool", "# from a sample"]
    assert load_entry(write(tmp_path, "odd", text)) == entry


MINIMAL = 'name = "site"\nstart_urls = ["https://site.example/"]\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = ", "not valid TOML"),
        (MINIMAL + "colour = 'red'\n", "colour: unknown key; an entry has name, domains"),
        ('start_urls = ["https://site.example/"]\n', "name: missing (required)"),
        ('name = "site"\n', "start_urls: missing (required)"),
        ('name = "Site"\nstart_urls = ["https://site.example/"]\n', "name: 'Site' is not a site name"),
        ('name = "other"\nstart_urls = ["https://site.example/"]\n', "name: 'other' differs from the file name; name the file other.toml"),
        ('name = "site"\nstart_urls = "https://site.example/"\n', "start_urls: give a list of strings"),
        ('name = "site"\nstart_urls = []\n', "start_urls: empty"),
        ('name = "site"\nstart_urls = ["ftp://site.example/"]\n', "start_urls[0]: 'ftp://site.example/' is not an http(s) URL"),
        (MINIMAL + 'domains = ["https://site.example"]\n', "domains[0]: 'https://site.example' is not a host name"),
        (MINIMAL + 'feeds = ["rss.xml"]\n', "feeds[0]: 'rss.xml' is not an http(s) URL; give e.g. https://example.com/ or a path"),
        (MINIMAL + "article_urls = ['(unclosed']\n", "article_urls[0]: '(unclosed' is not a regular expression"),
        (MINIMAL + "deny_urls = [1]\n", "deny_urls[0]: give a non-empty string, not 1"),
        (MINIMAL + 'remove_selectors = ["div[["]\n', "remove_selectors[0]: 'div[[' is not a valid CSS selector"),
        (MINIMAL + 'body_selector = "//div[@"\n', "body_selector: '//div[@' is not a valid XPath expression"),
        (MINIMAL + 'languages = "en"\n', "languages: give a list of strings"),
        (MINIMAL + "[fields]\nword_count = { css = 'p' }\n", "fields.word_count: not a field a site can override"),
        (MINIMAL + "[fields]\ntitle = { css = 'h1', xpath = '//h1' }\n", "fields.title: give exactly one of css, xpath, function"),
        (MINIMAL + "[fields]\ntitle = { css = 'h1[' }\n", "fields.title.css: 'h1[' is not a valid CSS selector"),
        (MINIMAL + "[fields]\ntitle = { xpath = '//h1[' }\n", "fields.title.xpath: '//h1[' is not a valid XPath expression"),
        (MINIMAL + "[fields]\ntitle = { function = 'not a path' }\n", "fields.title.function: 'not a path' is not an import path"),
        (MINIMAL + "fields = 3\n", "fields: give a table"),
        (MINIMAL + "versions = 3\n", "versions: give [[versions]] tables"),
        (MINIMAL + "[[versions]]\nbody_selector = 'div'\n", "versions[0].until: missing"),
        (MINIMAL + "[[versions]]\nuntil = 'June 2024'\n", "versions[0].until: 'June 2024' is not a date"),
        (MINIMAL + "[[versions]]\nuntil = '2024-06-01'\narticle_urls = ['x']\n", "versions[0].article_urls: a version may set only until"),
        (MINIMAL + "[[versions]]\nuntil = '2024-06-01'\n[versions.fields]\nbody = { css = 'p[' }\n",
         "versions[0].fields.body.css: 'p[' is not a valid CSS selector"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_one_line_naming_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "site", text)
    with pytest.raises(EntryError) as raised:
        load_entry(path)
    error = str(raised.value)
    assert error.startswith(f"{path}: "), error
    assert message in error, error
    assert "\n" not in error


def test_the_registry_reads_the_bundled_sites_then_the_projects(tmp_path: Path) -> None:
    bundled = load_sites(Settings())
    assert "demo" in bundled and bundled["demo"].path == str(BUNDLED_DIR / "demo.toml")
    ours = tmp_path / "sites"
    ours.mkdir()
    write(ours, "site", MINIMAL)
    write(ours, "demo", 'name = "demo"\nstart_urls = ["http://127.0.0.1:9999/"]\n')
    sites = load_sites(Settings({"NEWSSPIDER_SITES_DIRS": [str(ours)]}))
    assert sites["site"].start_urls == ("https://site.example/",)
    assert sites["demo"].start_urls == ("http://127.0.0.1:9999/",)  # the project's replaces the bundled one
    assert [e.name for e in select_sites(sites, "all")] == sorted(sites)
    assert [e.name for e in select_sites(sites, "site, demo")] == ["site", "demo"]
    with pytest.raises(ValueError, match=r"unknown site 'nope': give -a sites=NAME\[,NAME...\] or -a sites=all; known sites: (\w+, )*demo, (\w+, )*site\b"):
        select_sites(sites, "site,nope")
    with pytest.raises(EntryError, match="NEWSSPIDER_SITES_DIRS: .*missing is not a folder"):
        load_sites(Settings({"NEWSSPIDER_SITES_DIRS": [str(tmp_path / "missing")]}))
    write(ours, "broken", "name = 'broken'\n")
    with pytest.raises(EntryError, match=r"broken.toml: start_urls: missing"):
        load_sites(Settings({"NEWSSPIDER_SITES_DIRS": str(ours)}))


def test_sites_spider_arguments(tmp_path: Path) -> None:
    settings = Settings()
    (demo,) = SitesSpider.entries_for(settings, sites="demo", url="http://127.0.0.1:8123/")
    assert demo.start_urls == ("http://127.0.0.1:8123/",) and demo.domains == ("127.0.0.1",)
    with pytest.raises(SpiderArgumentError, match="no site given"):
        SitesSpider.check_arguments(settings)
    with pytest.raises(SpiderArgumentError, match="-a url_other= names no site of this crawl; the crawl has demo$"):
        SitesSpider.check_arguments(settings, sites="demo", url_other="http://127.0.0.1:1/")
    with pytest.raises(SpiderArgumentError, match="is not an http"):
        SitesSpider.check_arguments(settings, sites="demo", url="localhost")
    with pytest.raises(SpiderArgumentError, match="-a depth="):
        SitesSpider.check_arguments(settings, sites="demo", depth="deep")
    ours = tmp_path / "sites"
    ours.mkdir()
    write(ours, "site", MINIMAL)
    with pytest.raises(SpiderArgumentError, match="-a url= moves one site"):
        SitesSpider.check_arguments(Settings({"NEWSSPIDER_SITES_DIRS": [str(ours)]}), sites="all", url="http://127.0.0.1:1/")


def test_rebased_moves_the_sites_own_urls_only() -> None:
    entry = SiteEntry(
        name="x", start_urls=("https://www.x.example/news/",), feeds=("https://www.x.example/rss", "/atom", "https://cdn.example/f"),
    )
    moved = entry.rebased("http://127.0.0.1:8001/")
    assert moved.start_urls == ("http://127.0.0.1:8001/news/",)
    assert moved.feeds == ("http://127.0.0.1:8001/rss", "/atom", "https://cdn.example/f")
    assert moved.domains == ("127.0.0.1",)


class DeclaredSpider(NewsSiteSpider):
    name = "declared"
    start_urls = ["https://www.declared.example/", "http://127.0.0.1:8001/"]


def test_a_crawl_stays_on_its_start_urls_hosts_however_they_are_given() -> None:
    assert DeclaredSpider().allowed_domains == ["127.0.0.1", "declared.example"]  # class attribute
    assert DeclaredSpider(url="http://localhost:9/").allowed_domains == ["localhost"]  # -a url=
    cls = spider_class(SiteEntry(name="entry", start_urls=("https://entry.example/a/",)))  # an entry
    assert cls().allowed_domains == ["entry.example"]
    declared = spider_class(SiteEntry(name="entry", start_urls=("https://entry.example/",), domains=("cdn.example", "entry.example")))
    assert declared().allowed_domains == ["cdn.example", "entry.example"]


def test_the_router_finds_a_pages_site_by_host_and_port() -> None:
    a = SitePlan(spider_class(SiteEntry(name="a", start_urls=("http://127.0.0.1:8001/",))))
    b = SitePlan(spider_class(SiteEntry(name="b", start_urls=("http://127.0.0.1:8002/",))))
    c = SitePlan(spider_class(SiteEntry(name="c", start_urls=("https://www.c.example/",), domains=("c.example", "news.c.example"))))
    router = SiteRouter([a, b, c])
    assert router.plan_for("http://127.0.0.1:8002/x.html").name == "b"
    assert router.plan_for("http://127.0.0.1:8001/x.html").name == "a"
    assert router.plan_for("https://news.c.example/x.html").name == "c"
    assert router.plan_for("https://img.c.example/x.png").name == "c"
    assert router.plan_for("http://127.0.0.1:8003/").name == "a"  # same host, another port: the first by domain


def test_a_spider_made_from_an_entry_has_its_rules(tmp_path: Path) -> None:
    entry = load_entry(write(tmp_path, "exampletimes", GOOD))
    spider = spider_class(entry)()
    assert spider.name == "exampletimes" and spider.allowed_domains == ["exampletimes.com"]
    assert spider.is_article_url("https://exampletimes.com/2024/01/02/story.html")
    assert not spider.is_article_url("https://exampletimes.com/world/")
    assert spider.should_follow("https://exampletimes.com/world/") and not spider.should_follow("https://exampletimes.com/sport/")
    assert spider.site_rules.body == "div.story-body"
    assert [v.until for v in spider.site_rules.versions] == ["2023-01-01", "2024-06-01"]
    old = spider.site_rules.for_date("2024-05-31")
    assert old.body == "div.old-body" and old.remove == (".newsletter", "//aside")
    assert dict((r.field, r.expr) for r in old.fields)["title"] == "h2.old::text"
    assert spider.site_rules.for_date("2022-12-31").remove == ()
    assert spider.site_rules.for_date("2024-06-01") is spider.site_rules


def test_a_field_function_that_does_not_import_is_a_bad_argument(tmp_path: Path) -> None:
    ours = tmp_path / "sites"
    ours.mkdir()
    write(ours, "site", MINIMAL + "[fields]\npublished = { function = 'no_such_package.fixes:published' }\n")
    with pytest.raises(SpiderArgumentError, match=r"site.toml: field function 'no_such_package.fixes:published' cannot be imported"):
        SitesSpider.check_arguments(Settings({"NEWSSPIDER_SITES_DIRS": [str(ours)]}), sites="site")


def test_scrapy_list_shows_the_sites_spider_beside_the_others() -> None:
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    assert {"demo", "news", "sites"} <= set(SpiderLoader.from_settings(get_project_settings()).list())
