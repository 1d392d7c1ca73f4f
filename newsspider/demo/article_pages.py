"""Article pages of the demo site: four templates imitating four kinds of CMS.

``modern`` (HTML5 + Open Graph + JSON-LD), ``legacy`` (WordPress "Newspaper" theme div soup,
no JSON-LD), ``plain`` (minimal markup, JSON-LD with ``articleBody``) and ``obfuscated``
(CSS-in-JS output: hashed class names, only ``<div>``s in one column, no JSON-LD). The page
skeletons are ``demo/data/templates/article_<name>.html``; this module computes their fields.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from string import Template
from typing import Any

from newsspider.demo.articles import Article
from newsspider.demo.markup import (
    SiteContext,
    a,
    block_html,
    body_html,
    byline,
    human_date,
    human_datetime,
    iso,
    json_ld,
    link_list,
    nav_items,
    nav_ul,
    render,
    t,
    tag_items,
    tag_links,
)
from newsspider.demo.sitedata import MONTHS, SITE_NAME, template

LEGACY_SHARE = (
    '<span class="td-social-but-text">Share this</span> '
    '<a class="td-social-sharing-button td-social-facebook" href="#share-facebook">'
    '<span class="td-social-but-text">Facebook</span></a> '
    '<a class="td-social-sharing-button td-social-twitter" href="#share-twitter">'
    '<span class="td-social-but-text">Twitter</span></a> '
    '<a class="td-social-sharing-button td-social-whatsapp" href="#share-whatsapp">'
    '<span class="td-social-but-text">WhatsApp</span></a> '
    '<a class="td-social-sharing-button td-social-mail" href="#share-email">'
    '<span class="td-social-but-text">Email</span></a>'
)


def _news_article_ld(art: Article, with_body: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": art.path},
        "headline": art.title,
        "description": art.description,
        "image": {"@type": "ImageObject", "url": f"/static/img/{art.section.slug}.svg",
                  "width": 1200, "height": 630},
        "datePublished": iso(art.published),
    }
    if art.modified:
        data["dateModified"] = iso(art.modified)
    data["author"] = [{"@type": "Person", "name": n, "url": "/about/"}
                      for n in art.author_names]
    data["publisher"] = {"@type": "Organization", "name": SITE_NAME,
                         "logo": {"@type": "ImageObject", "url": "/static/img/logo.svg"}}
    data["articleSection"] = art.section.name
    if with_body:
        data["keywords"] = ", ".join(art.tags)
        data["articleBody"] = art.body
    else:
        data["keywords"] = list(art.tags)
    return data


def _fields(art: Article) -> dict[str, str]:
    """Fields every article template may use."""
    return {
        "title": t(art.title),
        "title_attr": a(art.title),
        "description_attr": a(art.description),
        "path_attr": a(art.path),
        "section": t(art.section.name),
        "section_attr": a(art.section.name),
        "section_slug": art.section.slug,
        "published_iso": art.published.isoformat(),
        "authors_attr": a(", ".join(art.author_names)),
    }


def _source(art: Article, link_attrs: str = "") -> str:
    """The wire source of the credit line, linked to the about page or not."""
    return f'<a href="/about/"{link_attrs}>{t(art.source)}</a>' if art.source_linked else t(art.source)


def _modified_meta(art: Article, end: str = ">") -> str:
    if not art.modified:
        return ""
    return f'\n<meta property="article:modified_time" content="{iso(art.modified)}"{end}'


def _meta_tags(art: Article, end: str = ">") -> str:
    return "\n".join(f'<meta property="article:tag" content="{a(x)}"{end}' for x in art.tags)


def render_modern(art: Article, site: SiteContext) -> str:
    """HTML5 CMS: header/nav/main/article/aside/footer, Open Graph and JSON-LD (no body)."""
    teasers, more, popular, other_tags = site.picks(art)
    updated = (f' <span class="updated">Updated <time datetime="{iso(art.modified)}">'
               f"{t(human_datetime(art.modified))}</time></span>" if art.modified else "")
    return render("article_modern.html", {
        **_fields(art),
        "meta_tags": _meta_tags(art),
        "modified_meta": _modified_meta(art),
        "json_ld": json_ld(_news_article_ld(art, with_body=False)),
        "nav": nav_ul(),
        "teasers": "\n".join(f'<li><a href="{a(x.path)}">{t(x.title)}</a><p>{t(x.teaser())}</p></li>'
                             for x in teasers),
        "byline": byline(art, lambda n: f'<a rel="author" href="/about/">{t(n)}</a>'),
        "published_human": t(human_datetime(art.published)),
        "updated": updated,
        "body": body_html(art),
        "tag_links": tag_links(art.tags, ", "),
        "source": _source(art),
        "more_links": link_list(more),
        "other_tag_items": tag_items(other_tags),
        "popular": link_list(popular, "<ol>", "</ol>"),
    })


def render_legacy(art: Article, site: SiteContext) -> str:
    """WordPress "Newspaper" theme: td-* div soup, meta author/description, no JSON-LD."""
    teasers, more, popular, other_tags = site.picks(art)
    prev_art = site.articles[art.index - 1]
    next_art = site.articles[(art.index + 1) % len(site.articles)]
    teaser_html = "\n".join(
        f'<div class="td_module_flex td_module_flex_1"><h3 class="entry-title td-module-title">'
        f'<a href="{a(x.path)}" rel="bookmark" title="{a(x.title)}">{t(x.title)}</a></h3>'
        f'<div class="td-excerpt">{t(x.teaser())}</div></div>' for x in teasers)
    popular_html = "\n".join(
        f'<div class="td_module_6 td_module_wrap"><h3 class="entry-title td-module-title">'
        f'<a href="{a(x.path)}" rel="bookmark">{t(x.title)}</a></h3>'
        f'<span class="td-post-date">{t(human_date(x.published))}</span></div>'
        for x in popular)
    return render("article_legacy.html", {
        **_fields(art),
        "meta_tags": _meta_tags(art, " />"),
        "modified_meta": _modified_meta(art, " />"),
        "post_id": str(1000 + art.index),
        "nav_main": nav_ul(' id="menu-main-menu" class="sf-menu"',
                           ' class="menu-item menu-item-type-taxonomy"'),
        "nav_subfooter": nav_ul(' class="td-subfooter-menu"'),
        "teasers": teaser_html,
        "byline": byline(art, lambda n: f'<a href="/about/">{t(n)}</a>'),
        "published_date": t(human_date(art.published)),
        "views": f"{art.views:,}",
        "share": LEGACY_SHARE,
        "body": body_html(art, '<p><span style="font-weight: 400;">' if art.index % 2 else "<p>"),
        "source": _source(art, ' rel="nofollow"'),
        "more_links": link_list(more, '<ul class="td-other-content">'),
        "other_tag_items": tag_items(other_tags),
        "tag_items": tag_items(art.tags),
        "prev_path_attr": a(prev_art.path),
        "prev_title": t(prev_art.title),
        "next_path_attr": a(next_art.path),
        "next_title": t(next_art.title),
        "popular": popular_html,
    })


def _plain_stamp(art: Article) -> str:
    """"Published 21 April 2024, 09:05 CEST | Updated ..." with the zone's abbreviation."""

    def stamp(dt: datetime) -> str:
        zone = "CEST" if dt.utcoffset() == timedelta(hours=2) else "CET"
        return f"{dt.day} {MONTHS[dt.month - 1]} {dt.year}, {dt:%H:%M} {zone}"

    text = f"Published {stamp(art.published)}"
    return text + f" | Updated {stamp(art.modified)}" if art.modified else text


