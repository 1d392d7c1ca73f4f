"""Non-article pages of the demo site: home, sections, tags and about (``og:type=website``)."""

from __future__ import annotations

from collections.abc import Iterable

from newsspider.demo.articles import Article
from newsspider.demo.build_discovery import FEED_LINKS
from newsspider.demo.markup import (
    SITE_FIELDS,
    a,
    human_date,
    json_ld,
    link_list,
    nav_ul,
    render,
    t,
)
from newsspider.demo.sitedata import SECTIONS, SITE_NAME
from newsspider.demo.textgen import slugify


def render_listing(title: str, path: str, description: str, main_html: str,
                   popular: list[Article], extra_head: str = "") -> str:
    """A non-article page (home, section, tag, about): og:type=website, no article JSON-LD."""
    page_title = SITE_NAME if path == "/" else f"{title} | {SITE_NAME}"
    sidebar = ""
    if popular:
        sidebar = (f'<aside class="sidebar"><section class="most-popular">'
                   f"<h2>{SITE_FIELDS['most_popular']}</h2>{link_list(popular, '<ol>', '</ol>')}"
                   f"</section></aside>\n")
    return render("listing.html", {
        "page_title": t(page_title),
        "description_attr": a(description),
        "path_attr": a(path),
        "title_attr": a(title),
        "extra_head": extra_head,
        "nav": nav_ul(),
        "main": main_html,
        "sidebar": sidebar,
    })


def _teaser_items(arts: Iterable[Article]) -> str:
    items = [
        f'<div class="teaser-item">'
        f'<a class="teaser-section" href="/{x.section.slug}/">{t(x.section.name)}</a>'
        f'<h2><a href="{a(x.path)}">{t(x.title)}</a></h2>'
        f'<p class="teaser-meta">{t(human_date(x.published))} &middot; '
        f"{t(', '.join(x.author_names))}</p>"
        f"<p>{t(x.teaser(22))}</p></div>"
        for x in arts
    ]
    return '<div class="teaser-list">\n' + "\n".join(items) + "\n</div>"


def listing_pages(articles: list[Article], popular: list[Article],
                  all_tags: list[str]) -> dict[str, str]:
    """Site-relative file path -> HTML of the home, section, tag and about pages."""
    by_date = sorted(articles, key=lambda x: x.published, reverse=True)
    pages: dict[str, str] = {}
    home_ld = json_ld({"@context": "https://schema.org", "@type": "WebSite",
                       "name": SITE_NAME, "url": "/"})
    sections_html = "\n".join(
        f'<section class="home-section"><h2><a href="/{s.slug}/">{t(s.name)}</a></h2>'
        + link_list([x for x in by_date if x.section is s][:3]) + "</section>"
        for s in SECTIONS)
    pages["index.html"] = render_listing(
        SITE_NAME, "/", f"The latest news from {SITE_NAME}.",
        f"<h1>Latest news</h1>\n{_teaser_items(by_date[:16])}\n{sections_html}",
        popular[:5], extra_head="\n" + home_ld + FEED_LINKS)
    for s in SECTIONS:
        arts = [x for x in by_date if x.section is s]
        pages[f"{s.slug}/index.html"] = render_listing(
            s.name, f"/{s.slug}/", s.blurb,
            f"<h1>{t(s.name)}</h1>\n<p class=\"section-blurb\">{t(s.blurb)}</p>\n"
            f"{_teaser_items(arts)}", popular[:5])
    for tag in all_tags:
        arts = [x for x in by_date if tag in x.tags]
        pages[f"tags/{slugify(tag)}/index.html"] = render_listing(
            f"Tag: {tag}", f"/tags/{slugify(tag)}/", f"Stories tagged {tag}.",
            f"<h1>Tag: {t(tag)}</h1>\n{_teaser_items(arts)}", [])
    about = render("about.html", {}).rstrip("\n")  # the file ends with a line break
    pages["about/index.html"] = render_listing(
        f"About {SITE_NAME}", "/about/", f"About {SITE_NAME}, a fictional newspaper.", about, [])
    return pages
