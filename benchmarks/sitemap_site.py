"""A generated news site whose sitemap lists only articles, thousands of them (``new-site``'s hard case).

    python -m benchmarks.sitemap_site [--port N] [--articles 1500]

Served on demand by :class:`SitemapSiteServer` (no files): ``robots.txt`` names one news sitemap
that lists every article, newest first, each with its publication date; nothing else is listed.
Articles live at ``/<section>/<slug>/``: the same layout (two segments, a trailing slash) as
the tag pages ``/tag/<tag>/`` and the author pages ``/author/<name>/``, which, like the section
pages ``/<section>/``, their pagination ``/<section>/page/<n>/``, ``/about/`` and ``/contact/``,
are reached only by following links from the home page. A sample spent on sitemap entries
alone sees articles only, and infers ``^/[a-z]+/[\\w-]+/$``, which matches every tag and
author page too.

The text is the demo site's generator (:mod:`newsspider.demo.articles`), one batch of 48
articles per seed; :func:`ground_truth` lists every article and every other page, like the
bundled sites' ``ground_truth.json``. Made up, like the demo site.
"""

from __future__ import annotations

import argparse
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, cached_property, partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from newsspider.demo.articles import Article, generate_articles
from newsspider.demo.markup import body_html
from newsspider.demo.server import BackgroundHTTPServer, serve_until_interrupted
from newsspider.demo.textgen import slugify

SITE_NAME = "The Sitemap Courier"
ARTICLES = 1500
BATCH = 48  # articles generate_articles makes per seed
FIRST_SEED = 9100
NEWEST = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
HOURS_APART = 3
HOME_TEASERS = 24
PER_PAGE = 12  # teasers on a section, tag or author page
SECTION_PAGES = 4  # /<section>/ and /<section>/page/2..4/
LINKED_TAGS, LINKED_AUTHORS = 12, 8  # on the home page
LISTED_DEPTH = 240  # section, tag and author pages list teasers of the newest articles only


@dataclass(frozen=True)
class Story:
    """One article of the site: the demo generator's text under this site's URL and date."""

    path: str
    published: datetime
    art: Article

    @property
    def title(self) -> str:
        return self.art.title


def _page(title: str, main: str, nav: str, *, head: str = "") -> str:
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {SITE_NAME}</title>{head}</head>\n'
        f'<body><header><a href="/">{SITE_NAME}</a><nav><ul>{nav}</ul></nav></header>\n<main>{main}</main>\n'
        f'<footer><a href="/about/">About us</a> <a href="/contact/">Contact</a> <a href="/search?q=latest">Search</a></footer></body></html>\n'
    )


def _teasers(stories: list[Story]) -> str:
    items = "".join(f'<li><a href="{s.path}">{html.escape(s.title)}</a> <span>{html.escape(s.art.teaser())}</span></li>'
                    for s in stories)
    return f"<ul class=\"teasers\">{items}</ul>"