def render_plain(art: Article, site: SiteContext) -> str:
    """Minimal hand-made markup; JSON-LD ``NewsArticle`` including ``articleBody``."""
    teasers, more, popular, other_tags = site.picks(art)
    return render("article_plain.html", {
        **_fields(art),
        "json_ld": json_ld(_news_article_ld(art, with_body=True)),
        "menu": " | ".join(f'<a href="{href}">{t(label)}</a>' for label, href in nav_items()),
        "teasers": "\n".join(
            f'<div class="teaser"><a href="{a(x.path)}">{t(x.title)}</a><br>{t(x.teaser())}</div>'
            for x in teasers),
        "byline": byline(art, t),
        "stamp": t(_plain_stamp(art)),
        "body": body_html(art),
        "source": _source(art),
        "more_links": link_list(more),
        "other_tag_links": tag_links(other_tags, " "),
        "tag_links": tag_links(art.tags, ", "),
        "popular": link_list(popular, "<ol>", "</ol>"),
    })


def css_class(role: str) -> str:
    """A CSS-in-JS style class name: a hash that says nothing about what the element is."""
    digest = int(hashlib.sha1(f"demo-daily-{role}".encode()).hexdigest()[:8], 16)
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while digest:
        digest, rest = divmod(digest, 36)
        out += chars[rest]
    return f"css-{out[:6]}"


