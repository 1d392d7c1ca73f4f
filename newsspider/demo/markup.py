"""HTML pieces shared by the demo site's page renderers, and the templates' common fields."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from newsspider.demo.articles import Article
from newsspider.demo.sitedata import MONTHS, SECTIONS, SITE, template
from newsspider.demo.textgen import Block, slugify


def t(text: str) -> str:
    """Escape text content."""
    return escape(text, quote=False)


def a(text: str) -> str:
    """Escape an attribute value."""
    return escape(text, quote=True)


#: Site-wide fields of every page template (``$site_name``, ``$topbar_date`` ...), escaped.
SITE_FIELDS: dict[str, str] = {key: t(value) for key, value in SITE.items() if isinstance(value, str)}


def render(name: str, fields: dict[str, Any]) -> str:
    """Fill the page template ``name`` with :data:`SITE_FIELDS` and ``fields``."""
    return template(name).substitute(SITE_FIELDS, **fields)


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def human_date(dt: datetime) -> str:
    return f"{MONTHS[dt.month - 1]} {dt.day}, {dt.year}"


def human_datetime(dt: datetime) -> str:
    return f"{human_date(dt)}, {dt:%H:%M}"


def json_ld(data: dict[str, Any]) -> str:
    payload = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{payload}\n</script>'


def block_html(block: Block) -> str:
    """A body block's text, escaped, with its inline link if it has one."""
    html = t(block.text)
    if block.link:
        word, href = block.link
        html = html.replace(t(word), f'<a href="{a(href)}">{t(word)}</a>', 1)
    return html


def body_html(art: Article, p_open: str = "<p>") -> str:
    """Body blocks as HTML: consecutive ``li`` blocks become one ``<ul>``."""
    out: list[str] = []
    in_list = False
    for block in art.blocks:
        if block.tag == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.tag != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if block.tag == "li":
            out.append(f"<li>{block_html(block)}</li>")
        elif block.tag == "h2":
            out.append(f"<h2>{block_html(block)}</h2>")
        else:
            close = "</span></p>" if "<span" in p_open else "</p>"
            out.append(f"{p_open}{block_html(block)}{close}")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def byline(art: Article, link: Callable[[str], str]) -> str:
    """"A", "A and B", "A, B and C", "A, Senior Correspondent" (after "By ")."""
    names = [link(name) for name in art.author_names]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if art.byline_title:
        text += f", {t(art.authors[0][1])}"
    return text


def nav_items() -> list[tuple[str, str]]:
    """(label, href) of the main menu."""
    return [("Home", "/")] + [(s.name, f"/{s.slug}/") for s in SECTIONS] + [("About", "/about/")]


def nav_ul(ul_attrs: str = "", li_attrs: str = "") -> str:
    items = "".join(f'<li{li_attrs}><a href="{href}">{t(label)}</a></li>'
                    for label, href in nav_items())
    return f"<ul{ul_attrs}>{items}</ul>"


def link_list(arts: Iterable[Article], ul: str = "<ul>", end: str = "</ul>") -> str:
    items = "".join(f'<li><a href="{a(x.path)}">{t(x.title)}</a></li>' for x in arts)
    return f"{ul}{items}{end}"


def tag_links(tags: Iterable[str], sep: str = "") -> str:
    return sep.join(f'<a href="/tags/{slugify(tag)}/">{t(tag)}</a>' for tag in tags)


def tag_items(tags: Iterable[str]) -> str:
    """One ``<li>`` per tag link."""
    return "".join(f"<li>{tag_links([tag])}</li>" for tag in tags)


@dataclass
class SiteContext:
    """Site-wide link choices shared by the page renderers."""

    articles: list[Article]
    popular: list[Article]
    all_tags: list[str]

    def picks(self, art: Article) -> tuple[list[Article], list[Article], list[Article], list[str]]:
        """(teasers, other content, most popular, other tags) for one article page."""
        rng = random.Random(f"links-{art.index}")
        others = [x for x in self.articles if x is not art]
        teasers = rng.sample(others, 3)
        rest = [x for x in others if x not in teasers]
        more = rng.sample(rest, 4)
        popular = [x for x in self.popular if x is not art][:5]
        other_tags = rng.sample([x for x in self.all_tags if x not in art.tags], 6)
        return teasers, more, popular, sorted(other_tags)
