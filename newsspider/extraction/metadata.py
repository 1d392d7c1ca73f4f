"""Article metadata from one parsed page: JSON-LD first, then OpenGraph / meta, then markup.

Each field takes the first source that gives a usable value; htmldate is the last resort
for the publication date because it is the slowest.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newsspider.dates import normalize_date
from newsspider.extraction import jsonld
from newsspider.extraction.authors import clean_authors
from newsspider.extraction.html import text_of
from newsspider.textlength import word_count
from newsspider.urlshape import trusted_canonical

logger = logging.getLogger(__name__)

_TITLE_SEPARATORS = re.compile(r"\s+[|–—:·•»-]\s+|\s+::\s+|\s+//\s+")
_HOME_CRUMBS = {"home", "startseite", "accueil", "inicio", "portada", "start", "news", "homepage"}


class Meta:
    """``<meta>`` values of a page by lower-cased property/name (a name may repeat)."""

    def __init__(self, tree: HtmlElement) -> None:
        self.values: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
            content = meta.get("content")
            if key and content and content.strip():
                self.values.setdefault(key.strip().lower(), []).append(" ".join(content.split()))

    def first(self, *keys: str) -> str | None:
        for key in keys:
            if self.values.get(key):
                return self.values[key][0]
        return None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


def _text(tree: HtmlElement, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        value = text_of(element) if isinstance(element, HtmlElement) else " ".join(str(element).split())
        if value:
            return value
    return None


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _strip_site_suffix(title: str, site_names: list[str], h1: str | None) -> str:
    """Drop " | Site Name" style pre/suffixes."""
    if h1 and h1 != title and h1 in title and len(h1) >= 0.4 * len(title):
        rest = title.replace(h1, "", 1).strip()
        if not rest or _TITLE_SEPARATORS.fullmatch(" " + rest + " ") or re.fullmatch(r"[|–—:·•»-]\s*.*|.*\s*[|–—:·•»-]", rest):
            return h1
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {_squash(n) for n in site_names if n}
    # Known site name at either end ("World Affairs Daily" matches worldaffairs-daily.example).
    if _squash(parts[-1]) in names:
        return _strip_site_suffix(title[: title.rfind(parts[-1])].rstrip(" |–—:·•»-/"), site_names, h1)
    if _squash(parts[0]) in names:
        return title[len(parts[0]) :].lstrip(" |–—:·•»-/")
    # A pipe almost always separates the site name; keep the longest part.
    if " | " in title:
        return max(title.split(" | "), key=len).strip()
    return title


def _site_names(meta: Meta, graph: list[dict[str, Any]], url: str) -> list[str]:
    names = [meta.first("og:site_name", "application-name", "twitter:site") or ""]
    for node in graph:
        if jsonld.types_of(node) & {"WebSite", "Organization", "NewsMediaOrganization"}:
            if isinstance(node.get("name"), str):
                names.append(node["name"])
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    names += [host, host.split(".")[0]]
    return [n.lstrip("@") for n in names if n]


def _dates(article: dict[str, Any] | None, meta: Meta, tree: HtmlElement) -> tuple[str | None, str | None]:
    published_candidates: list[Any] = []
    modified_candidates: list[Any] = []
    if article:
        published_candidates += [article.get("datePublished"), article.get("dateCreated")]
        modified_candidates.append(article.get("dateModified"))
    published_candidates += [
        meta.first(
            "article:published_time",
            "og:article:published_time",
            "datepublished",
            "publishdate",
            "pubdate",
            "publish-date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "date",
        ),
        _text(tree, "//time[@itemprop='datePublished']/@datetime|//*[@itemprop='datePublished']/@content"),
        _text(tree, "(//article//time[@datetime]|//time[@pubdate])[1]/@datetime"),
    ]
    modified_candidates += [
        meta.first("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified"),
        _text(tree, "//*[@itemprop='dateModified']/@datetime|//*[@itemprop='dateModified']/@content"),
    ]
    published = next((d for d in map(normalize_date, published_candidates) if d), None)
    modified = next((d for d in map(normalize_date, modified_candidates) if d), None)
    return published, modified


def _htmldate(tree: HtmlElement, url: str) -> str | None:
    """Last resort: htmldate's heuristics (slow, date precision only)."""
    from htmldate import find_date  # imported lazily: loading it costs time at start

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return normalize_date(found) if found else None


def _section(
    article: dict[str, Any] | None, meta: Meta, graph: list[dict[str, Any]], tree: HtmlElement, title: str | None, url: str
) -> str | None:
    if article:
        value = jsonld.first_string(article.get("articleSection"))
        if value:
            return value
    value = meta.first("article:section", "og:article:section", "section", "parsely-section", "category")
    if value:
        return value
    crumbs = jsonld.breadcrumb(graph)
    if not crumbs:
        crumbs = [
            text_of(a)
            for a in tree.xpath(
                "(//*[contains(@class,'breadcrumb') or contains(@id,'breadcrumb') or @aria-label='breadcrumb' or @aria-label='Breadcrumb'])[1]//a"
            )
        ]
    crumbs = [c for c in crumbs if c and c.casefold() not in _HOME_CRUMBS and c != title]
    if crumbs:
        return crumbs[-1] if len(crumbs) == 1 or crumbs[-1] != title else crumbs[-2]
    value = _kicker(tree, title) or _parent_path_kicker(tree, url)
    if value:
        return value
    value = _text(tree, "//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]")
    if value:
        return value
    # Category label links inside the article header (WordPress themes: /category/slug/).
    value = _text(
        tree,
        "(//article|//*[contains(@class,'post') or contains(@class,'entry') or contains(@class,'article')])"
        f"//a[{_SECTION_HREF}]",
    )
    return value


