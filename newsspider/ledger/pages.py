"""The Daily Ledger's HTML: two article templates (``feature``: JSON-LD and semantic markup;
``compact``: schema.org microdata, no JSON-LD) and the non-article pages.

Page skeletons are ``ledger/data/templates/*.html`` (:class:`string.Template`); body markup and
escaping are Demo Daily's (:mod:`newsspider.demo.markup`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

from newsspider.demo.articles import Article
from newsspider.demo.markup import a, body_html, byline, iso, json_ld, t
from newsspider.demo.sitedata import MONTHS, SECTIONS
from newsspider.demo.textgen import slugify

DATA = files("newsspider.ledger") / "data"
SITE: dict[str, Any] = json.loads(DATA.joinpath("site.json").read_text(encoding="utf-8"))
SITE_NAME: str = SITE["site_name"]
SITE_FIELDS = {key: t(value) for key, value in SITE.items() if isinstance(value, str)}


@cache
def _template(name: str) -> Template:
    return Template(DATA.joinpath(f"templates/{name}").read_text(encoding="utf-8"))


def render(name: str, fields: dict[str, str]) -> str:
    return _template(name).substitute(SITE_FIELDS, **fields)


@dataclass(eq=False)
class Story:
    """A Demo Daily article under The Daily Ledger's URL scheme."""

    art: Article
    id: int
    url: str  # path and query
    file: str  # site-relative file that serves it

    @property
    def template(self) -> str:
        return "feature" if self.art.index % 2 == 0 else "compact"


def section_url(slug: str, page: int = 1) -> str:
    return f"/section/{slug}?page={page}"


def tag_url(tag: str) -> str:
    return f"/tag/{slugify(tag)}"


def author_url(name: str) -> str:
    return f"/author/{slugify(name)}"


def human(dt: datetime) -> str:
    return f"{dt.day} {MONTHS[dt.month - 1][:3]} {dt.year}, {dt:%H:%M}"


def nav() -> str:
    links = [f'<a href="{a(section_url(s.slug))}">{t(s.name)}</a>' for s in SECTIONS]
    return " ".join([*links, '<a href="/live">Live</a>'])


def links(stories: list[Story], ul: str = "<ul>", end: str = "</ul>") -> str:
    return ul + "".join(f'<li><a href="{a(x.url)}">{t(x.art.title)}</a></li>' for x in stories) + end


def _tag_links(story: Story) -> str:
    return ", ".join(f'<a href="{a(tag_url(tag))}">{t(tag)}</a>' for tag in story.art.tags)


def render_article(story: Story, related: list[Story], read_next: list[Story]) -> str:
    art = story.art
    modified_meta = f'\n<meta property="article:modified_time" content="{iso(art.modified)}">' if art.modified else ""
    updated = f' <span class="updated">(updated {t(human(art.modified))})</span>' if art.modified else ""
    fields = {
        "title": t(art.title), "title_attr": a(art.title), "description": t(art.description),
        "description_attr": a(art.description), "url_attr": a(story.url), "section": t(art.section.name),
        "section_attr": a(art.section.name), "section_slug": art.section.slug,
        "published_iso": art.published.isoformat(), "published_human": t(human(art.published)),
        "modified_meta": modified_meta, "updated": updated, "nav": nav(), "body": body_html(art),
        "tag_links": _tag_links(story), "read_next": links(read_next, '<ul class="read-next">'),
    }
    if story.template == "feature":
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": art.title,
              "description": art.description, "datePublished": iso(art.published)}
        if art.modified:
            ld["dateModified"] = iso(art.modified)
        ld["author"] = [{"@type": "Person", "name": n, "url": author_url(n)} for n in art.author_names]
        ld["articleSection"] = art.section.name
        ld["keywords"] = list(art.tags)
        ld["publisher"] = {"@type": "Organization", "name": SITE_NAME}
        return render("article_feature.html", {
            **fields, "json_ld": json_ld(ld),
            "byline": byline(art, lambda n: f'<a rel="author" href="{a(author_url(n))}">{t(n)}</a>'),
            "related": links(related, '<ul class="related">'),
        })
    names = [f'<a itemprop="author" href="{a(author_url(n))}">{t(n)}</a>' for n in art.author_names]
    return render("article_compact.html", {
        **fields, "authors_attr": a(", ".join(art.author_names)),
        "byline_compact": "By " + " and ".join(names),
        "related_inline": " | ".join(f'<a href="{a(x.url)}">{t(x.art.title)}</a>' for x in related),
    })


def render_page(title: str, url: str, description: str, main: str, extra_head: str = "") -> str:
    """A non-article page: og:type website, no article markup."""
    return render("page.html", {
        "page_title": t(SITE_NAME if url == "/" else f"{title} - {SITE_NAME}"),
        "title_attr": a(title), "description_attr": a(description), "url_attr": a(url),
        "extra_head": extra_head, "nav": nav(), "main": main,
    })


def teasers(stories: list[Story]) -> str:
    items = [
        f'<div class="teaser"><a class="teaser-section" href="{a(section_url(x.art.section.slug))}">'
        f'{t(x.art.section.name)}</a><h3><a href="{a(x.url)}">{t(x.art.title)}</a></h3>'
        f'<p class="when">{t(human(x.art.published))}</p><p>{t(x.art.teaser(18))}</p></div>'
        for x in stories
    ]
    return '<div class="teasers">\n' + "\n".join(items) + "\n</div>"
