"""Generate The Daily Ledger (pages, discovery files, route table) and its ground truth.

``python -m newsspider.ledger.build_site`` rewrites ``newsspider/ledger/site/`` and
``newsspider/ledger/ground_truth.json``, byte for byte the same on every run (Demo Daily's
article generator with another seed, fixed-seed link choices).

URL shapes: articles at ``/news/<id>-<slug>`` and ``/article?id=<id>`` (every third one);
``/section/<slug>?page=N`` (paginated), ``/tag/<slug>``, ``/author/<slug>``, ``/about``,
``/contact``, ``/live`` (live-blog index), ``/gallery/<id>-<slug>`` (photo galleries); feeds and
sitemaps: ``/rss.xml``, ``/robots.txt`` -> ``/sitemap.xml`` (index) -> ``/sitemaps/*.xml``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from newsspider.demo.articles import generate_articles
from newsspider.demo.build_discovery import SITEMAP_NS, sitemap_index
from newsspider.demo.markup import a, iso, t
from newsspider.demo.sitedata import AUTHORS, SECTIONS
from newsspider.demo.textgen import slugify
from newsspider.ledger import GROUND_TRUTH_PATH, SITE_DIR
from newsspider.ledger.pages import (
    SITE,
    SITE_NAME,
    Story,
    author_url,
    human,
    links,
    render_article,
    render_page,
    section_url,
    tag_url,
    teasers,
)
from newsspider.ledger.server import ROUTES_FILE

SEED = 20241105
ID_BASE = 40100
PAGE_SIZE = 8
FEED_SIZE = 20
GALLERIES = ("Scenes from the harbour festival", "A year in pictures on the river", "Portraits from the night market")

ROBOTS_TXT = """# The Daily Ledger
User-agent: *
Disallow: /login
Disallow: /print