def _css_fields(page: Template) -> dict[str, str]:
    """``$css_<role>`` placeholders of ``page`` (``_`` for ``-`` in the role) -> class name."""
    names = {m["named"] or m["braced"] for m in page.pattern.finditer(page.template)}
    return {n: css_class(n[4:].replace("_", "-")) for n in names if n and n.startswith("css_")}


def _obfuscated_body(art: Article) -> str:
    """Body blocks as hashed-class siblings: paragraphs as ``<div>`` (even pages) or ``<p>``."""
    tag = "div" if art.index % 2 == 0 else "p"
    out = []
    for block in art.blocks:
        if block.tag == "h2":
            out.append(f'<div class="{css_class("subhead")}"><b>{block_html(block)}</b></div>')
        elif block.tag == "li":
            out.append(f'<div class="{css_class("bullet")}">{block_html(block)}</div>')
        else:
            out.append(f'<{tag} class="{css_class("para")}">{block_html(block)}</{tag}>')
    return "\n".join(out)


def render_obfuscated(art: Article, site: SiteContext) -> str:
    """CSS-in-JS single page app output: hashed class names, only ``<div>``s, one column.

    No ``<article>``/``<main>``/``<nav>``/``<aside>``, no JSON-LD, no author/date meta: the
    page header, teasers, story, credit, disclaimer, link lists and footer are siblings in
    one container, so only text repeated across pages tells boilerplate from the story. Two
    site-specific lines (promo, corrections) repeat on every page of this template only.
    """
    teasers, more, popular, other_tags = site.picks(art)
    c = css_class
    updated = f" (updated {t(human_datetime(art.modified))})" if art.modified else ""
    name = "article_obfuscated.html"
    return render(name, {
        **_fields(art),
        **_css_fields(template(name)),
        "modified_meta": _modified_meta(art),
        "menu": " ".join(f'<a class="{c("menu-link")}" href="{href}">{t(label)}</a>'
                         for label, href in nav_items()),
        "teasers": "\n".join(
            f'<div class="{c("teaser")}"><a class="{c("teaser-link")}" href="{a(x.path)}">{t(x.title)}</a></div>\n'
            f'<div class="{c("teaser-text")}">{t(x.teaser())}</div>' for x in teasers),
        "byline": byline(art, t),
        "published_human": t(human_datetime(art.published)),
        "updated": updated,
        "body": _obfuscated_body(art),
        "source": _source(art),
        "more_links": "\n".join(f'<div class="{c("list-item")}"><a href="{a(x.path)}">{t(x.title)}</a></div>'
                                for x in more),
        "other_tag_links": tag_links(other_tags, " "),
        "popular": "\n".join(f'<div class="{c("list-item")}">{n}. <a href="{a(x.path)}">{t(x.title)}</a></div>'
                             for n, x in enumerate(popular, 1)),
    })


RENDERERS: dict[str, Callable[[Article, SiteContext], str]] = {
    "modern": render_modern, "legacy": render_legacy, "plain": render_plain,
    "obfuscated": render_obfuscated,
}