class SitemapSite:
    """The site's pages by path (``None``: not found), rendered on demand."""

    def __init__(self, articles: int = ARTICLES) -> None:
        self.n_articles = articles

    @cached_property
    def stories(self) -> list[Story]:
        out: list[Story] = []
        taken: set[str] = set()
        for i in range(self.n_articles):
            art = _batch(FIRST_SEED + i // BATCH)[i % BATCH]
            slug = art.slug
            while slug in taken:  # two seeds may draw the same headline
                slug += "-more"
            taken.add(slug)
            out.append(Story(f"/{art.section.slug}/{slug}/", NEWEST - timedelta(hours=HOURS_APART * i), art))
        return out

    @cached_property
    def by_path(self) -> dict[str, Story]:
        return {s.path: s for s in self.stories}

    @cached_property
    def moved(self) -> dict[str, str]:
        """Demo site path of each article -> its path here (for the generator's inline links)."""
        return {s.art.path: s.path for s in self.stories}

    def body(self, art: Article) -> str:
        """The article's body HTML, its inline links to related stories pointing to this site's URLs."""
        text = body_html(art)
        for block in art.blocks:
            if block.link and block.link[1] in self.moved:
                text = text.replace(f'href="{block.link[1]}"', f'href="{self.moved[block.link[1]]}"')
        return text

    @cached_property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(s.art.section.slug for s in self.stories))

    def _newest(self, keep: Callable[[Story], bool]) -> list[Story]:
        return [s for s in self.stories[:LISTED_DEPTH] if keep(s)]

    @cached_property
    def tags(self) -> dict[str, list[Story]]:
        names = dict.fromkeys(t for s in self.stories[:LISTED_DEPTH] for t in s.art.tags)
        return {f"/tag/{slugify(t)}/": self._newest(lambda s, t=t: t in s.art.tags)[:PER_PAGE] for t in names}

    @cached_property
    def authors(self) -> dict[str, list[Story]]:
        names = dict.fromkeys(n for s in self.stories[:LISTED_DEPTH] for n in s.art.author_names)
        return {f"/author/{slugify(n)}/": self._newest(lambda s, n=n: n in s.art.author_names)[:PER_PAGE] for n in names}

    def section_paths(self) -> dict[str, tuple[str, int]]:
        """Path -> (section, page number) of every section page and its pagination."""
        out = {}
        for section in self.sections:
            out[f"/{section}/"] = (section, 1)
            out.update({f"/{section}/page/{n}/": (section, n) for n in range(2, SECTION_PAGES + 1)})
        return out

    def non_articles(self) -> list[str]:
        return ["/", *self.section_paths(), *self.tags, *self.authors, "/about/", "/contact/"]

    @property
    def nav(self) -> str:
        return "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in self.sections)

    # -- pages ---------------------------------------------------------------------------------

    def render(self, path: str, base: str) -> tuple[str, str] | None:
        """(content type, text) of ``path``, or None."""
        if path == "/robots.txt":
            return "text/plain; charset=utf-8", f"User-agent: *\nDisallow: /search\nSitemap: {base}/news-sitemap.xml\n"
        if path == "/news-sitemap.xml":
            return "application/xml; charset=utf-8", self.sitemap(base)
        page = self.page(path)
        return ("text/html; charset=utf-8", page) if page is not None else None

    def page(self, path: str) -> str | None:
        if path in self.by_path:
            return self.article(self.by_path[path])
        if path == "/":
            return self.home()
        if path in (sections := self.section_paths()):
            section, n = sections[path]
            stories = [s for s in self.stories if s.art.section.slug == section][(n - 1) * PER_PAGE: n * PER_PAGE]
            more = f'<a rel="next" href="/{section}/page/{n + 1}/">Older stories</a>' if n < SECTION_PAGES else ""
            return _page(f"{section.title()} - page {n}", f"<h1>{section.title()}</h1>{_teasers(stories)}{more}", self.nav)
        for listing, label in ((self.tags, "Topic"), (self.authors, "Stories by")):
            if path in listing:
                name = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()
                return _page(f"{label} {name}", f"<h1>{label} {name}</h1>{_teasers(listing[path])}", self.nav)
        if path in ("/about/", "/contact/"):
            return _page(path.strip("/").title(), f"<h1>{path.strip('/').title()}</h1><p>{SITE_NAME} is a made-up paper.</p>", self.nav)
        return None

    def home(self) -> str:
        tags = "".join(f'<li><a href="{p}">{p.split("/")[2].replace("-", " ")}</a></li>' for p in list(self.tags)[:LINKED_TAGS])
        authors = "".join(f'<li><a href="{p}">{p.split("/")[2].replace("-", " ").title()}</a></li>'
                          for p in list(self.authors)[:LINKED_AUTHORS])
        main = (f"<h1>Latest news</h1>{_teasers(self.stories[:HOME_TEASERS])}"
                f'<a href="/{self.sections[0]}/page/2/">More stories</a>'
                f"<h2>Topics</h2><ul>{tags}</ul><h2>Our writers</h2><ul>{authors}</ul>")
        return _page("Home", main, self.nav)

    def article(self, story: Story) -> str:
        art = story.art
        authors = [(n, f"/author/{slugify(n)}/") for n in art.author_names]
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art.title,
              "datePublished": story.published.isoformat(), "mainEntityOfPage": story.path,
              "author": [{"@type": "Person", "name": n, "url": u} for n, u in authors]}
        head = (f'<link rel="canonical" href="{story.path}"><meta property="og:type" content="article">'
                f'<meta property="og:title" content="{html.escape(art.title)}">'
                f'<script type="application/ld+json">{json.dumps(ld)}</script>')
        byline = ", ".join(f'<a rel="author" href="{u}">{html.escape(n)}</a>' for n, u in authors)
        tags = "".join(f'<li><a href="/tag/{slugify(t)}/">{html.escape(t)}</a></li>' for t in art.tags)
        index = self.stories.index(story)
        related = _teasers(self.stories[index + 1: index + 4])
        main = (f"<article><h1>{html.escape(art.title)}</h1><p class=\"byline\">By {byline} - "
                f'<time datetime="{story.published.isoformat()}">{story.published:%d %B %Y}</time></p>'
                f"{self.body(art)}<ul class=\"tags\">{tags}</ul></article><aside><h2>Read next</h2>{related}</aside>")
        return _page(art.title, main, self.nav, head=head)

    def sitemap(self, base: str) -> str:
        urls = "".join(
            f"<url><loc>{base}{s.path}</loc><news:news><news:publication><news:name>{SITE_NAME}</news:name>"
            f"<news:language>en</news:language></news:publication><news:publication_date>{s.published.isoformat()}"
            f"</news:publication_date><news:title>{html.escape(s.title)}</news:title></news:news></url>\n"
            for s in self.stories
        )
        return ('<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n{urls}</urlset>\n')


@cache
def _batch(seed: int) -> list[Article]:
    return generate_articles(seed)


def ground_truth(articles: int = ARTICLES) -> dict[str, Any]:
    """``{"articles": {path: {"body": …}}, "non_articles": [path, …]}``, as the bundled sites'."""
    site = SitemapSite(articles)
    return {"articles": {s.path: {"title": s.title, "body": s.art.body} for s in site.stories},
            "non_articles": site.non_articles()}


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, *args: Any, server_of: SitemapSiteServer, **kwargs: Any) -> None:
        self._site_server = server_of
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        path = urlsplit(self.path).path
        self._site_server._record(path)
        found = self._site_server.site.render(path, f"http://{self.headers.get('Host', '127.0.0.1')}")
        content_type, text = found or ("text/html; charset=utf-8", "<h1>Not found</h1>")
        body = text.encode("utf-8")
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silent, like the demo server."""


class SitemapSiteServer(BackgroundHTTPServer):
    """Serve :class:`SitemapSite` on 127.0.0.1; ``requests`` lists the paths asked for."""

    requests: list[str]

    def __init__(self, articles: int = ARTICLES, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.site = SitemapSite(articles)

    def make_server(self) -> ThreadingHTTPServer:
        self.site.stories  # generate before serving: the first requests are not slowed down  # noqa: B018
        server = ThreadingHTTPServer((self.host, self.port), partial(_Handler, server_of=self))
        server.daemon_threads = True
        return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--articles", type=int, default=ARTICLES)
    args = parser.parse_args(argv)
    server = SitemapSiteServer(args.articles, port=args.port).start()
    server.root = "generated pages"  # type: ignore[attr-defined]
    return serve_until_interrupted(server)


if __name__ == "__main__":
    raise SystemExit(main())
