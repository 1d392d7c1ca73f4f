"""Hostile sitemaps and feeds: XXE, billion laughs, gzip bombs, malformed XML, index loops and
endless index chains are refused and counted; the crawl goes on with the honest ones."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from newsspider.discovery import parse_feed, parse_sitemap
from newsspider.discovery.xmlguard import MAX_SITEMAP_INDEX_DEPTH, RefusedDocument
from tests.faults.server import FaultServer, article_html, gzip_bomb, respond
from tests.helpers import CrawlResult, crawl

BASE = "http://news.test/"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _laughs(root: str) -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?>\n<!DOCTYPE r [{entities}]>\n{root}'


def _xxe(root: str, target: str) -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{target}">]>\n{root}'


def urlset(*locs: str) -> str:
    return f"<urlset {NS}>" + "".join(f"<url><loc>{loc}</loc></url>" for loc in locs) + "</urlset>"


def index(*locs: str) -> str:
    return f"<sitemapindex {NS}>" + "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs) + "</sitemapindex>"


def rss(link: str, title: str = "A story") -> str:
    return f'<rss version="2.0"><channel><title>T</title><item><title>{title}</title><link>{link}</link></item></channel></rss>'


HOSTILE = {
    "xxe sitemap": (parse_sitemap, _xxe(urlset("http://news.test/&x;"), "file:///etc/passwd")),
    "laughs sitemap": (parse_sitemap, _laughs(urlset("http://news.test/&l9;"))),
    "xxe feed": (parse_feed, _xxe(rss("http://news.test/a", "&x;"), "file:///etc/passwd")),
    "laughs feed": (parse_feed, _laughs(rss("http://news.test/&l9;", "&l9;"))),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_documents_declaring_entities_are_refused(name: str) -> None:
    parse, text = HOSTILE[name]
    # also in encodings where a byte search misses them (UTF-16/32 with or without a BOM, EBCDIC, UTF-7)
    for encoding in ("utf-8", "utf-16", "utf-32", "utf-32-be", "cp037", "utf-7"):
        body = text.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>', 1).encode(encoding)
        with pytest.raises(RefusedDocument) as refused:
            parse(body, BASE)
        assert refused.value.reason == "xml_entities", encoding


def test_honest_doctype_and_malformed_documents() -> None:
    rss091 = ('<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
              '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' + rss("http://news.test/a"))  # fmt: skip
    assert [c.url for c in parse_feed(rss091.encode(), BASE) or []] == ["http://news.test/a"]
    for garbage in (b"", b"\x00\x01\x02garbage<<<", b"<html><body><p>hello</p></body></html>", b"\x1f\x8b\x08\x00junk"):
        assert parse_sitemap(garbage, BASE) is None
        assert parse_feed(garbage, BASE) is None


# -- a crawl meeting all of them ------------------------------------------------------------------------


CHAIN = 8  # an index that links to a new index, forever (here: 8 of them)


@pytest.fixture(scope="module")
def site() -> Iterator[FaultServer]:
    with FaultServer() as server:
        secret = server.url_for("/secret")
        sitemaps = {
            "/sm-xxe.xml": respond(_xxe(urlset(server.url_for("/news/xxe-&x;.html")), secret), content_type="application/xml"),
            "/sm-laughs.xml": respond(_laughs(urlset(server.url_for("/news/lol-&l9;.html"))), content_type="application/xml"),
            "/sm-bomb.xml.gz": respond(gzip.compress(b" " * (3 << 20)), content_type="application/octet-stream"),
            "/sm-encoded-bomb.xml": gzip_bomb(32 << 20),
            "/sm-malformed.xml": respond(b"<urlset><url><loc>htt\x00\xff<<", content_type="application/xml"),
            "/sm-loop-a.xml": respond(index(server.url_for("/sm-loop-b.xml")), content_type="application/xml"),
            "/sm-loop-b.xml": respond(index(server.url_for("/sm-loop-a.xml"), server.url_for("/sm-good.xml")), content_type="application/xml"),
            "/sm-good.xml": respond(urlset(server.url_for("/news/good.html")), content_type="application/xml"),
            **{f"/sm-chain/{n}.xml": respond(index(server.url_for(f"/sm-chain/{n + 1}.xml")), content_type="application/xml") for n in range(CHAIN)},
        }
        feeds = {
            "/feed-xxe.xml": respond(_xxe(rss(server.url_for("/news/feed-xxe.html"), "&x;"), secret), content_type="application/rss+xml"),
            "/feed-laughs.xml": respond(_laughs(rss(server.url_for("/news/feed-lol.html"), "&l9;")), content_type="application/rss+xml"),
            "/feed-malformed.xml": respond(b"<rss><channel><item><link>\x00\xff", content_type="application/rss+xml"),
            "/feed-bomb.xml": gzip_bomb(32 << 20),
        }
        listed = ["/sm-xxe.xml", "/sm-laughs.xml", "/sm-bomb.xml.gz", "/sm-encoded-bomb.xml", "/sm-malformed.xml",
                  "/sm-loop-a.xml", "/sm-chain/0.xml"]  # fmt: skip
        robots = "User-agent: *\nAllow: /\n" + "".join(f"Sitemap: {server.url_for(p)}\n" for p in listed)
        links = "".join(f'<link rel="alternate" type="application/rss+xml" href="{p}">' for p in feeds)
        server.routes.update({
            **sitemaps, **feeds,
            "/robots.txt": respond(robots, content_type="text/plain"),
            "/": respond(f"<html><head><title>Home</title>{links}</head><body><p>Home</p></body></html>"),
            "/news/good.html": respond(article_html(1)),
            "/secret": respond("TOP-SECRET", content_type="text/plain"),
        })  # fmt: skip
        yield server


@pytest.fixture(scope="module")
def hostile_crawl(site: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return crawl(tmp_path_factory.mktemp("xml"), site.url, "NEWSSPIDER_DISCOVERY=feeds,sitemaps", "DOWNLOAD_MAXSIZE=2097152")


def test_crawl_refuses_hostile_sitemaps_and_feeds_and_goes_on(hostile_crawl: CrawlResult, site: FaultServer) -> None:
    result = hostile_crawl
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert [r["url"] for r in result.records] == [site.url_for("/news/good.html")]
    assert result.prefixed("newsspider/refused/") == {
        "xml_entities": 4,  # sitemap and feed, XXE and billion laughs
        "decompression_bomb": 1,  # a .xml.gz over DOWNLOAD_MAXSIZE once gunzipped
        "sitemap_too_deep": 1,  # the endless index chain, cut
    }
    assert result.stat("newsspider/dropped/decompression_bomb") == 2  # Content-Encoding bombs, feed and sitemap
    assert result.stat("newsspider/skipped/not_sitemap") == 1 and result.stat("newsspider/skipped/not_feed") == 1
    assert "TOP-SECRET" not in result.proc.stderr and site.hits("/secret") == []  # no entity was ever fetched


def test_sitemap_index_loops_and_chains_end(hostile_crawl: CrawlResult, site: FaultServer) -> None:
    assert len(site.hits("/sm-loop-a.xml")) == len(site.hits("/sm-loop-b.xml")) == 1
    fetched = [n for n in range(CHAIN) if site.hits(f"/sm-chain/{n}.xml")]
    assert fetched == list(range(MAX_SITEMAP_INDEX_DEPTH + 1))  # robots.txt -> 0 -> 1 -> 2 -> 3, then refused


def test_refusals_are_in_the_summary(hostile_crawl: CrawlResult) -> None:
    assert "refused            6  (decompression_bomb 1, sitemap_too_deep 1, xml_entities 4)" in hostile_crawl.proc.stderr
