"""The spiders' link extractor (newsspider/links.py) finds what Scrapy's LinkExtractor finds."""

from __future__ import annotations

import pickle

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

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
    extractor = pickle.loads(pickle.dumps(PageLinkExtractor(deny=(r"\?share=",))))
    response = _pages()[0]
    assert _links(extractor, response) == _links(LinkExtractor(deny=(r"\?share=",)), response)
