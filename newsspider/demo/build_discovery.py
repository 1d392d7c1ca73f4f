"""The demo site's discovery files: robots.txt, RSS and Atom feeds, sitemaps.

Written by :func:`newsspider.demo.build_site.build` after the pages. URLs are site-relative
(the demo is served on a port chosen at run time); crawlers resolve them against the file's URL.

- ``robots.txt``: ``Sitemap: /sitemap_index.xml``, and statements about AI crawlers and training
- ``feed.xml`` (RSS 2.0) and ``atom.xml`` (Atom 1.0): the newest :data:`FEED_SIZE` articles
- ``sitemap_index.xml`` -> ``news-sitemap.xml`` (Google News sitemap of the newest
  :data:`NEWS_SITEMAP_SIZE` articles, ``news:publication_date`` and ``news:title``) and
  ``sitemap-articles.xml.gz`` (every article with ``lastmod``, gzipped)
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from newsspider.demo.articles import Article

FEED_SIZE = 20
NEWS_SITEMAP_SIZE = 10
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

#: ``<link rel="alternate">`` lines for the home page's ``<head>``.
FEED_LINKS = (
    '\n<link rel="alternate" type="application/rss+xml" title="Demo Daily" href="/feed.xml">'
    '\n<link rel="alternate" type="application/atom+xml" title="Demo Daily" href="/atom.xml">'
)

ROBOTS_TXT = """# Demo Daily
User-agent: *
Disallow: /search

# What the publisher allows crawlers of AI companies (reported by dataset cards).
User-agent: GPTBot
User-agent: CCBot
Disallow: /

User-agent: Google-Extended
Disallow: /culture/

Content-Signal: search=yes, ai-input=yes, ai-train=no

Sitemap: /sitemap_index.xml
"""


def _lastmod(art: Article) -> str:
    return (art.modified or art.published).isoformat()


def rss_feed(articles: Sequence[Article], site_name: str) -> str:
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{escape(a.path)}</link>"
        f'<guid isPermaLink="false">demo-daily-{a.index}</guid>'
        f"<pubDate>{format_datetime(a.published)}</pubDate>"
        f"<category>{escape(a.section.name)}</category>"
        f"<description>{escape(a.description)}</description></item>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>{escape(site_name)}</title><link>/</link><description>The latest news from "
        f"{escape(site_name)}.</description><language>en</language>\n{items}</channel></rss>\n"
    )


def atom_feed(articles: Sequence[Article], site_name: str) -> str:
    entries = "".join(
        f'<entry><title>{escape(a.title)}</title><link rel="alternate" href="{escape(a.path)}"/>'
        f"<id>tag:demo-daily,2024:{a.index}</id><published>{a.published.isoformat()}</published>"
        f"<updated>{_lastmod(a)}</updated>"
        f"<author><name>{escape(', '.join(a.author_names))}</name></author>"
        f"<summary>{escape(a.description)}</summary></entry>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f'<title>{escape(site_name)}</title><id>tag:demo-daily,2024:feed</id><link rel="self" href="/atom.xml"/>'
        f"<updated>{_lastmod(articles[0])}</updated>\n{entries}</feed>\n"
    )


def news_sitemap(articles: Sequence[Article], site_name: str) -> str:
    urls = "".join(
        f"<url><loc>{escape(a.path)}</loc><news:news><news:publication>"
        f"<news:name>{escape(site_name)}</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>\n"
        for a in articles
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
        f"{urls}</urlset>\n"
    )


def articles_sitemap(articles: Sequence[Article]) -> str:
    urls = "".join(f"<url><loc>{escape(a.path)}</loc><lastmod>{_lastmod(a)}</lastmod></url>\n" for a in articles)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{urls}</urlset>\n'


def sitemap_index(sitemaps: Sequence[str]) -> str:
    entries = "".join(f"<sitemap><loc>{escape(s)}</loc></sitemap>\n" for s in sitemaps)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n{entries}</sitemapindex>\n'


def write_discovery(site_dir: Path, articles: Sequence[Article], site_name: str) -> None:
    """Write the discovery files of ``articles`` into ``site_dir`` (deterministic bytes)."""
    newest = sorted(articles, key=lambda a: (a.published, a.index), reverse=True)
    files = {
        "robots.txt": ROBOTS_TXT,
        "feed.xml": rss_feed(newest[:FEED_SIZE], site_name),
        "atom.xml": atom_feed(newest[:FEED_SIZE], site_name),
        "sitemap_index.xml": sitemap_index(["/news-sitemap.xml", "/sitemap-articles.xml.gz"]),
        "news-sitemap.xml": news_sitemap(newest[:NEWS_SITEMAP_SIZE], site_name),
    }
    for name, text in files.items():
        (site_dir / name).write_text(text, encoding="utf-8", newline="\n")
    by_path = sorted(articles, key=lambda a: a.path)
    # mtime=0 and no file name in the header: the same bytes on every build.
    (site_dir / "sitemap-articles.xml.gz").write_bytes(_gzipped(articles_sitemap(by_path).encode()))


def _gzipped(data: bytes) -> bytes:
    """``data`` gzipped with a fixed header: no time, and the operating system byte "unknown" (255),
    which Python 3.13 writes and 3.11 did not (3, Unix), so the demo site builds byte for byte
    the same on every Python."""
    packed = bytearray(gzip.compress(data, mtime=0))
    packed[9] = 255
    return bytes(packed)