Sitemap: /sitemap.xml
"""

ABOUT = (f"<h1>About {t(SITE_NAME)}</h1>\n<p>{t(SITE_NAME)} is a fictional newspaper made up by a script, so that "
         "newsspider can be tested offline on URL shapes unlike its first demo site: numeric ids in the path, "
         "articles addressed by a query string, paginated sections.</p>\n<p>Every story, person and place on this "
         "site is invented. The site is part of newsspider and shares its licence.</p>")
CONTACT = ("<h1>Contact the newsroom</h1>\n<p>News tips: write to the news desk, 1 Ledger Square, Port Avalon.</p>\n"
           "<p>Corrections: the standards desk answers every message within two working days.</p>\n"
           "<p>Advertising and subscriptions: call our reader service on weekdays between 9:00 and 17:00.</p>")


def make_stories(seed: int = SEED) -> list[Story]:
    """The articles with their Ledger URLs; in-body links point at Ledger URLs too."""
    articles = generate_articles(seed)
    stories = []
    for art in articles:
        sid = ID_BASE + 7 * art.index
        url = f"/article?id={sid}" if art.index % 3 == 2 else f"/news/{sid}-{art.slug}"
        stories.append(Story(art=art, id=sid, url=url, file=f"news/{sid}.html"))
    url_of = {s.art.path: s.url for s in stories}
    for art in articles:
        for block in art.blocks:
            if block.link:
                block.link = (block.link[0], url_of[block.link[1]])
    return stories


def _listing_pages(stories: list[Story]) -> dict[str, str]:
    """URL -> HTML of every non-article page."""
    newest = sorted(stories, key=lambda x: (x.art.published, x.id), reverse=True)
    rss = '\n<link rel="alternate" type="application/rss+xml" title="The Daily Ledger" href="/rss.xml">'
    galleries = [(f"/gallery/{900 + i}-{slugify(g)}", g) for i, g in enumerate(GALLERIES)]
    home = (f"<h1>Today in {t(SITE_NAME)}</h1>\n{teasers(newest[:12])}\n"
            f'<p class="live-link"><a href="/live">Live: the day as it happens</a></p>\n'
            + "".join(f'<p class="gallery-link"><a href="{a(u)}">{t(g)}</a></p>\n' for u, g in galleries))
    pages = {"/": render_page(SITE_NAME, "/", f"The latest news from {SITE_NAME}.", home, rss)}
    for s in SECTIONS:
        own = [x for x in newest if x.art.section is s]
        n_pages = -(-len(own) // PAGE_SIZE)
        for page in range(1, n_pages + 1):
            pager = " ".join(
                f'<a href="{a(section_url(s.slug, p))}">{"Newer" if p < page else "Older"} stories</a>'
                for p in (page - 1, page + 1) if 1 <= p <= n_pages)
            main = (f"<h1>{t(s.name)}</h1>\n<p>{t(s.blurb)}</p>\n{teasers(own[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])}\n"
                    f'<p class="pager">Page {page} of {n_pages} {pager}</p>')
            pages[section_url(s.slug, page)] = render_page(f"{s.name}, page {page}", section_url(s.slug, page), s.blurb, main)
    for tag in sorted({tag for x in stories for tag in x.art.tags}):
        own = [x for x in newest if tag in x.art.tags]
        pages[tag_url(tag)] = render_page(f"Topic: {tag}", tag_url(tag), f"Stories about {tag}.",
                                          f"<h1>Topic: {t(tag)}</h1>\n{teasers(own)}")
    for name, title in AUTHORS:
        own = [x for x in newest if name in x.art.author_names]
        if own:
            main = f"<h1>{t(name)}</h1>\n<p class=\"role\">{t(title)}</p>\n{links(own)}"
            pages[author_url(name)] = render_page(name, author_url(name), f"Stories by {name}.", main)
    pages["/about"] = render_page(f"About {SITE_NAME}", "/about", f"About {SITE_NAME}.", ABOUT)
    pages["/contact"] = render_page("Contact", "/contact", f"How to reach {SITE_NAME}.", CONTACT)
    live = "".join(f'<li><span class="time">{t(human(x.art.published))}</span> <a href="{a(x.url)}">{t(x.art.title)}</a></li>'
                   for x in newest[:15])
    pages["/live"] = render_page("Live", "/live", "The day as it happens.", f"<h1>Live: the day as it happens</h1>\n<ul class=\"live\">{live}</ul>")
    rng = random.Random(f"{SEED}-galleries")
    for url, title in galleries:
        figures = "".join(f'<figure><img src="/static/photo.svg" alt="Photo {n}"><figcaption>Photo {n} of 8, '
                          f"{t(rng.choice(stories).art.section.name)}.</figcaption></figure>\n" for n in range(1, 9))
        pages[url] = render_page(title, url, f"Photo gallery: {title}.", f"<h1>{t(title)}</h1>\n{figures}")
    return pages


def _article_pages(stories: list[Story]) -> dict[str, str]:
    """URL -> HTML of every article page."""
    out = {}
    for story in stories:
        rng = random.Random(f"ledger-links-{story.id}")
        same = [x for x in stories if x.art.section is story.art.section and x is not story]
        related = sorted(same, key=lambda x: abs(x.art.index - story.art.index))[:3]
        others = [x for x in stories if x is not story and x not in related]
        out[story.url] = render_article(story, related, rng.sample(others, 4))
    return out


def _urlset(urls: list[tuple[str, str | None]]) -> str:
    body = "".join(f"<url><loc>{escape(u)}</loc>" + (f"<lastmod>{m}</lastmod>" if m else "") + "</url>\n" for u, m in urls)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{body}</urlset>\n'


def _rss(stories: list[Story]) -> str:
    items = "".join(
        f"<item><title>{escape(x.art.title)}</title><link>{escape(x.url)}</link>"
        f'<guid isPermaLink="false">ledger-{x.id}</guid><pubDate>{format_datetime(x.art.published)}</pubDate>'
        f"<description>{escape(x.art.description)}</description></item>\n" for x in stories)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
            f"<title>{escape(SITE_NAME)}</title><link>/</link><description>The latest news.</description>\n{items}</channel></rss>\n")


def _discovery(stories: list[Story], non_articles: list[str]) -> dict[str, str]:
    """URL -> text of robots.txt, the RSS feed, the sitemap index and its sitemaps."""
    by_id = sorted(stories, key=lambda x: x.id)
    half = len(by_id) // 2
    newest = sorted(stories, key=lambda x: (x.art.published, x.id), reverse=True)

    def lastmod(x: Story) -> str | None:
        return iso(x.art.modified or x.art.published)

    return {
        "/robots.txt": ROBOTS_TXT,
        "/rss.xml": _rss(newest[:FEED_SIZE]),
        "/sitemap.xml": sitemap_index(["/sitemaps/articles-1.xml", "/sitemaps/articles-2.xml", "/sitemaps/pages.xml"]),
        "/sitemaps/articles-1.xml": _urlset([(x.url, lastmod(x)) for x in by_id[:half]]),
        "/sitemaps/articles-2.xml": _urlset([(x.url, lastmod(x)) for x in by_id[half:]]),
        "/sitemaps/pages.xml": _urlset([(u, None) for u in non_articles]),
    }


def _file_for(url: str) -> str:
    """Site-relative file of a non-article URL (query folded into the name)."""
    if url == "/":
        return "index.html"
    path, _, query = url.lstrip("/").partition("?")
    name = path + (f"-{query.replace('=', '-')}" if query else "")
    return name if name.endswith((".xml", ".txt")) else name + ".html"


def build_ground_truth(stories: list[Story], non_articles: list[str]) -> dict[str, Any]:
    for x in stories:
        for marker in SITE["boilerplate_markers"]:
            if marker in x.art.body:
                raise RuntimeError(f"marker {marker!r} occurs in the body of {x.url}")
    return {
        "site": SITE_NAME,
        "articles": {
            x.url: {
                "title": x.art.title, "section": x.art.section.name, "authors": x.art.author_names,
                "published": iso(x.art.published), "modified": iso(x.art.modified), "tags": list(x.art.tags),
                "description": x.art.description, "template": x.template, "body": x.art.body,
            }
            for x in sorted(stories, key=lambda x: x.id)
        },
        "non_articles": non_articles,
        "boilerplate_markers": SITE["boilerplate_markers"],
    }


def build(site_dir: Path = SITE_DIR, ground_truth_path: Path = GROUND_TRUTH_PATH, seed: int = SEED) -> dict[str, Any]:
    """(Re)write the whole site into ``site_dir`` and the ground truth; return the latter."""
    stories = make_stories(seed)
    listing = _listing_pages(stories)
    non_articles = list(listing)
    files: dict[str, str] = {}
    routes: dict[str, str] = {}
    for story, html in zip(stories, _article_pages(stories).values()):
        routes[story.url] = story.file
        files[story.file] = html
    for url, text in {**listing, **_discovery(stories, non_articles)}.items():
        routes[url] = _file_for(url)
        files[routes[url]] = text
    files["static/photo.svg"] = ('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="533"><rect width="800" '
                                 'height="533" fill="#264653"/></svg>\n')
    routes["/static/photo.svg"] = "static/photo.svg"
    files[ROUTES_FILE] = json.dumps(dict(sorted(routes.items())), indent=1) + "\n"
    site_dir = Path(site_dir)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for rel, content in sorted(files.items()):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")
    truth = build_ground_truth(stories, non_articles)
    Path(ground_truth_path).write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate The Daily Ledger site.")
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="site folder to rewrite")
    parser.add_argument("--ground-truth", type=Path, default=GROUND_TRUTH_PATH)
    args = parser.parse_args(argv)
    truth = build(args.out, args.ground_truth)
    print(f"wrote {len(truth['articles'])} articles and {len(truth['non_articles'])} other pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