_SECTION_HREF = (
    "contains(@href,'/category/') or contains(@href,'/section/') or contains(@href,'/sections/') "
    "or contains(@href,'/rubrik/') or contains(@href,'/ressort/') or contains(@href,'/rubrique/') "
    "or contains(@href,'/seccion/') or contains(@href,'/categoria/') or contains(@href,'/kategorie/')"
)


def _kicker(tree: HtmlElement, title: str | None) -> str | None:
    """The section link printed right before the headline (a "kicker" label)."""
    if not title:
        return None
    start = " ".join(title.split())[:40].casefold()
    for link in tree.xpath(f"//body//a[{_SECTION_HREF}]"):
        label = text_of(link)
        following = link.xpath("following::text()[normalize-space()][1]")
        if not label or not following:
            continue
        text = " ".join(str(following[0]).split()).casefold()[:40]
        if len(text) >= 15 and (text.startswith(start) or start.startswith(text)):
            return label
    return None


def _parent_path_kicker(tree: HtmlElement, url: str) -> str | None:
    """The link right before the headline when it points to a parent folder of the article's URL.

    ``<a href="/culture/">Culture</a><h1>...`` on ``/culture/2024/01/29/story.html``: sites file
    articles under their section's path, so a kicker linking to an ancestor path names the section.
    """
    links = tree.xpath("(//h1)[1]/preceding::a[1]")
    if not links:
        return None
    label, href = text_of(links[0]), links[0].get("href")
    if not label or not href or word_count(label) > 4:
        return None
    parent = urlsplit(urljoin(url, href)).path.rstrip("/")
    page = urlsplit(url)
    if not parent or urlsplit(urljoin(url, href)).netloc != page.netloc:
        return None
    return label if page.path.startswith(parent + "/") and page.path.rstrip("/") != parent else None


def _split_keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for v in value for k in _split_keywords(v)]
    if isinstance(value, str):
        return [k.strip() for k in re.split(r"[,;]", value) if k.strip()]
    return []


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def extract_metadata(tree: HtmlElement, url: str, graph: list[dict[str, Any]]) -> dict[str, Any]:
    """All record fields except ``body``, from the page's tree and its JSON-LD nodes."""
    meta = Meta(tree)
    index = jsonld.by_id(graph)
    article = jsonld.find_article(graph)

    h1 = _text(tree, "(//article//h1|//h1)[1]")
    title = None
    if article:
        title = jsonld.first_string(article.get("headline")) or jsonld.first_string(article.get("name"))
    title = title or meta.first("og:title", "twitter:title") or h1 or _text(tree, "//head/title")
    if title:
        title = _strip_site_suffix(" ".join(title.split()), _site_names(meta, graph, url), h1)

    authors: list[str] = []
    if article:
        authors = clean_authors(jsonld.resolve(article.get("author"), index))
    if not authors:
        authors = clean_authors(meta.all("author") or meta.all("article:author") or meta.all("parsely-author") or meta.all("sailthru.author"))
        # article:author is often a profile URL, which clean_authors drops.
    if not authors:
        bylines = tree.xpath(
            "//*[@rel='author' or @itemprop='author' or contains(concat(' ', @class, ' '), ' author ') "
            "or contains(@class,'byline') or contains(@class,'author-name')]"
        )
        for element in bylines[:3]:
            authors = clean_authors(text_of(element))
            if authors:
                break

    published, modified = _dates(article, meta, tree)
    if published is None:
        published = _htmldate(tree, url)

    language = tree.get("lang") or tree.get("xml:lang") or meta.first("content-language", "og:locale", "language", "dc.language")
    if not language and article:
        language = jsonld.first_string(article.get("inLanguage"))
    if language:
        language = re.split(r"[-_]", language.strip())[0].lower() or None

    tags = meta.all("article:tag") + meta.all("og:article:tag")
    if article:
        tags += _split_keywords(article.get("keywords"))
    if not tags:
        tags = _split_keywords(meta.all("keywords") or meta.all("news_keywords"))

    description = meta.first("og:description", "description", "twitter:description")
    if not description and article:
        description = jsonld.first_string(article.get("description"))

    image = meta.first("og:image", "og:image:url", "og:image:secure_url")
    if not image and article:
        image = jsonld.first_string(article.get("image"), "url")
    image = image or meta.first("twitter:image", "twitter:image:src")

    canonical = _text(tree, "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href") or meta.first("og:url")
    canonical = urljoin(url, canonical) if canonical else None
    if canonical and not trusted_canonical(url, canonical):
        # A home page or section canonical names many pages: the record would be a "duplicate".
        logger.debug("untrusted canonical %s on %s", canonical, url)
        canonical = None

    return {
        "title": title or None,
        "authors": authors,
        "published": published,
        "modified": modified,
        "language": language,
        "section": _section(article, meta, graph, tree, title, url),
        "tags": _unique(tags),
        "description": description,
        "image": urljoin(url, image) if image else None,
        "canonical_url": canonical or url,
    }
