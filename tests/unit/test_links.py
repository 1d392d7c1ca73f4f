"""The spiders' link extractor (newsspider/links.py) finds what Scrapy's LinkExtractor finds."""

from __future__ import annotations

import pickle

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from newsspider import links
from newsspider.demo import SITE_DIR
from newsspider.links import PageLinkExtractor

BASE = "http://127.0.0.1:8000"
FILES = """<html><body>
<a href="/report.PDF">report</a> <a href="/report.pdf?download=1">again</a> <a href="/photo.jpg#top">photo</a>
<a href="/archive.tar.gz">archive</a> <a href="/story.html">story</a> <a href="/story.html#comments">comments</a>
<a href="/data.csv">data</a> <a href="/page.php?file=x.zip">page</a> <a href="/dir.zip/">dir</a>
<a href="/story.html?share=mail">share</a> <a href="mailto:x@example.com">mail</a> <a href="/x.docx" rel="nofollow">doc</a>
</body></html>"""


def _pages() -> list[HtmlResponse]:
    pages = [HtmlResponse(BASE + "/files.html", body=FILES.encode(), encoding="utf-8")]
    pages += [
        HtmlResponse(f"{BASE}/{path.relative_to(SITE_DIR)}", body=path.read_bytes(), encoding="utf-8")
        for path in sorted(SITE_DIR.rglob("*.html"))
    ]
    return pages


def _links(extractor: LinkExtractor, response: HtmlResponse) -> list[tuple[str, str, str, bool]]:
    return [(link.url, link.text, link.fragment, link.nofollow) for link in extractor.extract_links(response)]


@pytest.mark.parametrize(
    "arguments",
    [{}, {"deny": (r"\?share=",)}, {"deny_extensions": ["csv"]}, {"deny_extensions": []}, {"allow": (r"/news/", r"\.pdf")}],
)
def test_the_same_links_as_scrapys_extractor(arguments: dict[str, object]) -> None:
    ours, scrapys = PageLinkExtractor(**arguments), LinkExtractor(**arguments)  # type: ignore[arg-type]
    pages = _pages()
    assert len(pages) > 40
    for response in pages:
        assert _links(ours, response) == _links(scrapys, response), response.url
    files = [url for url, *_ in _links(ours, pages[0])]
    if not arguments:  # files are dropped, whatever the case of their extension; a page with a query is kept
        assert BASE + "/report.PDF" not in files and BASE + "/archive.tar.gz" not in files
        assert BASE + "/page.php?file=x.zip" in files and BASE + "/story.html" in files


def test_it_pickles_for_the_pool_workers() -> None:
    original = PageLinkExtractor(deny=(r"\?share=",))
    extractor = pickle.loads(pickle.dumps(original))
    assert pickle.dumps(original) == pickle.dumps(original)  # pickled once
    assert pickle.loads(pickle.dumps(original)) is extractor  # unpickled once per process
    assert extractor.file_endings == original.file_endings and extractor.deny_res == original.deny_res
    response = _pages()[0]
    assert _links(extractor, response) == _links(LinkExtractor(deny=(r"\?share=",)), response)


TRICKY = """<html><head>{base}</head><body>
<a href=" /story.html ">padded</a> <a href="/a/../b/./c.html">dots</a> <a href="//other.example/x.html">scheme-relative</a>
<a href="../up.html">up</a> <a href="here.html">relative</a> <a href="?page=2">query</a> <a href="#top">fragment</a>
<a href="">empty</a> <a href="/">root</a> <a href="/\t/tabbed.html">tab</a> <a href="/caf\u00e9 menu.html">unicode</a>
<a href="javascript:void(0)">js</a> <a href="mailto:x@example.com">mail</a> <a href="HTTP://Example.COM/Up.html">upper</a>
<a href="http://[bad/x">bogus</a> <a href="/story.html">again</a> <area href="/map.html"> <a href="/x.pdf">file</a>
</body></html>"""


def _tricky_pages() -> list[HtmlResponse]:
    """One page at several URLs (hosts, ports, schemes, depths), with and without a ``<base>``."""
    urls = [f"{BASE}/a/b/page.html", f"{BASE}/a/other.html", "http://127.0.0.1:8001/a/b/page.html", "https://127.0.0.1:8000/p.html"]
    bases = ["", '<base href="/base/dir/">', '<base href="http://elsewhere.example/d/">']
    return [HtmlResponse(url, body=TRICKY.format(base=base).encode(), encoding="utf-8") for base in bases for url in urls]


@pytest.mark.parametrize(
    "arguments",
    [
        {}, {"deny": (r"\?share=",)}, {"deny_extensions": []}, {"allow": (r"/news/", r"\.pdf")}, {"unique": False},
        {"restrict_text": "again"}, {"canonicalize": True}, {"process_value": str.upper}, {"restrict_css": "area"},
    ],
)  # fmt: skip
def test_link_urls_are_the_urls_of_its_links(arguments: dict[str, object]) -> None:
    """``link_urls`` (each href resolved once per process) gives the URLs of ``extract_links`` on
    every page, the same extractor going from page to page and site to site."""
    extractor = PageLinkExtractor(**arguments)  # type: ignore[arg-type]
    pages = _pages() + _tricky_pages()
    for _ in range(2):  # the second time, every href is in the table
        for response in pages:
            assert extractor.link_urls(response) == [link.url for link in extractor.extract_links(response)], response.url
    other = pickle.loads(pickle.dumps(extractor))  # a pool worker's copy shares the table's entries
    assert other.resolve_key == extractor.resolve_key
    assert other.link_urls(pages[-1]) == [link.url for link in extractor.extract_links(pages[-1])]
    if not arguments:  # a rooted href has one entry for all the pages of a host (and base host)
        entries = [key for key in links._resolved if key[0] == extractor.resolve_key and key[1] == "/story.html"]
        assert len(entries) == 6  # 3 page hosts (:8000 and :8001 over http, :8000 over https) x 2 base hosts
