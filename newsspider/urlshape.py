"""What a URL's shape says about its page: article (date, id, long slug) or index/static page.

One source of this knowledge for both the extractor's page classification
(:mod:`newsspider.extraction.classify`) and the crawler's link scoring
(:mod:`newsspider.discovery.scoring`). Pure functions, no Scrapy imports.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Path segments of index pages: /tag/x, /category/x, /section/x, /author/x, /page/2 ...
INDEX_SEGMENTS = re.compile(
    r"^(?:tags?|topics?|category|categories|section|sections|author|authors|authors?-\w+|archive|archives|page|search|"
    r"themen?|thema|schlagwort|rubrik|ressort|autor|autoren|rubrique|auteur|categorie|catégorie|etiqueta|etiquetas|seccion|sección|categoria|autor)$",
    re.I,
)
DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?(?:/|-|$)|(?:19|20)\d{6}")
NUMERIC_ID = re.compile(r"(?:^|[/_.-])(?:[a-z]{0,3})?\d{5,}(?:[/_.-]|$)|[/-]\d{3,}(?:\.html?)?$|/\d{3,}/", re.I)
ID_QUERY = re.compile(r"(?:^|&)(?:id|idx|p|aid|articleid|article_id|story_id|storyid|newsid|news_id|no|nid)=\d+", re.I)
# Static pages of every site: never an article unless the markup says so.
STATIC_SLUGS = re.compile(
    r"^(?:about|about-us|contact|contact-us|imprint|impressum|privacy|privacy-policy|terms|terms-of-service|terms-of-use|"
    r"datenschutz|kontakt|ueber-uns|uber-uns|mentions-legales|a-propos|qui-sommes-nous|aviso-legal|quienes-somos|contacto|"
    r"politica-de-privacidad|careers|jobs|faq|help|team|advertise|subscribe|newsletter|login|register|sitemap|search)(?:\.html?|\.php)?$",
    re.I,
)


def path_segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/") if s]


def url_is_index_or_static(url: str) -> bool:
    """Home page, /tag/x, /category/x/page/2, /about/ ..."""
    segments = path_segments(url)
    if not segments:
        return not ID_QUERY.search(urlsplit(url).query)
    if any(INDEX_SEGMENTS.match(s) for s in segments[:-1]) or INDEX_SEGMENTS.match(segments[0]):
        return True
    return bool(STATIC_SLUGS.match(segments[-1]))


def url_looks_like_article(url: str) -> bool:
    """Date, numeric id or a long slug in the path; never an index or static page."""
    if url_is_index_or_static(url):
        return False
    parts = urlsplit(url)
    if DATE_IN_PATH.search(parts.path) or NUMERIC_ID.search(parts.path) or ID_QUERY.search(parts.query):
        return True
    segments = path_segments(url)
    slug = re.sub(r"\.(?:html?|php|aspx?|shtml)$", "", segments[-1], flags=re.I)
    return len(re.split(r"[-_]+", slug)) >= 4 or len(slug) >= 35
